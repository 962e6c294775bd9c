/**
 * The Ed-Fi engine's HTTP face, the only package of the engine that knows JAX-RS: /data/v3/{project}/{resource} for
 * every resource a service owns (DataResource), bulk upserts, change queries, the access log and its /audit API,
 * the OpenAPI description, the claim-set rules checked before any data is touched, and the one place where write
 * outcomes become HTTP answers (WriteResponses).
 */
package org.statehub.edfi.core.api;
