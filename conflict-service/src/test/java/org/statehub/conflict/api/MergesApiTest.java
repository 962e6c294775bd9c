package org.statehub.conflict.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.statehub.conflict.api.ConflictApi.DUPLICATES;
import static org.statehub.conflict.api.ConflictApi.as;
import static org.statehub.conflict.api.ConflictApi.id;
import static org.statehub.conflict.api.ConflictApi.note;
import static org.statehub.conflict.api.ConflictApi.pairOf;
import static org.statehub.conflict.api.ConflictApi.post;
import static org.statehub.conflict.api.ConflictApi.problem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.statehub.conflict.ReplicaSeed;
import org.statehub.conflict.service.DuplicateDetection;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.TestTokens;

/**
 * The merge API's refusals and validation over a real PostgreSQL, in the boot the worklist's test shares. The
 * students are seeded into the replica as replication would; student-service and enrollment-service are not
 * running (their URLs point where nothing listens), so an approval is recorded but its work waits for them:
 * what a merge does to the services is system-tests' {@code MergeIT}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class MergesApiTest {

    private static final String BASE = "/conflicts/v1/merges";
    private static final String ADMIN_A = TestTokens.token("merge-admin-a", "StateAdmin", List.of(), List.of(), 1800);
    private static final String ADMIN_B = TestTokens.token("merge-admin-b", "StateAdmin", List.of(), List.of(), 1800);
    private static final String READER =
            TestTokens.token("merge-reader", "StateSystemReader", List.of(), List.of(), 1800);
    private static final String VENDOR =
            TestTokens.token("merge-vendor", "SISVendor", List.of(255_901L), List.of("uri://vendor.example"), 1800);
    private static final String NOT_PENDING = "urn:ed-fi:api:data-conflict:merge-not-pending";

    @Inject
    ReplicaSeed seed;

    @Inject
    DuplicateDetection detection;

    /** A student in conflict-service's replica, as replication from student-service would store it. */
    private UUID student(String uniqueId, String first, String last, String birth) throws SQLException {
        return seed.student(uniqueId, first, null, last, birth, "Female");
    }

    /** Two students of one first name and birth date in the replica: the one to retire and the one to survive. */
    private record Pair(String retired, String survivor) {}

    private Pair twoStudents(String first, String retiredLast, String survivorLast, String birth) throws SQLException {
        Pair pair = new Pair(uid(), uid());
        student(pair.retired(), first, retiredLast, birth);
        student(pair.survivor(), first, survivorLast, birth);
        return pair;
    }

    private static String uid() {
        return "M" + UUID.randomUUID().toString().replace("-", "").substring(0, 11);
    }

    private static String request(String retired, String survivor, String note) {
        return """
                {"retiredStudentUniqueId": "%s", "survivorStudentUniqueId": "%s", "note": "%s"}
                """.formatted(retired, survivor, note);
    }

    /** A merge request with a duplicatePairId member (any JSON value). */
    private static String request(String retired, String survivor, Object duplicatePairId) {
        return """
                {"retiredStudentUniqueId": "%s", "survivorStudentUniqueId": "%s", "note": "x", "duplicatePairId": %s}
                """.formatted(retired, survivor, duplicatePairId);
    }

    /** POSTs a merge request as the caller. */
    private static ValidatableResponse ask(String token, String body) {
        return post(token, BASE, body);
    }

    /** An action on merge {@code id} ("approval", "rejection", "split") with a note (none when null). */
    private static ValidatableResponse act(String token, Object id, String action, String note) {
        return post(token, BASE + "/" + id + "/" + action, note == null ? null : note(note));
    }

    /** Two students in the replica and a merge of the first into the second, requested by admin A. */
    private long requested() throws SQLException {
        Pair students = twoStudents("Odalys", "Quintanar", "Quintanar", "2012-02-11");
        return created(ask(ADMIN_A, request(students.retired(), students.survivor(), "Same birth certificate.")));
    }

    private static long created(ValidatableResponse response) {
        return response.statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void aMergeIsRequestedWithLocationBodyAndEvent() throws Exception {
        Pair students = twoStudents("Itzel", "Zamudio", "Zamudio Pena", "2013-06-30");
        Response created = as(ADMIN_A)
                .body(request(students.retired(), students.survivor(), "One girl: the district sent both ids."))
                .post(BASE);
        created.then()
                .statusCode(201)
                .header("Location", endsWith(BASE + "/" + created.jsonPath().getLong("id")))
                .body("state", equalTo("requested"))
                .body("retiredStudentUniqueId", equalTo(students.retired()))
                .body("survivorStudentUniqueId", equalTo(students.survivor()))
                .body("requestedBy", equalTo("merge-admin-a"))
                .body("beforeImage", equalTo(List.of()))
                .body("steps", equalTo(List.of()))
                .body("events.action", equalTo(List.of("requested")))
                .body("events[0].actor", equalTo("merge-admin-a"))
                .body("events[0].note", equalTo("One girl: the district sent both ids."));
        long id = created.jsonPath().getLong("id");
        as(READER).get(BASE + "/" + id).then().statusCode(200).body("state", equalTo("requested"));
        as(ADMIN_B)
                .queryParam("state", "requested")
                .queryParam("studentUniqueId", students.retired())
                .get(BASE)
                .then()
                .statusCode(200)
                .header("Total-Count", "1")
                .body("id", equalTo(List.of((int) id)))
                .body("[0]", not(hasKey("events")));
    }

    @Test
    void theRequesterCannotApproveItsOwnMerge() throws Exception {
        long id = requested();
        problem(act(ADMIN_A, id, "approval", "Looks right to me."), 403, "urn:ed-fi:api:security:authorization")
                .body("errors[0]", containsString("second administrator"));
        as(ADMIN_A)
                .get(BASE + "/" + id)
                .then()
                .statusCode(200)
                .body("state", equalTo("requested"))
                .body("decidedBy", equalTo(null))
                .body("events.action", equalTo(List.of("requested")));
    }

    @Test
    void aSecondAdministratorsApprovalIsRecordedAndTheWorkWaitsForTheServices() throws Exception {
        long id = requested();
        // student-service is unreachable here: the approval stands, the before-image is not taken, nothing is written
        act(ADMIN_B, id, "approval", "Confirmed with the registrar.")
                .statusCode(202)
                .body("state", equalTo("approved"))
                .body("decidedBy", equalTo("merge-admin-b"))
                .body("lastError", containsString("could not be reached"))
                .body("beforeImage", equalTo(List.of()))
                .body("events.action", equalTo(List.of("requested", "approved")))
                .body("events[1].note", equalTo("Confirmed with the registrar."));
        problem(act(ADMIN_B, id, "approval", null), 409, NOT_PENDING);
        problem(act(ADMIN_A, id, "rejection", "Too late."), 409, NOT_PENDING);
        problem(act(ADMIN_A, id, "split", "Not yet merged."), 409, "urn:ed-fi:api:data-conflict:merge-not-done");
    }

    @Test
    void aRejectionNeedsANoteIsFinalAndFreesTheStudents() throws Exception {
        Pair students = twoStudents("Yaretzi", "Olguin", "Olguin", "2014-01-05");
        long id = created(ask(ADMIN_A, request(students.retired(), students.survivor(), "Same person?")));
        problem(
                ask(ADMIN_B, request(students.survivor(), students.retired(), "The other way round.")),
                409,
                "urn:ed-fi:api:data-conflict:merge-in-progress");
        problem(act(ADMIN_B, id, "rejection", null), 400, "urn:ed-fi:api:bad-request");
        post(ADMIN_B, BASE + "/" + id + "/rejection", "{}").statusCode(400).body("validationErrors", hasKey("$.note"));
        act(ADMIN_A, id, "rejection", "Withdrawn: twins, says the school.")
                .statusCode(200)
                .body("state", equalTo("rejected"))
                .body("decidedBy", equalTo("merge-admin-a"))
                .body("events.action", equalTo(List.of("requested", "rejected")));
        problem(act(ADMIN_B, id, "approval", null), 409, NOT_PENDING);
        ask(ADMIN_B, request(students.survivor(), students.retired(), "The other way round."))
                .statusCode(201);
    }

    @Test
    void badRequestsAnswer400NamingTheMember() throws Exception {
        Pair students = twoStudents("Ximena", "Barragan", "Barragan", "2011-12-12");
        String a = students.retired();
        String b = students.survivor();
        problem(ask(ADMIN_A, "not json"), 400, "urn:ed-fi:api:bad-request");
        problem(ask(ADMIN_A, "[1, 2]"), 400, "urn:ed-fi:api:bad-request");
        problem(ask(ADMIN_A, "{\"note\": \"x\"}"), 400, "urn:ed-fi:api:bad-request:data-validation-failed")
                .body("validationErrors", hasKey("$.retiredStudentUniqueId"))
                .body("validationErrors", hasKey("$.survivorStudentUniqueId"));
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(request(a, a, "x"), "$.survivorStudentUniqueId");
        refused.put(request(a, "X".repeat(33), "x"), "$.survivorStudentUniqueId");
        refused.put(request(a, b, ""), "$.note");
        refused.put(request(a, b, (Object) "\"one\""), "$.duplicatePairId");
        refused.put("""
                {"retiredStudentUniqueId": "%s", "survivorStudentUniqueId": "%s", "note": "x", "survivor": "y"}
                """.formatted(a, b), "$.survivor");
        refused.forEach((body, member) -> ask(ADMIN_A, body).statusCode(400).body("validationErrors", hasKey(member)));
        ask(ADMIN_A, request(a, b, "n".repeat(2001)))
                .statusCode(400)
                .body("validationErrors.'$.note'[0]", containsString("2000"));
        // a note of exactly 2000 characters is fine
        ask(ADMIN_A, request(a, b, "n".repeat(2000))).statusCode(201);
        for (String[] bad :
                new String[][] {{"state", "done"}, {"limit", "0"}, {"limit", "501"}, {"offset", "-1"}, {"limit", "many"}
                }) {
            problem(
                    as(ADMIN_A).queryParam(bad[0], bad[1]).get(BASE).then(),
                    400,
                    "urn:ed-fi:api:bad-request:parameter-validation-failed");
        }
    }

    @Test
    void unknownMergeIdsAnswer404() {
        for (String id : List.of("999999999", "0", "abc")) {
            as(ADMIN_A).get(BASE + "/" + id).then().statusCode(404).body("type", equalTo("urn:ed-fi:api:not-found"));
            for (String action : List.of("approval", "rejection", "split")) {
                act(ADMIN_B, id, action, "n").statusCode(404);
            }
        }
    }

    @Test
    void aStudentNotInTheReplicaIsAskedOfStudentServiceAnd503WhenItCannotBe() throws Exception {
        String known = uid();
        student(known, "Anahi", "Cervantes", "2010-10-10");
        problem(ask(ADMIN_A, request(uid(), known, "Same girl.")), 503, "urn:ed-fi:api:system:unavailable")
                .header("Retry-After", "5")
                .body("correlationId", notNullValue());
        as(ADMIN_A)
                .queryParam("studentUniqueId", known)
                .get(BASE)
                .then()
                .statusCode(200)
                .header("Total-Count", "0");
    }

    @Test
    void onlyStateAdministratorsActAndReadersOnlyRead() throws Exception {
        long id = requested();
        as(VENDOR).get(BASE).then().statusCode(403).body("type", equalTo("urn:ed-fi:api:security:authorization"));
        as(VENDOR).get(BASE + "/" + id).then().statusCode(403);
        ask(VENDOR, request(uid(), uid(), "n")).statusCode(403);
        act(VENDOR, id, "approval", "n").statusCode(403);
        as(READER).get(BASE).then().statusCode(200).body("id", hasItem((int) id));
        as(READER).get(BASE + "/" + id).then().statusCode(200);
        ask(READER, request(uid(), uid(), "n")).statusCode(403).body("errors[0]", containsString("read-only"));
        for (String action : List.of("approval", "rejection", "split")) {
            act(READER, id, action, "n").statusCode(403);
        }
        given().get(BASE).then().statusCode(401);
        as(ADMIN_B)
                .get(BASE + "/" + id)
                .then()
                .statusCode(200)
                .body("state", equalTo("requested"))
                .body("events.action", equalTo(List.of("requested")));
    }

    @Test
    void aRequestResolvesThePairOfItsStudentsOnTheWorklist() throws Exception {
        String retired = uid();
        String survivor = uid();
        UUID r = student(retired, "Guadalupe", "Zepeda Arriaga", "2009-04-09");
        UUID s = student(survivor, "Lupe", "Zepeda-Arriaga", "2009-09-04");
        String other = uid();
        UUID o = student(other, "Evaristo", "Villaseñor Ochoa", "2008-05-05");
        String otherTwin = uid();
        UUID ot = student(otherTwin, "Evaristo", "Villasenor Ochoa", "2008-05-05");
        detection.runNow();
        long pair = id(pairOf(ADMIN_A, r, s));
        long otherPair = id(pairOf(ADMIN_A, o, ot));

        ask(ADMIN_A, request(retired, survivor, (Object) otherPair))
                .statusCode(400)
                .body("validationErrors", hasKey("$.duplicatePairId"));
        problem(
                ask(ADMIN_A, request(retired, survivor, (Object) 987654321)),
                409,
                "urn:ed-fi:api:data-conflict:unresolved-reference");
        // without an id, the pair of the two students is found
        ask(ADMIN_A, request(retired, survivor, "Lupe is Guadalupe."))
                .statusCode(201)
                .body("duplicatePairId", equalTo((int) pair));

        post(ADMIN_B, DUPLICATES + "/" + otherPair + "/dismiss", note("Brothers."))
                .statusCode(200);
        problem(
                ask(ADMIN_A, request(other, otherTwin, (Object) otherPair)),
                409,
                "urn:ed-fi:api:data-conflict:pair-dismissed");
    }
}
