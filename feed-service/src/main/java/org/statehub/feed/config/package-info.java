/**
 * feed-service's settings, the beans it wires, the words of its paths (for case-insensitive matching at the HTTP
 * edge) and the health check of open data errors.
 */
package org.statehub.feed.config;
