package org.statehub.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.statehub.feed.delivery.Delivery;
import org.statehub.feed.delivery.StandInHub;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.SisConnection;
import org.statehub.jdbc.Sql;
import org.statehub.jdbc.Transactions;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.TestTokens;

/**
 * A vendor's extension data reaches the hub through a feed (decision 0020, step 6), with the Sample extension loaded
 * ({@code edfi.extensions=sample} in this module's pom). A stand-in vendor serves what sis-simulator serves with
 * {@code extensions: ["sample"]}: the demographic template's {@code PetName} and {@code PetFixed} columns and the
 * students' {@code _ext.sample.pets}; and, beyond the simulator, an enrollment column and member holding a Sample
 * descriptor's vendor code. Pulls run in the test's thread; publishing goes to a stand-in hub.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ExtensionColumnsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ConnectionStore connections;

    @Inject
    InThread inThread;

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.stateAdmin()).contentType(ContentType.JSON);
    }

    /** The demographic template as the simulator serves it with the Sample extension: two columns more. */
    private static final String DEMOGRAPHIC = String.join(
            "\r\n",
            "SourceId,StudentUniqueId,LastName,FirstName,MiddleName,Suffix,PreferredFirstName,BirthDate,Sex,"
                    + "HispanicLatino,Race,LeaId,PetName,PetFixed",
            "STU-000000001,690000001,Lee,Ana,,,,2010-01-02,F,N,WH,255901,Biscuit;Nemo,Y;N",
            "STU-000000002,690000002,Kim,Bo,,,,2010-03-04,M,N,AS,255901,,",
            "STU-000000003,690000003,Diaz,Cy,,,,2010-05-06,M,Y,WH,255901,Pepper,N",
            "");

    private static final String ENROLLMENT = String.join(
            "\r\n",
            "SourceId,StudentUniqueId,SchoolId,EntryDate,EntryGrade,EntryType,ExitDate,ExitType,MembershipType",
            "ENR-000000001,690000001,255901001,2024-08-19,09,E01,,,RES",
            "ENR-000000002,690000002,255901001,2024-08-19,09,E01,,,",
            "");

    private static final String STUDENTS = """
            [{"sourceId": "STU-000000011", "studentUniqueId": "690000011", "firstName": "Di", "lastSurname": "Ng",
              "birthDate": "2010-01-02", "_ext": {"sample": {"pets": [{"petName": "Rex", "isFixed": true}]}}},
             {"sourceId": "STU-000000012", "studentUniqueId": "690000012", "firstName": "Ed", "lastSurname": "Ng",
              "birthDate": "2010-01-02", "_ext": {"tpdm": {"certified": true}}},
             {"sourceId": "STU-000000013", "studentUniqueId": "690000013", "firstName": "Fa", "lastSurname": "Ng",
              "birthDate": "2010-01-02", "_ext": {"sample": {"pets": [{"petName": "Tux", "color": "black"}]}}}]
            """;

    private static final String ENROLLMENTS = """
            [{"sourceId": "ENR-000000011", "studentReference": {"studentUniqueId": "690000011"},
              "schoolReference": {"schoolId": 255901001}, "entryDate": "2024-08-19",
              "entryGradeLevelDescriptor": "09", "entryTypeDescriptor": "E01",
              "_ext": {"sample": {"membershipTypeDescriptor": "RES"}}}]
            """;

    /** A vendor on a free local port serving the templates and resources above. */
    private static HttpServer vendor() throws IOException {
        return StandInVendor.start(Map.of(
                "/templates/v1/demographic", DEMOGRAPHIC,
                "/templates/v1/enrollment", ENROLLMENT,
                "/vendor/v1/students", STUDENTS,
                "/vendor/v1/studentSchoolAssociations", ENROLLMENTS)::get);
    }

    private SisConnection connection(HttpServer vendor, String format) throws SQLException {
        SisConnection connection = TestConnections.stored(
                dataSource,
                connections,
                StandInVendor.baseUrl(vendor),
                format,
                List.of("students", "studentSchoolAssociations"));
        admin().body("""
                        [{"descriptor": "GradeLevelDescriptor", "vendorCode": "09",
                          "uri": "uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"},
                         {"descriptor": "EntryTypeDescriptor", "vendorCode": "E01",
                          "uri": "uri://ed-fi.org/EntryTypeDescriptor#New to education system"},
                         {"descriptor": "MembershipTypeDescriptor", "vendorCode": "RES",
                          "uri": "uri://sample.ed-fi.org/MembershipTypeDescriptor#Resident"}]
                        """)
                .put("/feed/v1/connections/" + connection.id() + "/mappings")
                .then()
                .statusCode(200);
        return connection;
    }

    /** What the run queued for {@code sourceId}: the body it publishes. */
    private JsonNode queued(long run, String sourceId) throws Exception {
        String body = Transactions.read(
                dataSource,
                c -> Sql.first(
                                c,
                                "SELECT body::text FROM outbox WHERE run_id = ? AND source_id = ?",
                                rs -> rs.getString(1),
                                run,
                                sourceId)
                        .orElseThrow(() -> new AssertionError(sourceId + " was not queued")));
        return JSON.readTree(body);
    }

    @Test
    void templateColumnsFillExtensionMembersAndThePublishedStudentCarriesThem() throws Exception {
        HttpServer vendor = vendor();
        try {
            SisConnection connection = connection(vendor, "csv-templates");
            String columns = """
                    {"extensionColumns": {
                       "students": {"PetName": "_ext.sample.pets[].petName", "PetFixed": "_ext.sample.pets[].isFixed"},
                       "studentSchoolAssociations": {"MembershipType": "_ext.sample.membershipTypeDescriptor"}}}
                    """;
            admin().body(columns)
                    .put("/feed/v1/connections/" + connection.id())
                    .then()
                    .statusCode(200)
                    .body("extensionColumns.students.PetName", equalTo("_ext.sample.pets[].petName"));
            admin().get("/feed/v1/connections/" + connection.id())
                    .then()
                    .body(
                            "extensionColumns.studentSchoolAssociations.MembershipType",
                            equalTo("_ext.sample.membershipTypeDescriptor"));

            long run = inThread.pullStored(connection.id());

            assertThat(queued(run, "STU-000000001").path("_ext")).isEqualTo(JSON.readTree("""
                            {"sample": {"pets": [{"petName": "Biscuit", "isFixed": true},
                                                 {"petName": "Nemo", "isFixed": false}]}}
                            """));
            assertThat(queued(run, "STU-000000002").has("_ext"))
                    .as("no pets, no _ext")
                    .isFalse();
            assertThat(queued(run, "ENR-000000001")
                            .at("/_ext/sample/membershipTypeDescriptor")
                            .asText())
                    .isEqualTo("uri://sample.ed-fi.org/MembershipTypeDescriptor#Resident");

            // published: the hub receives the student with its pets
            try (StandInHub hub = new StandInHub(request -> StandInHub.Reply.created())) {
                Delivery delivery = inThread.delivery(hub);
                for (int i = 0; i < 10 && pending(run) > 0; i++) {
                    delivery.deliverBatch();
                }
                assertThat(pending(run)).isZero();
                JsonNode published = hub.requests.stream()
                        .filter(r -> r.path().equals("/data/v3/ed-fi/students")
                                && r.body().contains("690000003"))
                        .map(r -> read(r.body()))
                        .findFirst()
                        .orElseThrow();
                assertThat(published.at("/_ext/sample/pets/0/petName").asText()).isEqualTo("Pepper");
                assertThat(published.at("/_ext/sample/pets/0/isFixed").asBoolean(true))
                        .isFalse();
            }
        } finally {
            vendor.stop(0);
        }
    }

    private long pending(long run) throws SQLException {
        return Transactions.read(
                dataSource,
                c -> Sql.first(
                                c,
                                "SELECT count(*) FROM outbox WHERE run_id = ? AND status = 'pending'",
                                rs -> rs.getLong(1),
                                run)
                        .orElseThrow());
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void extensionColumnsNamingWhatTheContractLacksAreRefusedAtTheirPath() throws Exception {
        HttpServer vendor = vendor();
        try {
            SisConnection connection = connection(vendor, "csv-templates");
            admin().body("""
                            {"extensionColumns": {
                               "students": {"Pet": "_ext.sample.pets", "Tank": "_ext.tpdm.tank"},
                               "schools": {"Exemplary": "_ext.sample.isExemplary"}}}
                            """)
                    .put("/feed/v1/connections/" + connection.id())
                    .then()
                    .statusCode(400)
                    .body(
                            "validationErrors.'$.extensionColumns.students.Pet'[0]",
                            equalTo("'_ext.sample.pets' names a collection; a column fills a member that holds a"
                                    + " value (write [] after the collection's name)."))
                    .body(
                            "validationErrors.'$.extensionColumns.students.Tank'[0]",
                            equalTo("'tpdm' is not an extension project the hub serves for students (served:"
                                    + " sample)."))
                    .body(
                            "validationErrors.'$.extensionColumns.schools'[0]",
                            org.hamcrest.Matchers.startsWith("Extension columns fill records of the resources"));
            admin().body("{\"extensionColumns\": {\"students\": [\"PetName\"]}}")
                    .put("/feed/v1/connections/" + connection.id())
                    .then()
                    .statusCode(400)
                    .body(
                            "validationErrors.'$.extensionColumns'[0]",
                            org.hamcrest.Matchers.startsWith("ExtensionColumns must be an object of resources"));
        } finally {
            vendor.stop(0);
        }
    }

    @Test
    void anEdFiJsonFeedPassesExtTroughMappedAndHoldsWhatTheHubDoesNotServe() throws Exception {
        HttpServer vendor = vendor();
        try {
            SisConnection connection = connection(vendor, "edfi-json");
            long run = inThread.pullStored(connection.id());

            assertThat(queued(run, "STU-000000011").path("_ext"))
                    .isEqualTo(JSON.readTree("{\"sample\": {\"pets\": [{\"petName\": \"Rex\", \"isFixed\": true}]}}"));
            assertThat(queued(run, "ENR-000000011")
                            .at("/_ext/sample/membershipTypeDescriptor")
                            .asText())
                    .isEqualTo("uri://sample.ed-fi.org/MembershipTypeDescriptor#Resident");
            // an unknown project or member: a data error with the record kept, nothing queued for it
            admin().queryParam("connectionId", connection.id())
                    .queryParam("sort", "newest")
                    .get("/feed/v1/errors")
                    .then()
                    .statusCode(200)
                    .body("$", hasSize(2))
                    .body("find { it.sourceId == 'STU-000000012' }.code", equalTo("unknown-extension"))
                    .body(
                            "find { it.sourceId == 'STU-000000012' }.message",
                            equalTo("The record's $._ext.tpdm is not an extension project the hub serves for"
                                    + " students (served: sample)."))
                    .body(
                            "find { it.sourceId == 'STU-000000012' }.record",
                            org.hamcrest.Matchers.containsString("\"tpdm\": {\"certified\": true}"))
                    .body("find { it.sourceId == 'STU-000000013' }.code", equalTo("unknown-extension-member"))
                    .body(
                            "find { it.sourceId == 'STU-000000013' }.message",
                            equalTo("The record's $._ext.sample.pets[0].color is not a member of students in the"
                                    + " extension project sample."));
            long queuedHeld = Transactions.read(
                    dataSource,
                    c -> Sql.first(
                                    c,
                                    "SELECT count(*) FROM outbox WHERE run_id = ? AND source_id IN"
                                            + " ('STU-000000012', 'STU-000000013')",
                                    rs -> rs.getLong(1),
                                    run)
                            .orElseThrow());
            assertThat(queuedHeld).isZero();
        } finally {
            vendor.stop(0);
        }
    }
}
