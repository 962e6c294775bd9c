package org.statehub.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every operation the hub publishes, tried with bad input ({@link BadInputFuzzer}): through the gateway and at each
 * service directly, with the state administrator's token, an LEA vendor's, a reader's, and broken ones. A seeded,
 * reproducible sample ({@code -Dfuzz.seed}, {@code -Dfuzz.requests}, default 2,500) must give no 5xx, a problem
 * body on every error, no answer slower than 5 s, and no change of stored data without a 2xx. The table of what it
 * sent and got is written to {@code target/fuzz-report.md} ({@code bench/fuzz.sh} runs it at 20,000+ requests).
 */
class BadInputIT {

    private static final String ADMIN = "fuzz-admin";
    private static final String ADMIN_SECRET = "fuzz-admin-secret-0123456789";
    private static final long LEA = 255901;
    private static final long OTHER_LEA = 255902;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The access log's query, which the OpenAPI documents do not describe. */
    private static final JsonNode AUDIT = readJson("""
            {"paths": {"/audit/v1/accesses": {"get": {"parameters": [
              {"name": "clientId", "in": "query", "schema": {"type": "string"}},
              {"name": "resource", "in": "query", "schema": {"type": "string"}},
              {"name": "id", "in": "query", "schema": {"type": "string"}},
              {"name": "since", "in": "query", "schema": {"type": "string", "format": "date-time"}},
              {"name": "limit", "in": "query", "schema": {"type": "integer", "format": "int32"}}]}}}}""");

    @RegisterExtension
    static final Hub hub = Hub.of("statehub_bad_input", ADMIN, ADMIN_SECRET)
            .withFeed(Map.of("FEED_DELIVERY_INTERVAL", "200ms", "FEED_SCHEDULE_CHECK", "1s"))
            .withConflicts(Map.of("CONFLICT_DETECTION_INTERVAL", "1s"));

    @Test
    void badInputGetsProblemDetailsNever5xxAndChangesNothing() throws Exception {
        String admin = hub.adminToken();
        seed(admin);

        List<BadInputFuzzer.Target> targets = new ArrayList<>();
        targets.add(new BadInputFuzzer.Target(
                "gateway", hub.gatewayUrl, document(hub.gatewayUrl + "/metadata/openapi.json", admin)));
        targets.add(new BadInputFuzzer.Target(
                "gateway", hub.gatewayUrl, document(hub.gatewayUrl + "/q/openapi?format=json", admin)));
        targets.add(new BadInputFuzzer.Target("gateway", hub.gatewayUrl, AUDIT));
        targets.add(new BadInputFuzzer.Target("student-service", hub.students.url(), AUDIT));
        for (ServiceProcess service : List.of(hub.students, hub.enrollments, hub.feed(), hub.conflicts())) {
            targets.add(new BadInputFuzzer.Target(
                    service == hub.feed()
                            ? "feed-service"
                            : service == hub.conflicts()
                                    ? "conflict-service"
                                    : service == hub.students ? "student-service" : "enrollment-service",
                    service.url(),
                    document(service.url() + "/q/openapi?format=json", admin)));
        }

        long seed = Long.getLong("fuzz.seed", 20261206L);
        int requests = Integer.getInteger("fuzz.requests", 2_500);
        String[] vendorClient = client(admin, "Fuzz vendor", "SISVendor", LEA);
        String[] readerClient = client(admin, "Fuzz reader", "StateSystemReader", null);
        BadInputFuzzer fuzzer = new BadInputFuzzer(
                seed,
                targets,
                () -> List.of(
                        hub.adminToken(),
                        hub.token(vendorClient[0], vendorClient[1]),
                        hub.token(readerClient[0], readerClient[1])),
                ids(admin),
                this::digest);
        long started = System.nanoTime();
        BadInputFuzzer.Report report = fuzzer.run(requests);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        String table = report.table(seed, took);
        Path out = Path.of("target", "fuzz-report.md");
        Files.createDirectories(out.getParent());
        StringBuilder text = new StringBuilder(table)
                .append('\n')
                .append(fuzzer.operationCount())
                .append(" operations from the hub's OpenAPI documents.\n");
        report.failures.forEach(f -> text.append("\n- ").append(f));
        Files.writeString(out, text);
        System.out.println(table);
        assertThat(report.requests).isEqualTo(requests);
        assertThat(report.failures.stream().limit(40).toList())
                .as("%d failed checks (the first 40; all in target/fuzz-report.md)", report.failures.size())
                .isEmpty();
    }

    /**
     * A URI {@code java.net.URI} cannot parse gets a problem from every packaged service started as the README
     * shows ({@code java -jar quarkus-run.jar}, no {@code -Dvertx.disableURIValidation}; {@link ServiceProcess}
     * passes none): hub-http's {@code HubMain} switches Quarkus's bare-400 check off itself (decision 0013).
     */
    @Test
    void aBrokenEscapeIsAProblemFromEveryPackagedServiceStartedWithoutAFlag() throws Exception {
        for (ServiceProcess service :
                List.of(hub.gateway, hub.students, hub.enrollments, hub.feed(), hub.conflicts())) {
            for (String target : List.of("/data/v3/ed-fi/students?lastSurname=%zz", "/%zz", "/a%7")) {
                URI base = URI.create(service.url());
                try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream()
                            .write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                    String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                    assertThat(answer)
                            .as("%s %s", service.url(), target)
                            .startsWith("HTTP/1.1 400")
                            .containsIgnoringCase("content-type: application/problem+json")
                            .contains("urn:ed-fi:api:bad-request:parameter-validation-failed")
                            .contains("\"correlationId\"");
                }
            }
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small state: two LEAs with a school each, a student enrolled with a contact, and a feed connection. */
    private static void seed(String admin) {
        post(
                admin,
                "schoolYearTypes",
                "{\"schoolYear\": 2025, \"currentSchoolYear\": true, " + "\"schoolYearDescription\": \"2024-2025\"}");
        for (long lea : List.of(LEA, OTHER_LEA)) {
            post(
                    admin,
                    "localEducationAgencies",
                    "{\"localEducationAgencyId\": " + lea + ", \"nameOfInstitution\": "
                            + "\"LEA " + lea + "\", \"localEducationAgencyCategoryDescriptor\": "
                            + "\"uri://ed-fi.org/LocalEducationAgencyCategoryDescriptor#Independent\", \"categories\": "
                            + "[{\"educationOrganizationCategoryDescriptor\": "
                            + "\"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#Local Education Agency\"}]}");
            post(
                    admin,
                    "schools",
                    "{\"schoolId\": " + lea + "001, \"nameOfInstitution\": \"School of " + lea
                            + "\", \"localEducationAgencyReference\": {\"localEducationAgencyId\": " + lea + "}, "
                            + "\"educationOrganizationCategories\": [{\"educationOrganizationCategoryDescriptor\": "
                            + "\"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School\"}], \"gradeLevels\": "
                            + "[{\"gradeLevelDescriptor\": \"uri://ed-fi.org/GradeLevelDescriptor#Ninth grade\"}]}");
        }
        post(
                admin,
                "students",
                "{\"studentUniqueId\": \"FZ-1\", \"firstName\": \"Ana\", \"lastSurname\": \"Reyes\", "
                        + "\"birthDate\": \"2008-02-01\", \"birthSexDescriptor\": \"uri://ed-fi.org/SexDescriptor#Female\"}");
        post(
                admin,
                "contacts",
                "{\"contactUniqueId\": \"FC-1\", \"firstName\": \"Rosa\", \"lastSurname\": " + "\"Reyes\"}");
        post(
                admin,
                "studentSchoolAssociations",
                "{\"studentReference\": {\"studentUniqueId\": \"FZ-1\"}, "
                        + "\"schoolReference\": {\"schoolId\": " + LEA + "001}, \"entryDate\": \"2024-08-19\", "
                        + "\"entryGradeLevelDescriptor\": \"uri://ed-fi.org/GradeLevelDescriptor#Ninth grade\"}");
        post(
                admin,
                "studentContactAssociations",
                "{\"studentReference\": {\"studentUniqueId\": \"FZ-1\"}, "
                        + "\"contactReference\": {\"contactUniqueId\": \"FC-1\"}}");
        post(
                admin,
                "studentEducationOrganizationAssociations",
                "{\"educationOrganizationReference\": "
                        + "{\"educationOrganizationId\": " + LEA + "001}, \"studentReference\": {\"studentUniqueId\": "
                        + "\"FZ-1\"}, \"sexDescriptor\": \"uri://ed-fi.org/SexDescriptor#Female\"}");
        hub.as(admin)
                .body("{\"localEducationAgencyId\": " + LEA + ", \"vendor\": \"Fuzz SIS\", \"baseUrl\": "
                        + "\"http://localhost:1\", \"schoolYears\": [2025]}")
                .post("/feed/v1/connections")
                .then()
                .statusCode(201);
    }

    private static void post(String token, String resource, String body) {
        hub.as(token).body(body).post("/data/v3/ed-fi/" + resource).then().statusCode(201);
    }

    /** A new API client's id and secret. */
    private static String[] client(String admin, String name, String claimSet, Long organization) {
        String body = "{\"displayName\": \"" + name + "\", \"claimSet\": \"" + claimSet + "\""
                + (organization == null ? "" : ", \"educationOrganizationIds\": [" + organization + "]") + "}";
        var created = hub.as(admin)
                .body(body)
                .post("/admin/v1/clients")
                .then()
                .statusCode(201)
                .extract();
        return new String[] {created.path("clientId"), created.path("clientSecret")};
    }

    private static JsonNode document(String url, String token) throws Exception {
        return BadInputFuzzer.retry(() -> {
            String text = RestAssured.given()
                    .auth()
                    .oauth2(token)
                    .get(url)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            JsonNode document = JSON.readTree(text);
            if (!document.path("x-unavailable-services").isMissingNode()
                    && document.path("x-unavailable-services").size() > 0) {
                throw new IllegalStateException(
                        "services missing from the merged document: " + document.path("x-unavailable-services"));
            }
            return document;
        });
    }

    /** Ids of the items that exist, by resource, for path parameters; connection ids under "connections". */
    private static Map<String, List<String>> ids(String admin) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        for (String resource : List.of(
                "students",
                "contacts",
                "studentSchoolAssociations",
                "schools",
                "localEducationAgencies",
                "studentContactAssociations",
                "studentEducationOrganizationAssociations",
                "schoolYearTypes")) {
            List<String> found = hub.as(admin)
                    .get("/data/v3/ed-fi/" + resource)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("id");
            ids.put(resource, found);
        }
        ids.put(
                "connections",
                hub.as(admin)
                        .get("/feed/v1/connections")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("id"));
        return ids;
    }

    /**
     * A digest of what clients can change: the Ed-Fi documents of both services, the API clients, feed connections
     * and mappings, merge requests.
     */
    private String digest() {
        try (Connection c = DriverManager.getConnection(
                        hub.database.jdbcUrl(), hub.database.user(), hub.database.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                     SELECT md5(coalesce(string_agg(x, ',' ORDER BY x), '')) FROM (
                       SELECT 's' || id || ':' || change_version || ':' || md5(body::text) AS x FROM student.document
                       UNION ALL
                       SELECT 'e' || id || ':' || change_version || ':' || md5(body::text) FROM enrollment.document
                       UNION ALL
                       SELECT 'g' || md5(row(client_id, display_name, secret_hash, claim_set,
                              education_organization_ids, namespace_prefixes, revoked_at)::text) FROM gateway.api_client
                       UNION ALL
                       SELECT 'f' || md5(row(id, local_education_agency_id, vendor, base_url, schedule, time_zone,
                              resources, school_years, enabled)::text) FROM feed.connection
                       UNION ALL
                       SELECT 'm' || md5(row(m.*)::text) FROM feed.code_mapping m
                       UNION ALL
                       SELECT 'r' || md5(row(r.*)::text) FROM conflict.merge_request r) t""")) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
