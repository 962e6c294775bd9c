package org.statehub.conflict.config;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.core.descriptor.DescriptorLookup;
import org.statehub.edfi.core.descriptor.DocumentDescriptorLookup;

/**
 * What edfi-core's engine needs from each service. conflict-service owns no Ed-Fi resource (its /data endpoints
 * answer 404), so no descriptor is ever validated here: the lookup over its own, empty, document store serves.
 */
public class EngineBeans {

    @Produces
    @Singleton
    DescriptorLookup descriptors(AgroalDataSource dataSource, ResourceCatalog catalog) {
        return new DocumentDescriptorLookup(dataSource, catalog);
    }
}
