package org.statehub.student.descriptor;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.core.config.ReplicationConfig;
import org.statehub.edfi.core.descriptor.DescriptorLookup;
import org.statehub.edfi.core.replication.ReplicaDescriptorLookup;
import org.statehub.edfi.core.replication.Replication;

/**
 * student-service validates descriptor values against its replica of enrollment-service's descriptor resources
 * (values missing from the replica are asked of enrollment-service directly).
 */
public class Descriptors {

    @Produces
    @Singleton
    DescriptorLookup lookup(
            AgroalDataSource dataSource, ResourceCatalog catalog, Replication replication, ReplicationConfig config) {
        return new ReplicaDescriptorLookup(dataSource, catalog, replication.consumers(), config.enabled());
    }
}
