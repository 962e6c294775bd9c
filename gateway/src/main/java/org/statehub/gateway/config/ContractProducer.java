package org.statehub.gateway.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.statehub.edfi.contract.ResourceCatalog;

/** The Ed-Fi contract (which service owns which resource), read once. */
public class ContractProducer {

    @Produces
    @Singleton
    ResourceCatalog catalog() {
        return ResourceCatalog.contract();
    }
}
