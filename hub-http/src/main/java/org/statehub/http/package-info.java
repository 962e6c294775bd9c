/**
 * The HTTP concerns every service shares: the one problem-details type and factory with its exception mappers,
 * correlation ids, the public listener (a server of the hub's own that answers even unparsable requests with problem
 * details), the HTTP edge that enforces request limits and matches paths and query names without regard to case,
 * the one reader of token claims (TokenClaims, given by the service's CallerClaims) with the one state-administrator
 * check (StateAdminOnly, StateAdminFilter), and this service's own calls out (its client-credentials token, the gateway's client directory).
 */
package org.statehub.http;
