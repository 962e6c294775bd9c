package org.statehub.enrollment.descriptor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.edfi.core.dataspace.StartupSeed;
import org.statehub.edfi.core.descriptor.DescriptorLookup;
import org.statehub.edfi.core.descriptor.DocumentDescriptorLookup;
import org.statehub.edfi.core.descriptor.StandardDescriptorLoader;

/**
 * enrollment-service owns the descriptor resources: descriptor values are validated against its own items, and
 * the standard Ed-Fi set is stored at the first start.
 */
public class Descriptors {

    private static final Logger LOG = Logger.getLogger(Descriptors.class);

    @Produces
    @Singleton
    DescriptorLookup lookup(AgroalDataSource dataSource, ResourceCatalog catalog) {
        return new DocumentDescriptorLookup(dataSource, catalog);
    }

    /** Stores the standard set in every data space (each school year's schema, docs/decisions/0020, part 5). */
    @Produces
    @Singleton
    StartupSeed standardSet(AgroalDataSource dataSource, ResourceCatalog catalog, ObjectMapper mapper) {
        return space -> {
            String named = DataSpaces.named(space);
            long started = System.nanoTime();
            int inserted = StandardDescriptorLoader.loadOnce(dataSource, catalog, mapper);
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (inserted > 0) {
                LOG.infof("Standard Ed-Fi descriptors stored%s: %d values in %d ms", named, inserted, millis);
            } else {
                LOG.infof("Standard Ed-Fi descriptors were loaded before%s; nothing to do (%d ms)", named, millis);
            }
        };
    }
}
