package org.statehub.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.statehub.edfi.contract.ResourceDefinition;

/**
 * Merge and split with the real hub (gateway, student-service, enrollment-service) and conflict-service as
 * separate processes on one fresh PostgreSQL. A student with an SEOA, a contact association, an enrollment and
 * attendance is merged into its duplicate (who has an SEOA at the same school: a collision), approved by a second
 * administrator after the requester was refused; everything ends under the survivor, nothing is lost, the
 * retired student is gone. The split puts everything back where it was. A merge whose conflict-service is killed
 * halfway is finished by the restarted service, every item once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MergeIT {

    private static final String ADMIN = "merge-it-admin";
    private static final String ADMIN_SECRET = "merge-it-admin-secret-0123456789";
    private static final long LEA = 255_941;
    private static final long SCHOOL = 255_941_001;
    private static final String SESSION = "2024-2025 Fall Semester";
    private static final String CONTACT = "MC-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String DATA = "/data/v3/ed-fi/";
    private static final String SEOAS = "studentEducationOrganizationAssociations";
    private static final String CONTACTS = "studentContactAssociations";
    private static final String ENROLLMENTS = "studentSchoolAssociations";
    private static final String ATTENDANCE = "studentSchoolAttendanceEvents";
    private static final List<String> ITEMS = List.of(SEOAS, CONTACTS, ENROLLMENTS, ATTENDANCE);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final Hub hub = Hub.of("statehub_merges", ADMIN, ADMIN_SECRET)
            .withConflicts(Map.of(
                    "CONFLICT_DETECTION_INTERVAL",
                    "1s",
                    "CONFLICT_MERGE_RESUME_INTERVAL",
                    "1s",
                    "CONFLICT_MERGE_LEASE",
                    "5s"));

    private static String adminA;
    private static Hub.Client adminB;
    private static String retired;
    private static String survivor;
    private static long pairId;
    private static long mergeId;
    /** What each student had before the merge: resource -> items (without id, _etag, _lastModifiedDate). */
    private static Map<String, List<JsonNode>> retiredBefore;

    private static Map<String, List<JsonNode>> survivorBefore;
    private static JsonNode retiredStudentBefore;

    @BeforeAll
    static void start() throws Exception {
        adminA = hub.adminToken();
        adminB = hub.secondAdministrator(adminA, "Merge IT second administrator");

        post("schoolYearTypes", """
                {"schoolYear": 2025, "currentSchoolYear": true, "schoolYearDescription": "2024-2025"}""");
        hub.leaWithSchool(adminA, LEA, SCHOOL);
        post("sessions", """
                {"sessionName": "%s", "schoolReference": {"schoolId": %d}, "schoolYearTypeReference": {"schoolYear": 2025},
                 "beginDate": "2024-08-19", "endDate": "2025-05-30",
                 "termDescriptor": "uri://ed-fi.org/TermDescriptor#Fall Semester", "totalInstructionalDays": 170}
                """.formatted(SESSION, SCHOOL));
        post("contacts", """
                {"contactUniqueId": "%s", "firstName": "Rosa", "lastSurname": "Hernandez"}""".formatted(CONTACT));
    }

    // --- the hub through the gateway ----------------------------------------------------------------------------

    static RequestSpecification as(String token) {
        return hub.as(token);
    }

    /** conflict-service directly (the long requests of the crash test do not go through the gateway's timeout). */
    static RequestSpecification direct(String token) {
        return given().auth().oauth2(token).baseUri(hub.conflicts().url()).contentType(ContentType.JSON);
    }

    static void post(String resource, String body) {
        hub.write(adminA, resource, body);
    }

    static void student(String uniqueId, ConflictWorklist.Person person) {
        post("students", person.student(uniqueId));
    }

    static void seoa(String uniqueId, String race, boolean hispanic) {
        post(SEOAS, """
                {"educationOrganizationReference": {"educationOrganizationId": %d},
                 "studentReference": {"studentUniqueId": "%s"},
                 "sexDescriptor": "uri://ed-fi.org/SexDescriptor#Female", "hispanicLatinoEthnicity": %s,
                 "races": [{"raceDescriptor": "uri://ed-fi.org/RaceDescriptor#%s"}]}
                """.formatted(SCHOOL, uniqueId, hispanic, race));
    }

    /** The student a merge retires and the one that survives it. */
    record Duplicates(String retired, String survivor) {}

    /** Two students of one name and birth date, the one to retire enrolled at the school. */
    static Duplicates duplicates(String first, String last, String birthDate) {
        Duplicates pair = new Duplicates(Hub.uniqueId("R"), Hub.uniqueId("S"));
        ConflictWorklist.Person person = new ConflictWorklist.Person(first, last, birthDate);
        student(pair.retired(), person);
        student(pair.survivor(), person);
        enrollment(pair.retired());
        return pair;
    }

    static void enrollment(String uniqueId) {
        post(ENROLLMENTS, """
                {"studentReference": {"studentUniqueId": "%s"}, "schoolReference": {"schoolId": %d},
                 "entryDate": "2024-08-19", "entryGradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"}
                """.formatted(uniqueId, SCHOOL));
    }

    static void attendance(String uniqueId, String category, LocalDate date, String reason) {
        post(ATTENDANCE, """
                {"attendanceEventCategoryDescriptor": "uri://ed-fi.org/AttendanceEventCategoryDescriptor#%s",
                 "eventDate": "%s", "schoolReference": {"schoolId": %d},
                 "sessionReference": {"schoolId": %d, "schoolYear": 2025, "sessionName": "%s"},
                 "studentReference": {"studentUniqueId": "%s"}, "attendanceEventReason": "%s", "eventDuration": 0.25}
                """.formatted(category, date, SCHOOL, SCHOOL, SESSION, uniqueId, reason));
    }

    /** The items of a resource of one student, as the hub serves them (without id, _etag, _lastModifiedDate). */
    static List<JsonNode> items(String resource, String uniqueId) throws Exception {
        String body = as(adminA)
                .queryParam("studentUniqueId", uniqueId)
                .queryParam("limit", 500)
                .get(DATA + resource)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode item : JSON.readTree(body)) {
            // as stored: without id, _etag, _lastModifiedDate and the links a read adds to references
            ObjectNode stored = ResourceDefinition.withoutLinks(((ObjectNode) item).deepCopy());
            stored.remove(List.of("id", "_etag", "_lastModifiedDate"));
            items.add(stored);
        }
        return items;
    }

    static Map<String, List<JsonNode>> itemsOf(String uniqueId) throws Exception {
        Map<String, List<JsonNode>> all = new HashMap<>();
        for (String resource : ITEMS) {
            all.put(resource, items(resource, uniqueId));
        }
        return all;
    }

    static JsonNode studentBody(String uniqueId) throws Exception {
        List<JsonNode> found = items("students", uniqueId);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The items as {@link #items} reads them, referring to another student: what a merge moves to the survivor. */
    static List<JsonNode> forStudent(List<JsonNode> items, String uniqueId) {
        return items.stream()
                .map(item -> (JsonNode) item.<ObjectNode>deepCopy()
                        .set("studentReference", JSON.createObjectNode().put("studentUniqueId", uniqueId)))
                .toList();
    }

    static JsonNode merge(long id) throws Exception {
        return JSON.readTree(direct(adminA)
                .get("/conflicts/v1/merges/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    /** An action on merge {@code id} ("approval", "rejection", "split") with a note, by the caller. */
    static ValidatableResponse act(RequestSpecification caller, long id, String action, String note) {
        return caller.body("{\"note\": \"" + note + "\"}")
                .post("/conflicts/v1/merges/" + id + "/" + action)
                .then();
    }

    /** A merge of {@code retired} into {@code survivor} requested by admin A (pair found by the service): its id. */
    static long request(String retired, String survivor) {
        return ((Number) as(adminA)
                        .body("""
                {"retiredStudentUniqueId": "%s", "survivorStudentUniqueId": "%s", "note": "Entered twice."}
                """.formatted(retired, survivor))
                        .post("/conflicts/v1/merges")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
    }

    /** Waits until merge {@code id} is in {@code state}. */
    static void awaitState(long id, String state, Duration within) throws Exception {
        Hub.eventually(within, () -> merge(id).path("state").asText().equals(state));
    }

    // --- the tests ----------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void aMergeApprovedByASecondAdministratorMovesEverythingToTheSurvivor() throws Exception {
        retired = Hub.uniqueId("R");
        survivor = Hub.uniqueId("S");
        student(retired, ConflictWorklist.GUADALUPE);
        student(survivor, ConflictWorklist.LUPE);
        seoa(retired, "White", true);
        seoa(survivor, "Asian", false); // the same school: the survivor's SEOA is kept, the retired one's imaged
        post(CONTACTS, """
                {"contactReference": {"contactUniqueId": "%s"}, "studentReference": {"studentUniqueId": "%s"},
                 "relationDescriptor": "uri://ed-fi.org/RelationDescriptor#Mother", "emergencyContactStatus": true}
                """.formatted(CONTACT, retired));
        enrollment(retired);
        attendance(retired, "Tardy", LocalDate.parse("2024-09-03"), "Bus late");
        attendance(retired, "Excused Absence", LocalDate.parse("2024-09-10"), "Dentist");
        attendance(retired, "Unexcused Absence", LocalDate.parse("2024-10-01"), "Unknown");
        retiredStudentBefore = studentBody(retired);
        retiredBefore = itemsOf(retired);
        survivorBefore = itemsOf(survivor);
        assertThat(retiredBefore.get(ATTENDANCE)).hasSize(3);
        assertThat(survivorBefore.get(SEOAS)).hasSize(1);

        Hub.eventually(
                Duration.ofSeconds(30),
                () -> ConflictWorklist.pairs(direct(adminA), retired, survivor).size() == 1);
        pairId = ((Number) ConflictWorklist.pairs(direct(adminA), retired, survivor)
                        .get(0)
                        .get("id"))
                .longValue();

        // requested by admin A, through the gateway
        mergeId = ConflictWorklist.requestMerge(
                as(adminA),
                retired,
                survivor,
                pairId,
                "Lupe is Guadalupe: birth certificate seen by the registrar.",
                ADMIN);

        // admin A cannot approve its own request; nothing was touched
        act(as(adminA), mergeId, "approval", "approving my own")
                .statusCode(403)
                .body("type", equalTo("urn:ed-fi:api:security:authorization"))
                .body("errors[0]", containsString("second administrator"));
        assertThat(studentBody(retired)).isEqualTo(retiredStudentBefore);
        assertThat(itemsOf(retired)).isEqualTo(retiredBefore);

        // admin B approves
        assertThat(act(as(adminB.token()), mergeId, "approval", "Agreed.")
                        .extract()
                        .statusCode())
                .isIn(200, 202);
        awaitState(mergeId, "merged", Duration.ofSeconds(60));

        JsonNode merge = merge(mergeId);
        assertThat(merge.path("decidedBy").asText()).isEqualTo(adminB.id());
        assertThat(merge.path("lastError").isMissingNode()).isTrue();
        List<String> actions = new ArrayList<>();
        merge.path("events").forEach(e -> actions.add(e.path("action").asText()));
        assertThat(actions).containsExactly("requested", "approved", "merged");
        merge.path("steps")
                .forEach(step -> assertThat(step.path("state").asText()).isEqualTo("done"));
        // the before-image: the student and all six items, the colliding SEOA with the survivor's kept item
        JsonNode image = merge.path("beforeImage");
        assertThat(image).hasSize(7);
        for (JsonNode item : image) {
            String resource = item.path("resource").asText();
            if (resource.equals("students")) {
                assertThat(item.path("body")).isEqualTo(retiredStudentBefore);
            } else {
                assertThat(retiredBefore.get(resource)).contains(item.path("body"));
            }
            if (resource.equals(SEOAS)) {
                assertThat(item.path("survivorItem").path("body"))
                        .isEqualTo(survivorBefore.get(SEOAS).get(0));
            } else {
                assertThat(item.has("survivorItem")).isFalse();
            }
        }

        // everything is under the survivor, nothing lost; the retired student is gone
        assertThat(studentBody(retired)).isNull();
        Map<String, List<JsonNode>> retiredNow = itemsOf(retired);
        ITEMS.forEach(
                resource -> assertThat(retiredNow.get(resource)).as(resource).isEmpty());
        Map<String, List<JsonNode>> survivorNow = itemsOf(survivor);
        assertThat(survivorNow.get(SEOAS)).containsExactlyElementsOf(survivorBefore.get(SEOAS));
        for (String resource : List.of(CONTACTS, ENROLLMENTS, ATTENDANCE)) {
            assertThat(survivorNow.get(resource))
                    .as(resource)
                    .containsExactlyInAnyOrderElementsOf(forStudent(retiredBefore.get(resource), survivor));
        }
        // the worklist pair is resolved as merged
        direct(adminA)
                .get("/conflicts/v1/duplicates/" + pairId + "/history")
                .then()
                .statusCode(200)
                .body("action[-1]", equalTo("merged"))
                .body("actor[-1]", equalTo(adminB.id()));
        direct(adminA)
                .get("/conflicts/v1/duplicates/" + pairId)
                .then()
                .statusCode(200)
                .body("state", equalTo("merged"));
        direct(adminA)
                .queryParam("state", "merged")
                .queryParam("limit", 500)
                .get("/conflicts/v1/duplicates")
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem((int) pairId));
        // a merged merge can be neither approved again nor rejected
        act(as(adminB.token()), mergeId, "rejection", "again").statusCode(409);
    }

    @Test
    @Order(2)
    void aSplitPutsEverythingBackWhereItWas() throws Exception {
        String note = "Two girls after all: different mothers on the certificates.";
        assertThat(act(as(adminA), mergeId, "split", note).extract().statusCode())
                .isIn(200, 202);
        awaitState(mergeId, "split", Duration.ofSeconds(60));

        assertThat(studentBody(retired)).isEqualTo(retiredStudentBefore);
        assertThat(studentBody(survivor)).isNotNull();
        Map<String, List<JsonNode>> retiredNow = itemsOf(retired);
        Map<String, List<JsonNode>> survivorNow = itemsOf(survivor);
        for (String resource : ITEMS) {
            assertThat(retiredNow.get(resource))
                    .as("retired " + resource)
                    .containsExactlyInAnyOrderElementsOf(retiredBefore.get(resource));
            assertThat(survivorNow.get(resource))
                    .as("survivor " + resource)
                    .containsExactlyInAnyOrderElementsOf(survivorBefore.get(resource));
        }

        JsonNode merge = merge(mergeId);
        List<String> actions = new ArrayList<>();
        merge.path("events").forEach(e -> actions.add(e.path("action").asText()));
        assertThat(actions).containsExactly("requested", "approved", "merged", "split-requested", "split");
        assertThat(merge.path("recreatedStudentId").asText()).isNotBlank();
        act(as(adminA), mergeId, "split", "again")
                .statusCode(409)
                .body("type", equalTo("urn:ed-fi:api:data-conflict:already-split"));

        // two people: the pair is dismissed and stays so once the detection job has seen the recreated student
        Thread.sleep(4000); // replication (1 s) and detection (1 s), twice over
        List<Map<String, Object>> now = ConflictWorklist.pairs(direct(adminA), retired, survivor);
        assertThat(now).isNotEmpty();
        now.forEach(pair -> assertThat(pair.get("state")).isEqualTo("dismissed"));
    }

    @Test
    @Order(3)
    void aMergeCutShortByACrashIsFinishedByTheRestartedServiceEveryItemOnce() throws Exception {
        Duplicates pair = duplicates("Evaristo", "Quintanilla", "2010-02-02");
        String gone = pair.retired();
        String kept = pair.survivor();
        int events = 150;
        for (int i = 0; i < events; i++) {
            attendance(gone, "Tardy", LocalDate.parse("2024-08-20").plusDays(i), "Late " + i);
        }
        List<JsonNode> attendanceBefore = items(ATTENDANCE, gone);
        assertThat(attendanceBefore).hasSize(events);

        long id = request(gone, kept);
        CompletableFuture<Integer> approval = CompletableFuture.supplyAsync(() -> {
            try {
                return act(direct(adminB.token()), id, "approval", "Agreed.")
                        .extract()
                        .statusCode();
            } catch (Exception connectionCutByTheCrash) { // rest-assured rethrows the IOException unchecked
                return -1;
            }
        });
        Hub.eventually(Duration.ofSeconds(30), () -> {
            JsonNode merge = merge(id);
            int done = 0;
            for (JsonNode step : merge.path("steps")) {
                done += step.path("state").asText().equals("done") ? 1 : 0;
            }
            return done >= 5;
        });
        hub.conflicts().kill();
        approval.join();
        assertThat(studentBody(gone))
                .as("the merge was still under way when conflict-service was killed")
                .isNotNull();

        hub.conflicts().start(); // the same database: the merge is resumed once the dead run's lease (5 s) has expired
        awaitState(id, "merged", Duration.ofSeconds(90));

        assertThat(studentBody(gone)).isNull();
        assertThat(items(ATTENDANCE, gone)).isEmpty();
        assertThat(items(ENROLLMENTS, gone)).isEmpty();
        assertThat(items(ATTENDANCE, kept)).containsExactlyInAnyOrderElementsOf(forStudent(attendanceBefore, kept));
        assertThat(items(ENROLLMENTS, kept)).hasSize(1);
        JsonNode merge = merge(id);
        assertThat(merge.path("beforeImage")).hasSize(events + 2);
        merge.path("steps")
                .forEach(step -> assertThat(step.path("state").asText()).isEqualTo("done"));
    }

    @Test
    @Order(4)
    void aMergeApprovedWhileEnrollmentServiceIsDownIsCarriedOutWhenItIsBack() throws Exception {
        Duplicates pair = duplicates("Anacleta", "Zubiria", "2012-12-01");
        List<JsonNode> enrollmentsBefore = items(ENROLLMENTS, pair.retired());
        long id = request(pair.retired(), pair.survivor());

        hub.enrollments.stop();
        try {
            act(direct(adminB.token()), id, "approval", "Agreed.")
                    .statusCode(202)
                    .body("state", equalTo("approved"))
                    .body("beforeImage", equalTo(List.of()));
            Hub.eventually(
                    Duration.ofSeconds(10),
                    () -> merge(id).path("lastError").asText().contains("could not be reached"));
            assertThat(merge(id).path("state").asText()).isEqualTo("approved");
            assertThat(studentBody(pair.retired()))
                    .isNotNull(); // nothing written while the before-image cannot be taken
        } finally {
            hub.enrollments.start();
        }
        awaitState(id, "merged", Duration.ofSeconds(60));
        assertThat(studentBody(pair.retired())).isNull();
        assertThat(items(ENROLLMENTS, pair.retired())).isEmpty();
        assertThat(items(ENROLLMENTS, pair.survivor()))
                .containsExactlyElementsOf(forStudent(enrollmentsBefore, pair.survivor()));
        assertThat(merge(id).path("lastError").isMissingNode()).isTrue();
    }
}
