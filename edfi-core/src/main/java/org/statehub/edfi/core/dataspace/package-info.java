/**
 * School-year data spaces (docs/decisions/0020, part 5): with {@code hub.instances.route=school-year} (hub-http's
 * {@code SchoolYears}) each year named in {@code hub.instances.years} is a PostgreSQL schema of its own per service,
 * made by the service's own Flyway migrations at start; the request's data space (the {@code Hub-Data-Space} header,
 * checked by the api's {@code DataSpaceFilter}) or the background work's ({@link DataSpaces#within}) picks the schema
 * of every connection taken from the pool ({@link DataSpaceInterceptor}). A service's {@link StartupSeed}s are stored
 * in every space at start. With no years configured the service's one schema is the only space.
 */
package org.statehub.edfi.core.dataspace;
