package org.statehub.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The feed pipeline across real processes: sis-simulator (a vendor with its own codes), feed-service pulling it,
 * and the hub (gateway, student-service, enrollment-service) receiving what it publishes, one PostgreSQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeedPipelineIT {

    private static final String ADMIN = "feed-it-admin";
    private static final String ADMIN_SECRET = "feed-it-admin-secret-0123456789";
    private static final String VENDOR_KEY = "acme-key-123";
    private static final int STUDENTS = 60;

    @RegisterExtension
    static final Hub hub = Hub.of("statehub_feed", ADMIN, ADMIN_SECRET)
            .withVendor(STUDENTS, VENDOR_KEY, Map.of())
            .withFeed(Map.of(
                    "FEED_PULL_TIMEOUT",
                    "3s",
                    "FEED_DELIVERY_INTERVAL",
                    "200ms",
                    "FEED_SCHEDULE_CHECK",
                    "2s",
                    "FEED_RESYNC_STALE_AFTER",
                    "3s"));

    private static String adminToken;
    private static String connectionId;

    @BeforeAll
    static void start() {
        adminToken = hub.adminToken();
        hub().body("{\"schoolYear\":2025,\"currentSchoolYear\":true,\"schoolYearDescription\":\"2024-2025\"}")
                .post("/data/v3/ed-fi/schoolYearTypes")
                .then()
                .statusCode(201);
    }

    static RequestSpecification hub() {
        return hub.as(adminToken);
    }

    static RequestSpecification feedApi() {
        return given().auth().oauth2(adminToken).baseUri(hub.feed().url()).contentType(ContentType.JSON);
    }

    /** The JSON of a 200 answer. */
    static JsonNode json(Response response) throws IOException {
        return FeedOperations.json(response);
    }

    /** The simulated vendor's code mappings (sis-simulator's acme-code-mappings.json) for the connection. */
    static void putVendorMappings(String connection) throws IOException {
        feedApi()
                .body(FeedOperations.vendorMappingsText())
                .put("/feed/v1/connections/" + connection + "/mappings")
                .then()
                .statusCode(200);
    }

    static RequestSpecification vendorAdmin() {
        return given().baseUri(hub.vendor().url()).contentType(ContentType.JSON);
    }

    /** Makes the vendor's next answers fail as {@code fault} says (the simulator's fault body). */
    static void injectFault(String fault) {
        vendorAdmin().body(fault).post("/admin/v1/faults").then().statusCode(200);
    }

    /** The vendor answers normally again. */
    static void noFaults() {
        injectFault("{\"mode\":\"none\"}");
    }

    static long total(String resource) {
        return Long.parseLong(hub().queryParam("totalCount", "true")
                .queryParam("limit", 0)
                .get("/data/v3/ed-fi/" + resource)
                .then()
                .statusCode(200)
                .extract()
                .header("Total-Count"));
    }

    /** Starts a pull and waits until it has finished and everything it queued was delivered or refused. */
    static JsonNode pull() throws Exception {
        return awaitRun(startPull(), Duration.ofSeconds(120));
    }

    /** Starts a pull of the connection: its run's id. */
    static long startPull() {
        return FeedOperations.startPull(feedApi(), connectionId);
    }

    static JsonNode awaitRun(long runId, Duration within) throws Exception {
        return FeedOperations.awaitRun(FeedPipelineIT::feedApi, runId, within);
    }

    static long sql(String query, String... parameters) throws Exception {
        return hub.database.count(query, parameters);
    }

    static String rejections() {
        return feedApi().get("/feed/v1/rejections").then().extract().asString();
    }

    @Test
    @Order(1)
    void aConnectionKeepsItsCredentialsSecretAndRefusesBadSettings() throws Exception {
        feedApi()
                .body("{\"localEducationAgencyId\":-1,\"baseUrl\":\"ftp://x\",\"schedule\":\"every day\"}")
                .post("/feed/v1/connections")
                .then()
                .statusCode(400)
                .body("validationErrors.'$.vendor'[0]", equalTo("Vendor is required."));
        var created = feedApi()
                .body("""
                {"localEducationAgencyId":255901,"vendor":"Acme SIS","baseUrl":"%s",
                 "credentials":{"apiKey":"%s"},"schoolYears":[2025],"timeZone":"America/Chicago"}
                """.formatted(hub.vendor().url(), VENDOR_KEY))
                .post("/feed/v1/connections")
                .then()
                .statusCode(201)
                .body("credentialsSet", equalTo(true))
                .body("schedule", equalTo("0 0 14,17 * * ?"))
                .extract();
        connectionId = created.path("id");
        assertThat(created.asString()).doesNotContain(VENDOR_KEY);
        assertThat(sql("SELECT count(*) FROM feed.connection WHERE vendor_credentials LIKE ?", "%" + VENDOR_KEY + "%"))
                .isZero();
        putVendorMappings(connectionId);
        // through the gateway too; without a token, nothing
        given().auth()
                .oauth2(adminToken)
                .baseUri(hub.gatewayUrl)
                .get("/feed/v1/connections/" + connectionId)
                .then()
                .statusCode(200)
                .body("vendor", equalTo("Acme SIS"));
        hub.feed().withoutToken().get("/feed/v1/connections").then().statusCode(401);
    }

    @Test
    @Order(2)
    void theFirstPullLoadsTheDistrictAndASecondPullPublishesNothing() throws Exception {
        JsonNode first = pull();
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("succeeded");
        assertThat(first.path("publishing").path("rejected").asLong())
                .as(rejections())
                .isZero();
        assertThat(total("localEducationAgencies")).isEqualTo(1);
        assertThat(total("schools")).isEqualTo(2);
        assertThat(total("students")).isEqualTo(STUDENTS);
        assertThat(total("contacts")).isEqualTo(2L * STUDENTS);
        assertThat(total("studentContactAssociations")).isEqualTo(2L * STUDENTS);
        assertThat(total("studentEducationOrganizationAssociations")).isEqualTo(STUDENTS);
        assertThat(total("studentSchoolAttendanceEvents")).isEqualTo(3L * STUDENTS);
        long enrollments = total("studentSchoolAssociations");
        assertThat(enrollments).isEqualTo(first.path("upserts").asLong() - 1 - 2 - 4 - STUDENTS * 9L);
        // vendor codes arrived as the state's descriptors
        String sex = hub().queryParam("limit", 1)
                .get("/data/v3/ed-fi/studentEducationOrganizationAssociations")
                .then()
                .extract()
                .path("[0].sexDescriptor");
        assertThat(sex).startsWith("uri://ed-fi.org/SexDescriptor#");

        JsonNode second = pull();
        assertThat(second.path("status").asText()).isEqualTo("succeeded");
        assertThat(second.path("upserts").asLong()
                        + second.path("deletes").asLong()
                        + second.path("keyChanges").asLong())
                .as(second.toString())
                .isZero();
    }

    static JsonNode vendor(String resource, int limit) throws Exception {
        return json(given().baseUri(hub.vendor().url())
                .header("X-API-Key", VENDOR_KEY)
                .queryParam("limit", limit)
                .get("/vendor/v1/" + resource));
    }

    static JsonNode hubItems(String resource, Map<String, ?> query) throws Exception {
        return json(hub().queryParams(query).get("/data/v3/ed-fi/" + resource));
    }

    static void change(String json) {
        vendorAdmin().body(json).post("/admin/v1/changes").then().statusCode(200);
    }

    @Test
    @Order(3)
    void eachChangeAtTheVendorArrivesAsTheRightUpsertDeleteOrKeyChange() throws Exception {
        JsonNode vendorStudents = vendor("students", 4);
        String renamed = vendorStudents.get(0).path("studentUniqueId").asText();
        String moved = vendorStudents.get(1).path("studentUniqueId").asText();
        String noShow = vendorStudents.get(2).path("studentUniqueId").asText();
        String reEntered = vendorStudents.get(3).path("studentUniqueId").asText();
        JsonNode movedEnrollment = hubItems("studentSchoolAssociations", Map.of("studentUniqueId", moved))
                .get(0);
        long from = movedEnrollment.path("schoolReference").path("schoolId").asLong();
        long to = from == 255901001L ? 255901002L : 255901001L;
        String deletedEvent = vendor("studentSchoolAttendanceEvents", 10)
                .get(9)
                .path("sourceId")
                .asText();
        long eventsBefore = total("studentSchoolAttendanceEvents");
        change("""
                [{"op":"rename","studentUniqueId":"%s","firstName":"Renamed"},
                 {"op":"move","studentUniqueId":"%s","schoolId":%d},
                 {"op":"noShow","studentUniqueId":"%s"},
                 {"op":"entryDate","studentUniqueId":"%s","entryDate":"2024-08-26"},
                 {"op":"delete","resource":"studentSchoolAttendanceEvents","sourceId":"%s"}]
                """.formatted(renamed, moved, to, noShow, reEntered, deletedEvent));
        JsonNode run = pull();
        assertThat(run.path("status").asText()).isEqualTo("succeeded");
        assertThat(run.path("publishing").path("rejected").asLong())
                .as(rejections())
                .isZero();
        assertThat(run.path("keyChanges").asLong()).as(run.toString()).isEqualTo(2);

        assertThat(hubItems("students", Map.of("studentUniqueId", renamed))
                        .get(0)
                        .path("firstName")
                        .asText())
                .isEqualTo("Renamed");
        // the enrollment changed its key in place: same id, new school, and recorded in /keyChanges
        JsonNode afterMove = hubItems("studentSchoolAssociations", Map.of("studentUniqueId", moved))
                .get(0);
        assertThat(afterMove.path("id").asText())
                .isEqualTo(movedEnrollment.path("id").asText());
        assertThat(afterMove.path("schoolReference").path("schoolId").asLong()).isEqualTo(to);
        assertThat(hubItems("studentSchoolAssociations/keyChanges", Map.of()).toString())
                .contains(movedEnrollment.path("id").asText());
        // the moved student's attendance followed (attendance cannot change keys: new items, old ones deleted)
        for (JsonNode event : hubItems("studentSchoolAttendanceEvents", Map.of("studentUniqueId", moved))) {
            assertThat(event.path("schoolReference").path("schoolId").asLong()).isEqualTo(to);
        }
        assertThat(hubItems("studentSchoolAssociations", Map.of("studentUniqueId", noShow)))
                .isEmpty();
        assertThat(hubItems("studentSchoolAssociations", Map.of("studentUniqueId", reEntered))
                        .get(0)
                        .path("entryDate")
                        .asText())
                .isEqualTo("2024-08-26");
        assertThat(total("studentSchoolAttendanceEvents")).isEqualTo(eventsBefore - 1);
        assertThat(hubItems("studentSchoolAttendanceEvents/deletes", Map.of()).size())
                .isGreaterThanOrEqualTo(4);
        assertThat(hubItems("studentSchoolAssociations/deletes", Map.of()).size())
                .isEqualTo(1);
    }

    @Test
    @Order(4)
    void aFailingVendorLeavesTheHubUntouchedAndTheRunFailedWithItsReason() throws Exception {
        long students = total("students");
        long events = total("studentSchoolAttendanceEvents");
        long queued = sql("SELECT count(*) FROM feed.outbox");
        Map<String, String> expected = Map.of(
                "down",
                "cannot be reached",
                "error",
                "answered 500",
                "truncate",
                "could not be read completely",
                "slow",
                "did not answer");
        change("{\"op\":\"rename\",\"studentUniqueId\":\""
                + vendor("students", 1).get(0).path("studentUniqueId").asText() + "\",\"firstName\":\"NotYet\"}");
        for (Map.Entry<String, String> fault : expected.entrySet()) {
            injectFault("{\"mode\":\"" + fault.getKey() + "\",\"delaySeconds\":6}");
            JsonNode run = pull();
            assertThat(run.path("status").asText()).as(fault.getKey()).isEqualTo("failed");
            assertThat(run.path("reason").asText()).as(run.toString()).contains(fault.getValue());
        }
        noFaults();
        assertThat(sql("SELECT count(*) FROM feed.outbox")).isEqualTo(queued);
        assertThat(sql("SELECT count(*) FROM feed.staged_record")).isZero();
        assertThat(total("students")).isEqualTo(students);
        assertThat(total("studentSchoolAttendanceEvents")).isEqualTo(events);
        assertThat(hubItems("students", Map.of("firstName", "NotYet"))).isEmpty();
        // the next good pull brings the change that waited
        assertThat(pull().path("upserts").asLong()).isEqualTo(1);
        assertThat(hubItems("students", Map.of("firstName", "NotYet"))).hasSize(1);
    }

    @Test
    @Order(5)
    void unmappedCodesHoldTheirRecordsAndAreReported() throws Exception {
        long associations = total("studentContactAssociations");
        feedApi()
                .delete("/feed/v1/connections/" + connectionId + "/mappings/RelationDescriptor/GU")
                .then()
                .statusCode(204);
        change("{\"op\":\"addStudents\",\"count\":3}");
        JsonNode run = pull();
        assertThat(run.path("status").asText()).isEqualTo("succeeded");
        assertThat(run.path("recordsHeld").asLong()).isPositive();
        JsonNode errors =
                json(feedApi().queryParam("runId", run.path("id").asLong()).get("/feed/v1/errors"));
        assertThat(errors.size()).isEqualTo(run.path("recordsHeld").asInt());
        assertThat(errors.get(0).path("kind").asText()).isEqualTo("unmapped-code");
        assertThat(errors.get(0).path("message").asText()).contains("RelationDescriptor 'GU'");
        // held records keep what the hub has: the guardians already published are still there
        assertThat(total("studentContactAssociations")).isGreaterThanOrEqualTo(associations);
        JsonNode all = FeedOperations.vendorMappings();
        String mapping = "["
                + java.util.stream.StreamSupport.stream(all.spliterator(), false)
                        .filter(FeedOperations::isGuardianMapping)
                        .findFirst()
                        .orElseThrow()
                        .toString()
                + "]";
        feedApi()
                .body(mapping)
                .put("/feed/v1/connections/" + connectionId + "/mappings")
                .then()
                .statusCode(200);
        JsonNode after = pull();
        assertThat(after.path("recordsHeld").asLong()).isZero();
        assertThat(after.path("publishing").path("rejected").asLong())
                .as(rejections())
                .isZero();
        assertThat(total("studentContactAssociations")).isEqualTo(2 * total("students"));
    }

    @Test
    @Order(6)
    void aFeedServiceKilledWhilePublishingDeliversTheRestExactlyOnceAfterRestart() throws Exception {
        long studentsBefore = total("students");
        change("{\"op\":\"addStudents\",\"count\":120}");
        long runId = startPull();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode run = FeedOperations.JSON.readTree(
                    feedApi().get("/feed/v1/runs/" + runId).then().extract().asString());
            if (run.path("publishing").path("delivered").asLong() > 100) {
                assertThat(run.path("publishing").path("pending").asLong()).isPositive();
                break;
            }
            assertThat(System.nanoTime()).as("publishing did not start").isLessThan(deadline);
            Thread.sleep(50);
        }
        hub.feed().kill();
        hub.feed().start();
        JsonNode run = awaitRun(runId, Duration.ofSeconds(120));
        assertThat(run.path("publishing").path("rejected").asLong())
                .as(rejections())
                .isZero();
        assertThat(run.path("publishing").path("delivered").asLong())
                .isEqualTo(run.path("upserts").asLong()
                        + run.path("deletes").asLong()
                        + run.path("keyChanges").asLong());
        assertThat(total("students")).isEqualTo(studentsBefore + 120);
        assertThat(total("studentContactAssociations")).isEqualTo(2 * total("students"));
        // and a pull now finds nothing left to publish
        JsonNode again = pull();
        assertThat(again.path("upserts").asLong() + again.path("deletes").asLong())
                .isZero();
    }

    @Test
    @Order(7)
    void aVendorThatPushesSendsBatchesThroughTheGatewayWithATokenForItsLea() throws Exception {
        String pushId = feedApi()
                .body("""
                {"localEducationAgencyId":255901,"vendor":"Pushing SIS","format":"push","schoolYears":[2025],
                 "resources":["students","studentEducationOrganizationAssociations"]}
                """)
                .post("/feed/v1/connections")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        feedApi()
                .body("""
                [{"descriptor":"SexDescriptor","vendorCode":"female","uri":"uri://ed-fi.org/SexDescriptor#Female"}]
                """)
                .put("/feed/v1/connections/" + pushId + "/mappings")
                .then()
                .statusCode(200);
        RequestSpecification vendorApi = hub.as(hub.vendor(adminToken, "Pushing SIS", 255901));
        vendorApi
                .body("""
                [{"sourceId":"P-1","studentUniqueId":"P0000001","firstName":"Ada","lastSurname":"Pushed",
                  "birthDate":"2010-02-03"}]
                """)
                .post("/feed/v1/connections/" + pushId + "/push/students")
                .then()
                .statusCode(202)
                .body("upserts", equalTo(1));
        vendorApi
                .body("""
                [{"sourceId":"P-1-SEOA","studentReference":{"studentUniqueId":"P0000001"},
                  "educationOrganizationReference":{"educationOrganizationId":255901},"sexDescriptor":"female"}]
                """)
                .post("/feed/v1/connections/" + pushId + "/push/studentEducationOrganizationAssociations")
                .then()
                .statusCode(202)
                .body("upserts", equalTo(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (hubItems("studentEducationOrganizationAssociations", Map.of("studentUniqueId", "P0000001"))
                .isEmpty()) {
            assertThat(System.nanoTime())
                    .as("the pushed records did not arrive; " + rejections())
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(hubItems("students", Map.of("studentUniqueId", "P0000001"))
                        .get(0)
                        .path("lastSurname")
                        .asText())
                .isEqualTo("Pushed");
        // the vendor's token is for its LEA only: another LEA's connection refuses it
        String otherLea = feedApi()
                .body("""
                {"localEducationAgencyId":255902,"vendor":"Other","format":"push","schoolYears":[2025]}
                """)
                .post("/feed/v1/connections")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        vendorApi
                .body("[]")
                .post("/feed/v1/connections/" + otherLea + "/push/students")
                .then()
                .statusCode(403);
        vendorApi.get("/feed/v1/connections").then().statusCode(403);
    }

    @Test
    @Order(8)
    void theStateCollectionTemplatesInCsvLoadTheSameRecords() throws Exception {
        Map<String, Long> before = new java.util.LinkedHashMap<>();
        for (String resource : FeedOperations.STUDENT_RECORDS) {
            before.put(resource, total(resource));
        }
        String csvId = feedApi()
                .body("""
                {"localEducationAgencyId":255901,"vendor":"Acme SIS (templates)","baseUrl":"%s","format":"csv-templates",
                 "credentials":{"apiKey":"%s"},"schoolYears":[2025]}
                """.formatted(hub.vendor().url(), VENDOR_KEY))
                .post("/feed/v1/connections")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        putVendorMappings(csvId);
        String saved = connectionId;
        connectionId = csvId;
        try {
            JsonNode first = pull();
            assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("succeeded");
            assertThat(first.path("publishing").path("rejected").asLong())
                    .as(rejections())
                    .isZero();
            assertThat(first.path("upserts").asLong()).isPositive();
            // the same district through another door: the same natural keys, so nothing new in the hub
            for (Map.Entry<String, Long> resource : before.entrySet()) {
                assertThat(total(resource.getKey())).as(resource.getKey()).isEqualTo(resource.getValue());
            }
            JsonNode second = pull();
            assertThat(second.path("upserts").asLong() + second.path("deletes").asLong())
                    .isZero();
            // a malformed file is not half-loaded
            injectFault("{\"mode\":\"malformed\"}");
            JsonNode malformed = pull();
            assertThat(malformed.path("status").asText()).isEqualTo("failed");
            assertThat(malformed.path("reason").asText()).contains("its header has");
        } finally {
            noFaults();
            connectionId = saved;
        }
    }

    @Test
    @Order(9)
    void aPullThatWouldDeleteMuchIsHeldUntilAnAdministratorDecides() throws Exception {
        long students = total("students");
        // the vendor's district shrinks to 40 students (a broken export, or a real mass withdrawal)
        vendorAdmin()
                .body("{\"seed\":7,\"students\":40}")
                .put("/admin/v1/district")
                .then()
                .statusCode(200);
        JsonNode held = pull();
        assertThat(held.path("status").asText()).as(held.toString()).isEqualTo("held");
        assertThat(held.path("reason").asText())
                .startsWith("Held: it would delete")
                .contains("students (");
        assertThat(total("students")).isEqualTo(students);
        feedApi()
                .post("/feed/v1/runs/" + held.path("id").asLong() + "/reject")
                .then()
                .statusCode(200)
                .body("status", equalTo("rejected"));
        feedApi()
                .post("/feed/v1/runs/" + held.path("id").asLong() + "/approve")
                .then()
                .statusCode(409);
        assertThat(total("students")).isEqualTo(students);

        JsonNode again = pull();
        assertThat(again.path("status").asText()).isEqualTo("held");
        feedApi()
                .post("/feed/v1/runs/" + again.path("id").asLong() + "/approve")
                .then()
                .statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("reason", org.hamcrest.Matchers.containsString("Approved by "));
        JsonNode published = awaitRun(again.path("id").asLong(), Duration.ofSeconds(120));
        assertThat(published.path("publishing").path("rejected").asLong())
                .as(rejections())
                .isZero();
        assertThat(published.path("deletes").asLong()).isPositive();
        // 40 students from this connection, and the one a pushing vendor sent
        assertThat(total("students")).isEqualTo(41);
    }

    @Test
    @Order(10)
    void malformedRecordsAreHeldOrRefusedAndTheirErrorsCloseWhenTheVendorFixesThem() throws Exception {
        injectFault("{\"mode\":\"malformed\"}");
        JsonNode bad;
        try {
            bad = pull();
        } finally {
            noFaults();
        }
        assertThat(bad.path("status").asText()).as(bad.toString()).isEqualTo("succeeded");
        assertThat(bad.path("recordsHeld").asLong()).isPositive();
        JsonNode open = json(feedApi()
                .queryParam("connectionId", connectionId)
                .queryParam("limit", 1000)
                .get("/feed/v1/errors"));
        java.util.Set<String> kinds = new java.util.HashSet<>();
        open.forEach(e -> kinds.add(e.path("kind").asText()));
        assertThat(kinds).as(open.toString()).contains("invalid-record", "rejected");
        JsonNode rejected = java.util.stream.StreamSupport.stream(open.spliterator(), false)
                .filter(e -> e.path("kind").asText().equals("rejected"))
                .findFirst()
                .orElseThrow();
        assertThat(rejected.path("code").asText()).startsWith("400 ");
        assertThat(rejected.path("message").asText()).startsWith("The hub refused the upsert:");

        JsonNode fixed = pull();
        assertThat(fixed.path("publishing").path("rejected").asLong())
                .as(rejections())
                .isZero();
        feedApi()
                .queryParam("connectionId", connectionId)
                .get("/feed/v1/errors")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        feedApi()
                .get("/feed/v1/errors/" + rejected.path("id").asLong())
                .then()
                .body("state", equalTo("resolved"))
                .body("resolution", org.hamcrest.Matchers.startsWith("Delivered"));
    }

    @Test
    @Order(11)
    void aPreviewShowsWhatAPullWouldPublishAndPublishesNothing() throws Exception {
        String student = vendor("students", 1).get(0).path("studentUniqueId").asText();
        change("{\"op\":\"rename\",\"studentUniqueId\":\"" + student + "\",\"firstName\":\"Previewed\"}");
        long runId = ((Number) feedApi()
                        .post("/feed/v1/connections/" + connectionId + "/preview")
                        .then()
                        .statusCode(202)
                        .extract()
                        .path("runId"))
                .longValue();
        JsonNode preview = awaitRun(runId, Duration.ofSeconds(60));
        assertThat(preview.path("status").asText()).as(preview.toString()).isEqualTo("previewed");
        JsonNode upserts =
                preview.path("preview").path("actions").path("students").path("upsert");
        assertThat(upserts.path("count").asLong()).isEqualTo(1);
        assertThat(upserts.path("samples").get(0).path("firstName").asText()).isEqualTo("Previewed");
        assertThat(preview.path("publishing").path("pending").asLong()
                        + preview.path("publishing").path("delivered").asLong())
                .isZero();
        assertThat(hubItems("students", Map.of("firstName", "Previewed"))).isEmpty();
        // the real pull still finds the change (the preview changed no identity)
        JsonNode real = pull();
        assertThat(real.path("upserts").asLong()).isEqualTo(1);
        assertThat(real.path("state").asText()).isEqualTo("succeeded");
        assertThat(real.path("unchanged").asLong()).isPositive();
        assertThat(hubItems("students", Map.of("firstName", "Previewed"))).hasSize(1);
    }

    @Test
    @Order(12)
    void statusMappingsSeenAndYearRolloverForTheDataTeam() throws Exception {
        JsonNode status = json(feedApi().queryParam("leaId", 255901).get("/feed/v1/status"));
        JsonNode lea = status.get(0);
        assertThat(lea.path("localEducationAgencyId").asLong()).isEqualTo(255901);
        JsonNode ours = java.util.stream.StreamSupport.stream(
                        lea.path("connections").spliterator(), false)
                .filter(c -> c.path("id").asText().equals(connectionId))
                .findFirst()
                .orElseThrow();
        assertThat(ours.path("lastSuccessfulPullAt").isNull()).isFalse();
        // summed over the days shown: a run just before midnight counts on the day before
        long runs = 0;
        long upserted = 0;
        long deleted = 0;
        for (JsonNode day : lea.path("days")) {
            runs += day.path("runs").asLong();
            upserted += day.path("feeds").path("demographic").path("upserted").asLong();
            deleted += day.path("feeds").path("attendance").path("deleted").asLong();
        }
        assertThat(runs).isPositive();
        assertThat(upserted).isPositive();
        assertThat(deleted).isPositive();

        JsonNode seen = json(feedApi().get("/feed/v1/connections/" + connectionId + "/mappings/seen"));
        JsonNode female = java.util.stream.StreamSupport.stream(seen.spliterator(), false)
                .filter(v -> v.path("descriptor").asText().equals("SexDescriptor")
                        && v.path("vendorCode").asText().equals("F"))
                .findFirst()
                .orElseThrow();
        assertThat(female.path("uri").asText()).isEqualTo("uri://ed-fi.org/SexDescriptor#Female");
        assertThat(female.path("records").asLong()).isPositive();
        feedApi()
                .queryParam("unmapped", true)
                .get("/feed/v1/connections/" + connectionId + "/mappings/seen")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));

        feedApi()
                .body("""
                [{"descriptor":"GradeLevelDescriptor","vendorCode":"KG","schoolYear":2025,
                  "uri":"uri://ed-fi.org/GradeLevelDescriptor#Kindergarten"}]
                """)
                .put("/feed/v1/connections/" + connectionId + "/mappings")
                .then()
                .statusCode(200);
        feedApi()
                .body("{\"from\":2025,\"to\":2026}")
                .post("/feed/v1/connections/" + connectionId + "/mappings/rollover")
                .then()
                .statusCode(200)
                .body("copied", equalTo(1));
        feedApi()
                .body("{\"from\":2025,\"to\":2025}")
                .post("/feed/v1/connections/" + connectionId + "/mappings/rollover")
                .then()
                .statusCode(400);
    }

    static JsonNode resync() throws Exception {
        return FeedOperations.resync(FeedPipelineIT::feedApi, connectionId);
    }

    @Test
    @Order(13)
    void aResyncRepairsTheHubAfterChangesBehindTheFeedsBackAndASecondChangesNothing() throws Exception {
        JsonNode source = vendor("students", 2);
        String altered = source.get(0).path("studentUniqueId").asText();
        String surname = hubItems("students", Map.of("studentUniqueId", altered))
                .get(0)
                .path("lastSurname")
                .asText();
        // behind the feed's back, with the state-admin token: a surname changed, an attendance event deleted,
        // and a student with an SEOA added that no source knows
        hub().body(((com.fasterxml.jackson.databind.node.ObjectNode)
                                hubItems("students", Map.of("studentUniqueId", altered))
                                        .get(0)
                                        .deepCopy())
                        .put("lastSurname", "Tampered")
                        .without(java.util.List.of("id", "_etag", "_lastModifiedDate"))
                        .toString())
                .post("/data/v3/ed-fi/students")
                .then()
                .statusCode(200);
        long events = total("studentSchoolAttendanceEvents");
        String eventId = hubItems("studentSchoolAttendanceEvents", Map.of("limit", 1))
                .get(0)
                .path("id")
                .asText();
        hub().delete("/data/v3/ed-fi/studentSchoolAttendanceEvents/" + eventId)
                .then()
                .statusCode(204);
        hub().body("""
                {"studentUniqueId":"ORPHAN01","firstName":"No","lastSurname":"Source","birthDate":"2011-01-01"}
                """).post("/data/v3/ed-fi/students").then().statusCode(201);
        hub().body("""
                {"educationOrganizationReference":{"educationOrganizationId":255901},
                 "studentReference":{"studentUniqueId":"ORPHAN01"}}
                """)
                .post("/data/v3/ed-fi/studentEducationOrganizationAssociations")
                .then()
                .statusCode(201);

        JsonNode job = resync();
        JsonNode report = job.path("report");
        FeedOperations.assertRepaired(report);
        assertThat(hubItems("students", Map.of("studentUniqueId", altered))
                        .get(0)
                        .path("lastSurname")
                        .asText())
                .isEqualTo(surname);
        assertThat(total("studentSchoolAttendanceEvents")).isEqualTo(events);
        assertThat(hubItems("students", Map.of("studentUniqueId", "ORPHAN01"))).isEmpty();
        feedApi()
                .queryParam("runId", job.path("runId").asLong())
                .get("/feed/v1/rejections")
                .then()
                .body("size()", equalTo(0));

        JsonNode again = resync().path("report");
        assertThat(FeedOperations.repairs(again)).as(again.toString()).isZero();
    }

    @Test
    @Order(14)
    void aResyncLeftRunningByAStoppedInstanceIsResumedAndFinished() throws Exception {
        // as a feed-service that died in the middle of a resync leaves it: running, with an old heartbeat
        long job = sql(
                "INSERT INTO feed.resync_job (connection_id, status, phase, requested_by, started_at,"
                        + " heartbeat_at) VALUES (?, 'running', 'target', 'it', now() - interval '1 hour',"
                        + " now() - interval '1 hour') RETURNING id",
                connectionId);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode status;
        do {
            Thread.sleep(300);
            status = json(feedApi().get("/feed/v1/resyncs/" + job));
            assertThat(System.nanoTime()).as("not resumed: " + status).isLessThan(deadline);
        } while (status.path("status").asText().equals("running"));
        assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("succeeded");
        assertThat(status.path("report").path("orphansDeleted").asLong()).isZero();
    }
}
