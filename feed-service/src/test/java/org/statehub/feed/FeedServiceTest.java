package org.statehub.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.statehub.feed.domain.RunTrigger;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.Differ;
import org.statehub.feed.store.RunStore;
import org.statehub.feed.store.SisConnection;
import org.statehub.jdbc.Sql;
import org.statehub.jdbc.Transactions;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.TestTokens;

/**
 * feed-service on its own (no hub, no vendor): the admin API's rules, a pull that cannot reach its vendor, and
 * the diff of staged records against the identity map, on a real PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class FeedServiceTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ConnectionStore connections;

    static RequestSpecification admin() {
        return as(TestTokens.stateAdmin());
    }

    /** A JSON request with {@code token}. */
    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** A connection stored directly (making one through the API needs the hub, tested in system-tests). */
    SisConnection connection(String baseUrl) throws SQLException {
        return connection(baseUrl, "edfi-json");
    }

    SisConnection connection(String baseUrl, String format) throws SQLException {
        return TestConnections.stored(
                dataSource,
                connections,
                baseUrl,
                format,
                List.of("students", "studentSchoolAssociations", "studentSchoolAttendanceEvents"));
    }

    @Test
    void onlyStateAdminClientsAdministerFeeds() {
        given().get("/feed/v1/connections").then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.token("vendor", "SISVendor", List.of(255901L), List.of(), 600))
                .get("/feed/v1/connections")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:ed-fi:api:security:authorization"))
                .body("errors[0]", equalTo("Feed administration needs a StateAdmin client."));
        admin().get("/feed/v1/connections").then().statusCode(200);
        // every administration resource refuses the vendor, before it looks for what the path names
        String vendor = TestTokens.token("vendor", "SISVendor", List.of(255901L), List.of(), 600);
        for (String path : List.of(
                "/feed/v1/status",
                "/feed/v1/runs",
                "/feed/v1/runs/1",
                "/feed/v1/rejections",
                "/feed/v1/errors",
                "/feed/v1/errors/1",
                "/feed/v1/errors/students",
                "/feed/v1/resyncs",
                "/feed/v1/resyncs/1",
                "/feed/v1/connections/none",
                "/feed/v1/connections/none/mappings",
                "/feed/v1/connections/none/mappings/seen")) {
            given().auth()
                    .oauth2(vendor)
                    .get(path)
                    .then()
                    .statusCode(403)
                    .body("type", equalTo("urn:ed-fi:api:security:authorization"));
        }
        given().auth().oauth2(vendor).post("/feed/v1/runs/1/approve").then().statusCode(403);
    }

    @Test
    void badConnectionSettingsAreRefusedWithTheirReasons() {
        admin().body("{\"localEducationAgencyId\":0,\"vendor\":\" \",\"baseUrl\":\"ftp://sis\",\"format\":\"xml\","
                        + "\"schedule\":\"daily\",\"resources\":[\"grades\"],\"schoolYears\":[25]}")
                .post("/feed/v1/connections")
                .then()
                .statusCode(400)
                .body(
                        "validationErrors.'$.localEducationAgencyId'[0]",
                        startsWith("LocalEducationAgencyId is required"))
                .body("validationErrors.'$.vendor'[0]", equalTo("Vendor is required."))
                .body("validationErrors.'$.baseUrl'[0]", equalTo("BaseUrl must be an http(s) URL."))
                .body("validationErrors.'$.format'[0]", startsWith("Format must be one of"))
                .body("validationErrors.'$.schedule'[0]", startsWith("The schedule 'daily' is not a Quartz cron"))
                .body("validationErrors.'$.resources'[0]", startsWith("Unknown resource 'grades'"))
                .body("validationErrors.'$.schoolYears'[0]", startsWith("Each school year"));
        admin().body("[1]").post("/feed/v1/connections").then().statusCode(400);
        // valid, but the hub that makes its publishing client cannot be reached
        admin().body("{\"localEducationAgencyId\":255901,\"vendor\":\"Acme\",\"baseUrl\":\"http://sis.example\"}")
                .post("/feed/v1/connections")
                .then()
                .statusCode(503)
                .header("Retry-After", "10");
    }

    @Test
    void credentialsAreNeverShownAndMappingsAreChecked() throws Exception {
        SisConnection connection = connection("http://localhost:1");
        String shown = admin().get("/feed/v1/connections/" + connection.id())
                .then()
                .statusCode(200)
                .body("credentialsSet", equalTo(true))
                .extract()
                .asString();
        assertThat(shown).doesNotContain("vendor-secret-key").doesNotContain("publisher-secret");
        admin().get("/feed/v1/connections/nope").then().statusCode(404);
        admin().body("[{\"descriptor\":\"Sex\",\"vendorCode\":\"\",\"uri\":\"Female\",\"schoolYear\":3}]")
                .put("/feed/v1/connections/" + connection.id() + "/mappings")
                .then()
                .statusCode(400)
                .body("validationErrors.'$[0].descriptor'[0]", startsWith("A descriptor name"))
                .body("validationErrors.'$[0].uri'[0]", startsWith("A descriptor URI"));
        admin().body(
                        "[{\"descriptor\":\"SexDescriptor\",\"vendorCode\":\"F\",\"uri\":\"uri://ed-fi.org/SexDescriptor#Female\"}]")
                .put("/feed/v1/connections/" + connection.id() + "/mappings")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1));
        admin().delete("/feed/v1/connections/" + connection.id() + "/mappings/SexDescriptor/F")
                .then()
                .statusCode(204);
        admin().delete("/feed/v1/connections/" + connection.id() + "/mappings/SexDescriptor/F")
                .then()
                .statusCode(404);
        // a change keeps what it does not mention, the credentials too
        admin().body("{\"enabled\":false,\"schedule\":\"0 30 6 * * ?\"}")
                .put("/feed/v1/connections/" + connection.id())
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false))
                .body("credentialsSet", equalTo(true))
                .body("vendor", equalTo("Acme SIS"));
    }

    @Test
    void aPullThatCannotReachItsVendorFailsAndQueuesNothing() throws Exception {
        SisConnection connection = connection("http://localhost:1");
        int runId = admin().post("/feed/v1/connections/" + connection.id() + "/pulls")
                .then()
                .statusCode(202)
                .extract()
                .path("runId");
        String status = "running";
        for (int i = 0; i < 100 && status.equals("running"); i++) {
            Thread.sleep(100);
            status = admin().get("/feed/v1/runs/" + runId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("status");
        }
        admin().get("/feed/v1/runs/" + runId)
                .then()
                .body("status", equalTo("failed"))
                .body("reason", startsWith("The vendor cannot be reached for students"))
                .body("publishing.pending", equalTo(0));
        assertThat(count("SELECT count(*) FROM outbox WHERE run_id = " + runId)).isZero();
        assertThat(count("SELECT count(*) FROM staged_record WHERE run_id = " + runId))
                .isZero();
    }

    @Test
    void theDiffQueuesOnlyWhatChangedWithKeyChangesAndDeletes() throws Exception {
        SisConnection connection = connection("http://localhost:1");
        RunStore runs = new RunStore();
        Differ differ = new Differ();
        List<Differ.Pulled> pulled = List.of(
                new Differ.Pulled("students", 4, false),
                new Differ.Pulled("studentSchoolAssociations", 5, true),
                new Differ.Pulled("studentSchoolAttendanceEvents", 6, false));
        try (Connection c = dataSource.getConnection()) {
            long first = stagedRun(
                    c,
                    connection.id(),
                    student(1, "{\"n\":1}", "h1"),
                    student(2, "{\"n\":2}", "h2"),
                    student(3, "{\"n\":3}", "h3"),
                    enrollment(1, "{\"s\":1}", "e1"),
                    attendance(1, "{\"a\":1}", "a1"));
            Differ.Result loaded = differ.diff(c, connection.id(), first, pulled);
            runs.succeed(c, first, 5, 0, loaded.upserts(), loaded.deletes(), loaded.keyChanges());
            assertThat(loaded).isEqualTo(new Differ.Result(5, 0, 0));

            long second = stagedRun(
                    c,
                    connection.id(),
                    student(1, "{\"n\":1}", "h1"),
                    student(2, "{\"n\":22}", "h2b"),
                    RunStore.Staged.held("students", "STU-4"),
                    enrollment(2, "{\"s\":2}", "e2"),
                    attendance(2, "{\"a\":2}", "a2"));
            Differ.Result changed = differ.diff(c, connection.id(), second, pulled);
            // STU-2 changed; ENR-1 changed its key in place; ATT-1 cannot, so new + delete of the old;
            // STU-3 is gone; STU-4 is held and touches nothing
            assertThat(changed).isEqualTo(new Differ.Result(2, 2, 1));
            List<String> queued = Sql.list(
                    c,
                    "SELECT rank || ' ' || operation || ' ' || source_id || coalesce(' ' || key_values::text, '')"
                            + " FROM outbox WHERE run_id = ? ORDER BY rank, id",
                    rs -> rs.getString(1),
                    second);
            assertThat(queued)
                    .containsExactly(
                            "4 upsert STU-2",
                            "5 key-change ENR-1 {\"schoolId\": 1}",
                            "6 upsert ATT-1",
                            "94 delete ATT-1 {\"schoolId\": 1}",
                            "96 delete STU-3 {\"studentUniqueId\": \"3\"}");
            assertThat(count("SELECT count(*) FROM identity_map WHERE source_id = 'STU-3'"))
                    .isZero();
            assertThat(count("SELECT count(*) FROM identity_map WHERE source_id = 'STU-4'"))
                    .isZero();
            assertThat(count("SELECT count(*) FROM identity_map WHERE source_id = 'ENR-1'"
                            + " AND key_values->>'schoolId' = '2'"))
                    .isEqualTo(1);
        }
    }

    /** A manual run of the connection that staged {@code records}; its id. */
    private static long stagedRun(Connection c, String connectionId, RunStore.Staged... records) throws SQLException {
        RunStore runs = new RunStore();
        long run = runs.start(c, connectionId, RunTrigger.MANUAL);
        runs.stage(c, run, List.of(records));
        return run;
    }

    /** Student {@code id} staged as STU-id: its unique id is its key. */
    private static RunStore.Staged student(int id, String body, String hash) {
        return new RunStore.Staged(
                "students", "STU-" + id, "[\"" + id + "\"]", "{\"studentUniqueId\":\"" + id + "\"}", body, hash, false);
    }

    /** ENR-1, student 1's enrollment at {@code school} (a key the resource changes in place). */
    private static RunStore.Staged enrollment(int school, String body, String hash) {
        return atSchool("studentSchoolAssociations", "ENR-1", "[" + school + ",\"1\"]", school, body, hash);
    }

    /** ATT-1, an attendance event at {@code school} (a key the resource cannot change in place). */
    private static RunStore.Staged attendance(int school, String body, String hash) {
        return atSchool("studentSchoolAttendanceEvents", "ATT-1", "[" + school + "]", school, body, hash);
    }

    /** A record of {@code resource} staged with the key values {@code key} and the school among its references. */
    private static RunStore.Staged atSchool(
            String resource, String sourceId, String key, int school, String body, String hash) {
        return new RunStore.Staged(resource, sourceId, key, "{\"schoolId\":" + school + "}", body, hash, false);
    }

    private long count(String sql) throws SQLException {
        return Transactions.read(
                dataSource, c -> Sql.first(c, sql, rs -> rs.getLong(1)).orElseThrow());
    }

    /** Runs one statement of the test's own. */
    private void update(String sql, Object... parameters) throws SQLException {
        Transactions.read(dataSource, c -> Sql.update(c, sql, parameters));
    }

    @Test
    void pushedBatchesRunThroughThePipelineForTheirLeaOnly() throws Exception {
        SisConnection connection = connection("push:", "push");
        admin().body("[{\"descriptor\":\"GradeLevelDescriptor\",\"vendorCode\":\"09\","
                        + "\"uri\":\"uri://ed-fi.org/GradeLevelDescriptor#Ninth grade\"}]")
                .put("/feed/v1/connections/" + connection.id() + "/mappings")
                .then()
                .statusCode(200);
        String batch = """
                {"records":[
                  {"sourceId":"ENR-1","studentReference":{"studentUniqueId":"601"},"schoolReference":{"schoolId":255901001},
                   "entryDate":"2024-08-19","entryGradeLevelDescriptor":"09"},
                  {"sourceId":"ENR-2","studentReference":{"studentUniqueId":"602"},"schoolReference":{"schoolId":255901001},
                   "entryDate":"2024-08-19","entryGradeLevelDescriptor":"10"},
                  {"sourceId":"ENR-3","studentReference":{"studentUniqueId":"603"},"schoolReference":{"schoolId":255901001},
                   "entryDate":"2019-08-19","entryGradeLevelDescriptor":"09"}],
                 "deletes":["ENR-unknown"]}
                """;
        String path = "/feed/v1/connections/" + connection.id() + "/push/studentSchoolAssociations";
        as(TestTokens.token("other-lea", "SISVendor", List.of(255902L), List.of(), 600))
                .body(batch)
                .post(path)
                .then()
                .statusCode(403);
        String own = TestTokens.token("own-lea", "SISVendor", List.of(255901L), List.of(), 600);
        // ENR-1 is queued; ENR-2 has an unmapped grade and is held; ENR-3 is outside the school years
        TestConnections.pushed(as(own).body(batch).post(path).then(), 3, 1, 1, 0);
        admin().queryParam("connectionId", connection.id())
                .get("/feed/v1/errors")
                .then()
                .statusCode(200)
                .body("[0].kind", equalTo("unmapped-code"))
                .body("[0].sourceId", equalTo("ENR-2"))
                .body("[0].message", startsWith("No mapping for GradeLevelDescriptor '10'"));
        // the same batch again changes nothing; a named delete of a known record is queued
        as(own).body(batch).post(path).then().statusCode(202).body("upserts", equalTo(0));
        as(own).body("{\"deletes\":[\"ENR-1\"]}")
                .post(path)
                .then()
                .statusCode(202)
                .body("deletes", equalTo(1));
        as(own).body("{\"records\":5}").post(path).then().statusCode(400);
        as(own).body("[]")
                .post("/feed/v1/connections/" + connection.id() + "/push/grades")
                .then()
                .statusCode(404);
        admin().post("/feed/v1/connections/" + connection.id() + "/pulls")
                .then()
                .statusCode(409);
    }

    @Test
    void ofOverlappingEnrollmentsOnlyTheOneThatStartsLatestIsReported() throws Exception {
        SisConnection connection = connection("http://localhost:1");
        try (Connection c = dataSource.getConnection()) {
            long run = stagedRun(
                    c,
                    connection.id(),
                    enrollment("ENR-A", "601", "2024-08-19", null),
                    enrollment("ENR-B", "601", "2024-10-01", null),
                    enrollment("ENR-C", "602", "2024-08-19", "2024-09-01"),
                    enrollment("ENR-D", "602", "2024-09-15", null),
                    // a chain: E overlaps F, F overlaps G; and H, I start the same day (the higher source id
                    // stays)
                    enrollment("ENR-E", "603", "2024-08-19", "2024-09-30"),
                    enrollment("ENR-F", "603", "2024-09-15", null),
                    enrollment("ENR-G", "603", "2024-10-01", null),
                    enrollment("ENR-H", "604", "2024-08-19", null),
                    enrollment("ENR-I", "604", "2024-08-19", null),
                    // ends the day the next starts: overlapping; ends the day before: not
                    enrollment("ENR-J", "605", "2024-08-19", "2024-09-02"),
                    enrollment("ENR-K", "605", "2024-09-02", null),
                    enrollment("ENR-L", "606", "2024-08-19", "2024-09-01"),
                    enrollment("ENR-M", "606", "2024-09-02", null));
            assertThat(new Differ().dropOverlappingEnrollments(c, run)).isEqualTo(5);
            assertThat(count("SELECT count(*) FROM staged_record WHERE run_id = " + run + " AND source_id IN"
                            + " ('ENR-A', 'ENR-E', 'ENR-F', 'ENR-H', 'ENR-J')"))
                    .isZero();
            assertThat(count("SELECT count(*) FROM staged_record WHERE run_id = " + run))
                    .isEqualTo(8);
        }
    }

    private static RunStore.Staged enrollment(String sourceId, String student, String entry, String exit) {
        String body = "{\"studentReference\":{\"studentUniqueId\":\"" + student + "\"},\"entryDate\":\"" + entry + "\""
                + (exit == null ? "" : ",\"exitWithdrawDate\":\"" + exit + "\"") + "}";
        return new RunStore.Staged(
                "studentSchoolAssociations", sourceId, "[\"" + sourceId + "\"]", "{}", body, sourceId, false);
    }

    @Test
    void theErrorQueueKeepsOneErrorPerRecordAgesItAndClosesItWhenTheRecordGoesThrough() throws Exception {
        SisConnection connection = connection("push:", "push");
        String path = "/feed/v1/connections/" + connection.id() + "/push/studentSchoolAssociations";
        String own = TestTokens.token("own-lea", "SISVendor", List.of(255901L), List.of(), 600);
        String batch = """
                [{"sourceId":"Q-1","studentReference":{"studentUniqueId":"701"},"schoolReference":{"schoolId":255901001},
                  "entryDate":"2024-08-19","entryGradeLevelDescriptor":"10"},
                 {"sourceId":"Q-2","studentReference":{"studentUniqueId":"702"},"schoolReference":{"schoolId":255901002},
                  "entryDate":"2024-08-19","entryGradeLevelDescriptor":"11"}]
                """;
        for (int i = 0; i < 2; i++) {
            as(own).body(batch).post(path).then().statusCode(202).body("held", equalTo(2));
        }
        String errors = "/feed/v1/errors";
        admin().queryParam("connectionId", connection.id())
                .get(errors)
                .then()
                .statusCode(200)
                .body("size()", equalTo(2))
                .body("find { it.sourceId == 'Q-1' }.occurrences", equalTo(2))
                .body("find { it.sourceId == 'Q-1' }.code", equalTo("GradeLevelDescriptor=10"))
                .body("find { it.sourceId == 'Q-1' }.localEducationAgencyId", equalTo(255901))
                .body("find { it.sourceId == 'Q-1' }.schoolId", equalTo(255901001))
                .body("find { it.sourceId == 'Q-1' }.studentUniqueId", equalTo("701"))
                .body("find { it.sourceId == 'Q-1' }.ageBusinessDays", equalTo(0))
                .body("find { it.sourceId == 'Q-1' }.overdue", equalTo(false));
        admin().queryParam("studentUniqueId", "702")
                .get(errors + "/students")
                .then()
                .statusCode(200)
                .body(
                        "find { it.studentUniqueId == '702' }.reasons",
                        equalTo("studentSchoolAssociations: GradeLevelDescriptor=11"));
        // an old error is overdue
        update(
                "UPDATE data_error SET created_at = created_at - interval '15 days' WHERE connection_id = ?"
                        + " AND source_id = 'Q-2'",
                connection.id());
        admin().queryParam("connectionId", connection.id())
                .queryParam("overdue", true)
                .get(errors)
                .then()
                .body("size()", equalTo(1))
                .body("[0].sourceId", equalTo("Q-2"))
                .body("[0].ageBusinessDays", org.hamcrest.Matchers.greaterThan(5));
        admin().queryParam("sort", "sideways").get(errors).then().statusCode(400);
        // a mapping for 10 releases Q-1 at once; its error closes itself
        admin().body("[{\"descriptor\":\"GradeLevelDescriptor\",\"vendorCode\":\"10\","
                        + "\"uri\":\"uri://ed-fi.org/GradeLevelDescriptor#Tenth grade\"}]")
                .put("/feed/v1/connections/" + connection.id() + "/mappings")
                .then()
                .statusCode(200)
                .header("Held-Records-Released", "1");
        admin().queryParam("connectionId", connection.id())
                .queryParam("state", "resolved")
                .get(errors)
                .then()
                .body("size()", equalTo(1))
                .body("[0].sourceId", equalTo("Q-1"))
                .body("[0].resolution", startsWith("The record went through in run"));
        assertThat(count("SELECT count(*) FROM outbox WHERE connection_id = '" + connection.id()
                        + "' AND source_id = 'Q-1'"))
                .isEqualTo(1);
        // Q-2 is archived with a note and leaves the open queue
        long q2 = count(
                "SELECT id FROM data_error WHERE connection_id = '" + connection.id() + "' AND source_id = 'Q-2'");
        admin().body("{\"note\":\"school closed\"}")
                .post(errors + "/" + q2 + "/archive")
                .then()
                .statusCode(200)
                .body("archived", equalTo(1));
        admin().body("{}").post(errors + "/" + q2 + "/archive").then().statusCode(409);
        admin().queryParam("connectionId", connection.id()).get(errors).then().body("size()", equalTo(0));
        admin().get(errors + "/" + q2)
                .then()
                .statusCode(200)
                .body("state", equalTo("archived"))
                .body("resolution", equalTo("Archived: school closed"))
                .body("closedBy", equalTo("test-state-admin"));
        admin().get(errors + "/999999").then().statusCode(404);
        admin().body("{\"ids\":[]}").post(errors + "/retry").then().statusCode(400);
    }

    @Test
    void aDueScheduleFiresOnceEvenWhenTwoInstancesClaimItAtTheSameTime() throws Exception {
        SisConnection connection = connection("http://localhost:1");
        Instant due = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        update("UPDATE connection SET next_pull_at = ? WHERE id = ?", java.sql.Timestamp.from(due), connection.id());
        // two instances race for the same due time: one wins
        Instant next = org.statehub.feed.pipeline.Pulls.next("0 0 14,17 * * ?", "UTC", Instant.now());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<Boolean>> claims = new ArrayList<>();
        var start = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            claims.add(pool.submit(() -> {
                start.await();
                try (Connection c = dataSource.getConnection()) {
                    return connections.claimScheduled(c, connection.id(), due, next);
                }
            }));
        }
        start.countDown();
        int won = 0;
        for (var claim : claims) {
            won += claim.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(won).isEqualTo(1);
        // and the scheduler of this instance fires a due connection once, then moves it to its next time
        update("UPDATE connection SET next_pull_at = now() - interval '1 minute' WHERE id = ?", connection.id());
        long deadline = System.currentTimeMillis() + 15_000;
        while (count("SELECT count(*) FROM feed_run WHERE trigger = 'schedule' AND connection_id = '" + connection.id()
                        + "'")
                == 0) {
            assertThat(System.currentTimeMillis())
                    .as("the scheduler did not fire")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
        Thread.sleep(2500); // two more scheduler ticks
        assertThat(count("SELECT count(*) FROM feed_run WHERE trigger = 'schedule' AND connection_id = '"
                        + connection.id() + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM connection WHERE id = '" + connection.id()
                        + "' AND next_pull_at > now()"))
                .isEqualTo(1);
    }

    /** The members (and their order) of the runs, rejections, resyncs and status answers. */
    @Test
    void runsRejectionsResyncsAndStatusShowTheirMembers() throws Exception {
        SisConnection connection = connection("http://localhost:1");
        long run;
        long job;
        try (Connection c = dataSource.getConnection()) {
            run = new RunStore().start(c, connection.id(), RunTrigger.MANUAL);
            new RunStore().succeed(c, run, 4, 1, 2, 0, 0);
            Sql.update(
                    c,
                    "INSERT INTO outbox (run_id, connection_id, rank, resource, source_id, operation, status,"
                            + " next_attempt_at, outcome_status, outcome, attempts)"
                            + " VALUES (?, ?, 4, 'students', 'S-1', 'upsert', 'rejected', now(), 400, '{\"x\":1}', 1),"
                            + " (?, ?, 4, 'students', 'S-2', 'upsert', 'delivered', now(), 200, NULL, 1)",
                    run,
                    connection.id(),
                    run,
                    connection.id());
            job = Sql.first(
                            c,
                            "INSERT INTO resync_job (connection_id, status, phase, done, total, started_at,"
                                    + " heartbeat_at, report) VALUES (?, 'succeeded', 'done', 3, 3, now(), now(),"
                                    + " '{\"missing\":0}') RETURNING id",
                            rs -> rs.getLong(1),
                            connection.id())
                    .orElseThrow();
        }
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var shown = json.readTree(admin().get("/feed/v1/runs/" + run)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(names(shown))
                .containsExactly(("id connectionId trigger status reason startedAt finishedAt recordsRead recordsHeld"
                                + " upserts deletes keyChanges publishing unchanged rejected durationSeconds state")
                        .split(" "));
        assertThat(shown.path("state").asText()).isEqualTo("partly succeeded");
        assertThat(shown.path("unchanged").asLong()).isEqualTo(1);
        assertThat(shown.path("publishing").path("delivered").asLong()).isEqualTo(1);
        var rejections = json.readTree(admin().queryParam("runId", run)
                .get("/feed/v1/rejections")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(rejections).hasSize(1);
        assertThat(names(rejections.get(0)))
                .containsExactly(
                        "id",
                        "runId",
                        "connectionId",
                        "resource",
                        "sourceId",
                        "operation",
                        "status",
                        "response",
                        "attempts");
        assertThat(rejections.get(0).path("response").asText()).isEqualTo("{\"x\":1}");
        var resync = json.readTree(admin().get("/feed/v1/resyncs/" + job)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(names(resync))
                .containsExactly(
                        "id",
                        "connectionId",
                        "resource",
                        "status",
                        "phase",
                        "done",
                        "total",
                        "requestedBy",
                        "startedAt",
                        "finishedAt",
                        "ratePerSecond",
                        "etaSeconds",
                        "runId",
                        "report",
                        "error");
        assertThat(resync.path("report").path("missing").isInt()).isTrue();
        assertThat(resync.path("etaSeconds").isNull()).isTrue();
        var status = json.readTree(admin().queryParam("leaId", 255901)
                .get("/feed/v1/status")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(names(status.get(0))).containsExactly("localEducationAgencyId", "connections", "days");
        var shownConnection = status.get(0).path("connections").findParent("vendor");
        assertThat(names(shownConnection))
                .startsWith("id", "vendor", "format", "enabled", "nextPullAt", "lastSuccessfulPullAt");
        var today = status.get(0).path("days").get(0);
        assertThat(names(today))
                .containsExactly("date", "runs", "failed", "held", "recordsRead", "recordsHeld", "feeds");
        assertThat(names(today.path("feeds").path("demographic")))
                .containsExactly("upserted", "deleted", "keyChanges", "rejected", "pending");
        admin().get("/feed/v1/resyncs/999999").then().statusCode(404);
        admin().get("/feed/v1/status?days=91").then().statusCode(400);
    }

    private static List<String> names(com.fasterxml.jackson.databind.JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theOpenApiDocumentDescribesTheFeedApiWithExamples() throws Exception {
        var document = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(given().get("/q/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        var paths = document.path("paths");
        assertThat(paths.at("/~1feed~1v1~1connections/post/requestBody/content/application~1json/examples/pulled/value"
                                + "/vendor")
                        .asText())
                .isEqualTo("Acme SIS");
        assertThat(paths.at("/~1feed~1v1~1errors/get/responses/200/content/application~1json/example/0/kind")
                        .asText())
                .isEqualTo("unmapped-code");
        // what the resource classes say is there too: the queue's filters, the resync and status endpoints
        assertThat(paths.at("/~1feed~1v1~1errors/get/parameters").toString()).contains("leaId", "overdue");
        assertThat(paths.has("/feed/v1/connections/{id}/resync")).isTrue();
        assertThat(paths.has("/feed/v1/resyncs/{id}")).isTrue();
        assertThat(paths.has("/feed/v1/status")).isTrue();
        assertThat(document.at("/components/securitySchemes").toString()).contains("bearer");
    }
}
