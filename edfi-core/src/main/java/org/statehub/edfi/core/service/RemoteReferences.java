package org.statehub.edfi.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.statehub.edfi.contract.ReferenceTarget;
import org.statehub.edfi.contract.ResourceDefinition;

/**
 * What a service knows about items stored by other services: whether a referenced item exists, and whether a
 * local item is still referenced elsewhere. Services that keep replicas of other services' data provide a
 * bean of this type.
 *
 * <p>Whatever needs another service ({@link #fetch}, {@link #catchUpReferrers}, {@link #refreshRelationships}) is
 * called before a write's transaction, with no connection held; what is called with the transaction's
 * {@code Connection} ({@link #resolve}, {@link #dependentOf}) reads only this service's database.
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
     * Before the write transaction: makes the copy hold the item {@code reference} points to when its owner has it
     * (asking the owner when the copy does not have it yet, and storing the answer in a transaction of its own),
     * and says whether it does. UNAVAILABLE when the owner had to be asked and could not be reached. A failure of
     * this service's own database is thrown, for the API to answer as any database failure.
     */
    Resolution fetch(ResourceDefinition target, ReferenceTarget via, JsonNode reference) throws SQLException;

    /**
     * Inside the write transaction: whether the copy holds the item {@code reference} points to (EXISTS, MISSING or
     * NOT_CHECKED; never a call to another service).
     */
    Resolution resolve(Connection connection, ResourceDefinition target, ReferenceTarget via, JsonNode reference)
            throws SQLException;

    /**
     * Before a delete's transaction: brings the copies of resources that could reference items of {@code resource}
     * up to date with their owners; the name of the owner that could not be reached, if one could not.
     */
    Optional<String> catchUpReferrers(ResourceDefinition resource) throws SQLException;

    /**
     * Inside the delete's transaction: the resource name of an item in the copies of other services' data that
     * still references the item, if any.
     */
    Optional<String> dependentOf(Connection connection, ResourceDefinition resource, JsonNode keyValues)
            throws SQLException;

    /**
     * Brings the replicas of relationship items (education organizations, enrollments, associations) up to date
     * with their owners; true when any was refreshed, so an authorization decision is worth making again.
     */
    default boolean refreshRelationships() {
        return false;
    }
}
