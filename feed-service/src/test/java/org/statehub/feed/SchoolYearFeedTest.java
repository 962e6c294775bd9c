package org.statehub.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.statehub.feed.delivery.StandInHub;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.SisConnection;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.SettingsProfile;
import org.statehub.testing.TestTokens;

/**
 * The feed in a deployment that keeps school years apart (decision 0020, step 19; docs/FEEDS.md, "School years"):
 * {@code HUB_YEAR_INSTANCES=school-year}, {@code HUB_YEARS=2026,2027}, a connection taking both years. A stand-in
 * vendor serves simulator-shaped Ed-Fi JSON (descriptor values already URIs, so no mappings are needed); publishing
 * goes to a stand-in hub, whose requests show the year each change went to. Dates are chosen so that the seed's
 * single-date rule gives the same years on any day from 2026-09-15 on (this test was written in December 2026).
 */
@QuarkusTest
@TestProfile(SchoolYearFeedTest.Years.class)
class SchoolYearFeedTest {

    /** The deployment's years. */
    public static final class Years extends SettingsProfile {
        public Years() {
            super(
                    Map.of("hub.instances.route", "school-year", "hub.instances.years", "2026,2027"),
                    PostgresTestResource.class);
        }
    }

    private static final String STUDENTS = """
            [{"sourceId": "STU-1", "studentUniqueId": "690000001", "firstName": "Ana", "lastSurname": "Lee",
              "birthDate": "2010-01-02"},
             {"sourceId": "STU-2", "studentUniqueId": "690000002", "firstName": "Bo", "lastSurname": "Kim",
              "birthDate": "2010-03-04"}]
            """;

    /** Student 1's enrollment from August 2025 to {@code exit}: 2026 and, past June 2026, 2027 too. */
    private static String enrollment(String exit) {
        return """
                [{"sourceId": "ENR-1", "studentReference": {"studentUniqueId": "690000001"},
                  "schoolReference": {"schoolId": 255901001}, "entryDate": "2025-08-20",
                  "exitWithdrawDate": "%s",
                  "entryGradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"}]
                """.formatted(exit);
    }

    /** An attendance event of student 1 in September 2026: a 2027 date only. */
    private static final String ATTENDANCE = """
            [{"sourceId": "ATT-1", "studentReference": {"studentUniqueId": "690000001"},
              "schoolReference": {"schoolId": 255901001}, "sessionReference": {"schoolId": 255901001,
              "schoolYear": 2027, "sessionName": "Fall"}, "eventDate": "2026-09-15",
              "attendanceEventCategoryDescriptor": "uri://ed-fi.org/AttendanceEventCategoryDescriptor#Tardy"}]
            """;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ConnectionStore connections;

    @Inject
    InThread inThread;

    /** What the stand-in vendor serves, by resource; changed between pulls. */
    private final Map<String, String> served = new ConcurrentHashMap<>();

    /** A vendor serving {@link #served}, by the last segment of the path ({@code []} when nothing is). */
    private HttpServer vendor() throws IOException {
        return StandInVendor.start(path -> served.getOrDefault(path.substring(path.lastIndexOf('/') + 1), "[]"));
    }

    /** The stand-in hub: every item found by key, created and deleted. */
    private static StandInHub.Reply answer(StandInHub.Request request) {
        return switch (request.method()) {
            case "GET" -> new StandInHub.Reply(200, "[{\"id\": \"hub-id\"}]", null);
            case "DELETE" -> new StandInHub.Reply(204, "", null);
            default -> StandInHub.Reply.created();
        };
    }

    /** Pulls the connection in this thread, then delivers what it queued; the calls the hub received. */
    private List<String> pullAndDeliver(SisConnection connection) throws Exception {
        inThread.pull(connection);
        return deliver();
    }

    private SisConnection connection(HttpServer vendor) throws SQLException {
        return TestConnections.stored(
                dataSource,
                connections,
                StandInVendor.baseUrl(vendor),
                "edfi-json",
                List.of("students", "studentSchoolAssociations", "studentSchoolAttendanceEvents"),
                List.of(2026, 2027));
    }

    /** A connection of {@code vendor}, which serves the two students and student 1's enrollment of 2025-26 and 2026-27. */
    private SisConnection enrolledAcrossBothYears(HttpServer vendor) throws SQLException {
        served.put("students", STUDENTS);
        served.put("studentSchoolAssociations", enrollment("2026-10-15"));
        return connection(vendor);
    }

    @Test
    void eachRecordGoesToTheYearsOfItsEnrollmentAndLeavesAYearItsEnrollmentNoLongerReaches() throws Exception {
        HttpServer vendor = vendor();
        try {
            SisConnection connection = enrolledAcrossBothYears(vendor);
            served.put("studentSchoolAttendanceEvents", ATTENDANCE);

            // enrolled across two years: the student and the enrollment in both, the September event in 2027
            assertThat(pullAndDeliver(connection))
                    .containsExactly(
                            "POST /2026/data/v3/ed-fi/studentSchoolAssociations",
                            "POST /2026/data/v3/ed-fi/students",
                            "POST /2027/data/v3/ed-fi/studentSchoolAssociations",
                            "POST /2027/data/v3/ed-fi/studentSchoolAttendanceEvents",
                            "POST /2027/data/v3/ed-fi/students");

            // a student with no enrollment in a year served is held with its reason, not dropped silently
            given().auth()
                    .oauth2(TestTokens.stateAdmin())
                    .queryParam("connectionId", connection.id())
                    .queryParam("code", "no-school-year")
                    .get("/feed/v1/errors")
                    .then()
                    .statusCode(200)
                    .body("$", hasSize(1))
                    .body("[0].studentUniqueId", equalTo("690000002"))
                    .body("[0].resource", equalTo("students"))
                    .body("[0].kind", equalTo("invalid-record"));

            // the enrollment now ends in May 2026 and the event is gone: deleted from 2027 only, 2026 updated
            served.put("studentSchoolAssociations", enrollment("2026-05-29"));
            served.remove("studentSchoolAttendanceEvents");
            assertThat(pullAndDeliver(connection))
                    .containsExactly(
                            "DELETE /2027/data/v3/ed-fi/studentSchoolAssociations/{id}",
                            "DELETE /2027/data/v3/ed-fi/studentSchoolAttendanceEvents/{id}",
                            "DELETE /2027/data/v3/ed-fi/students/{id}",
                            "POST /2026/data/v3/ed-fi/studentSchoolAssociations");

            // nothing changed: nothing is sent, in either year
            assertThat(pullAndDeliver(connection)).isEmpty();
        } finally {
            vendor.stop(0);
        }
    }

    /**
     * The hub of a resync, as changed behind the feed's back in 2027: student 1 altered, its enrollment deleted and a
     * student no source sent (that no other organization serves) added; nothing else.
     */
    private static StandInHub.Reply changedIn2027(StandInHub.Request request) {
        String body = request.path().equals("/2027/data/v3/ed-fi/students") ? """
                [{"id": "s-1", "studentUniqueId": "690000001", "firstName": "Changed", "lastSurname": "Lee",
                  "birthDate": "2010-01-02"},
                 {"id": "s-99", "studentUniqueId": "690000099", "firstName": "Nobody", "lastSurname": "Sent",
                  "birthDate": "2010-05-06"}]""" : "[]";
        return new StandInHub.Reply(200, body, null);
    }

    @Test
    void aResyncOfOneYearReadsComparesAndRepairsThatYearAlone() throws Exception {
        HttpServer vendor = vendor();
        try {
            SisConnection connection = enrolledAcrossBothYears(vendor);
            assertThat(pullAndDeliver(connection)).hasSize(4);

            long job;
            List<String> reads;
            try (StandInHub hub = new StandInHub(SchoolYearFeedTest::changedIn2027)) {
                job = inThread.resync(connection, hub, 2027);
                reads = hub.requests.stream()
                        .map(r -> r.method() + " " + r.path())
                        .distinct()
                        .toList();
            }
            // it read 2027 only, the LEA's items with the connection's client and the orphan's relationships
            assertThat(reads).isNotEmpty().allMatch(call -> call.startsWith("GET /2027/data/v3/ed-fi/"));
            admin().get("/feed/v1/resyncs/" + job)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("succeeded"))
                    .body("schoolYear", equalTo(2027))
                    .body("schoolYears", contains(2027))
                    .body("report.schoolYears", contains(2027))
                    .body("report.hubItemsSkipped", equalTo(0))
                    .body("report.years.'2027'.orphansDeleted", equalTo(1))
                    .body("report.years.'2027'.missingRepublished", equalTo(1))
                    .body("report.years.'2027'.alteredRepublished", equalTo(1))
                    .body("report.years.'2027'.upserts", equalTo(2))
                    .body("report.orphansDeleted", equalTo(1))
                    .body("report.upserts", equalTo(2))
                    .body("report.runStatus", equalTo("succeeded"));
            // the orphan deleted by id, the deleted enrollment and the altered student sent again: in 2027 only
            assertThat(deliver())
                    .containsExactly(
                            "DELETE /2027/data/v3/ed-fi/students/s-99",
                            "POST /2027/data/v3/ed-fi/studentSchoolAssociations",
                            "POST /2027/data/v3/ed-fi/students");
        } finally {
            vendor.stop(0);
        }
    }

    @Test
    void aResyncNamesAYearTheConnectionPublishesToAsANumber() throws Exception {
        SisConnection connection = TestConnections.stored(
                dataSource, connections, "http://localhost:1", "edfi-json", List.of("students"), List.of(2027));
        for (String body :
                new String[] {"{\"schoolYear\": 2026}", "{\"schoolYear\": 2031}", "{\"schoolYear\": \"2027\"}"}) {
            admin().body(body)
                    .post("/feed/v1/connections/" + connection.id() + "/resync")
                    .then()
                    .statusCode(400)
                    .body("validationErrors.'$.schoolYear'", hasSize(1));
        }
        SisConnection noYear = TestConnections.stored(
                dataSource, connections, "http://localhost:1", "edfi-json", List.of("students"), List.of(2031));
        admin().body("{}")
                .post("/feed/v1/connections/" + noYear.id() + "/resync")
                .then()
                .statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("no school year the hub serves"));
    }

    /** The stand-in hub, but 2027 refuses every student (400). */
    private static StandInHub.Reply refusingStudentsIn2027(StandInHub.Request request) {
        return request.method().equals("POST") && request.path().equals("/2027/data/v3/ed-fi/students")
                ? new StandInHub.Reply(
                        400, "{\"type\": \"urn:ed-fi:api:bad-data:validation\", \"detail\": \"Refused.\"}", null)
                : answer(request);
    }

    @Test
    void aChangeRefusedInOneYearIsOneOpenErrorOfThatYearAndTheRunCountsEachYear() throws Exception {
        HttpServer vendor = vendor();
        try {
            SisConnection connection = enrolledAcrossBothYears(vendor);
            long run = inThread.pull(connection);
            admin().get("/feed/v1/runs/" + run)
                    .then()
                    .statusCode(200)
                    .body("upserts", equalTo(4))
                    .body("years.'2026'.upserts", equalTo(2))
                    .body("years.'2027'.upserts", equalTo(2))
                    .body("years.'2027'.deletes", equalTo(0));
            try (StandInHub hub = new StandInHub(SchoolYearFeedTest::refusingStudentsIn2027)) {
                var delivery = inThread.delivery(hub);
                while (delivery.deliverBatch() > 0) {
                    // until everything queued is sent
                }
            }
            // accepted in 2026, refused in 2027: one open error, of 2027
            Integer error = admin().queryParam("connectionId", connection.id())
                    .queryParam("kind", "rejected")
                    .get("/feed/v1/errors")
                    .then()
                    .statusCode(200)
                    .body("$", hasSize(1))
                    .body("[0].resource", equalTo("students"))
                    .body("[0].schoolYear", equalTo(2027))
                    .extract()
                    .path("[0].id");
            admin().queryParam("connectionId", connection.id())
                    .queryParam("schoolYear", 2026)
                    .get("/feed/v1/errors")
                    .then()
                    .statusCode(200)
                    .body("findAll { it.kind == 'rejected' }", hasSize(0));
            // a retry sends that year's change again; delivered, the error closes
            admin().post("/feed/v1/errors/" + error + "/retry").then().statusCode(200);
            assertThat(deliver()).containsExactly("POST /2027/data/v3/ed-fi/students");
            admin().get("/feed/v1/errors/" + error).then().statusCode(200).body("state", equalTo("resolved"));
        } finally {
            vendor.stop(0);
        }
    }

    /** A request of a state administrator, with a JSON body. */
    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.stateAdmin()).contentType(io.restassured.http.ContentType.JSON);
    }

    /** Pushes {@code records} (JSON) of {@code resource} to the connection as a state administrator: the answer. */
    private static io.restassured.response.ValidatableResponse push(
            SisConnection connection, String resource, String records) {
        return given().auth()
                .oauth2(TestTokens.stateAdmin())
                .contentType(io.restassured.http.ContentType.JSON)
                .body(records)
                .post("/feed/v1/connections/" + connection.id() + "/push/" + resource)
                .then();
    }

    /**
     * Delivers what is queued to a stand-in hub: the calls it received but look-ups by key, in order, the hub's ids
     * as {@code {id}}.
     */
    private List<String> deliver() throws Exception {
        try (StandInHub hub = new StandInHub(SchoolYearFeedTest::answer)) {
            var delivery = inThread.delivery(hub);
            while (delivery.deliverBatch() > 0) {
                // until everything queued is sent
            }
            return hub.requests.stream()
                    .filter(r -> !r.method().equals("GET"))
                    .map(r -> r.method() + " " + r.path().replaceAll("/hub-id$", "/{id}"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void aPushedStudentOrContactFollowsTheEnrollmentsTheConnectionPublishedBefore() throws Exception {
        SisConnection connection = TestConnections.stored(
                dataSource,
                connections,
                "push:",
                "push",
                List.of("students", "contacts", "studentSchoolAssociations", "studentContactAssociations"),
                List.of(2026, 2027));
        // an enrollment from August 2026: 2027 only
        TestConnections.pushed(push(connection, "studentSchoolAssociations", """
                        [{"sourceId": "ENR-P1", "studentReference": {"studentUniqueId": "690000011"},
                          "schoolReference": {"schoolId": 255901001}, "entryDate": "2026-08-20",
                          "entryGradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"}]"""), 1, 0, 1, 0);
        // the student, its contact association and (through that) its contact: the years the identity map knows
        TestConnections.pushed(push(connection, "students", """
                        [{"sourceId": "STU-P1", "studentUniqueId": "690000011", "firstName": "Di",
                          "lastSurname": "Ng", "birthDate": "2010-01-02"},
                         {"sourceId": "STU-P2", "studentUniqueId": "690000012", "firstName": "Ed",
                          "lastSurname": "Ng", "birthDate": "2010-01-02"}]"""), 2, 1, 1, 0);
        push(connection, "studentContactAssociations", """
                        [{"sourceId": "SCA-P1", "studentReference": {"studentUniqueId": "690000011"},
                          "contactReference": {"contactUniqueId": "C-1"}}]""").statusCode(202).body("upserts", equalTo(1));
        push(connection, "contacts", """
                        [{"sourceId": "CON-P1", "contactUniqueId": "C-1", "firstName": "Jo", "lastSurname": "Ng"}]""").statusCode(202).body("upserts", equalTo(1));
        assertThat(deliver())
                .containsExactly(
                        "POST /2027/data/v3/ed-fi/contacts",
                        "POST /2027/data/v3/ed-fi/studentContactAssociations",
                        "POST /2027/data/v3/ed-fi/studentSchoolAssociations",
                        "POST /2027/data/v3/ed-fi/students");

        // a delete the vendor names goes to the years the record was published to
        push(connection, "students", "{\"deletes\": [\"STU-P1\"]}")
                .statusCode(202)
                .body("deletes", equalTo(1));
        assertThat(deliver()).containsExactly("DELETE /2027/data/v3/ed-fi/students/{id}");
    }
}
