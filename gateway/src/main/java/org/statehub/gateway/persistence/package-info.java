/**
 * The gateway's SQL: API clients (secrets only as hashes), their rate limits and the token signing key, each
 * table behind a repository that uses hub-jdbc's {@code Sql} on a connection from {@link
 * org.statehub.gateway.persistence.GatewayDatabase}; a database failure leaves here as an unchecked {@link
 * org.statehub.jdbc.StoreException}, so no caller above declares SQL.
 */
package org.statehub.gateway.persistence;
