package org.statehub.edfi.core.dataspace;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Something a service stores at start in each of its data spaces: a bean of this type is run by {@link DataSpaces}
 * once in every space (each school year's schema, or the service's one schema without years), after the
 * migrations, with the space bound ({@link DataSpaces#within}), so its connections reach that space's tables.
 */
@FunctionalInterface
public interface StartupSeed {

    /** Stores the seed in {@code space}, the current data space (empty: the service's own schema). */
    void seed(Optional<String> space) throws SQLException;
}
