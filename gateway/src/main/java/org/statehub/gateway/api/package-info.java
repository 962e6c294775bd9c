/**
 * The gateway's HTTP resources: routing of the Ed-Fi, bulk, feed and conflict paths to their services
 * (ReverseProxy streams them on the event loop), tokens and token info, the admin API for clients and rate limits,
 * the client directory the services read, discovery, the merged OpenAPI document, change queries and the access
 * log for the whole API, and health.
 */
package org.statehub.gateway.api;
