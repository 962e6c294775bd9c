package org.statehub.edfi.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.util.Optional;
import org.statehub.edfi.contract.ReferenceTarget;
import org.statehub.edfi.contract.ResourceDefinition;

/**
 * What a service knows about items stored by other services: whether a referenced item exists, and whether a
 * local item is still referenced elsewhere. Services that keep replicas of other services' data provide a
 * bean of this type.
 */
public interface RemoteReferences {

    /** EXISTS, MISSING, NOT_CHECKED (no copy kept), or UNAVAILABLE (not in the copy and the owner unreachable). */
    enum Resolution {
        EXISTS,
        MISSING,
        NOT_CHECKED,
        UNAVAILABLE
    }

    /**
     * Whether the item of {@code target} that {@code reference} points to exists. A failure of this service's own
     * database is thrown, for the API to answer as any database failure (it is not the owner being unreachable).
     */
    Resolution resolve(Connection connection, ResourceDefinition target, ReferenceTarget via, JsonNode reference)
            throws java.sql.SQLException;

    /** The resource name of an item in another service that still references the item, if any. */
    Optional<String> dependentOf(Connection connection, ResourceDefinition resource, JsonNode keyValues)
            throws java.sql.SQLException;

    /**
     * Brings the replicas of relationship items (education organizations, enrollments, associations) up to date
     * with their owners; true when any was refreshed, so an authorization decision is worth making again.
     */
    default boolean refreshRelationships() {
        return false;
    }
}
