package org.statehub.conflict.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.statehub.conflict.api.ConflictApi.DUPLICATES;
import static org.statehub.conflict.api.ConflictApi.as;
import static org.statehub.conflict.api.ConflictApi.everyPair;
import static org.statehub.conflict.api.ConflictApi.id;
import static org.statehub.conflict.api.ConflictApi.pairOf;
import static org.statehub.conflict.api.ConflictApi.post;
import static org.statehub.conflict.api.ConflictApi.problem;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.statehub.conflict.ReplicaSeed;
import org.statehub.conflict.StandInStudentService;
import org.statehub.conflict.service.ConflictDetection;
import org.statehub.conflict.service.DuplicateDetection;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.SettingsProfile;
import org.statehub.testing.TestDirectory;
import org.statehub.testing.TestTokens;

/**
 * conflict-service in a deployment that keeps school years apart (2026 and 2027; docs/CONFLICTS.md, "School years"):
 * each year's students are matched among themselves and its conflicts found in its own data space, every pair,
 * conflict and merge is of one year (its id names it, its view shows it), lists filter by {@code schoolYear} or
 * merge the years the caller reaches, and a resolution is written back to student-service in its year only (a
 * stand-in student-service that keeps its items per year).
 */
@QuarkusTest
@TestProfile(SchoolYearsTest.TwoYears.class)
@QuarkusTestResource(PostgresTestResource.class)
class SchoolYearsTest {

    /** The years 2026 and 2027 served; student-service is the stand-in. */
    public static class TwoYears extends SettingsProfile {
        public TwoYears() {
            super(
                    Map.of("hub.instances.route", "school-year", "hub.instances.years", "2026,2027"),
                    StandInStudentService.class);
        }
    }

    private static final String ADMIN = TestTokens.stateAdmin();
    private static final String CONFLICTS = "/conflicts/v1/conflicts";
    private static final String SEOAS = "/data/v3/ed-fi/studentEducationOrganizationAssociations";
    private static final String FEMALE = "uri://ed-fi.org/SexDescriptor#Female";
    private static final String MALE = "uri://ed-fi.org/SexDescriptor#Male";

    @Inject
    ReplicaSeed seed;

    @Inject
    DataSpaces spaces;

    @Inject
    DuplicateDetection duplicates;

    @Inject
    ConflictDetection conflicts;

    private static String uid() {
        return UUID.randomUUID().toString().substring(0, 12);
    }

    private UUID student(String year, String uniqueId, String first, String last, String birth) throws Exception {
        return DataSpaces.within(Optional.of(year), () -> seed.student(uniqueId, first, null, last, birth, "Female"));
    }

    @Test
    void eachYearsStudentsAreMatchedAmongThemselvesAndEachPairIsOfItsYear() throws Exception {
        String same = uid();
        UUID a26 = student("2026", same, "Guadalupe", "Hernandez Zubiria", "2011-04-09");
        UUID b26 = student("2026", uid(), "Lupe", "Hernandez-Zubiria", "2011-09-04");
        UUID a27 = student("2027", same, "Guadalupe", "Hernandez Zubiria", "2011-04-09");
        UUID c27 = student("2027", uid(), "Guadalupita", "Hernandez Zubiria", "2011-04-09");
        duplicates.runNow();

        Map<String, Object> pair26 = pairOf(ADMIN, a26, b26);
        Map<String, Object> pair27 = pairOf(ADMIN, a27, c27);
        assertThat(pair26).as("2026's pair, listed with 2027's").isNotNull().containsEntry("schoolYear", 2026);
        assertThat(pair27).as("2027's pair").isNotNull().containsEntry("schoolYear", 2027);
        assertThat(id(pair26) / 1_000_000_000L).isEqualTo(2026);
        assertThat(id(pair27) / 1_000_000_000L).isEqualTo(2027);
        // the same person in two years is expected: students of two years are never compared
        assertThat(pairOf(ADMIN, a26, a27)).isNull();
        assertThat(pairOf(ADMIN, b26, c27)).isNull();

        List<Long> in2027 = everyPair(ADMIN)
                .queryParam("schoolYear", 2027)
                .get(DUPLICATES)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id", Long.class);
        assertThat(in2027).contains(id(pair27)).doesNotContain(id(pair26));
        as(ADMIN).get(DUPLICATES + "/" + id(pair27)).then().statusCode(200).body("schoolYear", equalTo(2027));
        as(ADMIN).get(DUPLICATES + "/" + id(pair26) + "/history").then().statusCode(200);

        // an id of no year served, and a year not served
        problem(as(ADMIN).get(DUPLICATES + "/12").then(), 404, "urn:ed-fi:api:not-found");
        problem(as(ADMIN).get(DUPLICATES + "/2031000000001").then(), 404, "urn:ed-fi:api:not-found");
        as(ADMIN).queryParam("schoolYear", 2031).get(DUPLICATES).then().statusCode(400);
        as(ADMIN).queryParam("schoolYear", "next").get(DUPLICATES).then().statusCode(400);
    }

    @Test
    void aYearTheGatewayServesSinceTheStartIsFollowedFromTheNextRound() throws Exception {
        as(ADMIN).queryParam("schoolYear", 2028).get(DUPLICATES).then().statusCode(400);
        TestDirectory.schoolYears(List.of("2026", "2027", "2028"));
        try {
            duplicates.runNow(); // the round starts making 2028 (its schema, its ids) in the background
            // a request naming 2028 waits for it the same way (at most hub.data-spaces.ready-wait)
            assertThat(spaces.serves("2028")).isTrue();
            UUID a = student("2028", uid(), "Evangelina", "Ostrowski", "2014-07-08");
            UUID b = student("2028", uid(), "Evangelina", "Ostrowsky", "2014-07-08");
            duplicates.runNow();
            Map<String, Object> pair = pairOf(ADMIN, a, b);
            assertThat(pair).isNotNull().containsEntry("schoolYear", 2028);
            assertThat(id(pair) / 1_000_000_000L).isEqualTo(2028);
            as(ADMIN)
                    .queryParam("schoolYear", 2028)
                    .get(DUPLICATES)
                    .then()
                    .statusCode(200)
                    .body("id", org.hamcrest.Matchers.hasItem(id(pair)));
        } finally {
            TestDirectory.schoolYears(List.of());
        }
    }

    @Test
    void aClientSeesOnlyTheYearsItIsGranted() throws Exception {
        UUID a = student("2027", uid(), "Xiomara", "Quintanilla", "2012-02-03");
        UUID b = student("2027", uid(), "Xiomara", "Quintanila", "2012-02-03");
        duplicates.runNow();
        long pair = id(pairOf(ADMIN, a, b));

        String clientId = "reader-2026-" + uid();
        String reader = TestTokens.token(clientId, "StateSystemReader", List.of(), List.of(), 1800);
        TestDirectory.register(clientId, "StateSystemReader", List.of(), List.of(), List.of("2026"));
        problem(as(reader).get(DUPLICATES + "/" + pair).then(), 403, "urn:ed-fi:api:security:authorization");
        as(reader).queryParam("schoolYear", 2027).get(DUPLICATES).then().statusCode(403);
        assertThat(pairOf(reader, a, b))
                .as("not in its list over the years it reaches")
                .isNull();

        String grantedId = "reader-2027-" + uid();
        String granted = TestTokens.token(grantedId, "StateSystemReader", List.of(), List.of(), 1800);
        TestDirectory.register(grantedId, "StateSystemReader", List.of(), List.of(), List.of("2026", "2027"));
        as(granted).get(DUPLICATES + "/" + pair).then().statusCode(200).body("schoolYear", equalTo(2027));
        assertThat(pairOf(granted, a, b)).isNotNull();
    }

    @Test
    void aConflictOf2027IsListedWithItsYearAndResolvedInto2027Only() throws Exception {
        String student = "cy-" + uid();
        seoa("2027", student, 255911, FEMALE);
        seoa("2027", student, 255912, MALE);
        seoa("2026", student, 255911, MALE);
        seoa("2026", student, 255912, MALE);
        conflicts.runNow();

        JsonPath listed = as(ADMIN)
                .queryParam("studentUniqueId", student)
                .get(CONFLICTS)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(listed.getList("schoolYear")).containsExactly(2027);
        assertThat(listed.getList("field")).containsExactly("sex");
        as(ADMIN)
                .queryParam("studentUniqueId", student)
                .queryParam("schoolYear", 2026)
                .get(CONFLICTS)
                .then()
                .statusCode(200)
                .header("Total-Count", "0");

        long id = listed.getLong("[0].id");
        ObjectNode resolution =
                JsonNodeFactory.instance.objectNode().put("value", FEMALE).put("note", "Birth record.");
        post(ADMIN, CONFLICTS + "/" + id + "/resolution", resolution.toString())
                .statusCode(200)
                .body("state", equalTo("resolved"))
                .body("schoolYear", equalTo(2027));

        assertThat(sexes("2027", student)).containsOnly(FEMALE).hasSize(2);
        assertThat(sexes("2026", student)).containsOnly(MALE).hasSize(2);
    }

    @Test
    void aMergeIsOfOneYear() throws Exception {
        String retired = uid();
        String survivor = uid();
        student("2027", retired, "Ana", "Ruiz", "2013-05-06");
        student("2027", survivor, "Ana", "Ruiz", "2013-05-06");
        ObjectNode body = JsonNodeFactory.instance
                .objectNode()
                .put("retiredStudentUniqueId", retired)
                .put("survivorStudentUniqueId", survivor)
                .put("note", "One girl.");
        post(ADMIN, "/conflicts/v1/merges", body.toString()).statusCode(400);

        long merge = post(
                        ADMIN,
                        "/conflicts/v1/merges",
                        body.put("schoolYear", 2027).toString())
                .statusCode(201)
                .body("schoolYear", equalTo(2027))
                .extract()
                .jsonPath()
                .getLong("id");
        assertThat(merge / 1_000_000_000L).isEqualTo(2027);
        as(ADMIN).get("/conflicts/v1/merges/" + merge).then().statusCode(200).body("state", equalTo("requested"));
        assertThat(as(ADMIN)
                        .queryParam("schoolYear", 2026)
                        .queryParam("limit", 500)
                        .get("/conflicts/v1/merges")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("id", Long.class))
                .doesNotContain(merge);
        // the two students are not of 2026
        post(ADMIN, "/conflicts/v1/merges", body.put("schoolYear", 2026).toString())
                .statusCode(409);
    }

    /** An SEOA of the student in the year: replicated to conflict-service and held by student-service. */
    private void seoa(String year, String student, long organization, String sex) throws Exception {
        DataSpaces.within(Optional.of(year), () -> {
            seed.seoa(student, BigInteger.valueOf(organization), sex.substring(sex.indexOf('#') + 1));
            return null;
        });
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("sexDescriptor", sex);
        body.putObject("studentReference").put("studentUniqueId", student);
        body.putObject("educationOrganizationReference").put("educationOrganizationId", organization);
        given().header(DataSpaces.HEADER, year)
                .contentType(ContentType.JSON)
                .body(body.toString())
                .post(standIn() + SEOAS)
                .then()
                .statusCode(201);
    }

    /** The sexes of the student's SEOAs that student-service holds in the year. */
    private static List<String> sexes(String year, String student) {
        return given().header(DataSpaces.HEADER, year)
                .queryParam("studentUniqueId", student)
                .get(standIn() + SEOAS)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("sexDescriptor");
    }

    private static String standIn() {
        return System.getProperty(StandInStudentService.PROPERTY);
    }
}
