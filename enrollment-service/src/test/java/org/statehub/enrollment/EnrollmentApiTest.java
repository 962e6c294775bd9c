package org.statehub.enrollment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.statehub.testing.EdFiRequests.NAMESPACE_MISMATCH;
import static org.statehub.testing.EdFiRequests.postAs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.core.descriptor.StandardDescriptorLoader;
import org.statehub.testing.PostgresTestResource;

/**
 * Education organizations, descriptors, sessions, calendars, enrollments and attendance, with the Ed-Fi sample
 * bodies: references, dependents, key changes and their cascade.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class EnrollmentApiTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String BASE = "/data/v3/ed-fi/";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ResourceCatalog catalog;

    static ObjectNode sample(String name) {
        try (InputStream in = EnrollmentApiTest.class.getResourceAsStream("/samples/" + name + ".json")) {
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Response post(String resource, JsonNode body) {
        return given().contentType(ContentType.JSON).body(body.toString()).post(BASE + resource);
    }

    static String create(String resource, JsonNode body) {
        Response response = post(resource, body);
        assertThat(response.statusCode())
                .as(resource + ": " + response.asString())
                .isIn(200, 201);
        String location = response.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The organizations, years, session and calendars every test here builds on (upserts: idempotent). */
    @BeforeEach
    void organizations() {
        for (int year : new int[] {2011, 2025}) {
            ObjectNode schoolYear = sample("schoolYearTypes");
            schoolYear
                    .put("schoolYear", year)
                    .put("schoolYearDescription", (year - 1) + "-" + year)
                    .put("currentSchoolYear", year == 2025);
            create("schoolYearTypes", schoolYear);
        }
        create("localEducationAgencies", sample("localEducationAgencies"));
        ObjectNode school = sample("schools"); // echoed from a GET: a POST may not carry the id (a PUT may)
        school.remove("id");
        create("schools", school);
        ObjectNode session = sample("sessions");
        session.remove("gradingPeriods"); // grading periods are outside this API
        create("sessions", session);
        ObjectNode calendar = sample("calendars");
        calendar.put("calendarCode", "2011-REG")
                .withObject("schoolYearTypeReference")
                .put("schoolYear", 2011);
        create("calendars", calendar);
    }

    /** A PUT of {@code item} to {@code path} (below {@code BASE}); the answer, to check. */
    private static ValidatableResponse replace(String path, ObjectNode item) {
        return given().contentType(ContentType.JSON)
                .body(item.toString())
                .put(BASE + path)
                .then();
    }

    /** The item at {@code path} (below {@code BASE}) as served. */
    private static JsonNode read(String path) throws Exception {
        return MAPPER.readTree(given().get(BASE + path).asString());
    }

    /** The resource's key changes after change version {@code before}. */
    /** The one key change of the resource after change version {@code before} (asserted to be the only one). */
    private static JsonNode onlyKeyChangeSince(String resource, long before) throws Exception {
        JsonNode changes = MAPPER.readTree(given().queryParam("minChangeVersion", before + 1)
                .get(BASE + resource + "/keyChanges")
                .asString());
        assertThat(changes).as(resource + " key changes").hasSize(1);
        return changes.get(0);
    }

    @Test
    void standardDescriptorsAreServedAndLoadedOnlyOnce() throws Exception {
        given().queryParam("codeValue", "Female")
                .get(BASE + "sexDescriptors")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].namespace", equalTo("uri://ed-fi.org/SexDescriptor"));
        given().queryParam("totalCount", true)
                .queryParam("limit", 0)
                .get(BASE + "academicSubjectDescriptors")
                .then()
                .statusCode(200)
                .header("Total-Count", "19"); // every value of AcademicSubjectDescriptor.xml
        given().get(BASE + "cteProgramServiceDescriptors").then().statusCode(200);
        long before = newest();
        assertThat(StandardDescriptorLoader.loadOnce(dataSource, catalog, MAPPER))
                .isZero();
        assertThat(newest()).isEqualTo(before);
    }

    @Test
    void theEdFiSampleBodiesReadBackIdentical() throws Exception {
        ObjectNode enrollment = sample("studentSchoolAssociations");
        String id = create("studentSchoolAssociations", enrollment);
        ObjectNode served = (ObjectNode) read("studentSchoolAssociations/" + id);
        served.remove("id");
        served.remove("_etag");
        served.remove("_lastModifiedDate");
        // the reference to the school (this service's item) carries its link, as the ODS/API 7.3 answers it
        // (https://docs.ed-fi.org/reference/ods-api/client-developers-guide/basics)
        String schoolId = MAPPER.readTree(given().queryParam(
                                "schoolId",
                                enrollment.at("/schoolReference/schoolId").asLong())
                        .get(BASE + "schools")
                        .asString())
                .get(0)
                .get("id")
                .asText();
        assertThat(served.at("/schoolReference/link"))
                .isEqualTo(MAPPER.createObjectNode().put("rel", "School").put("href", "/ed-fi/schools/" + schoolId));
        // apart from links, what was stored reads back identical
        assertThat(org.statehub.edfi.contract.ResourceDefinition.withoutLinks(served))
                .isEqualTo(MAPPER.readTree(enrollment.toString()));
        ObjectNode lea = (ObjectNode) MAPPER.readTree(given().queryParam("localEducationAgencyId", 255901)
                        .get(BASE + "localEducationAgencies")
                        .asString())
                .get(0);
        assertThat(lea.at("/stateEducationAgencyReference/stateEducationAgencyId")
                        .asLong())
                .isEqualTo(255950);
    }

    @Test
    void unknownReferencesAnswer409NamingTheResource() {
        ObjectNode session = sample("sessions");
        session.remove("gradingPeriods");
        session.withObject("schoolReference").put("schoolId", 999);
        post("sessions", session)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:ed-fi:api:data-conflict:unresolved-reference"))
                .body("detail", equalTo("The referenced 'School' item does not exist."));
        ObjectNode lea = sample("localEducationAgencies");
        lea.put("localEducationAgencyId", 255902)
                .withObject("stateEducationAgencyReference")
                .put("stateEducationAgencyId", 1);
        post("localEducationAgencies", lea)
                .then()
                .statusCode(409)
                .body("detail", equalTo("The referenced 'StateEducationAgency' item does not exist."));
        ObjectNode enrollment = sample("studentSchoolAssociations");
        enrollment.withObject("calendarReference").put("calendarCode", "NOPE");
        post("studentSchoolAssociations", enrollment)
                .then()
                .statusCode(409)
                .body("detail", equalTo("The referenced 'Calendar' item does not exist."));
    }

    @Test
    void deletingAReferencedSchoolAnswers409DependentItemExists() throws Exception {
        String schoolId = MAPPER.readTree(given().queryParam("schoolId", 255901001)
                        .get(BASE + "schools")
                        .asString())
                .get(0)
                .get("id")
                .asText();
        given().delete(BASE + "schools/" + schoolId)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:ed-fi:api:data-conflict:dependent-item-exists"));
        given().get(BASE + "schools/" + schoolId).then().statusCode(200);
    }

    @Test
    void stateDescriptorsAreAddedThroughTheApiAndGuardedWhileUsed() throws Exception {
        ObjectNode descriptor = MAPPER.createObjectNode()
                .put("codeValue", "Transfer from charter")
                .put("namespace", "uri://education.mn.gov/EntryTypeDescriptor")
                .put("shortDescription", "Transfer from charter");
        String descriptorId = create("entryTypeDescriptors", descriptor);
        ObjectNode enrollment = sample("studentSchoolAssociations");
        enrollment.withObject("studentReference").put("studentUniqueId", "state-descriptor-student");
        enrollment.put("entryTypeDescriptor", "uri://education.mn.gov/EntryTypeDescriptor#Transfer from charter");
        String enrollmentId = create("studentSchoolAssociations", enrollment);
        given().delete(BASE + "entryTypeDescriptors/" + descriptorId)
                .then()
                .statusCode(409)
                .body(
                        "detail",
                        equalTo("The requested action cannot be performed because this item is referenced "
                                + "by an existing 'StudentSchoolAssociation' item."));
        enrollment.put("entryTypeDescriptor", "uri://education.mn.gov/EntryTypeDescriptor#Nope");
        post("studentSchoolAssociations", enrollment)
                .then()
                .statusCode(400)
                .body(
                        "validationErrors.'$.entryTypeDescriptor'",
                        hasItem(
                                "EntryTypeDescriptor value 'uri://education.mn.gov/EntryTypeDescriptor#Nope' does not exist."));
        given().delete(BASE + "studentSchoolAssociations/" + enrollmentId)
                .then()
                .statusCode(204);
        given().delete(BASE + "entryTypeDescriptors/" + descriptorId).then().statusCode(204);
    }

    @Test
    void anEnrollmentKeyChangeKeepsItsIdAndIsRecordedInKeyChanges() throws Exception {
        long before = newest();
        ObjectNode enrollment = sample("studentSchoolAssociations");
        enrollment.withObject("studentReference").put("studentUniqueId", "key-change-student");
        String id = create("studentSchoolAssociations", enrollment);
        enrollment.put("entryDate", "2010-09-01");
        replace("studentSchoolAssociations/" + id, enrollment).statusCode(204);
        JsonNode served = read("studentSchoolAssociations/" + id);
        assertThat(served.get("entryDate").asText()).isEqualTo("2010-09-01");
        JsonNode change = onlyKeyChangeSince("studentSchoolAssociations", before);
        assertThat(change.get("id").asText()).isEqualTo(id);
        assertThat(change.get("oldKeyValues"))
                .isEqualTo(
                        MAPPER.readTree(
                                "{\"entryDate\":\"2010-08-23\",\"schoolId\":255901001,\"studentUniqueId\":\"key-change-student\"}"));
        assertThat(change.get("newKeyValues").get("entryDate").asText()).isEqualTo("2010-09-01");
    }

    @Test
    void aSessionKeyChangeCascadesToItsAttendanceEvents() throws Exception {
        ObjectNode session = sample("sessions");
        session.remove("gradingPeriods");
        session.put("sessionName", "Cascade Term");
        String sessionId = create("sessions", session);
        ObjectNode event = sample("studentSchoolAttendanceEvents");
        event.withObject("sessionReference").put("sessionName", "Cascade Term");
        String eventId = create("studentSchoolAttendanceEvents", event);
        long before = newest();

        session.put("sessionName", "Cascade Term (renamed)");
        replace("sessions/" + sessionId, session).statusCode(204);

        JsonNode served = read("studentSchoolAttendanceEvents/" + eventId);
        assertThat(served.at("/sessionReference/sessionName").asText()).isEqualTo("Cascade Term (renamed)");
        JsonNode eventChange = onlyKeyChangeSince("studentSchoolAttendanceEvents", before);
        assertThat(eventChange.at("/oldKeyValues/sessionName").asText()).isEqualTo("Cascade Term");
        assertThat(eventChange.at("/newKeyValues/sessionName").asText()).isEqualTo("Cascade Term (renamed)");
        given().queryParam("minChangeVersion", before + 1)
                .get(BASE + "sessions/keyChanges")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].id", equalTo(sessionId));
    }

    @Test
    void attendanceEventsRefuseKeyChanges() {
        ObjectNode event = sample("studentSchoolAttendanceEvents");
        event.withObject("studentReference").put("studentUniqueId", "attendance-key-student");
        String id = create("studentSchoolAttendanceEvents", event);
        event.put("eventDate", "2024-09-04");
        replace("studentSchoolAttendanceEvents/" + id, event)
                .statusCode(400)
                .body("type", equalTo("urn:ed-fi:api:bad-request:data-validation-failed:key-change-not-supported"))
                .body(
                        "detail",
                        equalTo("Identifying values for the StudentSchoolAttendanceEvent data cannot be "
                                + "changed. Delete and recreate the item instead."));
    }

    @Test
    void claimSetsDecideWhoMayWriteAndVendorsWriteDescriptorsOnlyInTheirNamespaces() {
        String reader = org.statehub.testing.TestTokens.token(
                "reader", "StateSystemReader", java.util.List.of(), java.util.List.of(), 1800);
        given().auth().oauth2(reader).get(BASE + "schools").then().statusCode(200);
        postAs(reader, "schoolYearTypes", sample("schoolYearTypes").toString())
                .statusCode(403)
                .body("type", equalTo("urn:ed-fi:api:security:authorization"))
                .body("errors[0]", equalTo("The 'StateSystemReader' claim set has read-only access."));
        String vendor = org.statehub.testing.TestTokens.token(
                "acme", "SISVendor", java.util.List.of(255901L), java.util.List.of("uri://acme.example"), 1800);
        String id = writtenOnlyInOwnNamespace(vendor, "Z1", "codeValue", "namespace", "shortDescription");
        String standard = given().queryParam("codeValue", "Male")
                .get(BASE + "sexDescriptors")
                .jsonPath()
                .getString("[0].id");
        given().auth()
                .oauth2(vendor)
                .delete(BASE + "sexDescriptors/" + standard)
                .then()
                .statusCode(403);
        given().auth().oauth2(vendor).delete(id).then().statusCode(204);
        String unknown = org.statehub.testing.TestTokens.token(
                "x", "Everything", java.util.List.of(), java.util.List.of(), 1800);
        given().auth().oauth2(unknown).get(BASE + "schools").then().statusCode(403);
    }

    /**
     * A claim set the hub knows as data only (docs/decisions/0020, part 3): the ODS's Bootstrap Descriptors and
     * EdOrgs creates descriptors in any namespace and education organizations, and is refused what it is not
     * granted: reading, updating an existing item, change queries.
     */
    @Test
    void bootstrapDescriptorsAndEdOrgsCreatesAndIsRefusedWhatItIsNotGranted() {
        String bootstrap = org.statehub.testing.TestTokens.token(
                "bootstrap", "Bootstrap Descriptors and EdOrgs", java.util.List.of(), java.util.List.of(), 1800);
        String descriptor = """
                {"codeValue": "Bootstrapped", "namespace": "uri://state.example/SexDescriptor",
                 "shortDescription": "Bootstrapped"}""";
        postAs(bootstrap, "sexDescriptors", descriptor).statusCode(201);
        postAs(bootstrap, "sexDescriptors", descriptor)
                .statusCode(403)
                .body("type", equalTo("urn:ed-fi:api:security:authorization"));
        given().auth()
                .oauth2(bootstrap)
                .get(BASE + "sexDescriptors")
                .then()
                .statusCode(403)
                .body(
                        "errors[0]",
                        equalTo("The claim set 'Bootstrap Descriptors and EdOrgs' does not grant Read on the "
                                + "'SexDescriptor' resource."));
        given().auth().oauth2(bootstrap).get(BASE + "schools/deletes").then().statusCode(403);
        postAs(bootstrap, "sessions", sample("sessions").toString())
                .statusCode(403)
                .body(
                        "errors[0]",
                        equalTo("The claim set 'Bootstrap Descriptors and EdOrgs' does not grant this request on the "
                                + "'Session' resource."));
    }

    /**
     * A vendor whose namespace prefix is {@code uri://acme.example} writes sexDescriptor {@code code} with these
     * member names: refused under the Ed-Fi namespace (403 namespace-mismatch), created under its own prefix.
     * Returns the new item's location.
     */
    static String writtenOnlyInOwnNamespace(
            String vendor, String code, String codeValue, String namespace, String shortDescription) {
        ObjectNode body = MAPPER.createObjectNode()
                .put(codeValue, code)
                .put(namespace, "uri://ed-fi.org/SexDescriptor")
                .put(shortDescription, code);
        postAs(vendor, "sexDescriptors", body.toString()).statusCode(403).body("type", equalTo(NAMESPACE_MISMATCH));
        body.put(namespace, "uri://acme.example/SexDescriptor");
        return postAs(vendor, "sexDescriptors", body.toString())
                .statusCode(201)
                .extract()
                .header("Location");
    }

    private static long newest() throws Exception {
        return MAPPER.readTree(
                        given().get("/changeQueries/v1/availableChangeVersions").asString())
                .get("newestChangeVersion")
                .asLong();
    }
}
