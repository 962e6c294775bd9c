package org.statehub.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.statehub.testing.EdFiBodies;

/**
 * A year-instance deployment keeps two school years apart (issue 17's "done when"; docs/decisions/0020, part 5,
 * steps 17 and 18): the gateway, student-service and enrollment-service run as processes with {@code
 * HUB_YEAR_INSTANCES=school-year} and {@code HUB_YEARS=2026,2027}. A StateAdmin client writes the same LEA, school,
 * student and studentSchoolAssociation (the same natural keys, different data) in 2026 through {@code
 * /2026/data/v3/...} and in 2027 through the alias {@code /data/v3/2027/...}; each year reads only its own, has its
 * own change versions and tombstones, and an Admin API application granted 2026 alone is refused 2027 (403) and a
 * year not served (404). Step 20: a new year, 2028, created through the Admin API ({@code /adminapi/v2/odsInstances})
 * and copied from 2026 ({@code /admin/v1/schoolYears/2028/copy}) without a restart, has 2026's descriptors and
 * organizations and none of its students or enrollments, and takes new students and enrollments at once.
 */
class YearInstancesIT {

    private static final String ADMIN = "year-instances-admin";
    private static final String ADMIN_SECRET = "year-instances-admin-secret-01234";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long LEA = 2_552_000;
    private static final long SCHOOL = 255_200_001;
    private static final String STUDENT = Hub.uniqueId("YR");
    private static final String Y2026 = "/2026/data/v3/ed-fi/";
    /** The alias form of a year's URL. */
    private static final String Y2027 = "/data/v3/2027/ed-fi/";

    @RegisterExtension
    static final Hub hub = Hub.of("statehub_year_instances", ADMIN, ADMIN_SECRET)
            .withSettings(Map.of("HUB_YEAR_INSTANCES", "school-year", "HUB_YEARS", "2026,2027"));

    /** A StateAdmin client made through the gateway (it reaches every year). */
    private static String stateAdmin;
    /** The location of the enrollment in each year. */
    private static String enrollment2026;

    private static String enrollment2027;

    @BeforeAll
    static void theSameKeysInBothYears() throws Exception {
        stateAdmin =
                hub.secondAdministrator(hub.adminToken(), "Year state admin").token();
        for (String year : new String[] {Y2026, Y2027}) {
            write(year + "localEducationAgencies", EdFiBodies.lea(LEA));
            write(year + "schools", EdFiBodies.school(SCHOOL, LEA));
        }
        write(Y2026 + "students", EdFiBodies.student(STUDENT));
        write(Y2027 + "students", student("Maria"));
        enrollment2026 = hub.created(
                api().body(EdFiBodies.enrollment(STUDENT, SCHOOL)).post(Y2026 + "studentSchoolAssociations"));
        enrollment2027 = hub.created(api().body(enrollment(true)).post(Y2027 + "studentSchoolAssociations"));
    }

    private static RequestSpecification api() {
        return hub.as(stateAdmin);
    }

    private static void write(String path, String body) {
        api().body(body).post(path).then().statusCode(201);
    }

    /** The test's student with another first name. */
    private static String student(String firstName) throws Exception {
        return ((ObjectNode) MAPPER.readTree(EdFiBodies.student(STUDENT)))
                .put("firstName", firstName)
                .toString();
    }

    /** The test's student's enrollment at the school, its primary school or not. */
    private static String enrollment(boolean primary) throws Exception {
        return ((ObjectNode) MAPPER.readTree(EdFiBodies.enrollment(STUDENT, SCHOOL)))
                .put("primarySchool", primary)
                .toString();
    }

    /** The year's newest change version of the whole API, as the StateAdmin client asks it. */
    private static long newest(String year) {
        return hub.newestChangeVersion(stateAdmin, year);
    }

    @Test
    void eachYearReadsOnlyItsOwnItems() {
        assertThat(enrollment2026).startsWith(Y2026 + "studentSchoolAssociations/");
        assertThat(enrollment2027).startsWith("/2027/data/v3/ed-fi/studentSchoolAssociations/");
        api().queryParam("studentUniqueId", STUDENT)
                .get(Y2026 + "students")
                .then()
                .statusCode(200)
                .body("firstName", contains("Lisa"));
        api().queryParam("studentUniqueId", STUDENT)
                .get(Y2027 + "students")
                .then()
                .statusCode(200)
                .body("firstName", contains("Maria"));
        api().get(enrollment2026).then().statusCode(200).body("primarySchool", nullValue());
        api().get(enrollment2027).then().statusCode(200).body("primarySchool", equalTo(true));
        // an item of one year is not found in the other, by either URL form
        String id2027 = enrollment2027.substring(enrollment2027.lastIndexOf('/') + 1);
        api().get(Y2026 + "studentSchoolAssociations/" + id2027).then().statusCode(404);
        String id2026 = enrollment2026.substring(enrollment2026.lastIndexOf('/') + 1);
        api().get(Y2027 + "studentSchoolAssociations/" + id2026).then().statusCode(404);
        // with years on, a request that names none is not found
        api().get("/data/v3/ed-fi/students").then().statusCode(404);
    }

    @Test
    void changeVersionsAndDeletesArePerYear() throws Exception {
        String student = Hub.uniqueId("YD");
        api().body(EdFiBodies.student(student)).post(Y2026 + "students").then().statusCode(201);
        api().body(EdFiBodies.student(student)).post(Y2027 + "students").then().statusCode(201);
        String location2026 = hub.created(
                api().body(EdFiBodies.enrollment(student, SCHOOL)).post(Y2026 + "studentSchoolAssociations"));
        String location2027 = hub.created(
                api().body(EdFiBodies.enrollment(student, SCHOOL)).post(Y2027 + "studentSchoolAssociations"));

        long before2026 = newest("2026");
        long before2027 = newest("2027");
        api().delete(location2027).then().statusCode(204);
        assertThat(newest("2026")).isEqualTo(before2026);
        assertThat(newest("2027")).isGreaterThan(before2027);

        api().queryParam("minChangeVersion", before2027 + 1)
                .get(Y2027 + "studentSchoolAssociations/deletes")
                .then()
                .statusCode(200)
                .body("keyValues.studentUniqueId", hasItem(student));
        api().get(Y2026 + "studentSchoolAssociations/deletes")
                .then()
                .statusCode(200)
                .body("keyValues.studentUniqueId", not(hasItem(student)));
        api().get(location2027).then().statusCode(404);
        api().get(location2026).then().statusCode(200);

        // a write in 2026 is among 2026's changes only
        api().body(EdFiBodies.enrollment(student, SCHOOL, "2025-01-06"))
                .post(Y2026 + "studentSchoolAssociations")
                .then()
                .statusCode(201);
        api().queryParam("minChangeVersion", before2026 + 1)
                .get(Y2026 + "studentSchoolAssociations")
                .then()
                .statusCode(200)
                .body("entryDate", contains("2025-01-06"));
        api().queryParam("minChangeVersion", before2027 + 1)
                .get(Y2027 + "studentSchoolAssociations")
                .then()
                .statusCode(200)
                .body("$", empty());
    }

    @Test
    void aClientGrantedOneYearIsRefusedTheOther() throws Exception {
        String token = grantedOnly2026();
        hub.as(token).get("/2027/data/v3/ed-fi/students").then().statusCode(403);
        hub.as(token).get(Y2027 + "schools").then().statusCode(403);
        hub.as(token)
                .get("/2027/changeQueries/v1/availableChangeVersions")
                .then()
                .statusCode(403);
        hub.as(token).get("/2031/data/v3/ed-fi/students").then().statusCode(404);
        hub.as(token).get("/data/v3/2031/ed-fi/students").then().statusCode(404);
        // in its year it reads its LEA's school and the student enrolled there, as 2026 has them
        hub.as(token).get(Y2026 + "schools").then().statusCode(200).body("schoolId", contains((int) SCHOOL));
        Hub.eventually(Duration.ofSeconds(30), () -> {
            Response students =
                    hub.as(token).queryParam("studentUniqueId", STUDENT).get(Y2026 + "students");
            return students.statusCode() == 200
                    && students.jsonPath().getList("firstName").equals(java.util.List.of("Lisa"));
        });
    }

    @Test
    void aYearsMetadataCarriesItsPrefix() throws Exception {
        RestAssured.given()
                .baseUri(hub.gatewayUrl)
                .get("/2026/metadata/")
                .then()
                .statusCode(200)
                .body("endpointUri", everyItem(containsString("/2026/metadata/")));
        JsonNode document = MAPPER.readTree(RestAssured.given()
                .baseUri(hub.gatewayUrl)
                .get("/2026/metadata/openapi.json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(document.at("/servers/0/url").asText()).isEqualTo(hub.gatewayUrl + "/2026");
        RestAssured.given()
                .baseUri(hub.gatewayUrl)
                .get("/2026/")
                .then()
                .statusCode(200)
                .body("urls.dataManagementApi", endsWith("/2026/data/v3/"));
    }

    @Test
    void aNewYearCreatedThroughTheAdminApiHasThePreviousYearsOrganizationsAndNoneOfItsStudents() throws Exception {
        hub.as(stateAdmin).get("/2028/data/v3/ed-fi/schools").then().statusCode(404);
        hub.as(stateAdmin).body("""
                        {"name": "School year 2028", "instanceType": "YearSpecific",
                         "odsInstanceContexts": [{"contextKey": "schoolYearFromRoute", "contextValue": "2028"}]}""").post("/adminapi/v2/odsInstances").then().statusCode(201);
        // the services learn the new year from the gateway's directory within its freshness, then copy
        Hub.eventually(
                Duration.ofSeconds(30),
                () -> hub.as(stateAdmin)
                                .body("{\"fromYear\": 2026}")
                                .put("/admin/v1/schoolYears/2028/copy")
                                .statusCode()
                        == 202);
        Hub.eventually(
                Duration.ofSeconds(60),
                () -> "succeeded"
                        .equals(hub.as(stateAdmin)
                                .get("/admin/v1/schoolYears/2028/copy")
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("state")));
        hub.as(stateAdmin)
                .get("/admin/v1/schoolYears/2028/copy")
                .then()
                .body("fromYear", equalTo("2026"))
                .body("resources.schools.copied", equalTo(1))
                .body("resources.localEducationAgencies.copied", equalTo(1))
                .body("errors", empty());

        String y2028 = "/2028/data/v3/ed-fi/";
        api().get(y2028 + "schools").then().statusCode(200).body("schoolId", contains((int) SCHOOL));
        api().get(y2028 + "localEducationAgencies").then().statusCode(200).body("localEducationAgencyId", contains((int)
                LEA));
        api().queryParam("namespace", "uri://ed-fi.org/SexDescriptor")
                .get(y2028 + "sexDescriptors")
                .then()
                .statusCode(200)
                .body("codeValue", hasItem("Female"));
        api().get(y2028 + "students").then().statusCode(200).body("$", empty());
        api().get(y2028 + "studentSchoolAssociations").then().statusCode(200).body("$", empty());

        // the new year takes its own students and enrollments at the copied school (student-service's replicas of
        // its organizations and descriptors catch up in 2028 by themselves)
        write(y2028 + "students", student("Ana"));
        Hub.eventually(
                Duration.ofSeconds(30),
                () -> api().body(EdFiBodies.enrollment(STUDENT, SCHOOL))
                                .post(y2028 + "studentSchoolAssociations")
                                .statusCode()
                        == 201);
        Hub.eventually(
                Duration.ofSeconds(30),
                () -> api().body(EdFiBodies.studentEducationOrganizationAssociation(STUDENT, LEA))
                                .post(y2028 + "studentEducationOrganizationAssociations")
                                .statusCode()
                        == 201);
        api().queryParam("studentUniqueId", STUDENT)
                .get(Y2026 + "students")
                .then()
                .body("firstName", contains("Lisa"));
    }

    /**
     * A token of a new Admin API application (its vendor made through {@code /adminapi/v2/vendors}) of the
     * SISVendor claim set for the test's LEA, granted 2026 alone ({@code odsInstanceIds}).
     */
    private static String grantedOnly2026() {
        String vendor = api().body("""
                        {"company": "Year Vendor", "contactName": "David Jiménez",
                         "contactEmailAddress": "david.jimenez@example.com"}""")
                .post("/adminapi/v2/vendors")
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        int vendorId = Integer.parseInt(vendor.substring(vendor.lastIndexOf('/') + 1));
        Response application = api().body("""
                        {"applicationName": "Year 2026 SIS", "vendorId": %d, "claimSetName": "SISVendor",
                         "educationOrganizationIds": [%d], "odsInstanceIds": [2026]}""".formatted(vendorId, LEA)).post("/adminapi/v2/applications");
        application.then().statusCode(201);
        return hub.token(application.path("key"), application.path("secret"));
    }
}
