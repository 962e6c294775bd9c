package org.statehub.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.statehub.testing.EdFiBodies;

/**
 * conflict-service with the real hub (gateway, student-service, enrollment-service) as separate processes, one
 * PostgreSQL: students written through the gateway reach conflict-service's replica through change queries,
 * and a near duplicate of an existing student is on the worklist within seconds; an LEA-scoped client sees the
 * pair once one of the students is enrolled at one of its schools. Two LEAs that report one student differently
 * (each through its own LEA-scoped client) make conflicts; a resolution is written back and stays quiet until a
 * new value is reported.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DuplicateDetectionIT {

    private static final long LEA = 255_931;
    private static final long SCHOOL = 255_931_001;

    @RegisterExtension
    static final Hub hub = Hub.of("statehub_duplicates", "dup-it-admin", "dup-it-admin-secret-0123456789")
            .withConflicts(Map.of("CONFLICT_DETECTION_INTERVAL", "1s"));

    private static String adminToken;
    private static final String ORIGINAL = Hub.uniqueId("D");
    private static final String NEAR_DUPLICATE = Hub.uniqueId("D");
    private static long pairId;

    @BeforeAll
    static void start() {
        adminToken = hub.adminToken();
        hub.leaWithSchool(adminToken, LEA, SCHOOL);
    }

    /** The student's first name as the hub serves it. */
    static String firstNameInHub(String studentUniqueId) {
        return hub().queryParam("studentUniqueId", studentUniqueId)
                .get("/data/v3/ed-fi/students")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].firstName");
    }

    static RequestSpecification hub() {
        return hub.as(adminToken);
    }

    static RequestSpecification worklist(String token) {
        return given().auth().oauth2(token).baseUri(hub.conflicts().url()).contentType(ContentType.JSON);
    }

    static void student(String uniqueId, ConflictWorklist.Person person) {
        hub.write(adminToken, "students", person.student(uniqueId));
    }

    /** The pairs (state all) the caller sees with both these students. */
    static List<Map<String, Object>> pairs(String token, String a, String b) {
        return ConflictWorklist.pairs(worklist(token), a, b);
    }

    @Test
    @Order(1)
    void aNearDuplicateWrittenThroughTheGatewayIsOnTheWorklistWithinSeconds() throws Exception {
        student(ORIGINAL, ConflictWorklist.GUADALUPE);
        Hub.eventually(
                Duration.ofSeconds(30),
                () -> worklist(adminToken).get("/conflicts/v1/duplicates").statusCode()
                        == 200); // conflict-service up and verifying gateway tokens
        long written = System.nanoTime();
        student(NEAR_DUPLICATE, ConflictWorklist.LUPE);
        Hub.eventually(
                Duration.ofSeconds(15),
                () -> pairs(adminToken, ORIGINAL, NEAR_DUPLICATE).size() == 1);
        double seconds = (System.nanoTime() - written) / 1e9;
        System.out.printf("near duplicate on the worklist %.1f s after it was written%n", seconds);
        Map<String, Object> pair = pairs(adminToken, ORIGINAL, NEAR_DUPLICATE).get(0);
        pairId = ((Number) pair.get("id")).longValue();
        assertThat(pair.get("state")).isEqualTo("open");
        assertThat((List<String>) pair.get("drivers")).contains("firstName: nickname", "birthDate: day-month-swapped");
        // conflict-service's API is in the gateway's one OpenAPI document
        String document = given().baseUri(hub.gatewayUrl)
                .get("/metadata/openapi.json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(document).contains("\"/conflicts/v1/duplicates\"", "\"/conflicts/v1/conflicts/{id}/resolution\"");
        // the worklist through the gateway, the one entry point
        hub().get("/conflicts/v1/duplicates/" + pairId)
                .then()
                .statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("open"));
    }

    @Test
    @Order(2)
    void anLeaClientSeesThePairOnceAStudentIsEnrolledAtOneOfItsSchools() throws Exception {
        String vendor = vendor(LEA);
        assertThat(pairs(vendor, ORIGINAL, NEAR_DUPLICATE)).isEmpty();
        worklist(vendor).get("/conflicts/v1/duplicates/" + pairId).then().statusCode(403);

        enroll(adminToken, NEAR_DUPLICATE, SCHOOL);
        Hub.eventually(
                Duration.ofSeconds(15),
                () -> pairs(vendor, ORIGINAL, NEAR_DUPLICATE).size() == 1);
        worklist(vendor).get("/conflicts/v1/duplicates/" + pairId).then().statusCode(200);
    }

    @Test
    @Order(3)
    void aDismissedPairStaysDismissedWhenTheStudentIsCorrected() throws Exception {
        worklist(adminToken)
                .body("{\"note\": \"Sisters: checked with the district registrar.\"}")
                .post("/conflicts/v1/duplicates/" + pairId + "/dismiss")
                .then()
                .statusCode(200)
                .body("state", equalTo("dismissed"))
                .body("history[1].actor", equalTo(hub.admin()));
        student(NEAR_DUPLICATE, ConflictWorklist.GUADALUPE); // now identical
        Thread.sleep(4000); // replication (1 s) and detection (1 s), twice over
        List<Map<String, Object>> now = pairs(adminToken, ORIGINAL, NEAR_DUPLICATE);
        assertThat(now).hasSize(1);
        assertThat(now.get(0).get("state")).isEqualTo("dismissed");
        assertThat(now.get(0).get("students").toString()).contains("Guadalupe");
        worklist(adminToken)
                .get("/conflicts/v1/duplicates/" + pairId + "/history")
                .then()
                .statusCode(200)
                .body("action", equalTo(List.of("raised", "dismissed")));
    }

    private static final long LEA_B = 255_932;
    private static final long SCHOOL_B = 255_932_001;

    /** A new SIS client of the LEA (namespace uri://lea-{lea}.example.org): a token of it. */
    static String vendor(long lea) {
        return hub.client(adminToken, """
                        {"displayName":"LEA %d SIS","claimSet":"SISVendor","educationOrganizationIds":[%d],
                         "namespacePrefixes":["uri://lea-%d.example.org"]}
                        """.formatted(lea, lea, lea)).token();
    }

    static RequestSpecification as(String token) {
        return hub.as(token);
    }

    static void reportStudent(String vendor, String uniqueId, String firstName) {
        hub.write(vendor, "students", """
                {"studentUniqueId":"%s","firstName":"%s","lastSurname":"Okafor","birthDate":"2010-02-03"}
                """.formatted(uniqueId, firstName));
    }

    static void reportSeoa(String vendor, String uniqueId, long lea, String sex) {
        hub.write(vendor, "studentEducationOrganizationAssociations", """
                {"educationOrganizationReference":{"educationOrganizationId":%d},
                 "studentReference":{"studentUniqueId":"%s"},"sexDescriptor":"uri://ed-fi.org/SexDescriptor#%s"}
                """.formatted(lea, uniqueId, sex));
    }

    static void enroll(String vendor, String uniqueId, long school) {
        as(vendor)
                .body(EdFiBodies.enrollment(uniqueId, school))
                .post("/data/v3/ed-fi/studentSchoolAssociations")
                .then()
                .statusCode(201);
    }

    /** The conflicts (state all) of a student the caller sees, by field. */
    static Map<String, Map<String, Object>> conflictsOf(String token, String uniqueId) {
        List<Map<String, Object>> items = as(token)
                .queryParam("state", "all")
                .queryParam("studentUniqueId", uniqueId)
                .get("/conflicts/v1/conflicts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        Map<String, Map<String, Object>> byField = new HashMap<>();
        items.forEach(item -> byField.put((String) item.get("field"), item));
        return byField;
    }

    static String state(String uniqueId, String field) {
        Map<String, Object> conflict = conflictsOf(adminToken, uniqueId).get(field);
        return conflict == null ? null : (String) conflict.get("state");
    }

    @Test
    @Order(10)
    void twoLeasReportingOneStudentDifferentlyMakeOneConflictPerFieldThatAResolutionWritesBackAndQuiets()
            throws Exception {
        hub.leaWithSchool(adminToken, LEA_B, SCHOOL_B);
        String leaA = vendor(LEA);
        String leaB = vendor(LEA_B);
        String student = Hub.uniqueId("C");
        // LEA A enrolls the student first; then it transfers to LEA B, which reports it with its own values
        reportStudent(leaA, student, "Chiamaka");
        enroll(leaA, student, SCHOOL);
        reportSeoa(leaA, student, LEA, "Female");
        reportStudent(leaA, student, "CHIAMAKA"); // a new report of the same name: case does not count
        enroll(leaB, student, SCHOOL_B);
        reportStudent(leaB, student, "Chioma"); // the last write: the student record says Chioma
        reportSeoa(leaB, student, LEA_B, "Male");

        Hub.eventually(
                Duration.ofSeconds(20),
                () -> "open".equals(state(student, "firstName")) && "open".equals(state(student, "sex")));
        Map<String, Map<String, Object>> conflicts = conflictsOf(adminToken, student);
        assertThat(conflicts.keySet()).containsExactlyInAnyOrder("firstName", "sex");
        Map<String, Object> firstName = conflicts.get("firstName");
        List<Map<String, Object>> competing = (List<Map<String, Object>>) firstName.get("competing");
        assertThat(competing)
                .extracting(c -> ((Number) c.get("educationOrganizationId")).longValue() + "=" + c.get("value"))
                .containsExactlyInAnyOrder(LEA + "=CHIAMAKA", LEA_B + "=Chioma");
        assertThat(competing).allMatch(c -> c.get("reportedAt") != null && "student".equals(c.get("source")));
        long firstNameId = ((Number) firstName.get("id")).longValue();
        // filters: by field, by age (raised today), and refusals of bad ones
        hub().queryParam("studentUniqueId", student)
                .queryParam("field", "sex")
                .get("/conflicts/v1/conflicts")
                .then()
                .statusCode(200)
                .body("field", equalTo(List.of("sex")))
                .header("Total-Count", "1");
        hub().queryParam("studentUniqueId", student)
                .queryParam("minAgeDays", 1)
                .get("/conflicts/v1/conflicts")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        hub().queryParam("field", "shoeSize")
                .get("/conflicts/v1/conflicts")
                .then()
                .statusCode(400);
        long sexId = ((Number) conflicts.get("sex").get("id")).longValue();
        // each LEA sees the conflicts of its student, an LEA without a relationship to it none; LEA-scoped clients
        // cannot resolve
        assertThat(conflictsOf(leaA, student)).containsOnlyKeys("firstName", "sex");
        String unrelated = vendor(255_933);
        assertThat(conflictsOf(unrelated, student)).isEmpty();
        as(unrelated).get("/conflicts/v1/conflicts/" + firstNameId).then().statusCode(403);
        ConflictWorklist.resolve(as(leaA), firstNameId, "{\"value\":\"Chioma\",\"note\":\"x\"}")
                .statusCode(403);

        // refusals: a value nobody reported, no note, an unknown conflict
        ConflictWorklist.resolve(hub(), firstNameId, "{\"value\":\"Chia\",\"note\":\"guess\"}")
                .statusCode(400)
                .body("validationErrors", org.hamcrest.Matchers.hasKey("$.value"));
        ConflictWorklist.resolve(hub(), firstNameId, "{\"value\":\"Chioma\"}")
                .statusCode(400)
                .body("validationErrors", org.hamcrest.Matchers.hasKey("$.note"));
        ConflictWorklist.resolve(hub(), 999999, "{\"value\":\"Chioma\",\"note\":\"n\"}")
                .statusCode(404);

        assertThat(firstNameInHub(student)).isEqualTo("Chioma");
        // resolve: the chosen value is written back to the student
        ConflictWorklist.resolve(
                        hub(),
                        firstNameId,
                        "{\"value\":\"chiamaka\",\"note\":\"Birth certificate seen by the state registrar.\"}")
                .statusCode(200)
                .body("state", equalTo("resolved"))
                .body("resolvedValue", equalTo("CHIAMAKA"))
                .body("history.action", org.hamcrest.Matchers.hasItems("raised", "resolved"))
                .body("history[-1].actor", equalTo(hub.admin()));
        assertThat(firstNameInHub(student)).isEqualTo("CHIAMAKA");
        ConflictWorklist.resolve(hub(), firstNameId, "{\"value\":\"Chioma\",\"note\":\"again\"}")
                .statusCode(409);
        // the sex conflict: LEA B's SEOA is rewritten, so the organizations agree
        ConflictWorklist.resolve(
                        hub(),
                        sexId,
                        "{\"value\":\"uri://ed-fi.org/SexDescriptor#Female\",\"note\":\"Confirmed with the family.\"}")
                .statusCode(200);
        hub().queryParam("studentUniqueId", student)
                .queryParam("educationOrganizationId", LEA_B)
                .get("/data/v3/ed-fi/studentEducationOrganizationAssociations")
                .then()
                .statusCode(200)
                .body("[0].sexDescriptor", equalTo("uri://ed-fi.org/SexDescriptor#Female"));

        // quiet: LEA B sends its old name again; nothing is raised
        reportStudent(leaB, student, "Chioma");
        Thread.sleep(4000); // replication and detection, several times over
        assertThat(state(student, "firstName")).isEqualTo("resolved");
        assertThat(state(student, "sex")).isEqualTo("resolved");
        // a new value is a new disagreement
        reportStudent(leaB, student, "Chiomah");
        Hub.eventually(Duration.ofSeconds(20), () -> "open".equals(state(student, "firstName")));
        assertThat(hub().get("/conflicts/v1/conflicts/" + firstNameId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("history.action", String.class))
                .containsSubsequence("raised", "resolved", "reopened");
    }
}
