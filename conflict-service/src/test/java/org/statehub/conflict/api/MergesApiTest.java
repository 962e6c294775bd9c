package org.statehub.conflict.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.statehub.conflict.service.DuplicateDetection;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.core.replication.ReplicaStore;
import org.statehub.edfi.core.service.NaturalKeys;
import org.statehub.edfi.core.store.Ids;
import org.statehub.jdbc.Transactions;
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
    private static final AtomicLong VERSION = new AtomicLong(500_000);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ADMIN_A = TestTokens.token("merge-admin-a", "StateAdmin", List.of(), List.of(), 1800);
    private static final String ADMIN_B = TestTokens.token("merge-admin-b", "StateAdmin", List.of(), List.of(), 1800);
    private static final String READER =
            TestTokens.token("merge-reader", "StateSystemReader", List.of(), List.of(), 1800);
    private static final String VENDOR =
            TestTokens.token("merge-vendor", "SISVendor", List.of(255_901L), List.of("uri://vendor.example"), 1800);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ResourceCatalog catalog;

    @Inject
    DuplicateDetection detection;

    private final ReplicaStore replica = new ReplicaStore();

    /** A student in conflict-service's replica, as replication from student-service would store it. */
    private UUID student(String uniqueId, String first, String last, String birth) throws SQLException {
        UUID id = UUID.randomUUID();
        ObjectNode body = MAPPER.createObjectNode()
                .put("studentUniqueId", uniqueId)
                .put("firstName", first)
                .put("lastSurname", last)
                .put("birthDate", birth)
                .put("birthSexDescriptor", "uri://ed-fi.org/SexDescriptor#Female");
        Transactions.inTransaction(dataSource, c -> {
            replica.upsert(
                    c,
                    "students",
                    id,
                    NaturalKeys.of(catalog.find("students"), body),
                    body.toString(),
                    VERSION.incrementAndGet());
            return null;
        });
        return id;
    }

    private static String uid() {
        return "M" + UUID.randomUUID().toString().replace("-", "").substring(0, 11);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String request(String retired, String survivor, String note) {
        return """
                {"retiredStudentUniqueId": "%s", "survivorStudentUniqueId": "%s", "note": "%s"}
                """.formatted(retired, survivor, note);
    }

    /** Two students in the replica and a merge of the first into the second, requested by admin A. */
    private long requested() throws SQLException {
        String retired = uid();
        String survivor = uid();
        student(retired, "Odalys", "Quintanar", "2012-02-11");
        student(survivor, "Odalys", "Quintanar", "2012-02-11");
        return as(ADMIN_A)
                .body(request(retired, survivor, "Same birth certificate."))
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    @Test
    void aMergeIsRequestedWithLocationBodyAndEvent() throws Exception {
        String retired = uid();
        String survivor = uid();
        student(retired, "Itzel", "Zamudio", "2013-06-30");
        student(survivor, "Itzel", "Zamudio Pena", "2013-06-30");
        Response created = as(ADMIN_A)
                .body(request(retired, survivor, "One girl: the district sent both ids."))
                .post(BASE);
        created.then()
                .statusCode(201)
                .header("Location", endsWith(BASE + "/" + created.jsonPath().getLong("id")))
                .body("state", equalTo("requested"))
                .body("retiredStudentUniqueId", equalTo(retired))
                .body("survivorStudentUniqueId", equalTo(survivor))
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
                .queryParam("studentUniqueId", retired)
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
        as(ADMIN_A)
                .body("{\"note\": \"Looks right to me.\"}")
                .post(BASE + "/" + id + "/approval")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:ed-fi:api:security:authorization"))
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
        as(ADMIN_B)
                .body("{\"note\": \"Confirmed with the registrar.\"}")
                .post(BASE + "/" + id + "/approval")
                .then()
                .statusCode(202)
                .body("state", equalTo("approved"))
                .body("decidedBy", equalTo("merge-admin-b"))
                .body("lastError", containsString("could not be reached"))
                .body("beforeImage", equalTo(List.of()))
                .body("events.action", equalTo(List.of("requested", "approved")))
                .body("events[1].note", equalTo("Confirmed with the registrar."));
        as(ADMIN_B)
                .post(BASE + "/" + id + "/approval")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:ed-fi:api:data-conflict:merge-not-pending"));
        as(ADMIN_A)
                .body("{\"note\": \"Too late.\"}")
                .post(BASE + "/" + id + "/rejection")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:ed-fi:api:data-conflict:merge-not-pending"));
        as(ADMIN_A)
                .body("{\"note\": \"Not yet merged.\"}")
                .post(BASE + "/" + id + "/split")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:ed-fi:api:data-conflict:merge-not-done"));
    }

    @Test
    void aRejectionNeedsANoteIsFinalAndFreesTheStudents() throws Exception {
        String retired = uid();
        String survivor = uid();
        student(retired, "Yaretzi", "Olguin", "2014-01-05");
        student(survivor, "Yaretzi", "Olguin", "2014-01-05");
        long id = as(ADMIN_A)
                .body(request(retired, survivor, "Same person?"))
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        as(ADMIN_B)
                .body(request(survivor, retired, "The other way round."))
                .post(BASE)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:ed-fi:api:data-conflict:merge-in-progress"));
        as(ADMIN_B)
                .post(BASE + "/" + id + "/rejection")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:ed-fi:api:bad-request"));
        as(ADMIN_B)
                .body("{}")
                .post(BASE + "/" + id + "/rejection")
                .then()
                .statusCode(400)
                .body("validationErrors", hasKey("$.note"));
        as(ADMIN_A)
                .body("{\"note\": \"Withdrawn: twins, says the school.\"}")
                .post(BASE + "/" + id + "/rejection")
                .then()
                .statusCode(200)
                .body("state", equalTo("rejected"))
                .body("decidedBy", equalTo("merge-admin-a"))
                .body("events.action", equalTo(List.of("requested", "rejected")));
        as(ADMIN_B)
                .post(BASE + "/" + id + "/approval")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:ed-fi:api:data-conflict:merge-not-pending"));
        as(ADMIN_B)
                .body(request(survivor, retired, "The other way round."))
                .post(BASE)
                .then()
                .statusCode(201);
    }

    @Test
    void badRequestsAnswer400NamingTheMember() throws Exception {
        String a = uid();
        String b = uid();
        student(a, "Ximena", "Barragan", "2011-12-12");
        student(b, "Ximena", "Barragan", "2011-12-12");
        as(ADMIN_A)
                .body("not json")
                .post(BASE)
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:ed-fi:api:bad-request"));
        as(ADMIN_A).body("[1, 2]").post(BASE).then().statusCode(400).body("type", equalTo("urn:ed-fi:api:bad-request"));
        as(ADMIN_A)
                .body("{\"note\": \"x\"}")
                .post(BASE)
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:ed-fi:api:bad-request:data-validation-failed"))
                .body("validationErrors", hasKey("$.retiredStudentUniqueId"))
                .body("validationErrors", hasKey("$.survivorStudentUniqueId"));
        as(ADMIN_A)
                .body(request(a, a, "x"))
                .post(BASE)
                .then()
                .statusCode(400)
                .body("validationErrors", hasKey("$.survivorStudentUniqueId"));
        as(ADMIN_A)
                .body(request(a, "X".repeat(33), "x"))
                .post(BASE)
                .then()
                .statusCode(400)
                .body("validationErrors", hasKey("$.survivorStudentUniqueId"));
        as(ADMIN_A)
                .body(request(a, b, ""))
                .post(BASE)
                .then()
                .statusCode(400)
                .body("validationErrors", hasKey("$.note"));
        as(ADMIN_A)
                .body(request(a, b, "n".repeat(2001)))
                .post(BASE)
                .then()
                .statusCode(400)
                .body("validationErrors.'$.note'[0]", containsString("2000"));
        as(ADMIN_A)
                .body("""
                {"retiredStudentUniqueId": "%s", "survivorStudentUniqueId": "%s", "note": "x", "duplicatePairId": "one"}
                """.formatted(a, b))
                .post(BASE)
                .then()
                .statusCode(400)
                .body("validationErrors", hasKey("$.duplicatePairId"));
        as(ADMIN_A)
                .body("""
                {"retiredStudentUniqueId": "%s", "survivorStudentUniqueId": "%s", "note": "x", "survivor": "y"}
                """.formatted(a, b))
                .post(BASE)
                .then()
                .statusCode(400)
                .body("validationErrors", hasKey("$.survivor"));
        // a note of exactly 2000 characters is fine
        as(ADMIN_A).body(request(a, b, "n".repeat(2000))).post(BASE).then().statusCode(201);
        for (String[] bad :
                new String[][] {{"state", "done"}, {"limit", "0"}, {"limit", "501"}, {"offset", "-1"}, {"limit", "many"}
                }) {
            as(ADMIN_A)
                    .queryParam(bad[0], bad[1])
                    .get(BASE)
                    .then()
                    .statusCode(400)
                    .body("type", equalTo("urn:ed-fi:api:bad-request:parameter-validation-failed"));
        }
    }

    @Test
    void unknownMergeIdsAnswer404() {
        for (String id : List.of("999999999", "0", "abc")) {
            as(ADMIN_A).get(BASE + "/" + id).then().statusCode(404).body("type", equalTo("urn:ed-fi:api:not-found"));
            as(ADMIN_B)
                    .body("{\"note\": \"n\"}")
                    .post(BASE + "/" + id + "/approval")
                    .then()
                    .statusCode(404);
            as(ADMIN_B)
                    .body("{\"note\": \"n\"}")
                    .post(BASE + "/" + id + "/rejection")
                    .then()
                    .statusCode(404);
            as(ADMIN_B)
                    .body("{\"note\": \"n\"}")
                    .post(BASE + "/" + id + "/split")
                    .then()
                    .statusCode(404);
        }
    }

    @Test
    void aStudentNotInTheReplicaIsAskedOfStudentServiceAnd503WhenItCannotBe() throws Exception {
        String known = uid();
        student(known, "Anahi", "Cervantes", "2010-10-10");
        as(ADMIN_A)
                .body(request(uid(), known, "Same girl."))
                .post(BASE)
                .then()
                .statusCode(503)
                .header("Retry-After", "5")
                .body("type", equalTo("urn:ed-fi:api:system:unavailable"))
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
        as(VENDOR).body(request(uid(), uid(), "n")).post(BASE).then().statusCode(403);
        as(VENDOR)
                .body("{\"note\": \"n\"}")
                .post(BASE + "/" + id + "/approval")
                .then()
                .statusCode(403);
        as(READER).get(BASE).then().statusCode(200).body("id", hasItem((int) id));
        as(READER).get(BASE + "/" + id).then().statusCode(200);
        as(READER)
                .body(request(uid(), uid(), "n"))
                .post(BASE)
                .then()
                .statusCode(403)
                .body("errors[0]", containsString("read-only"));
        as(READER)
                .body("{\"note\": \"n\"}")
                .post(BASE + "/" + id + "/approval")
                .then()
                .statusCode(403);
        as(READER)
                .body("{\"note\": \"n\"}")
                .post(BASE + "/" + id + "/rejection")
                .then()
                .statusCode(403);
        as(READER)
                .body("{\"note\": \"n\"}")
                .post(BASE + "/" + id + "/split")
                .then()
                .statusCode(403);
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
        long pair = pairId(r, s);
        long otherPair = pairId(o, ot);

        as(ADMIN_A)
                .body("""
                {"retiredStudentUniqueId": "%s", "survivorStudentUniqueId": "%s", "note": "x", "duplicatePairId": %d}
                """.formatted(retired, survivor, otherPair))
                .post(BASE)
                .then()
                .statusCode(400)
                .body("validationErrors", hasKey("$.duplicatePairId"));
        as(ADMIN_A)
                .body("""
                {"retiredStudentUniqueId": "%s", "survivorStudentUniqueId": "%s", "note": "x", "duplicatePairId": 987654321}
                """.formatted(retired, survivor))
                .post(BASE)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:ed-fi:api:data-conflict:unresolved-reference"));
        // without an id, the pair of the two students is found
        as(ADMIN_A)
                .body(request(retired, survivor, "Lupe is Guadalupe."))
                .post(BASE)
                .then()
                .statusCode(201)
                .body("duplicatePairId", equalTo((int) pair));

        as(ADMIN_B)
                .body("{\"note\": \"Brothers.\"}")
                .post("/conflicts/v1/duplicates/" + otherPair + "/dismiss")
                .then()
                .statusCode(200);
        as(ADMIN_A)
                .body("""
                {"retiredStudentUniqueId": "%s", "survivorStudentUniqueId": "%s", "note": "x", "duplicatePairId": %d}
                """.formatted(other, otherTwin, otherPair))
                .post(BASE)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:ed-fi:api:data-conflict:pair-dismissed"));
    }

    private static long pairId(UUID a, UUID b) {
        List<Map<String, Object>> items = as(ADMIN_A)
                .queryParam("state", "all")
                .queryParam("limit", 500)
                .get("/conflicts/v1/duplicates")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        for (Map<String, Object> item : items) {
            List<Object> ids = ((List<Map<String, Object>>) item.get("students"))
                    .stream().map(x -> x.get("id")).toList();
            if (ids.contains(Ids.format(a)) && ids.contains(Ids.format(b))) {
                return ((Number) item.get("id")).longValue();
            }
        }
        throw new AssertionError("no pair of " + a + " and " + b);
    }
}
