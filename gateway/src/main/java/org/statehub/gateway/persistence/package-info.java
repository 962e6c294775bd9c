/**
 * The gateway's SQL: API clients (secrets only as hashes) and their rate limits.
 */
package org.statehub.gateway.persistence;
