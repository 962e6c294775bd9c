/**
 * The engine's settings and wiring: what a service configures (its name, limits, replication sources), the
 * producer that builds the framework-free engine from the data source, the stand-in for a service that keeps no
 * copy of other services' data, and the health check of skipped records. Behaviour lives elsewhere.
 */
package org.statehub.edfi.core.config;
