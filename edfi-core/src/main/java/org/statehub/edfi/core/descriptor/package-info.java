/**
 * Descriptor values: whether a value exists (from the owner's documents, or a short-lived cache of values
 * recently found) and the one-time load of the standard Ed-Fi descriptor values into the owning service.
 */
package org.statehub.edfi.core.descriptor;
