/**
 * What the services that verify tokens with quarkus-oidc share: the request's caller from its verified token
 * (VerifiedCaller, hub-http's CallerClaims for them) and the answer when the token issuer cannot be reached (503
 * problem details with Retry-After). A module of its own so that the gateway, which issues tokens,
 * does not carry quarkus-oidc.
 */
package org.statehub.http.oidc;
