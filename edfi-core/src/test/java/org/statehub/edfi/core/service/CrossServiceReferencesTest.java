package org.statehub.edfi.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.core.config.EngineTestSupport;
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
    private static final AccessScope ADMIN = AccessScope.unrestricted("state-admin");
    private static final String STATE_SEX = "uri://state.example/SexDescriptor";

    private static EmbeddedPostgres enrollmentDb;
    private static EmbeddedPostgres studentDb;
    private static HttpServer other;
    private static DocumentService enrollment;
    private static DocumentService students;
    private static ResourceCatalog catalog;

    @BeforeAll
    static void start() throws Exception {
        enrollmentDb =
                EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
        studentDb = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
        EngineTestSupport.migrate(enrollmentDb.getPostgresDatabase());
        EngineTestSupport.migrate(studentDb.getPostgresDatabase());
        other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", CrossServiceReferencesTest::answer);
        other.start();
        catalog = ResourceCatalog.load();
        ChangeFeed feed =
                new ChangeFeed("http://127.0.0.1:" + other.getAddress().getPort(), MAPPER, Duration.ofSeconds(5), null);
        DataSource enrollmentData = enrollmentDb.getPostgresDatabase();
        DataSource studentData = studentDb.getPostgresDatabase();
        ReplicaConsumer ofStudents = new ReplicaConsumer(
                "student-service",
                feed,
                Set.of(
                        "students",
                        "contacts",
                        "studentContactAssociations",
                        "studentEducationOrganizationAssociations"),
                catalog,
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
                catalog,
                studentData,
                0,
                new SkippedRecords());
        enrollment = withReplicas("enrollment-service", enrollmentData, catalog, ofStudents);
        students = withReplicas("student-service", studentData, catalog, ofEnrollment);
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

    @AfterAll
    static void stop() throws Exception {
        other.stop(0);
        enrollmentDb.close();
        studentDb.close();
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
        var sex = catalog.find("sexDescriptors");
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
                        catalog.find("students"),
                        json("{\"studentUniqueId\":\"S2\","
                                + "\"firstName\":\"Bo\",\"lastSurname\":\"Kim\",\"birthDate\":\"2011-02-02\"}"),
                        null))
                .isInstanceOf(WriteResult.Created.class);
        var seoa = catalog.find("studentEducationOrganizationAssociations");
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
        String naturalKey = NaturalKeys.of(catalog.find(resource), MAPPER.readTree(body));
        try (Connection c = studentDb.getPostgresDatabase().getConnection()) {
            new ReplicaStore().upsert(c, resource, Ids.next(), naturalKey, body, 1);
        }
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) MAPPER.readTree(text);
    }
}
