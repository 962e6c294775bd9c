package org.statehub.edfi.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.core.config.EngineDatabase;
import org.statehub.edfi.core.config.StandIn;
import org.statehub.edfi.core.replication.ChangeFeed;
import org.statehub.edfi.core.replication.ReplicaConsumer;
import org.statehub.edfi.core.replication.ReplicaReferences;
import org.statehub.edfi.core.replication.ReplicaStore;
import org.statehub.edfi.core.store.Ids;
import org.statehub.edfi.core.validation.DocumentValidator;

/**
 * References across services, each service over its own database with replicas fed by the other's change queries
 * (a small HTTP server plays the other service): student-service resolves an SEOA's educationOrganizationReference
 * to a replicated state education agency or education service center (409 when no organization has the id, as the
 * ODS/API answers), and enrollment-service refuses to delete a descriptor that a student-service item uses (409
 * naming the referencing resource, as the ODS/API refuses a delete its foreign keys forbid). Ed-Fi:
 * https://docs.ed-fi.org/reference/ods-api/client-developers-guide/using-the-ods-api/response-codes (409 Conflict for
 * an unresolved reference and for a delete of an item still referenced).
 */
class CrossServiceReferencesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ResourceCatalog CATALOG = ResourceCatalog.load();
    private static final AccessScope ADMIN = AccessScope.unrestricted("state-admin");
    private static final String STATE_SEX = "uri://state.example/SexDescriptor";

    @RegisterExtension
    static final EngineDatabase ENROLLMENT_DATABASE = new EngineDatabase();

    @RegisterExtension
    static final EngineDatabase STUDENT_DATABASE = new EngineDatabase();

    @RegisterExtension
    static final StandIn OTHER = new StandIn(CrossServiceReferencesTest::answer);

    private static DocumentService enrollment;
    private static DocumentService students;

    @BeforeAll
    static void start() throws Exception {
        ChangeFeed feed = new ChangeFeed(OTHER.url(), MAPPER, Duration.ofSeconds(5), null);
        DataSource enrollmentData = ENROLLMENT_DATABASE.dataSource();
        DataSource studentData = STUDENT_DATABASE.dataSource();
        ReplicaConsumer ofStudents = new ReplicaConsumer(
                "student-service",
                feed,
                Set.of(
                        "students",
                        "contacts",
                        "studentContactAssociations",
                        "studentEducationOrganizationAssociations"),
                CATALOG,
                enrollmentData,
                0,
                new SkippedRecords());
        ReplicaConsumer ofEnrollment = new ReplicaConsumer(
                "enrollment-service",
                feed,
                Set.of(
                        "stateEducationAgencies",
                        "educationServiceCenters",
                        "localEducationAgencies",
                        "schools",
                        "studentSchoolAssociations"),
                CATALOG,
                studentData,
                0,
                new SkippedRecords());
        enrollment = withReplicas("enrollment-service", enrollmentData, CATALOG, ofStudents);
        students = withReplicas("student-service", studentData, CATALOG, ofEnrollment);
    }

    /** The engine of a service over {@code data}, checking references into another service against a replica. */
    static DocumentService withReplicas(
            String service, DataSource data, ResourceCatalog catalog, ReplicaConsumer replica) {
        return new DocumentService(
                service,
                data,
                catalog,
                new DocumentValidator(),
                new EngineDatabaseTest.StandardSet(),
                new ReplicaReferences(List.of(replica), catalog),
                MAPPER,
                2,
                Relationships.Policy.DEFAULT);
    }

    /**
     * The other service: student-service has one student, born with the state's sex descriptor X; enrollment-service
     * has no education organization a direct look-up asks for (those in the replica were replicated before).
     */
    private static void answer(HttpExchange exchange) throws IOException {
        org.statehub.edfi.core.config.EngineTestSupport.answerAsSource(exchange, 10, List.of("students"), path -> {
            if (path.equals("/data/v3/ed-fi/students")) {
                return "[{\"id\": \"11111111-1111-1111-1111-111111111111\","
                        + " \"studentUniqueId\": \"S1\", \"firstName\": \"Ana\", \"lastSurname\": \"Lee\","
                        + " \"birthDate\": \"2010-01-01\", \"birthSexDescriptor\": \"" + STATE_SEX
                        + "#X\", \"_etag\": \"3\"}]";
            }
            return path.startsWith("/data/v3/ed-fi/") ? "[]" : null;
        });
    }

    @Test
    void aDescriptorThatAnotherServicesItemUsesCannotBeDeleted() throws Exception {
        var sex = CATALOG.find("sexDescriptors");
        WriteResult used = enrollment.upsert(
                ADMIN,
                sex,
                json("{\"namespace\":\"" + STATE_SEX + "\",\"codeValue\":\"X\",\"shortDescription\":\"X\"}"),
                null);
        WriteResult unused = enrollment.upsert(
                ADMIN,
                sex,
                json("{\"namespace\":\"" + STATE_SEX + "\",\"codeValue\":\"Y\",\"shortDescription\":\"Y\"}"),
                null);
        assertThat(enrollment.delete(ADMIN, sex, ((WriteResult.Created) used).id(), null))
                .isEqualTo(new WriteResult.DependentItemExists("Student"));
        assertThat(enrollment.delete(ADMIN, sex, ((WriteResult.Created) unused).id(), null))
                .isInstanceOf(WriteResult.Deleted.class);
    }

    @Test
    void anSeoaReferenceResolvesToAReplicatedStateAgencyOrServiceCenter() throws Exception {
        replicate(
                "stateEducationAgencies",
                "{\"stateEducationAgencyId\":255950,\"nameOfInstitution\":\"SEA\","
                        + "\"categories\":[{\"educationOrganizationCategoryDescriptor\":"
                        + "\"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#State Education Agency\"}]}");
        assertThat(students.upsert(
                        ADMIN,
                        CATALOG.find("students"),
                        json("{\"studentUniqueId\":\"S2\","
                                + "\"firstName\":\"Bo\",\"lastSurname\":\"Kim\",\"birthDate\":\"2011-02-02\"}"),
                        null))
                .isInstanceOf(WriteResult.Created.class);
        var seoa = CATALOG.find("studentEducationOrganizationAssociations");
        assertThat(students.upsert(ADMIN, seoa, json(seoa(255950)), null)).isInstanceOf(WriteResult.Created.class);
        assertThat(students.upsert(ADMIN, seoa, json(seoa(255960)), null))
                .isEqualTo(new WriteResult.UnresolvedReference("EducationOrganization"));
        replicate(
                "educationServiceCenters",
                "{\"educationServiceCenterId\":255960,\"nameOfInstitution\":\"ESC\","
                        + "\"stateEducationAgencyReference\":{\"stateEducationAgencyId\":255950},"
                        + "\"categories\":[{\"educationOrganizationCategoryDescriptor\":"
                        + "\"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#Education Service Center\"}]}");
        assertThat(students.upsert(ADMIN, seoa, json(seoa(255960)), null)).isInstanceOf(WriteResult.Created.class);
    }

    private static String seoa(long organization) {
        return "{\"educationOrganizationReference\":{\"educationOrganizationId\":" + organization + "},"
                + "\"studentReference\":{\"studentUniqueId\":\"S2\"},"
                + "\"sexDescriptor\":\"uri://ed-fi.org/SexDescriptor#Female\"}";
    }

    private static void replicate(String resource, String body) throws Exception {
        String naturalKey = NaturalKeys.of(CATALOG.find(resource), MAPPER.readTree(body));
        try (Connection c = STUDENT_DATABASE.dataSource().getConnection()) {
            new ReplicaStore().upsert(c, resource, Ids.next(), naturalKey, body, 1);
        }
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) MAPPER.readTree(text);
    }
}
