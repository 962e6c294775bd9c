package org.statehub.gateway.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.security.ClaimsHierarchy;

/** The Ed-Fi contract (which service owns which resource) and its claims hierarchy, read once. */
public class ContractProducer {

    @Produces
    @Singleton
    ResourceCatalog catalog() {
        return ResourceCatalog.contract();
    }

    @Produces
    @Singleton
    ClaimsHierarchy claimsHierarchy() {
        return ClaimsHierarchy.shipped();
    }
}
