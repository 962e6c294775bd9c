package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.statehub.student.ApiTestSupport.BASE;
import static org.statehub.student.ApiTestSupport.MAPPER;
import static org.statehub.student.ApiTestSupport.student;
import static org.statehub.student.ApiTestSupport.uniqueId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.ProblemDetails;
import org.statehub.testing.TestTokens;

/**
 * {@code GET /{resource}/partitions?number=N} and parallel cursor paging, as the Ed-Fi ODS/API 7.3 describes them:
 * https://docs.ed-fi.org/reference/ods-api/client-developers-guide/paging (the partitions answer
 * {@code {"pageTokens": [...]}}; each token is read with {@code pageToken} and {@code pageSize}, following
 * {@code Next-Page-Token} until a page comes without one).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class PartitionsTest {

    private static final int FAMILY = 3_000;

    /** Loads {@code n} students sharing a fresh last name through the bulk endpoint; returns the last name. */
    private static String family(int n) throws Exception {
        String lastName = "Part" + uniqueId();
        for (int start = 0; start < n; start += 500) {
            ArrayNode items = MAPPER.createArrayNode();
            for (int i = start; i < Math.min(n, start + 500); i++) {
                ObjectNode body = student(uniqueId());
                body.put("lastSurname", lastName);
                body.put("firstName", "P" + i);
                items.add(body);
            }
            JsonNode outcomes = MAPPER.readTree(given().contentType("application/json")
                    .body(items.toString())
                    .post("/bulk/v1/ed-fi/students")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            for (JsonNode outcome : outcomes) {
                assertThat(outcome.get("status").asInt()).isEqualTo(201);
            }
        }
        return lastName;
    }

    private static List<String> tokens(String authorization, String lastName, int number) throws Exception {
        JsonNode answer = MAPPER.readTree(given().auth()
                .oauth2(authorization)
                .queryParam("number", number)
                .queryParam("lastSurname", lastName)
                .get(BASE + "students/partitions")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(answer.size()).as("the answer has pageTokens only").isEqualTo(1);
        List<String> tokens = new ArrayList<>();
        answer.get("pageTokens").forEach(t -> tokens.add(t.asText()));
        return tokens;
    }

    /** Reads one partition to its end: its items' ids, in order. */
    private static List<String> readPartition(String authorization, String lastName, String token) throws Exception {
        List<String> ids = new ArrayList<>();
        String next = token;
        while (next != null) {
            Response page = given().auth()
                    .oauth2(authorization)
                    .queryParam("lastSurname", lastName)
                    .queryParam("pageToken", next)
                    .queryParam("pageSize", 500)
                    .get(BASE + "students");
            assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
            for (JsonNode item : MAPPER.readTree(page.asString())) {
                ids.add(item.get("id").asText());
            }
            next = page.header("Next-Page-Token");
        }
        return ids;
    }

    /** Every partition read at once, each on its own thread; all the ids read, in partition order. */
    private static List<String> readInParallel(String authorization, String lastName, List<String> tokens)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
        try {
            List<Future<List<String>>> reads = new ArrayList<>();
            for (String token : tokens) {
                reads.add(pool.submit(() -> readPartition(authorization, lastName, token)));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> read : reads) {
                all.addAll(read.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> collection(String authorization, String lastName) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            JsonNode page = MAPPER.readTree(given().auth()
                    .oauth2(authorization)
                    .queryParam("lastSurname", lastName)
                    .queryParam("offset", offset)
                    .queryParam("limit", 500)
                    .get(BASE + "students")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            page.forEach(item -> ids.add(item.get("id").asText()));
            if (page.size() < 500) {
                return ids;
            }
        }
    }

    @Test
    void fourPartitionsReadInParallelGetEveryItemExactlyOnce() throws Exception {
        String lastName = family(FAMILY);
        String admin = TestTokens.stateAdmin();

        List<String> tokens = tokens(admin, lastName, 4);
        assertThat(tokens).hasSize(4).doesNotHaveDuplicates();
        List<String> read = readInParallel(admin, lastName, tokens);

        assertThat(read).hasSize(FAMILY).doesNotHaveDuplicates();
        // the same items as the collection, in the same order (partitions are contiguous runs of it)
        assertThat(read).isEqualTo(collection(admin, lastName));
        // about equal sizes: each partition holds a quarter
        for (String token : tokens) {
            assertThat(readPartition(admin, lastName, token)).hasSize(FAMILY / 4);
        }
    }

    @Test
    void partitionsCoverItemsAddedAfterTheSplitAndFewerItemsGiveFewerTokens() throws Exception {
        String lastName = family(3);
        String admin = TestTokens.stateAdmin();
        List<String> tokens = tokens(admin, lastName, 10);
        assertThat(tokens).hasSize(3);

        ObjectNode late = student(uniqueId());
        late.put("lastSurname", lastName);
        ApiTestSupport.post("students", late).then().statusCode(201);
        assertThat(readInParallel(admin, lastName, tokens)).hasSize(4).doesNotHaveDuplicates();

        assertThat(tokens(admin, "NoSuchFamily" + uniqueId(), 4)).isEmpty();
        // without number: one partition, the whole collection
        JsonNode one = MAPPER.readTree(given().queryParam("lastSurname", lastName)
                .get(BASE + "students/partitions")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(one.get("pageTokens")).hasSize(1);
    }

    @Test
    void partitionsAreAuthorizedAsTheCollectionIs() throws Exception {
        String lastName = family(200);
        // a vendor sees only the students it created (no relationship to its organization yet), not the 200
        String vendor =
                TestTokens.token("partitions-vendor-" + uniqueId(), "SISVendor", List.of(255901L), List.of(), 1800);
        Set<String> own = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            ObjectNode body = student(uniqueId());
            body.put("lastSurname", lastName);
            String location = given().auth()
                    .oauth2(vendor)
                    .contentType("application/json")
                    .body(body.toString())
                    .post(BASE + "students")
                    .then()
                    .statusCode(201)
                    .extract()
                    .header("Location");
            own.add(location.substring(location.lastIndexOf('/') + 1));
        }

        List<String> tokens = tokens(vendor, lastName, 4);
        assertThat(tokens).hasSize(4);
        List<String> read = readInParallel(vendor, lastName, tokens);
        assertThat(read).hasSize(9).containsExactlyInAnyOrderElementsOf(own);
        assertThat(read).isEqualTo(collection(vendor, lastName));
    }

    @Test
    void invalidNumberOrTokenAnswers400ProblemDetails() {
        for (String number : List.of("0", "-1", "201", "x", "1.5", "")) {
            Response answer = given().queryParam("number", number).get(BASE + "students/partitions");
            ProblemDetails.isProblem(answer.then(), 400)
                    .body("type", equalTo("urn:ed-fi:api:bad-request:parameter-validation-failed"));
            assertThat(answer.jsonPath().getList("errors", String.class))
                    .contains("Number must be a value between 1 and 200.");
        }
        given().queryParam("number", 2)
                .queryParam("offset", 0)
                .get(BASE + "students/partitions")
                .then()
                .statusCode(400);
        for (String token : List.of(
                "garbage!",
                "YWZ0ZXI6NQ==x",
                base64("after:-1"),
                base64("after:9;before:3"),
                base64("after:1;before:x"),
                base64("before:5"))) {
            Response answer = given().queryParam("pageToken", token)
                    .queryParam("pageSize", 10)
                    .get(BASE + "students");
            ProblemDetails.isProblem(answer.then(), 400)
                    .body("type", equalTo("urn:ed-fi:api:bad-request:parameter-validation-failed"));
        }
    }

    /**
     * Ed-Fi's client developers' guide (ODS/API 7.3, "Improve Paging Performance with Partitioned Cursor Paging",
     * https://docs.ed-fi.org/reference/ods-api/client-developers-guide/improve-paging-performance-cursor-paging):
     * {@code pageToken} and {@code pageSize} cannot be used with {@code offset} and {@code limit}; {@code totalCount}
     * is not supported with {@code pageToken}; {@code pageSize} may be left out (a default page size).
     */
    @Test
    void cursorPagingFollowsTheOdsRules() {
        ApiTestSupport.json()
                .body(student(uniqueId()).toString())
                .post(BASE + "students")
                .then()
                .statusCode(201);
        String token = given().queryParam("number", 1)
                .get(BASE + "students/partitions")
                .then()
                .statusCode(200)
                .extract()
                .path("pageTokens[0]");
        for (String other : List.of("offset", "limit")) {
            Response answer = given().queryParam("pageToken", token)
                    .queryParam("pageSize", 5)
                    .queryParam(other, 1)
                    .get(BASE + "students");
            ProblemDetails.isProblem(answer.then(), 400);
            assertThat(answer.jsonPath().getList("errors", String.class))
                    .contains("Both offset/limit and key set paging parameters are provided, but only one type of "
                            + "paging can be used.");
        }
        Response counted = given().queryParam("pageToken", token)
                .queryParam("pageSize", 5)
                .queryParam("totalCount", true)
                .get(BASE + "students");
        ProblemDetails.isProblem(counted.then(), 400)
                .body("type", equalTo("urn:ed-fi:api:bad-request:parameter-validation-failed"));
        assertThat(counted.jsonPath().getList("errors", String.class))
                .contains("Total count cannot be determined while using cursor paging (when pageToken is specified).");
        given().queryParam("pageToken", token)
                .queryParam("totalCount", false)
                .get(BASE + "students")
                .then()
                .statusCode(200);
        given().queryParam("pageSize", 5)
                .queryParam("totalCount", true)
                .get(BASE + "students")
                .then()
                .statusCode(200)
                .header("Total-Count", org.hamcrest.Matchers.notNullValue());
    }

    private static String base64(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes());
    }
}
