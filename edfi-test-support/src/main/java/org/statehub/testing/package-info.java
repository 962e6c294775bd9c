/**
 * What every module's tests share: a real PostgreSQL (embedded binaries, or the one configured), signed test
 * tokens, a stand-in of the gateway's client directory, the scope-matrix runner (with the creation of its
 * fixture items, and the two-LEA fixture the services' matrices extend), valid Ed-Fi bodies for fixtures (EdFiBodies), the requests and checks the tests make alike (EdFiRequests), the checks of a problem-details answer (ProblemDetails) and the base of a test profile that is only settings (SettingsProfile). Also DevPostgres, the durable PostgreSQL run.sh and the benchmarks start.
 */
package org.statehub.testing;
