package org.statehub.edfi.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.util.Optional;
import org.statehub.edfi.contract.ReferenceTarget;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.service.RemoteReferences;

/**
 * For a service that keeps no copy of other services' data: references into them are accepted unchecked and
 * no remote dependents are known. Replaced by a replica-backed bean once the service has one.
 */
final class NoRemoteReferences implements RemoteReferences {

    @Override
    public Resolution fetch(ResourceDefinition target, ReferenceTarget via, JsonNode reference) {
        return Resolution.NOT_CHECKED;
    }

    @Override
    public Resolution resolve(
            Connection connection, ResourceDefinition target, ReferenceTarget via, JsonNode reference) {
        return Resolution.NOT_CHECKED;
    }

    @Override
    public Optional<String> catchUpReferrers(ResourceDefinition resource) {
        return Optional.empty();
    }

    @Override
    public Optional<String> dependentOf(Connection connection, ResourceDefinition resource, JsonNode keyValues) {
        return Optional.empty();
    }
}
