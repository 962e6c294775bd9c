package org.statehub.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.simulator.domain.ResourceType;

/**
 * A state administrator's day, across real processes on one fresh PostgreSQL: the hub (gateway, student-service,
 * enrollment-service), sis-simulator as the district's vendor ("Acme SIS", 30 students), feed-service pulling it
 * and conflict-service. Every call the administrator makes goes through the gateway with a StateAdmin token.
 * <ol>
 *   <li>Morning: the district's connection pulls on its schedule; the feed status shows the run's counts and the
 *       guardian associations held because the vendor's {@code GU} code has no mapping yet.</li>
 *   <li>The administrator adds the mapping: the held records reach the hub, their errors close, and a pull finds
 *       nothing left to send.</li>
 *   <li>A second LEA reports one of the district's students with another birth date: a conflict, resolved with
 *       the district's value, which the student record then carries.</li>
 *   <li>The second LEA enrolls the same child again under a new id, with a contact of its own: the pair is on the
 *       duplicates worklist, one administrator requests the merge, cannot approve it herself, a second one
 *       approves; the retired id is gone and the district's student has the other LEA's enrollment, SEOA and
 *       contact association.</li>
 *   <li>Evening: after changes made to the district's data behind the feed's back, a resync repairs them, leaves
 *       the other LEA's records alone (also the contact and association the district's client sees through the
 *       child they share: kept and reported), and the hub holds what the vendor says (a second resync finds
 *       nothing).</li>
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdministratorDayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin-day-it-admin";
    private static final String ADMIN_SECRET = "admin-day-it-admin-secret-0123456789";
    private static final String VENDOR_KEY = "acme-day-key-123";
    private static final int STUDENTS = 30;
    private static final long LEA = 255_901;
    private static final long OTHER_LEA = 255_902;
    private static final long OTHER_SCHOOL = 255_902_001;
    private static final ZoneId DISTRICT_ZONE = ZoneId.of("America/Chicago");
    private static final String DATA = "/data/v3/ed-fi/";

    @RegisterExtension
    static final Hub hub = Hub.of("statehub_admin_day", ADMIN, ADMIN_SECRET)
            .withVendor(STUDENTS, VENDOR_KEY, Map.of("SIM_LEA_ID", Long.toString(LEA)))
            .withFeed(Map.of("FEED_DELIVERY_INTERVAL", "200ms", "FEED_SCHEDULE_CHECK", "1s"))
            .withConflicts(Map.of("CONFLICT_DETECTION_INTERVAL", "1s", "CONFLICT_MERGE_RESUME_INTERVAL", "1s"));

    private static String adminA;
    private static Hub.Client adminB;
    /** The other LEA's SIS (SISVendor, scoped to {@link #OTHER_LEA}). */
    private static String otherLea;
    /** What the district may read of the hub (SISVendor, scoped to {@link #LEA}). */
    private static String district;

    private static String connectionId;
    /** The guardian associations the morning pull held for the unmapped {@code GU}. */
    private static long heldGuardians;
    /** The student the other LEA reported differently (step 3) and the survivor of the merge (step 4). */
    private static String conflicted;

    private static String survivor;
    /** The contact the other LEA entered for its copy of the child (step 4), the survivor's after the merge. */
    private static String otherContact;

    @BeforeAll
    static void start() throws Exception {
        adminA = hub.adminToken();
        adminB = hub.secondAdministrator(adminA, "Second state administrator");
        otherLea = client("Beta SIS for LEA " + OTHER_LEA, OTHER_LEA);
        district = client("District data office reader", LEA);

        as(adminA).body("""
                {"schoolYear": 2025, "currentSchoolYear": true, "schoolYearDescription": "2024-2025"}
                """).post(DATA + "schoolYearTypes").then().statusCode(201);
        as(adminA)
                .body("""
                {"localEducationAgencyId": %d, "nameOfInstitution": "Beta Springs ISD",
                 "localEducationAgencyCategoryDescriptor": "uri://ed-fi.org/LocalEducationAgencyCategoryDescriptor#Independent",
                 "categories": [{"educationOrganizationCategoryDescriptor": "uri://ed-fi.org/EducationOrganizationCategoryDescriptor#Local Education Agency"}]}
                """.formatted(OTHER_LEA))
                .post(DATA + "localEducationAgencies")
                .then()
                .statusCode(201);
        as(adminA)
                .body("""
                {"schoolId": %d, "nameOfInstitution": "Beta Springs Elementary",
                 "localEducationAgencyReference": {"localEducationAgencyId": %d},
                 "educationOrganizationCategories": [{"educationOrganizationCategoryDescriptor": "uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School"}],
                 "gradeLevels": [{"gradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Fourth grade"}]}
                """.formatted(OTHER_SCHOOL, OTHER_LEA))
                .post(DATA + "schools")
                .then()
                .statusCode(201);

        // the district's connection, set up the day before: off until the administrator schedules it; every code
        // mapping of the vendor but one (GU, the guardian relation)
        connectionId = as(adminA)
                .body("""
                {"localEducationAgencyId": %d, "vendor": "Acme SIS", "baseUrl": "%s", "credentials": {"apiKey": "%s"},
                 "schoolYears": [2025], "timeZone": "%s", "enabled": false}
                """.formatted(LEA, hub.vendor().url(), VENDOR_KEY, DISTRICT_ZONE))
                .post("/feed/v1/connections")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        List<JsonNode> withoutGuardian = new ArrayList<>();
        FeedOperations.vendorMappings().forEach(m -> {
            if (!FeedOperations.isGuardianMapping(m)) {
                withoutGuardian.add(m);
            }
        });
        as(adminA)
                .body(JSON.writeValueAsString(withoutGuardian))
                .put("/feed/v1/connections/" + connectionId + "/mappings")
                .then()
                .statusCode(200);
    }

    // --- calls --------------------------------------------------------------------------------------------------

    /** The hub's one entry point, the gateway, with a token. */
    static RequestSpecification as(String token) {
        return hub.as(token);
    }

    static JsonNode get(String token, String path, Map<String, ?> query) throws Exception {
        return JSON.readTree(as(token)
                .queryParams(query)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    /** A SISVendor client of one LEA, as the state administrator makes it; its token. */
    static String client(String name, long lea) {
        return hub.vendor(adminA, name, lea);
    }

    /** The other LEA's SIS enrolls a student at its school (a transfer in January). */
    static void enrollAtTheOtherLea(String uniqueId) {
        as(otherLea)
                .body("""
                {"studentReference": {"studentUniqueId": "%s"}, "schoolReference": {"schoolId": %d},
                 "entryDate": "2025-01-13",
                 "entryGradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Fourth grade"}
                """.formatted(uniqueId, OTHER_SCHOOL))
                .post(DATA + "studentSchoolAssociations")
                .then()
                .statusCode(201);
    }

    /** The vendor's own counts of each resource. */
    static JsonNode vendorCounts() throws Exception {
        return JSON.readTree(given().baseUri(hub.vendor().url())
                        .get("/admin/v1/district")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .path("counts");
    }

    /** The vendor's records of a resource, as feed-service reads them. */
    static JsonNode vendor(String resource) throws Exception {
        return JSON.readTree(given().baseUri(hub.vendor().url())
                .header("X-API-Key", VENDOR_KEY)
                .queryParam("limit", 5000)
                .get("/vendor/v1/" + resource)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    /** How many items of a resource the caller sees in the hub. */
    static long total(String token, String resource) {
        return Long.parseLong(as(token)
                .queryParam("totalCount", true)
                .queryParam("limit", 0)
                .get(DATA + resource)
                .then()
                .statusCode(200)
                .extract()
                .header("Total-Count"));
    }

    static JsonNode items(String resource, Map<String, ?> query) throws Exception {
        return get(adminA, DATA + resource, query);
    }

    static JsonNode student(String uniqueId) throws Exception {
        JsonNode found = items("students", Map.of("studentUniqueId", uniqueId));
        return found.isEmpty() ? null : found.get(0);
    }

    /** An item as the hub serves it, without what the hub adds (id, ETag, last modified, links in references). */
    static ObjectNode body(JsonNode item) {
        ObjectNode copy = item.deepCopy();
        copy.remove(List.of("id", "_etag", "_lastModifiedDate"));
        return ResourceDefinition.withoutLinks(copy);
    }

    /** Waits until a run has finished and everything it queued was delivered or refused. */
    static JsonNode awaitRun(long id) throws Exception {
        return FeedOperations.awaitRun(() -> as(adminA), id, Duration.ofSeconds(90));
    }

    static JsonNode pullNow() throws Exception {
        return awaitRun(FeedOperations.startPull(as(adminA), connectionId));
    }

    static JsonNode errors(Map<String, ?> query) throws Exception {
        Map<String, Object> all = new HashMap<>(query);
        all.put("connectionId", connectionId);
        all.put("limit", 1000);
        return get(adminA, "/feed/v1/errors", all);
    }

    /** The district's feed status (one LEA: its connection and its days, newest first). */
    static JsonNode districtStatus() throws Exception {
        JsonNode status = get(adminA, "/feed/v1/status", Map.of("leaId", LEA));
        assertThat(status).hasSize(1);
        return status.get(0);
    }

    /** A count summed over the days shown (a run just before midnight counts on the day before). */
    static long sumOverDays(JsonNode lea, String... path) {
        long sum = 0;
        for (JsonNode day : lea.path("days")) {
            JsonNode value = day;
            for (String member : path) {
                value = value.path(member);
            }
            sum += value.asLong();
        }
        return sum;
    }

    /** The district's conflicts of a student (every state), by field. */
    static Map<String, JsonNode> conflictsOf(String uniqueId) throws Exception {
        Map<String, JsonNode> byField = new HashMap<>();
        get(adminA, "/conflicts/v1/conflicts", Map.of("state", "all", "studentUniqueId", uniqueId))
                .forEach(conflict -> byField.put(conflict.path("field").asText(), conflict));
        return byField;
    }

    static JsonNode merge(long id) throws Exception {
        return get(adminA, "/conflicts/v1/merges/" + id, Map.of());
    }

    static Set<Long> organizations(String resource, String uniqueId, String... path) throws Exception {
        Set<Long> ids = new LinkedHashSet<>();
        for (JsonNode item : items(resource, Map.of("studentUniqueId", uniqueId))) {
            JsonNode value = item;
            for (String member : path) {
                value = value.path(member);
            }
            ids.add(value.asLong());
        }
        return ids;
    }

    /** The students a contact is associated with. */
    static List<String> contactStudentsOf(String contactUniqueId) throws Exception {
        List<String> students = new ArrayList<>();
        items("studentContactAssociations", Map.of("contactUniqueId", contactUniqueId))
                .forEach(a -> students.add(
                        a.path("studentReference").path("studentUniqueId").asText()));
        return students;
    }

    static Set<Long> schoolsOf(String uniqueId) throws Exception {
        return organizations("studentSchoolAssociations", uniqueId, "schoolReference", "schoolId");
    }

    static Set<Long> seoasOf(String uniqueId) throws Exception {
        return organizations(
                "studentEducationOrganizationAssociations",
                uniqueId,
                "educationOrganizationReference",
                "educationOrganizationId");
    }

    /** Starts a resync of the district's connection and follows it to its end; the job as last shown. */
    static JsonNode resync() throws Exception {
        JsonNode job = FeedOperations.resync(() -> as(adminA), connectionId);
        JsonNode run = awaitRun(job.path("runId").asLong());
        assertThat(run.path("trigger").asText()).isEqualTo("resync");
        assertThat(run.path("publishing").path("rejected").asLong())
                .as(run.toString())
                .isZero();
        return job;
    }

    /** The resync kept the other LEA's contact and association of the shared child, and says so. */
    static void assertSharedKept(JsonNode report) {
        assertThat(report.path("sharedKept").asLong()).as(report.toString()).isEqualTo(2);
        assertThat(report.path("sharedKeptResources").path("contacts").asLong())
                .as(report.toString())
                .isEqualTo(1);
        assertThat(report.path("sharedKeptResources")
                        .path("studentContactAssociations")
                        .asLong())
                .as(report.toString())
                .isEqualTo(1);
        List<String> kept = new ArrayList<>();
        report.path("sharedKeptItems")
                .forEach(item -> kept.add(item.path("resource").asText() + " "
                        + item.path("keyValues").path("contactUniqueId").asText() + " "
                        + item.path("keyValues").path("studentUniqueId").asText("")));
        assertThat(kept)
                .containsExactlyInAnyOrder(
                        "contacts " + otherContact + " ",
                        "studentContactAssociations " + otherContact + " " + survivor);
    }

    // --- the day ------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void theMorningPullRunsOnItsScheduleAndTheStatusShowsItsCountsAndTheRecordsAnUnmappedCodeHeld() throws Exception {
        // the pull is due a few seconds from now, every day at that time, in the district's time zone
        Instant now = Instant.now();
        ZonedDateTime due = now.atZone(DISTRICT_ZONE).plusSeconds(8);
        String schedule = "%d %d %d * * ?".formatted(due.getSecond(), due.getMinute(), due.getHour());
        Instant next = Instant.parse(as(adminA)
                .body("{\"enabled\": true, \"schedule\": \"" + schedule + "\"}")
                .put("/feed/v1/connections/" + connectionId)
                .then()
                .statusCode(200)
                .body("schedule", equalTo(schedule))
                .extract()
                .path("nextPullAt"));
        assertThat(next).isAfter(now).isBefore(now.plusSeconds(30));

        Hub.eventually(
                Duration.ofSeconds(60),
                () -> !get(adminA, "/feed/v1/runs", Map.of("connectionId", connectionId))
                        .isEmpty());
        JsonNode runs = get(adminA, "/feed/v1/runs", Map.of("connectionId", connectionId));
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).path("trigger").asText()).isEqualTo("schedule");
        JsonNode run = awaitRun(runs.get(0).path("id").asLong());
        assertThat(Instant.parse(run.path("startedAt").asText()))
                .as("started when due")
                .isAfterOrEqualTo(next);
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.path("publishing").path("rejected").asLong())
                .as(run.toString())
                .isZero();
        long guardians = StreamSupport.stream(
                        vendor("studentContactAssociations").spliterator(), false)
                .filter(a -> a.path("relationDescriptor").asText().equals("GU"))
                .count();
        assertThat(guardians).as("the district has guardians").isPositive();
        assertThat(run.path("recordsHeld").asLong()).isEqualTo(guardians);
        heldGuardians = guardians;

        // the day's status: the scheduled run succeeded, with what it published per daily feed
        JsonNode lea = districtStatus();
        JsonNode connection = lea.path("connections").get(0);
        assertThat(connection.path("id").asText()).isEqualTo(connectionId);
        assertThat(connection.path("lastRun").path("trigger").asText()).isEqualTo("schedule");
        assertThat(connection.path("lastRun").path("status").asText()).isEqualTo("succeeded");
        assertThat(connection.hasNonNull("lastSuccessfulPullAt")).isTrue();
        assertThat(Instant.parse(connection.path("nextPullAt").asText()))
                .as("the next pull is tomorrow at the same time")
                .isAfter(Instant.now().plus(Duration.ofHours(23)));
        assertThat(sumOverDays(lea, "runs")).isEqualTo(1);
        assertThat(sumOverDays(lea, "failed") + sumOverDays(lea, "held")).isZero();
        assertThat(sumOverDays(lea, "recordsRead"))
                .isEqualTo(run.path("recordsRead").asLong());
        assertThat(sumOverDays(lea, "recordsHeld")).isEqualTo(guardians);
        JsonNode vendorCounts = vendorCounts();
        assertThat(sumOverDays(lea, "feeds", "organizations", "upserted"))
                .isEqualTo(vendorCounts.path("localEducationAgencies").asLong()
                        + vendorCounts.path("schools").asLong()
                        + vendorCounts.path("sessions").asLong());
        assertThat(sumOverDays(lea, "feeds", "demographic", "upserted"))
                .isEqualTo(vendorCounts.path("students").asLong()
                        + vendorCounts
                                .path("studentEducationOrganizationAssociations")
                                .asLong());
        assertThat(sumOverDays(lea, "feeds", "contacts", "upserted"))
                .isEqualTo(vendorCounts.path("contacts").asLong()
                        + vendorCounts.path("studentContactAssociations").asLong()
                        - guardians);
        assertThat(sumOverDays(lea, "feeds", "enrollment", "upserted"))
                .isEqualTo(total(adminA, "studentSchoolAssociations"))
                .isPositive();
        assertThat(sumOverDays(lea, "feeds", "attendance", "upserted"))
                .isEqualTo(vendorCounts.path("studentSchoolAttendanceEvents").asLong());
        for (String feedName : List.of("organizations", "demographic", "contacts", "enrollment", "attendance")) {
            assertThat(sumOverDays(lea, "feeds", feedName, "rejected") + sumOverDays(lea, "feeds", feedName, "pending"))
                    .as(feedName)
                    .isZero();
        }

        // what needs attention: the guardian associations, held for the unmapped GU and reported one by one
        JsonNode held = errors(Map.of("kind", "unmapped-code"));
        assertThat(held).hasSize((int) guardians);
        for (JsonNode error : held) {
            assertThat(error.path("code").asText()).isEqualTo("RelationDescriptor=GU");
            assertThat(error.path("resource").asText()).isEqualTo("studentContactAssociations");
            assertThat(error.path("localEducationAgencyId").asLong()).isEqualTo(LEA);
            assertThat(error.path("studentUniqueId").asText()).isNotBlank();
            assertThat(error.path("overdue").asBoolean()).isFalse();
        }
        JsonNode unmapped =
                get(adminA, "/feed/v1/connections/" + connectionId + "/mappings/seen", Map.of("unmapped", true));
        assertThat(unmapped).hasSize(1);
        assertThat(unmapped.get(0).path("descriptor").asText()).isEqualTo("RelationDescriptor");
        assertThat(unmapped.get(0).path("vendorCode").asText()).isEqualTo("GU");
        assertThat(unmapped.get(0).path("heldRecords").asLong()).isEqualTo(guardians);
        assertThat(total(adminA, "studentContactAssociations")).isEqualTo(2L * STUDENTS - guardians);
        assertThat(total(adminA, "students")).isEqualTo(STUDENTS);
    }

    @Test
    @Order(2)
    void addingTheMissingMappingReleasesTheHeldRecordsIntoTheHubAndClosesTheirErrors() throws Exception {
        JsonNode guardian = StreamSupport.stream(FeedOperations.vendorMappings().spliterator(), false)
                .filter(FeedOperations::isGuardianMapping)
                .findFirst()
                .orElseThrow();
        as(adminA)
                .body("[" + guardian + "]")
                .put("/feed/v1/connections/" + connectionId + "/mappings")
                .then()
                .statusCode(200)
                .header("Held-Records-Released", Long.toString(heldGuardians));
        // the records the code held went out at once, in a run of their own
        JsonNode retry = get(adminA, "/feed/v1/runs", Map.of("connectionId", connectionId, "limit", 1))
                .get(0);
        assertThat(retry.path("trigger").asText()).isEqualTo("retry");
        retry = awaitRun(retry.path("id").asLong());
        assertThat(retry.path("upserts").asLong()).as(retry.toString()).isEqualTo(heldGuardians);
        assertThat(retry.path("publishing").path("rejected").asLong()).isZero();

        JsonNode pull = pullNow();
        assertThat(pull.path("trigger").asText()).isEqualTo("manual");
        assertThat(pull.path("status").asText()).as(pull.toString()).isEqualTo("succeeded");
        assertThat(pull.path("recordsHeld").asLong()).isZero();
        assertThat(pull.path("deletes").asLong() + pull.path("keyChanges").asLong())
                .isZero();
        assertThat(pull.path("publishing").path("rejected").asLong()).isZero();
        // nothing again: the released records' content hash does not depend on how their held copy was stored
        assertThat(pull.path("upserts").asLong())
                .as("nothing left to send: " + pull)
                .isZero();

        // the guardians are in the hub, and their errors closed themselves
        assertThat(total(adminA, "studentContactAssociations")).isEqualTo(2L * STUDENTS);
        assertThat(StreamSupport.stream(
                                items("studentContactAssociations", Map.of("limit", 500))
                                        .spliterator(),
                                false)
                        .filter(a -> a.path("relationDescriptor").asText().endsWith("#CourtAppointedGuardian"))
                        .count())
                .isEqualTo(heldGuardians);
        assertThat(errors(Map.of())).as("open errors").isEmpty();
        JsonNode closed = errors(Map.of("state", "resolved", "kind", "unmapped-code"));
        assertThat(closed).hasSize((int) heldGuardians);
        for (JsonNode error : closed) {
            assertThat(error.path("resolution").asText())
                    .isEqualTo(
                            "The record went through in run " + retry.path("id").asLong() + ".");
            assertThat(error.hasNonNull("closedAt")).isTrue();
        }
        as(adminA)
                .queryParam("unmapped", true)
                .get("/feed/v1/connections/" + connectionId + "/mappings/seen")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        JsonNode lea = districtStatus();
        assertThat(lea.path("connections")
                        .get(0)
                        .path("lastRun")
                        .path("trigger")
                        .asText())
                .isEqualTo("manual");
        assertThat(sumOverDays(lea, "runs")).isEqualTo(3);
        assertThat(sumOverDays(lea, "feeds", "contacts", "rejected") + sumOverDays(lea, "feeds", "contacts", "pending"))
                .isZero();
    }

    @Test
    @Order(3)
    void aSecondLeaReportingADistrictStudentsBirthDateDifferentlyIsAConflictThatTheResolutionSettles()
            throws Exception {
        conflicted = vendor("students").get(0).path("studentUniqueId").asText();
        ObjectNode asTheDistrictSaysIt = body(student(conflicted));
        String districtDate = asTheDistrictSaysIt.path("birthDate").asText();
        String otherDate = LocalDate.parse(districtDate).plusDays(1).toString();
        // the child transfers: the other LEA enrolls it and sends the student with a birth date a day off
        enrollAtTheOtherLea(conflicted);
        String otherReport =
                asTheDistrictSaysIt.deepCopy().put("birthDate", otherDate).toString();
        // the enrollment relates the student to the other LEA a moment later (replication)
        Hub.eventually(
                Duration.ofSeconds(30),
                () -> as(otherLea).body(otherReport).post(DATA + "students").statusCode() == 200);
        assertThat(student(conflicted).path("birthDate").asText())
                .as("the last write")
                .isEqualTo(otherDate);

        Hub.eventually(Duration.ofSeconds(60), () -> conflictsOf(conflicted).containsKey("birthDate"));
        Map<String, JsonNode> found = conflictsOf(conflicted);
        assertThat(found.keySet()).containsExactly("birthDate");
        JsonNode conflict = found.get("birthDate");
        assertThat(conflict.path("state").asText()).isEqualTo("open");
        List<String> competing = new ArrayList<>();
        conflict.path("competing")
                .forEach(c -> competing.add(c.path("educationOrganizationId").asLong() + "="
                        + c.path("value").asText()));
        assertThat(competing).containsExactlyInAnyOrder(LEA + "=" + districtDate, OTHER_LEA + "=" + otherDate);
        // the worklist of the district's conflicts lists it
        as(adminA)
                .queryParam("leaId", LEA)
                .get("/conflicts/v1/conflicts")
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem(conflict.path("id").asInt()));

        long id = conflict.path("id").asLong();
        ConflictWorklist.resolve(
                        as(adminA),
                        id,
                        "{\"value\": \"" + districtDate + "\", \"note\": \"Birth certificate seen by the district.\"}")
                .statusCode(200)
                .body("state", equalTo("resolved"))
                .body("resolvedValue", equalTo(districtDate))
                .body("history[-1].action", equalTo("resolved"))
                .body("history[-1].actor", equalTo(ADMIN));
        assertThat(body(student(conflicted)))
                .as("the student record, as the district sent it")
                .isEqualTo(asTheDistrictSaysIt);
        assertThat(schoolsOf(conflicted)).contains(OTHER_SCHOOL);
    }

    @Test
    @Order(4)
    void theOtherLeasNewIdForADistrictStudentIsMergedIntoItByTwoAdministrators() throws Exception {
        JsonNode original = vendor("students").get(1);
        survivor = original.path("studentUniqueId").asText();
        ObjectNode survivorBefore = body(student(survivor));
        JsonNode districtSeoa = items("studentEducationOrganizationAssociations", Map.of("studentUniqueId", survivor))
                .get(0);
        Set<Long> survivorSchools = schoolsOf(survivor);
        // the other LEA types the child in again under an id of its own, enrolls it and sends its SEOA
        String retired = Hub.uniqueId("B");
        ObjectNode duplicate = survivorBefore.deepCopy().put("studentUniqueId", retired);
        as(otherLea).body(duplicate.toString()).post(DATA + "students").then().statusCode(201);
        enrollAtTheOtherLea(retired);
        ObjectNode seoa = body(districtSeoa);
        seoa.withObject("studentReference").put("studentUniqueId", retired);
        seoa.withObject("educationOrganizationReference").put("educationOrganizationId", OTHER_LEA);
        as(otherLea)
                .body(seoa.toString())
                .post(DATA + "studentEducationOrganizationAssociations")
                .then()
                .statusCode(201);
        // and the child's mother, as its registrar knows her
        otherContact = Hub.uniqueId("BC");
        as(otherLea)
                .body("""
                {"contactUniqueId": "%s", "firstName": "Bea", "lastSurname": "Other"}
                """.formatted(otherContact))
                .post(DATA + "contacts")
                .then()
                .statusCode(201);
        String mother = """
                {"contactReference": {"contactUniqueId": "%s"}, "studentReference": {"studentUniqueId": "%s"},
                 "relationDescriptor": "uri://ed-fi.org/RelationDescriptor#Mother"}
                """.formatted(otherContact, retired);
        // the enrollment relates the new id to the other LEA a moment later (replication)
        Hub.eventually(
                Duration.ofSeconds(30),
                () -> as(otherLea)
                                .body(mother)
                                .post(DATA + "studentContactAssociations")
                                .statusCode()
                        == 201);

        Hub.eventually(
                Duration.ofSeconds(60),
                () -> ConflictWorklist.pairs(as(adminA), retired, survivor).size() == 1);
        Map<String, Object> pair =
                ConflictWorklist.pairs(as(adminA), retired, survivor).get(0);
        assertThat(pair.get("state")).isEqualTo("open");
        long pairId = ((Number) pair.get("id")).longValue();
        as(adminA)
                .queryParam("leaId", LEA)
                .queryParam("limit", 500)
                .get("/conflicts/v1/duplicates")
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem((int) pairId));

        long mergeId = ConflictWorklist.requestMerge(
                as(adminA),
                retired,
                survivor,
                pairId,
                "One child: the other LEA's registrar entered the transfer under a new id.",
                ADMIN);
        as(adminA)
                .body("{\"note\": \"approving my own request\"}")
                .post("/conflicts/v1/merges/" + mergeId + "/approval")
                .then()
                .statusCode(403)
                .body("errors[0]", containsString("second administrator"));
        assertThat(student(retired))
                .as("nothing is written before a second administrator approves")
                .isNotNull();
        assertThat(merge(mergeId).path("state").asText()).isEqualTo("requested");

        as(adminB.token())
                .body("{\"note\": \"Agreed.\"}")
                .post("/conflicts/v1/merges/" + mergeId + "/approval")
                .then()
                .statusCode(oneOf(200, 202));
        Hub.eventually(
                Duration.ofSeconds(90),
                () -> merge(mergeId).path("state").asText().equals("merged"));
        JsonNode merged = merge(mergeId);
        assertThat(merged.path("decidedBy").asText()).isEqualTo(adminB.id());
        List<String> events = new ArrayList<>();
        merged.path("events").forEach(e -> events.add(e.path("action").asText()));
        assertThat(events).containsExactly("requested", "approved", "merged");

        assertThat(student(retired)).as("the retired id").isNull();
        assertThat(items("studentSchoolAssociations", Map.of("studentUniqueId", retired)))
                .isEmpty();
        assertThat(items("studentEducationOrganizationAssociations", Map.of("studentUniqueId", retired)))
                .isEmpty();
        assertThat(body(student(survivor))).isEqualTo(survivorBefore);
        Set<Long> schoolsNow = new LinkedHashSet<>(survivorSchools);
        schoolsNow.add(OTHER_SCHOOL);
        assertThat(schoolsOf(survivor)).containsExactlyInAnyOrderElementsOf(schoolsNow);
        assertThat(seoasOf(survivor)).containsExactlyInAnyOrder(LEA, OTHER_LEA);
        assertThat(items("studentContactAssociations", Map.of("studentUniqueId", retired)))
                .isEmpty();
        assertThat(contactStudentsOf(otherContact)).containsExactly(survivor);
        as(adminA)
                .get("/conflicts/v1/duplicates/" + pairId)
                .then()
                .statusCode(200)
                .body("state", equalTo("merged"));
    }

    @Test
    @Order(5)
    void theEveningResyncRepairsWhatWasChangedBehindTheFeedsBackAndTheHubHoldsWhatTheVendorSays() throws Exception {
        // behind the feed's back, with a state-admin token: a surname changed, an attendance event deleted, and a
        // student with an SEOA at the district that the vendor does not know
        String altered = vendor("students").get(2).path("studentUniqueId").asText();
        ObjectNode asSent = body(student(altered));
        as(adminA)
                .body(asSent.deepCopy().put("lastSurname", "Tampered").toString())
                .post(DATA + "students")
                .then()
                .statusCode(200);
        long events = total(adminA, "studentSchoolAttendanceEvents");
        String event = items("studentSchoolAttendanceEvents", Map.of("studentUniqueId", altered))
                .get(0)
                .path("id")
                .asText();
        as(adminA)
                .delete(DATA + "studentSchoolAttendanceEvents/" + event)
                .then()
                .statusCode(204);
        String stray = Hub.uniqueId("X");
        as(adminA).body("""
                {"studentUniqueId": "%s", "firstName": "No", "lastSurname": "Source", "birthDate": "2013-05-06"}
                """.formatted(stray)).post(DATA + "students").then().statusCode(201);
        as(adminA)
                .body("""
                {"educationOrganizationReference": {"educationOrganizationId": %d},
                 "studentReference": {"studentUniqueId": "%s"}}
                """.formatted(LEA, stray))
                .post(DATA + "studentEducationOrganizationAssociations")
                .then()
                .statusCode(201);
        // no source of the district has the other LEA's contact of the child they share, yet the district's
        // client sees it and its association through the child
        assertThat(get(district, DATA + "contacts", Map.of("contactUniqueId", otherContact)))
                .hasSize(1);
        assertThat(get(district, DATA + "studentContactAssociations", Map.of("contactUniqueId", otherContact)))
                .hasSize(1);

        JsonNode job = resync();
        assertThat(job.path("phase").asText()).isEqualTo("done");
        assertThat(job.path("total").asLong())
                .isPositive()
                .isEqualTo(job.path("done").asLong());
        assertThat(job.path("requestedBy").asText()).isEqualTo(ADMIN);
        assertThat(job.hasNonNull("finishedAt")).isTrue();
        assertThat(job.path("ratePerSecond").asDouble()).isPositive();
        JsonNode report = job.path("report");
        FeedOperations.assertRepaired(report);
        assertSharedKept(report);

        assertThat(body(student(altered))).isEqualTo(asSent);
        assertThat(total(adminA, "studentSchoolAttendanceEvents")).isEqualTo(events);
        assertThat(student(stray)).isNull();
        // the other LEA's records of the district's students are not the district's to repair
        assertThat(schoolsOf(conflicted)).contains(OTHER_SCHOOL);
        assertThat(schoolsOf(survivor)).contains(OTHER_SCHOOL);
        assertThat(seoasOf(survivor)).containsExactlyInAnyOrder(LEA, OTHER_LEA);
        assertThat(items("contacts", Map.of("contactUniqueId", otherContact))).hasSize(1);
        assertThat(contactStudentsOf(otherContact)).containsExactly(survivor);

        // what the district sees in the hub is what its vendor has (and the other LEA's contact and association
        // of the child they share), and a second resync finds nothing to repair
        JsonNode counts = vendorCounts();
        for (ResourceType type : ResourceType.values()) {
            String resource = type.path();
            long shared = resource.equals("contacts") || resource.equals("studentContactAssociations") ? 1 : 0;
            assertThat(total(district, resource))
                    .as(resource)
                    .isEqualTo(counts.path(resource).asLong() + shared);
        }
        JsonNode again = resync().path("report");
        assertSharedKept(again);
        assertThat(FeedOperations.repairs(again) + again.path("keyChanges").asLong())
                .as(again.toString())
                .isZero();
        assertThat(get(adminA, "/feed/v1/resyncs", Map.of("connectionId", connectionId)))
                .hasSize(2);
    }
}
