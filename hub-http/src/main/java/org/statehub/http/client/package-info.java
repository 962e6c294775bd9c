/**
 * The one way a service calls another service or the gateway: a wrapper of the JDK HTTP client with time-outs,
 * retries only where safe, and one cache of client-credentials tokens (decision 0011).
 */
package org.statehub.http.client;
