package org.statehub.edfi.core.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.core.descriptor.DescriptorLookup;
import org.statehub.edfi.core.replication.Replication;
import org.statehub.edfi.core.service.DocumentService;
import org.statehub.edfi.core.service.QueryService;
import org.statehub.edfi.core.service.Relationships;
import org.statehub.edfi.core.service.RemoteReferences;
import org.statehub.edfi.core.validation.DocumentValidator;

/** Builds the framework-free engine from the service's data source and configuration. */
public class EngineProducer {

    @Produces
    @Singleton
    ResourceCatalog catalog(EdFiConfig config) {
        ResourceCatalog catalog = ResourceCatalog.contract();
        String configured = config.extensions().orElse("").replace(" ", "");
        String loaded = String.join(
                ",", catalog.extensions().stream().map(p -> p.source()).toList());
        if (!configured.equals(loaded)) {
            // set in a properties file only, which the catalog (loaded before configuration) cannot read
            throw new IllegalStateException("edfi.extensions is '" + configured + "' but the contract was loaded with '"
                    + loaded + "': give it as the system property edfi.extensions or the environment variable"
                    + " EDFI_EXTENSIONS");
        }
        return catalog;
    }

    /** The claim sets this service applies: the gateway's, through the client directory (docs/decisions/0020). */
    @Produces
    @Singleton
    org.statehub.edfi.core.service.ClaimSets claimSets(
            org.statehub.http.ClientDirectory directory, ObjectMapper mapper) {
        return org.statehub.edfi.core.service.ClaimSets.of(directory, mapper);
    }

    @Produces
    @Singleton
    DocumentValidator validator() {
        return new DocumentValidator();
    }

    @Produces
    @Singleton
    DocumentService documentService(
            EdFiConfig config,
            AgroalDataSource dataSource,
            ResourceCatalog catalog,
            DocumentValidator validator,
            DescriptorLookup descriptors,
            RemoteReferences remote,
            ObjectMapper mapper) {
        return new DocumentService(
                config.serviceName(),
                dataSource,
                catalog,
                validator,
                descriptors,
                remote,
                mapper,
                config.upsertGroups(),
                new Relationships.Policy(config.authorization().seoaForUnrelatedStudents()));
    }

    @Produces
    @Singleton
    QueryService queryService(
            EdFiConfig config,
            AgroalDataSource dataSource,
            ObjectMapper mapper,
            RemoteReferences remote,
            ResourceCatalog catalog) {
        return config.resourceLinks()
                ? new QueryService(
                        dataSource, mapper, remote, new org.statehub.edfi.core.service.ReferenceLinks(catalog, mapper))
                : new QueryService(dataSource, mapper, remote);
    }

    /** A many-organization client's organizations stored once, its statements binding their key (V1_11). */
    @Produces
    @Singleton
    org.statehub.edfi.core.service.ClaimedOrganizations claimedOrganizations(AgroalDataSource dataSource) {
        return new org.statehub.edfi.core.service.ClaimedOrganizations(
                dataSource, org.statehub.edfi.core.service.ClaimedOrganizations.KEYED_FROM);
    }

    /**
     * References into other services: checked against replicas when replication is on and has sources;
     * otherwise accepted unchecked (a service that keeps no copy of others' data).
     */
    @Produces
    @Singleton
    RemoteReferences remoteReferences(ReplicationConfig config, Replication replication, ResourceCatalog catalog) {
        if (!config.enabled() || replication.consumers().isEmpty()) {
            return new NoRemoteReferences();
        }
        return new org.statehub.edfi.core.replication.ReplicaReferences(replication.consumers(), catalog);
    }
}
