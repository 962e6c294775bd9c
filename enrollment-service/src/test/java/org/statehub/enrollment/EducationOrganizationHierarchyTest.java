package org.statehub.enrollment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.statehub.testing.EdFiBodies.enrollment;
import static org.statehub.testing.EdFiBodies.lea;
import static org.statehub.testing.EdFiBodies.school;
import static org.statehub.testing.EdFiBodies.session;
import static org.statehub.testing.ScopeMatrix.create;
import static org.statehub.testing.ScopeMatrix.created;
import static org.statehub.testing.ScopeMatrix.createdAndDeleted;
import static org.statehub.testing.ScopeMatrix.newestChangeVersion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.statehub.enrollment.organization.StateEducationAgencySeed;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.ScopeMatrix;
import org.statehub.testing.TestTokens;

/**
 * stateEducationAgencies and educationServiceCenters as the ODS/API 7.3 serves them: resources of their own,
 * referenced by LEAs (an SEA and/or an ESC) and ESCs (an SEA), the state's own SEA stored at start from
 * configuration, writes of SEAs for state-wide claim sets only, and the hierarchy they make: a client of an SEA or
 * an ESC reaches the LEAs below it and their schools (and what is at those), in reads, writes and change queries.
 * Ed-Fi sources: https://docs.ed-fi.org/reference/data-exchange/data-standard/model-reference/education-organization-domain
 * (the EducationOrganization hierarchy: StateEducationAgency, EducationServiceCenter, LocalEducationAgency, School)
 * and https://docs.ed-fi.org/reference/ods-api/platform-dev-guide/security/relationship-based-authorization
 * (a client's education organizations reach the organizations below them).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class EducationOrganizationHierarchyTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BASE = "/data/v3/ed-fi/";
    private static final String ADMIN = "state-admin";
    private static final String SEA_A = "sea-a-client";
    private static final String ESC_A = "esc-a-client";
    private static final String LEA_A = "lea-a-vendor";
    private static final String SEA_B = "sea-b-client";

    @Inject
    StateEducationAgencySeed seed;

    @Inject
    org.statehub.edfi.core.dataspace.DataSpaces spaces;

    /** Fresh organization ids per run: the module's tests share one database. */
    private final long base = 7_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000) * 100;

    private final long seaA = base + 1;
    private final long seaB = base + 2;
    private final long escA = base + 3;
    private final long escB = base + 4;
    private final long leaA = base + 5;
    private final long leaB = base + 6;
    private final long leaC = base + 7;
    private final long schoolA = base + 11;
    private final long schoolB = base + 12;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** The state's SEA (state-education-agency.id, 255950 by default) is an item like any other. */
    @Test
    void theStatesOwnAgencyIsStoredOnceFromConfigurationAndReadLikeAnyResource() throws Exception {
        JsonNode found = MAPPER.readTree(given().queryParam("stateEducationAgencyId", 255950)
                .get(BASE + "stateEducationAgencies")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(found).hasSize(1);
        String id = found.get(0).get("id").asText();
        assertThat(found.get(0)
                        .get("categories")
                        .get(0)
                        .get("educationOrganizationCategoryDescriptor")
                        .asText())
                .isEqualTo("uri://ed-fi.org/EducationOrganizationCategoryDescriptor#State Education Agency");
        // a state administrator renames it; a restart stores nothing again and keeps the name
        String renamed = found.get(0)
                .toString()
                .replaceAll("\"nameOfInstitution\":\"[^\"]*\"", "\"nameOfInstitution\":\"Renamed " + run + "\"");
        given().contentType(ContentType.JSON)
                .body(renamed)
                .put(BASE + "stateEducationAgencies/" + id)
                .then()
                .statusCode(204);
        spaces.forEach(seed::seed);
        JsonNode again = MAPPER.readTree(given().queryParam("stateEducationAgencyId", 255950)
                .get(BASE + "stateEducationAgencies")
                .asString());
        assertThat(again).hasSize(1);
        assertThat(again.get(0).get("id").asText()).isEqualTo(id);
        assertThat(again.get(0).get("nameOfInstitution").asText()).isEqualTo("Renamed " + run);
        // an LEA of the state references it, as the Ed-Fi sample LEAs do
        create(BASE, "localEducationAgencies", lea(leaC, 255950L, null));
    }

    /** ODS/API 7.3: a reference to an education organization that does not exist is 409 naming its type. */
    @Test
    void referencesToStateAgenciesAndServiceCentersResolveAsInTheOds() {
        post(ADMIN, "stateEducationAgencies", sea(seaA)).then().statusCode(201);
        post(ADMIN, "educationServiceCenters", esc(escA, seaB))
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:ed-fi:api:data-conflict:unresolved-reference"))
                .body("detail", equalTo("The referenced 'StateEducationAgency' item does not exist."));
        post(ADMIN, "educationServiceCenters", esc(escA, seaA)).then().statusCode(201);
        post(ADMIN, "localEducationAgencies", lea(leaA, seaA, escB))
                .then()
                .statusCode(409)
                .body("detail", equalTo("The referenced 'EducationServiceCenter' item does not exist."));
        post(ADMIN, "localEducationAgencies", lea(leaA, seaA, escA)).then().statusCode(201);
        // an SEOA's educationOrganizationReference may name an SEA or an ESC (polymorphic); the referenced items
        // cannot be deleted while referenced
        String escId = idOf("educationServiceCenters", "educationServiceCenterId", escA);
        given().delete(BASE + "educationServiceCenters/" + escId)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:ed-fi:api:data-conflict:dependent-item-exists"))
                .body("detail", org.hamcrest.Matchers.containsString("LocalEducationAgency"));
        String seaId = idOf("stateEducationAgencies", "stateEducationAgencyId", seaA);
        given().delete(BASE + "stateEducationAgencies/" + seaId)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:ed-fi:api:data-conflict:dependent-item-exists"));
        given().delete(BASE + "localEducationAgencies/"
                        + idOf("localEducationAgencies", "localEducationAgencyId", leaA))
                .then()
                .statusCode(204);
        given().delete(BASE + "educationServiceCenters/" + escId).then().statusCode(204);
        given().delete(BASE + "stateEducationAgencies/" + seaId).then().statusCode(204);
    }

    /** Only state-wide claim sets write SEAs; a vendor of an SEA, ESC or LEA gets 403 whatever its organizations. */
    @Test
    void stateEducationAgenciesAreWrittenByStateAdministratorsOnly() {
        post(ADMIN, "stateEducationAgencies", sea(seaB)).then().statusCode(201);
        for (long organization : List.of(seaB, leaB)) {
            post(vendor("writer", organization), "stateEducationAgencies", sea(seaB))
                    .then()
                    .statusCode(403)
                    .body("type", equalTo("urn:ed-fi:api:security:authorization"));
        }
        String reader = TestTokens.token("reader-" + run, "StateSystemReader", List.of(), List.of(), 1800);
        post(reader, "stateEducationAgencies", sea(seaB)).then().statusCode(403);
        given().auth()
                .oauth2(vendor("reader", seaB))
                .get(BASE + "stateEducationAgencies/" + idOf("stateEducationAgencies", "stateEducationAgencyId", seaB))
                .then()
                .statusCode(200);
    }

    @Test
    void clientsOfAnSeaOrAnEscReachTheOrganizationsBelowThem() throws Exception {
        create(BASE, "schoolYearTypes", """
                {"schoolYear":2025,"currentSchoolYear":true,"schoolYearDescription":"2024-2025"}""");
        long since = newestChangeVersion();
        post(ADMIN, "stateEducationAgencies", sea(seaA)).then().statusCode(201);
        post(ADMIN, "stateEducationAgencies", sea(seaB)).then().statusCode(201);
        Set<String> aSide = Set.of(ADMIN, SEA_A, ESC_A);
        Set<String> bSide = Set.of(ADMIN, SEA_B);
        List<ScopeMatrix.Item> items = new ArrayList<>();
        items.add(organization("educationServiceCenters", "educationServiceCenterId", escA, esc(escA, seaA), aSide));
        items.add(organization("educationServiceCenters", "educationServiceCenterId", escB, esc(escB, seaB), bSide));
        Set<String> leaASide = Set.of(ADMIN, SEA_A, ESC_A, LEA_A);
        items.add(organization(
                "localEducationAgencies", "localEducationAgencyId", leaA, lea(leaA, seaA, escA), leaASide));
        items.add(organization("localEducationAgencies", "localEducationAgencyId", leaB, lea(leaB, seaB, null), bSide));
        items.add(organization("schools", "schoolId", schoolA, school(schoolA, leaA), leaASide));
        items.add(organization("schools", "schoolId", schoolB, school(schoolB, leaB), bSide));
        items.add(fallSession(schoolA, leaASide));
        items.add(fallSession(schoolB, bSide));
        items.add(created(
                BASE,
                "studentSchoolAssociations",
                enrollment("SH-" + run, schoolA),
                Map.of("schoolId", "" + schoolA),
                leaASide));

        ScopeMatrix matrix = new ScopeMatrix(BASE, since)
                .client(ADMIN, TestTokens.stateAdmin())
                .client(SEA_A, vendor(SEA_A, seaA))
                .client(ESC_A, vendor(ESC_A, escA))
                .client(LEA_A, vendor(LEA_A, leaA))
                .client(SEA_B, vendor(SEA_B, seaB));
        items.forEach(matrix::item);

        // tombstones: a session at LEA A's school, and an LEA that was only the ESC's (its SEA's clients see it
        // through the ESC)
        matrix.deleted(createdAndDeleted(BASE, "sessions", session(schoolA, "Gone " + run), leaASide));
        matrix.deleted(createdAndDeleted(BASE, "localEducationAgencies", lea(leaC, null, escA), aSide));

        String leaAId = items.get(2).id();
        String escAId = items.get(0).id();
        matrix.refused(put(
                        LEA_A,
                        "localEducationAgencies/" + leaAId,
                        lea(leaA, seaB, escA),
                        "moves its LEA under another SEA"))
                .refused(put(
                        LEA_A,
                        "localEducationAgencies/" + leaAId,
                        lea(leaA, seaA, escB),
                        "moves its LEA under another ESC"))
                .refused(put(
                        ESC_A,
                        "localEducationAgencies/" + leaAId,
                        lea(leaA, seaA, escB),
                        "moves an LEA of its ESC to another ESC"))
                .refused(put(
                        ESC_A, "educationServiceCenters/" + escAId, esc(escA, seaB), "moves its ESC under another SEA"))
                .refused(new ScopeMatrix.Refused(
                        SEA_B, "POST", BASE + "localEducationAgencies", lea(leaA, seaB, null), "takes SEA A's LEA"))
                .refused(new ScopeMatrix.Refused(
                        LEA_A, "POST", BASE + "schools", school(schoolB, leaA), "takes SEA B's school into its LEA"))
                .refused(new ScopeMatrix.Refused(
                        SEA_A, "POST", BASE + "stateEducationAgencies", sea(seaA), "writes its SEA"));

        matrix.assertNoLeaks(300);
        // the refused moves changed nothing
        given().get(BASE + "localEducationAgencies/" + leaAId)
                .then()
                .statusCode(200)
                .body("stateEducationAgencyReference.stateEducationAgencyId", equalTo(seaA))
                .body("educationServiceCenterReference.educationServiceCenterId", equalTo(escA));
        // an ESC's client creates an LEA under its ESC, which it then reaches
        post(vendor(ESC_A, escA), "localEducationAgencies", lea(base + 8, null, escA))
                .then()
                .statusCode(201);
    }

    /** An education organization of the matrix's fixture, created and found by its id. */
    private static ScopeMatrix.Item organization(
            String resource, String key, long id, String body, Set<String> seenBy) {
        return created(BASE, resource, body, Map.of(key, "" + id), seenBy);
    }

    /** The run's fall session at {@code school}, of the matrix's fixture. */
    private ScopeMatrix.Item fallSession(long school, Set<String> seenBy) {
        String name = "Fall " + run;
        return created(
                BASE, "sessions", session(school, name), Map.of("schoolId", "" + school, "sessionName", name), seenBy);
    }

    /** A PUT of {@code body} at {@code path} (under the data path) by {@code client} that must be refused. */
    private static ScopeMatrix.Refused put(String client, String path, String body, String what) {
        return new ScopeMatrix.Refused(client, "PUT", BASE + path, body, what);
    }

    private static Response post(String token, String resource, String body) {
        return given().auth()
                .oauth2(token.equals(ADMIN) ? TestTokens.stateAdmin() : token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(BASE + resource);
    }

    private static String idOf(String resource, String key, long value) {
        return given().queryParam(key, value)
                .get(BASE + resource)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("[0].id");
    }

    private String vendor(String name, long organization) {
        return TestTokens.vendor(name + "-" + run, organization);
    }

    private static String sea(long id) {
        return """
                {"stateEducationAgencyId":%d,"nameOfInstitution":"SEA %d",
                 "categories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#State Education Agency"}]}
                """.formatted(id, id);
    }

    private static String esc(long id, long sea) {
        return """
                {"educationServiceCenterId":%d,"nameOfInstitution":"ESC %d",
                 "stateEducationAgencyReference":{"stateEducationAgencyId":%d},
                 "categories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#Education Service Center"}]}
                """.formatted(id, id, sea);
    }
}
