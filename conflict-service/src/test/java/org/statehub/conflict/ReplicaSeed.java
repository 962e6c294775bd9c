package org.statehub.conflict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.core.replication.ReplicaStore;
import org.statehub.edfi.core.service.NaturalKeys;
import org.statehub.jdbc.Transactions;

/**
 * Fills conflict-service's replica as edfi-core's replication would (the tests run without student-service and
 * enrollment-service): items under one change-version counter for the whole test run, so every item written is
 * newer than the last, whichever test class wrote it.
 */
@Singleton
public class ReplicaSeed {

    private static final AtomicLong VERSION = new AtomicLong(500_000);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ReplicaStore replica = new ReplicaStore();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ResourceCatalog catalog;

    /** A new student; {@code middle} and {@code sex} (a SexDescriptor code value) may be null. */
    public UUID student(String uniqueId, String first, String middle, String last, String birth, String sex)
            throws SQLException {
        UUID id = UUID.randomUUID();
        student(id, uniqueId, first, middle, last, birth, sex);
        return id;
    }

    /** Stores the student {@code id} as given (a new one, or a change to it). */
    public void student(UUID id, String uniqueId, String first, String middle, String last, String birth, String sex)
            throws SQLException {
        ObjectNode body = MAPPER.createObjectNode()
                .put("studentUniqueId", uniqueId)
                .put("firstName", first)
                .put("lastSurname", last)
                .put("birthDate", birth);
        if (middle != null) {
            body.put("middleName", middle);
        }
        if (sex != null) {
            body.put("birthSexDescriptor", "uri://ed-fi.org/SexDescriptor#" + sex);
        }
        put("students", id, body);
    }

    public void school(long schoolId, long leaId) throws SQLException {
        ObjectNode body = MAPPER.createObjectNode().put("schoolId", schoolId).put("nameOfInstitution", "S" + schoolId);
        body.putObject("localEducationAgencyReference").put("localEducationAgencyId", leaId);
        put("schools", UUID.randomUUID(), body);
    }

    public void enrollment(String uniqueId, long schoolId) throws SQLException {
        ObjectNode body = MAPPER.createObjectNode().put("entryDate", "2024-08-19");
        body.putObject("studentReference").put("studentUniqueId", uniqueId);
        body.putObject("schoolReference").put("schoolId", schoolId);
        put("studentSchoolAssociations", UUID.randomUUID(), body);
    }

    public void seoa(String uniqueId, long organizationId) throws SQLException {
        seoa(uniqueId, BigInteger.valueOf(organizationId), null);
    }

    /**
     * A new SEOA of the student at {@code organizationId} (any integer: the replica keeps what its source sent, even
     * one no organization id can be) reporting {@code sex} (a SexDescriptor code value; null for none).
     */
    public void seoa(String uniqueId, BigInteger organizationId, String sex) throws SQLException {
        ObjectNode body = MAPPER.createObjectNode();
        if (sex != null) {
            body.put("sexDescriptor", "uri://ed-fi.org/SexDescriptor#" + sex);
        }
        body.putObject("studentReference").put("studentUniqueId", uniqueId);
        body.putObject("educationOrganizationReference").put("educationOrganizationId", organizationId);
        put("studentEducationOrganizationAssociations", UUID.randomUUID(), body);
    }

    /** Any item, under the next change version. */
    public void put(String resource, UUID id, ObjectNode body) throws SQLException {
        Transactions.inTransaction(dataSource, c -> {
            replica.upsert(
                    c,
                    resource,
                    id,
                    NaturalKeys.of(catalog.find(resource), body),
                    body.toString(),
                    VERSION.incrementAndGet());
            return null;
        });
    }

    public void delete(String resource, UUID id) throws SQLException {
        Transactions.inTransaction(dataSource, c -> {
            replica.delete(c, resource, id);
            return null;
        });
    }
}
