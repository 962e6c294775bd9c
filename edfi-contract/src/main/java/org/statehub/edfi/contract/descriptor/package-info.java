/**
 * The standard Ed-Fi descriptor values shipped with the contract, as data.
 */
package org.statehub.edfi.contract.descriptor;
