/**
 * The gateway's settings, the contract it routes by, and the words of every path it serves.
 */
package org.statehub.gateway.config;
