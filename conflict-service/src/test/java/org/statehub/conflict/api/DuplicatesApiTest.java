package org.statehub.conflict.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.statehub.conflict.api.ConflictApi.DUPLICATES;
import static org.statehub.conflict.api.ConflictApi.as;
import static org.statehub.conflict.api.ConflictApi.id;
import static org.statehub.conflict.api.ConflictApi.note;
import static org.statehub.conflict.api.ConflictApi.pairOf;
import static org.statehub.conflict.api.ConflictApi.post;
import static org.statehub.conflict.api.ConflictApi.problem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.statehub.conflict.ReplicaSeed;
import org.statehub.conflict.service.DuplicateDetection;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.TestTokens;

/**
 * The worklist API over a real PostgreSQL: the replica is seeded as edfi-core's replication would fill it (the
 * service runs without student-service here; system-tests run both), the detection job is run by hand, and the
 * API is called with test tokens of each claim set.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class DuplicatesApiTest {

    private static final String BASE = DUPLICATES;
    private static final String ADMIN = TestTokens.stateAdmin();
    private static final String READER =
            TestTokens.token("test-reader", "StateSystemReader", List.of(), List.of(), 1800);

    @Inject
    ReplicaSeed seed;

    @Inject
    DuplicateDetection detection;

    private UUID student(String uniqueId, String first, String middle, String last, String birth, String sex)
            throws SQLException {
        return seed.student(uniqueId, first, middle, last, birth, sex);
    }

    private static String uid() {
        return UUID.randomUUID().toString().substring(0, 12);
    }

    /** The ids of the pairs listed for this request. */
    private static List<Long> ids(RequestSpecification request) {
        return request.get(BASE).then().statusCode(200).extract().jsonPath().getList("id", Long.class);
    }

    /** The actions of the pair's history. */
    private static List<Object> history(long id) {
        return as(ADMIN).get(BASE + "/" + id + "/history").jsonPath().getList("action");
    }

    // --- detection and the worklist ----------------------------------------------------------------------------

    @Test
    void aNearDuplicateIsListedWithBothStudentsSideBySideAndWhatDroveTheScore() throws Exception {
        String ua = uid();
        String ub = uid();
        UUID a = student(ua, "Guadalupe", "Maria", "Hernandez Zubiria", "2011-04-09", "Female");
        UUID b = student(ub, "Lupe", null, "Hernandez-Zubiria", "2011-09-04", "Female");
        UUID stranger = student(uid(), "Kevin", null, "Olmsted", "2011-04-09", "Male");
        DuplicateDetection.Run run = detection.runNow();
        assertThat(run.students()).isGreaterThanOrEqualTo(3);

        Map<String, Object> pair = pairOf(ADMIN, a, b);
        assertThat(pair).as("pair listed").isNotNull();
        assertThat(pairOf(ADMIN, a, stranger)).isNull();
        assertThat(pair.get("state")).isEqualTo("open");
        assertThat(((Number) pair.get("score")).doubleValue()).isGreaterThanOrEqualTo(0.65);
        assertThat((List<String>) pair.get("drivers"))
                .contains("firstName: nickname", "lastSurname: exact", "birthDate: day-month-swapped");
        assertThat(((Number) pair.get("ageSeconds")).longValue()).isGreaterThanOrEqualTo(0);
        assertThat(pair.get("firstSeen")).isNotNull();

        Response one = as(ADMIN).get(BASE + "/" + id(pair));
        one.then()
                .statusCode(200)
                .body("id", equalTo((int) id(pair)))
                .body("students.studentUniqueId", hasItem(ua))
                .body("students.studentUniqueId", hasItem(ub))
                .body("students.firstName", hasItem("Lupe"))
                .body("fields.find { it.field == 'firstName' }.comparison", equalTo("nickname"));
        JsonPath fields = one.jsonPath();
        String first = fields.getString("students[0].firstName");
        assertThat(fields.getString("fields.find { it.field == 'firstName' }.valueA"))
                .isEqualTo(first);

        // a second run finds nothing new and raises nothing twice
        assertThat(detection.runNow().raised()).isZero();
        assertThat(history(id(pair))).containsExactly("raised");
    }

    @Test
    void twinsAndStrangersAreNotPaired() throws Exception {
        UUID emily = student(uid(), "Emily", "Rose", "Vandersloot", "2012-04-09", "Female");
        UUID hannah = student(uid(), "Hannah", "Grace", "Vandersloot", "2012-04-09", "Female");
        UUID daniel = student(uid(), "Daniel", null, "Quezada Ybarra", "2013-02-01", "Male");
        UUID daniela = student(uid(), "Daniela", null, "Quezada Ybarra", "2013-02-01", "Female");
        detection.runNow();
        assertThat(pairOf(ADMIN, emily, hannah)).isNull();
        assertThat(pairOf(ADMIN, daniel, daniela)).isNull();
    }

    @Test
    void listingFiltersByStateScoreAndCountsTheTotal() throws Exception {
        student(uid(), "Bartholomew", null, "Fairweather", "2010-10-20", "Male");
        student(uid(), "Bart", null, "Fairweather", "2010-10-20", "Male");
        detection.runNow();
        Response all =
                as(ADMIN).queryParam("state", "all").queryParam("limit", 1).get(BASE);
        all.then().statusCode(200).header("Total-Count", org.hamcrest.Matchers.notNullValue());
        assertThat(all.jsonPath().getList("$")).hasSize(1);
        long total = Long.parseLong(all.header("Total-Count"));
        assertThat(total).isGreaterThanOrEqualTo(1);
        as(ADMIN)
                .queryParam("minScore", "1")
                .queryParam("state", "all")
                .get(BASE)
                .then()
                .statusCode(200)
                .body("score.every { it >= 1 }", equalTo(true));
        as(ADMIN)
                .queryParam("offset", total)
                .queryParam("state", "all")
                .get(BASE)
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        // by age: every pair here was seen today
        as(ADMIN)
                .queryParam("minAgeDays", 1)
                .queryParam("state", "all")
                .get(BASE)
                .then()
                .statusCode(200)
                .body("size()", equalTo(0))
                .header("Total-Count", "0");
        as(ADMIN)
                .queryParam("minAgeDays", 0)
                .queryParam("state", "all")
                .get(BASE)
                .then()
                .statusCode(200)
                .header("Total-Count", Long.toString(total));
    }

    @Test
    void badParametersAnswer400WithProblemDetails() {
        for (String[] bad : new String[][] {
            {"state", "maybe"},
            {"limit", "0"},
            {"limit", "501"},
            {"limit", "x"},
            {"offset", "-1"},
            {"minScore", "2"},
            {"minScore", "high"},
            {"leaId", "abc"},
            {"minAgeDays", "-1"}
        }) {
            as(ADMIN)
                    .queryParam(bad[0], bad[1])
                    .get(BASE)
                    .then()
                    .statusCode(400)
                    .contentType(ContentType.JSON)
                    .body("type", equalTo("urn:ed-fi:api:bad-request:parameter-validation-failed"))
                    .body("status", equalTo(400))
                    .body("errors[0]", org.hamcrest.Matchers.containsString(bad[0]));
        }
    }

    @Test
    void unknownPairsAnswer404() {
        for (String path : new String[] {"/999999999", "/abc", "/0", "/999999999/history"}) {
            as(ADMIN)
                    .get(BASE + path)
                    .then()
                    .statusCode(404)
                    .body("type", equalTo("urn:ed-fi:api:not-found"))
                    .body("status", equalTo(404));
        }
        post(ADMIN, BASE + "/999999999/dismiss", note("x")).statusCode(404);
    }

    @Test
    void withoutATokenTheWorklistAnswers401() {
        given().get(BASE).then().statusCode(401).body("type", equalTo("urn:ed-fi:api:security:authentication"));
    }

    // --- dismissal ---------------------------------------------------------------------------------------------

    @Test
    void aDismissalNeedsANoteIsAuditedAndIsFinal() throws Exception {
        UUID a = student(uid(), "Wilhelmina", null, "Oosterhuis", "2009-12-03", "Female");
        UUID b = student(uid(), "Wilhelmina", null, "Oosterhius", "2009-12-03", "Female");
        detection.runNow();
        long id = id(pairOf(ADMIN, a, b));
        String dismiss = BASE + "/" + id + "/dismiss";

        problem(post(ADMIN, dismiss, "{}"), 400, "urn:ed-fi:api:bad-request:data-validation-failed")
                .body("validationErrors.'$.note'[0]", org.hamcrest.Matchers.containsString("note"));
        post(ADMIN, dismiss, note("   ")).statusCode(400);
        problem(post(ADMIN, dismiss, "{not json"), 400, "urn:ed-fi:api:bad-request");
        post(ADMIN, dismiss, note("x".repeat(2001))).statusCode(400);
        problem(post(READER, dismiss, note("twins")), 403, "urn:ed-fi:api:security:authorization");

        post(ADMIN, dismiss, note("Two girls: birth certificates checked by the registrar."))
                .statusCode(200)
                .body("state", equalTo("dismissed"))
                .body("history.action", equalTo(List.of("raised", "dismissed")))
                .body("history[1].actor", equalTo("test-state-admin"))
                .body("history[1].note", equalTo("Two girls: birth certificates checked by the registrar."));
        problem(post(ADMIN, dismiss, note("again")), 409, "urn:ed-fi:api:data-conflict:already-dismissed");

        as(ADMIN)
                .get(BASE + "/" + id + "/history")
                .then()
                .statusCode(200)
                .body("action", equalTo(List.of("raised", "dismissed")))
                .body("[0].actor", equalTo("conflict-service"))
                .body("[1].at", org.hamcrest.Matchers.notNullValue());
        // the reader reads: it sees the pair and its history
        as(READER).get(BASE + "/" + id + "/history").then().statusCode(200);
        assertThat(ids(as(ADMIN))).doesNotContain(id);
        assertThat(ids(as(ADMIN).queryParam("state", "dismissed"))).contains(id);
    }

    @Test
    void aDismissedPairIsNeverRaisedAgainEvenWhenAStudentChanges() throws Exception {
        String ub = uid();
        UUID a = student(uid(), "Cornelius", "James", "Abernathy", "2008-07-14", "Male");
        UUID b = student(ub, "Cornelius", null, "Abernathey", "2008-07-14", "Male");
        detection.runNow();
        long id = id(pairOf(ADMIN, a, b));
        post(ADMIN, BASE + "/" + id + "/dismiss", note("cousins")).statusCode(200);

        seed.student(b, ub, "Cornelius", "James", "Abernathy", "2008-07-14", "Male"); // now identical
        assertThat(detection.runNow().raised()).isZero();
        Map<String, Object> pair = pairOf(ADMIN, a, b);
        assertThat(id(pair)).isEqualTo(id);
        assertThat(pair.get("state")).isEqualTo("dismissed");
        assertThat(history(id)).containsExactly("raised", "dismissed");
    }

    @Test
    void aPairIsClosedWhenTheStudentsNoLongerMatchReopenedWhenTheyDoAndClosedWhenOneIsDeleted() throws Exception {
        String ub = uid();
        UUID a = student(uid(), "Esperanza", null, "Villalobos Trejo", "2015-03-22", "Female");
        UUID b = student(ub, "Esperanza", null, "Villalobos", "2015-03-22", "Female");
        detection.runNow();
        long id = id(pairOf(ADMIN, a, b));

        seed.student(b, ub, "Esperanza", null, "Villalobos", "2016-11-02", "Female"); // a corrected birth date
        assertThat(detection.runNow().closed()).isEqualTo(1);
        as(ADMIN).get(BASE + "/" + id).then().statusCode(200).body("state", equalTo("closed"));

        seed.student(b, ub, "Esperanza", null, "Villalobos", "2015-03-22", "Female"); // back again
        assertThat(detection.runNow().reopened()).isEqualTo(1);
        as(ADMIN).get(BASE + "/" + id).then().statusCode(200).body("state", equalTo("open"));

        seed.delete("students", b);
        detection.runNow();
        as(ADMIN)
                .get(BASE + "/" + id)
                .then()
                .statusCode(200)
                .body("state", equalTo("closed"))
                .body("students.find { it.studentUniqueId == '" + ub + "' }.deleted", equalTo(true));
        assertThat(history(id)).containsExactly("raised", "closed", "reopened", "closed");
    }

    // --- scope ---------------------------------------------------------------------------------------------------

    @Test
    void aClientScopedToAnLeaSeesAndDismissesOnlyPairsWithAStudentRelatedToIt() throws Exception {
        long lea = 255_977;
        long school = 255_977_001;
        long otherLea = 255_988;
        seed.school(school, lea);
        seed.school(255_988_001, otherLea);
        String enrolled = uid();
        String unrelatedA = uid();
        String viaSeoa = uid();
        UUID a = student(enrolled, "Maximiliano", null, "Echeverria", "2014-01-30", "Male");
        UUID b = student(uid(), "Max", null, "Echeverria", "2014-01-30", "Male");
        UUID c = student(unrelatedA, "Prudence", null, "Whitlock", "2013-05-06", "Female");
        UUID d = student(uid(), "Prudence", null, "Whitlok", "2013-05-06", "Female");
        UUID e = student(viaSeoa, "Octavio", null, "Zamudio", "2012-08-18", "Male");
        UUID f = student(uid(), "Octavio", null, "Zamudio", "2012-08-18", "Male");
        seed.enrollment(enrolled, school); // at a school of the LEA
        seed.enrollment(unrelatedA, 255_988_001); // at another LEA's school
        seed.seoa(viaSeoa, lea); // an SEOA at the LEA itself
        detection.runNow();
        long ab = id(pairOf(ADMIN, a, b));
        long cd = id(pairOf(ADMIN, c, d));
        long ef = id(pairOf(ADMIN, e, f));

        String vendor = TestTokens.token("vendor-977", "SISVendor", List.of(lea), List.of("uri://acme"), 1800);
        String nothing = TestTokens.token("vendor-none", "SISVendor", List.of(), List.of(), 1800);
        assertThat(pairOf(vendor, a, b)).isNotNull();
        assertThat(pairOf(vendor, e, f)).isNotNull();
        assertThat(pairOf(vendor, c, d)).isNull();
        assertThat(pairOf(nothing, a, b)).isNull();
        List<Long> visible = ids(as(vendor).queryParam("state", "all").queryParam("limit", 500));
        assertThat(visible).contains(ab, ef).doesNotContain(cd);
        as(vendor).get(BASE + "/" + ab).then().statusCode(200);
        as(vendor)
                .get(BASE + "/" + cd)
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:ed-fi:api:security:authorization"));
        as(vendor).get(BASE + "/" + cd + "/history").then().statusCode(403);
        post(vendor, BASE + "/" + cd + "/dismiss", note("no")).statusCode(403);
        post(vendor, BASE + "/" + ef + "/dismiss", note("twins, checked at the school"))
                .statusCode(200)
                .body("history[1].actor", equalTo("vendor-977"));

        // a state-wide client filters by LEA
        List<Long> ofLea = ids(
                as(ADMIN).queryParam("state", "all").queryParam("leaId", lea).queryParam("limit", 500));
        assertThat(ofLea).contains(ab, ef).doesNotContain(cd);
        List<Long> ofOther = ids(as(ADMIN).queryParam("state", "all").queryParam("leaId", otherLea));
        assertThat(ofOther).contains(cd).doesNotContain(ab, ef);
    }
}
