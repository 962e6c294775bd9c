package org.statehub.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.statehub.testing.EdFiBodies;
import org.statehub.testing.EmbeddedPostgres;

/**
 * student-service and enrollment-service as separate processes over real HTTP, one PostgreSQL: enrollment-service
 * checks studentReference against its replica of student keys, fed by student-service's change queries.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudentEnrollmentLinkIT {

    private static String jdbcUrl;
    private static String user;
    private static String password;
    private static ServiceProcess students;
    private static ServiceProcess enrollments;
    private static ServiceProcess gateway;
    private static final String ADMIN = "it-admin";
    private static final String ADMIN_SECRET = "it-admin-secret-0123456789";

    @BeforeAll
    static void start() throws Exception {
        jdbcUrl = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        user = System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres");
        password = System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        if (jdbcUrl == null) {
            jdbcUrl = EmbeddedPostgres.freshDatabase("statehub_system");
        }
        Map<String, String> database = Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL",
                jdbcUrl,
                "QUARKUS_DATASOURCE_USERNAME",
                user,
                "QUARKUS_DATASOURCE_PASSWORD",
                password,
                "HUB_ADMIN_CLIENT_ID",
                ADMIN,
                "HUB_ADMIN_CLIENT_SECRET",
                ADMIN_SECRET);
        int studentPort = ServiceProcess.freePort();
        int enrollmentPort = ServiceProcess.freePort();
        int gatewayPort = ServiceProcess.freePort();
        String gatewayUrl = "http://localhost:" + gatewayPort;
        java.util.Map<String, String> gatewayEnv = new java.util.HashMap<>(database);
        gatewayEnv.put("GATEWAY_PUBLIC_URL", gatewayUrl);
        gatewayEnv.put("STUDENT_SERVICE_URL", "http://localhost:" + studentPort);
        gatewayEnv.put("ENROLLMENT_SERVICE_URL", "http://localhost:" + enrollmentPort);
        gateway = new ServiceProcess("gateway", gatewayEnv, gatewayPort);
        gateway.start();
        java.util.Map<String, String> serviceEnv = new java.util.HashMap<>(database);
        serviceEnv.put("OIDC_AUTH_SERVER_URL", gatewayUrl);
        serviceEnv.put("OIDC_ISSUER", gatewayUrl);
        serviceEnv.put("OIDC_TOKEN_URL", gatewayUrl + "/oauth/token");
        serviceEnv.put("STUDENT_SERVICE_URL", "http://localhost:" + studentPort);
        serviceEnv.put("ENROLLMENT_SERVICE_URL", "http://localhost:" + enrollmentPort);
        students = new ServiceProcess("student-service", serviceEnv, studentPort);
        students.start();
        enrollments = new ServiceProcess("enrollment-service", serviceEnv, enrollmentPort);
        enrollments.start();
        String token = Hub.token(gatewayUrl, ADMIN, ADMIN_SECRET);
        io.restassured.RestAssured.authentication = io.restassured.RestAssured.oauth2(token);
        leaWithSchool(255901, "Grand Bend ISD", 255901001, "Grand Bend High School");
    }

    static void leaWithSchool(long lea, String leaName, long school, String schoolName) {
        post(enrollments, "localEducationAgencies", """
                {"localEducationAgencyId":%d,"nameOfInstitution":"%s",
                 "localEducationAgencyCategoryDescriptor":"uri://ed-fi.org/LocalEducationAgencyCategoryDescriptor#Independent",
                 "categories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#Local Education Agency"}]}
                """.formatted(lea, leaName))
                .then()
                .statusCode(201);
        post(enrollments, "schools", school(school, schoolName, lea)).then().statusCode(201);
    }

    static String school(long school, String name, long lea) {
        return """
                {"schoolId":%d,"nameOfInstitution":"%s",
                 "localEducationAgencyReference":{"localEducationAgencyId":%d},
                 "educationOrganizationCategories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School"}],
                 "gradeLevels":[{"gradeLevelDescriptor":"uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"}]}
                """.formatted(school, name, lea);
    }

    @AfterAll
    static void stop() throws Exception {
        ServiceProcess.stopAll(gateway, enrollments, students);
    }

    static Response post(ServiceProcess service, String resource, String body) {
        return given().baseUri(service.url())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/data/v3/ed-fi/" + resource);
    }

    static String newStudent() {
        String id = "S" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        post(students, "students", """
                {"studentUniqueId":"%s","firstName":"Lisa","lastSurname":"Woods","birthDate":"2008-05-17"}
                """.formatted(id)).then().statusCode(201);
        return id;
    }

    static Response enroll(String studentUniqueId) {
        return post(enrollments, "studentSchoolAssociations", """
                {"studentReference":{"studentUniqueId":"%s"},"schoolReference":{"schoolId":255901001},
                 "entryDate":"2024-08-19","entryGradeLevelDescriptor":"uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"}
                """.formatted(studentUniqueId));
    }

    static long count(String sql, String... parameters) throws SQLException {
        return new Database(jdbcUrl, user, password).count(sql, parameters);
    }

    static Response seoa(String studentUniqueId, long educationOrganizationId, String sexDescriptor) {
        return post(students, "studentEducationOrganizationAssociations", """
                {"educationOrganizationReference":{"educationOrganizationId":%d},
                 "studentReference":{"studentUniqueId":"%s"},"sexDescriptor":"%s"}
                """.formatted(
                        educationOrganizationId, studentUniqueId, sexDescriptor));
    }

    /** An SEOA of the student at the education organization is written (201). */
    static void associated(String studentUniqueId, long educationOrganizationId) {
        seoa(studentUniqueId, educationOrganizationId, "uri://ed-fi.org/SexDescriptor#Female")
                .then()
                .statusCode(201);
    }

    /** An SEOA of the student at an education organization enrollment-service does not have is refused (409). */
    static void refusedForAnUnknownOrganization(String studentUniqueId, long educationOrganizationId) {
        seoa(studentUniqueId, educationOrganizationId, "uri://ed-fi.org/SexDescriptor#Female")
                .then()
                .statusCode(409)
                .body("detail", equalTo("The referenced 'EducationOrganization' item does not exist."));
    }

    /** DELETE of the student (found by its unique id) at student-service directly. */
    static ValidatableResponse deleteStudent(String studentUniqueId) {
        String id = given().baseUri(students.url())
                .queryParam("studentUniqueId", studentUniqueId)
                .get("/data/v3/ed-fi/students")
                .jsonPath()
                .getString("[0].id");
        return given().baseUri(students.url())
                .delete("/data/v3/ed-fi/students/" + id)
                .then();
    }

    static boolean inReplica(String studentUniqueId) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM enrollment.replica_item WHERE resource = 'students' AND natural_key = ?")) {
            ps.setString(1, "[\"" + studentUniqueId + "\"]");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isLessThanOrEqualTo(1);
                return rs.getInt(1) == 1;
            }
        }
    }

    static long watermark() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement ps = c.prepareStatement(
                        "SELECT change_version FROM enrollment.replication_watermark WHERE source = 'student-service'");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Test
    @Order(1)
    void anEnrollmentOfAnUnknownStudentAnswers409() {
        enroll("nobody-" + UUID.randomUUID().toString().substring(0, 8))
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:ed-fi:api:data-conflict:unresolved-reference"))
                .body("detail", equalTo("The referenced 'Student' item does not exist."));
    }

    @Test
    @Order(2)
    void aStudentCreatedAMomentAgoCanBeEnrolledAtOnce() {
        String student = newStudent();
        enroll(student).then().statusCode(201);
    }

    @Test
    @Order(3)
    void theReplicaFollowsCreatesAndDeletesWithinSeconds() throws Exception {
        String student = newStudent();
        Hub.eventually(Duration.ofSeconds(5), () -> inReplica(student));
        deleteStudent(student).statusCode(204);
        Hub.eventually(Duration.ofSeconds(5), () -> !inReplica(student));
        enroll(student).then().statusCode(409);
    }

    @Test
    @Order(4)
    void aRestartedConsumerResumesFromItsWatermark() throws Exception {
        Hub.eventually(Duration.ofSeconds(5), () -> watermark() > 0);
        enrollments.stop();
        long before = watermark();
        String created = newStudent();
        assertThat(inReplica(created)).isFalse();
        enrollments.start();
        Hub.eventually(Duration.ofSeconds(10), () -> inReplica(created));
        Hub.eventually(Duration.ofSeconds(5), () -> watermark() > before); // stored after the window's pages
    }

    @Test
    @Order(6)
    void studentServiceReplicatesEveryDescriptorAndTheEducationOrganizations() throws Exception {
        long standard = count("SELECT count(*) FROM enrollment.document WHERE resource LIKE '%Descriptors'");
        assertThat(standard).isGreaterThan(3000);
        Hub.eventually(
                Duration.ofSeconds(30),
                () -> count("SELECT count(*) FROM student.replica_item" + " WHERE resource LIKE '%Descriptors'")
                        == standard);
        Hub.eventually(
                Duration.ofSeconds(10),
                () -> count("SELECT count(*) FROM student.replica_item"
                                + " WHERE resource IN ('schools', 'localEducationAgencies')")
                        == 2);
    }

    @Test
    @Order(7)
    void associationsNeedAnEducationOrganizationThatExistsInEnrollmentService() {
        String student = newStudent();
        associated(student, 255901001);
        associated(student, 255901);
        refusedForAnUnknownOrganization(student, 999999);
        // a school created a moment ago resolves at once (asked of enrollment-service, then replicated)
        post(enrollments, "schools", """
                {"schoolId":255901002,"nameOfInstitution":"Grand Bend Middle School",
                 "localEducationAgencyReference":{"localEducationAgencyId":255901},
                 "educationOrganizationCategories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School"}],
                 "gradeLevels":[{"gradeLevelDescriptor":"uri://ed-fi.org/GradeLevelDescriptor#Seventh grade"}]}
                """).then().statusCode(201);
        associated(student, 255901002);
    }

    @Test
    @Order(8)
    void aStateDescriptorCreatedInEnrollmentServiceIsUsableInStudentServiceAtOnce() {
        post(enrollments, "sexDescriptors", """
                {"codeValue":"X","namespace":"uri://education.mn.gov/SexDescriptor","shortDescription":"X"}
                """).then().statusCode(201);
        String student = newStudent();
        seoa(student, 255901001, "uri://education.mn.gov/SexDescriptor#X")
                .then()
                .statusCode(201);
        seoa(student, 255901, "uri://education.mn.gov/SexDescriptor#Y")
                .then()
                .statusCode(400)
                .body(
                        "validationErrors.'$.sexDescriptor'[0]",
                        equalTo("SexDescriptor value 'uri://education.mn.gov/SexDescriptor#Y' does not exist."));
    }

    @Test
    @Order(9)
    void anEnrolledStudentCannotBeDeleted() {
        String student = newStudent();
        String enrollment = enroll(student).then().statusCode(201).extract().header("Location");
        deleteStudent(student)
                .statusCode(409)
                .body("type", equalTo("urn:ed-fi:api:data-conflict:dependent-item-exists"))
                .body(
                        "detail",
                        equalTo("The requested action cannot be performed because this item is referenced "
                                + "by an existing 'StudentSchoolAssociation' item."));
        given().delete(enrollment).then().statusCode(204);
        deleteStudent(student).statusCode(204);
    }

    @Test
    @Order(10)
    void aSchoolOrDescriptorThatStudentServiceItemsStillUseCannotBeDeleted() throws Exception {
        post(enrollments, "schools", """
                {"schoolId":255901003,"nameOfInstitution":"Grand Bend Elementary",
                 "localEducationAgencyReference":{"localEducationAgencyId":255901},
                 "educationOrganizationCategories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School"}],
                 "gradeLevels":[{"gradeLevelDescriptor":"uri://ed-fi.org/GradeLevelDescriptor#First grade"}]}
                """).then().statusCode(201);
        String descriptor = post(enrollments, "sexDescriptors", """
                {"codeValue":"Z","namespace":"uri://education.mn.gov/SexDescriptor","shortDescription":"Z"}
                """)
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        String student = newStudent();
        String association = seoa(student, 255901003, "uri://education.mn.gov/SexDescriptor#Z")
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        String school = given().baseUri(enrollments.url())
                .queryParam("schoolId", 255901003)
                .get("/data/v3/ed-fi/schools")
                .jsonPath()
                .getString("[0].id");
        given().baseUri(enrollments.url())
                .delete("/data/v3/ed-fi/schools/" + school)
                .then()
                .statusCode(409)
                .body(
                        "detail",
                        equalTo("The requested action cannot be performed because this item is referenced "
                                + "by an existing 'StudentEducationOrganizationAssociation' item."));
        given().delete(descriptor)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:ed-fi:api:data-conflict:dependent-item-exists"));
        given().delete(association).then().statusCode(204);
        given().baseUri(enrollments.url())
                .delete("/data/v3/ed-fi/schools/" + school)
                .then()
                .statusCode(204);
        given().delete(descriptor).then().statusCode(204);
    }

    @Test
    @Order(11)
    void anEnrollmentKeyChangeReachesStudentServicesReplicaUnderTheSameId() throws Exception {
        String student = newStudent();
        String location = enroll(student).then().statusCode(201).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        String moved = """
                {"studentReference":{"studentUniqueId":"%s"},"schoolReference":{"schoolId":255901001},
                 "entryDate":"2024-09-03","entryGradeLevelDescriptor":"uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"}
                """.formatted(student);
        given().contentType(ContentType.JSON).body(moved).put(location).then().statusCode(204);
        String uuid = id.replaceFirst("(\\w{8})(\\w{4})(\\w{4})(\\w{4})(\\w{12})", "$1-$2-$3-$4-$5");
        Hub.eventually(
                Duration.ofSeconds(5),
                () -> count(
                                "SELECT count(*) FROM student.replica_item WHERE resource ="
                                        + " 'studentSchoolAssociations' AND id = ?::uuid AND body->>'entryDate' = '2024-09-03'",
                                uuid)
                        == 1);
        assertThat(count(
                        "SELECT count(*) FROM student.replica_item WHERE resource = 'studentSchoolAssociations'"
                                + " AND body->'studentReference'->>'studentUniqueId' = ?",
                        student))
                .isEqualTo(1);
    }

    @Test
    @Order(12)
    void theGatewayRoutesEachResourceToItsServiceAndReports502WhenItIsDown() throws Exception {
        String student = Hub.uniqueId("G");
        Response created = post(gateway, "students", """
                {"studentUniqueId":"%s","firstName":"Ana","lastSurname":"Ruiz","birthDate":"2009-02-01"}
                """.formatted(student));
        created.then().statusCode(201).header("correlation-id", org.hamcrest.Matchers.notNullValue());
        String location = created.header("Location");
        assertThat(location).startsWith(gateway.url() + "/data/v3/ed-fi/students/");
        given().get(location)
                .then()
                .statusCode(200)
                .body("studentUniqueId", equalTo(student))
                .header("ETag", created.header("ETag"));
        post(gateway, "studentSchoolAssociations", """
                {"studentReference":{"studentUniqueId":"%s"},"schoolReference":{"schoolId":255901001},
                 "entryDate":"2024-08-19","entryGradeLevelDescriptor":"uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"}
                """.formatted(student))
                .then()
                .statusCode(201);
        given().baseUri(gateway.url())
                .queryParam("studentUniqueId", student)
                .get("/data/v3/ed-fi/studentSchoolAssociations")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1));
        given().baseUri(gateway.url())
                .header("correlation-id", "route-404")
                .get("/data/v3/ed-fi/students/" + "0123456789abcdef0123456789abcdef")
                .then()
                .statusCode(404)
                .body("correlationId", equalTo("route-404"));
        enrollments.stop();
        try {
            given().baseUri(gateway.url())
                    .get("/data/v3/ed-fi/schools")
                    .then()
                    .statusCode(502)
                    .body("errors[0]", equalTo("enrollment-service is not reachable."));
            given().baseUri(gateway.url())
                    .get("/data/v3/ed-fi/students?limit=1")
                    .then()
                    .statusCode(200);
        } finally {
            enrollments.start();
        }
    }

    @Test
    @Order(13)
    void theServicesAcceptOnlyTokensOfTheGateway() {
        students.withoutToken()
                .get("/data/v3/ed-fi/students")
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:ed-fi:api:security:authentication"));
        gateway.withoutToken().get("/data/v3/ed-fi/schools").then().statusCode(401);
        enrollments
                .withoutToken()
                .header("Authorization", "Bearer " + org.statehub.testing.TestTokens.stateAdmin())
                .get("/data/v3/ed-fi/schools")
                .then()
                .statusCode(401);
        given().baseUri(gateway.url()).get("/data/v3/ed-fi/schools").then().statusCode(200);
    }

    @Test
    @Order(14)
    void theGatewayServesOneOpenApiDocumentForTheWholeApi() throws Exception {
        var document = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(given().baseUri(gateway.url())
                        .get("/metadata/openapi.json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        assertThat(document.at("/paths").has("/data/v3/ed-fi/students")).isTrue();
        assertThat(document.at("/paths").has("/data/v3/ed-fi/studentSchoolAssociations"))
                .isTrue();
        assertThat(document.at("/paths").has("/data/v3/ed-fi/sexDescriptors")).isTrue();
        assertThat(document.at("/components/schemas").has("EdFi.Student")).isTrue();
        assertThat(document.at("/components/schemas").has("EdFi.School")).isTrue();
        assertThat(document.at("/components/securitySchemes/oauth2/flows/clientCredentials/tokenUrl")
                        .asText())
                .endsWith("/oauth/token");
        // feed-service and conflict-service do not run in this test: only they may be missing
        assertThat(document.path("x-unavailable-services").toString())
                .doesNotContain("student-service")
                .doesNotContain("enrollment-service");
        gateway.withoutToken()
                .get("/")
                .then()
                .statusCode(200)
                .body("urls.openApiMetadata", org.hamcrest.Matchers.endsWith("/metadata/"));
    }

    @Test
    @Order(15)
    void eachProfileHasAnOpenApiDocumentOfWhatItLetsAClientReadAndWrite() throws Exception {
        given().baseUri(gateway.url())
                .contentType(ContentType.XML)
                .body("""
                        <Profile name="Student-Names">
                          <Resource name="Student">
                            <ReadContentType memberSelection="IncludeOnly">
                              <Property name="FirstName"/>
                              <Property name="LastSurname"/>
                            </ReadContentType>
                            <WriteContentType memberSelection="ExcludeOnly">
                              <Property name="BirthCity"/>
                            </WriteContentType>
                          </Resource>
                        %s</Profile>""".formatted(EdFiBodies.SCHOOL_NAMES_AND_CITIES))
                .post("/admin/v1/profiles")
                .then()
                .statusCode(201);
        gateway.withoutToken()
                .get("/metadata/")
                .then()
                .statusCode(200)
                .body(
                        "find { it.name == 'Resources' }.endpointUri",
                        org.hamcrest.Matchers.endsWith("/metadata/openapi.json"))
                .body("find { it.name == 'Student-Names' }.prefix", equalTo("Profiles"))
                .body(
                        "find { it.name == 'Student-Names' }.endpointUri",
                        org.hamcrest.Matchers.endsWith("/metadata/data/v3/profiles/student-names/swagger.json"));

        String text = gateway.withoutToken()
                .get("/Metadata/Data/v3/Profiles/STUDENT-NAMES/swagger.json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        var document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        var paths = document.path("paths");
        assertThat(document.at("/info/title").asText()).isEqualTo("Student-Names Resources");
        // only the covered resources; a GET where the profile reads, a POST and PUT where it writes, DELETE always
        assertThat(paths.has("/data/v3/ed-fi/studentSchoolAssociations")).isFalse();
        assertThat(paths.path("/data/v3/ed-fi/students").has("get")).isTrue();
        assertThat(paths.path("/data/v3/ed-fi/students").has("post")).isTrue();
        assertThat(paths.path("/data/v3/ed-fi/students/{id}").has("put")).isTrue();
        assertThat(paths.path("/data/v3/ed-fi/schools").has("get")).isTrue();
        assertThat(paths.path("/data/v3/ed-fi/schools").has("post")).isFalse();
        assertThat(paths.path("/data/v3/ed-fi/schools/{id}").has("put")).isFalse();
        assertThat(paths.path("/data/v3/ed-fi/schools/{id}").has("delete")).isTrue();
        // the profile's media types and schemas in place of application/json and the resource's own schema
        var answer = paths.at("/~1data~1v3~1ed-fi~1students~1{id}/get/responses/200/content");
        assertThat(answer.has("application/json")).isFalse();
        assertThat(answer.path("application/vnd.ed-fi.student.student-names.readable+json")
                        .at("/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/EdFi.Student_readable");
        assertThat(paths.at("/~1data~1v3~1ed-fi~1students/post/requestBody/content")
                        .path("application/vnd.ed-fi.student.student-names.writable+json")
                        .at("/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/EdFi.Student_writable");
        var schemas = document.at("/components/schemas");
        assertThat(schemas.has("EdFi.Student")).isFalse();
        var readable = schemas.path("EdFi.Student_readable");
        assertThat(readable.path("properties").has("firstName")).isTrue();
        assertThat(readable.path("properties").has("studentUniqueId")).isTrue(); // the identity, always
        assertThat(readable.path("properties").has("id")).isTrue();
        assertThat(readable.path("properties").has("birthDate")).isFalse();
        assertThat(readable.path("required").toString()).doesNotContain("birthDate");
        var writable = schemas.path("EdFi.Student_writable");
        assertThat(writable.path("properties").has("birthDate")).isTrue();
        assertThat(writable.path("properties").has("birthCity")).isFalse();
        assertThat(writable.path("properties").has("id")).isFalse();
        assertThat(schemas.has("EdFi.School_writable")).isFalse();
        // a collection's items cut by the collection's own selection
        var school = schemas.path("EdFi.School_readable").path("properties");
        assertThat(school.has("nameOfInstitution")).isTrue();
        assertThat(school.has("webSite")).isFalse();
        assertThat(school.path("addresses").toString()).contains("#/components/schemas/EdFi.School_readable.addresses");
        var address = schemas.path("EdFi.School_readable.addresses").path("properties");
        assertThat(address.has("city")).isTrue();
        assertThat(address.has("streetNumberName")).isTrue(); // an item key member, always kept
        assertThat(address.has("apartmentRoomSuiteNumber")).isFalse();

        assertThat(gateway.withoutToken()
                        .get("/metadata/specifications/profiles/Student-Names/resources-spec.json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .isEqualTo(text);
        gateway.withoutToken()
                .get("/metadata/data/v3/profiles/No-Such-Profile/swagger.json")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:ed-fi:api:not-found"))
                .body("detail", org.hamcrest.Matchers.containsString("No-Such-Profile"));
    }

    @Test
    @Order(5)
    void whileStudentServiceIsDownKnownStudentsEnrollAndUnknownOnesGet503() throws Exception {
        String known = newStudent();
        Hub.eventually(Duration.ofSeconds(5), () -> inReplica(known));
        students.stop();
        try {
            enroll(known).then().statusCode(201);
            enroll("unknown-" + UUID.randomUUID().toString().substring(0, 8))
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "5")
                    .body("type", equalTo("urn:ed-fi:api:system:unavailable"));
        } finally {
            students.start();
        }
        String later = newStudent();
        Hub.eventually(Duration.ofSeconds(20), () -> inReplica(later)); // backoff is at most 10 s
    }

    /** An API client made through the gateway's admin API, and a token for it. */
    static String vendorToken(String name, long educationOrganizationId) {
        return Hub.client(gateway.url(), given(), """
                        {"displayName":"%s","claimSet":"SISVendor","educationOrganizationIds":[%d],
                         "namespacePrefixes":["uri://%s.example.org"]}
                        """.formatted(name, educationOrganizationId, name))
                .token();
    }

    static io.restassured.specification.RequestSpecification as(String token) {
        return given().auth().oauth2(token).baseUri(gateway.url()).contentType(ContentType.JSON);
    }

    @Test
    @Order(15)
    void vendorClientsReachOnlyTheirOrganizationsAndTheStudentsRelatedToThem() throws Exception {
        leaWithSchool(255902, "Other ISD", 255902001, "Other High School");
        String leaA = vendorToken("lea-a", 255901);
        String leaB = vendorToken("lea-b", 255902);
        String student = Hub.uniqueId("R");

        // LEA A creates a student: it sees it at once, LEA B does not, and the refusal names nothing
        String location = as(leaA).body("""
                {"studentUniqueId":"%s","firstName":"Mia","lastSurname":"Chen","birthDate":"2009-03-04"}
                """.formatted(student))
                .post("/data/v3/ed-fi/students")
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        as(leaA).get(location).then().statusCode(200).body("studentUniqueId", equalTo(student));
        String refusal = as(leaB).get(location)
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:ed-fi:api:security:authorization"))
                .extract()
                .asString();
        assertThat(refusal).doesNotContain(student);
        as(leaB).queryParam("studentUniqueId", student)
                .queryParam("totalCount", "true")
                .get("/data/v3/ed-fi/students")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0))
                .header("Total-Count", "0");

        // enrollments only at one's own schools
        String enrollmentAtA = """
                {"studentReference":{"studentUniqueId":"%s"},"schoolReference":{"schoolId":%d},
                 "entryDate":"2024-08-19","entryGradeLevelDescriptor":"uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"}
                """;
        as(leaA).body(enrollmentAtA.formatted(student, 255902001))
                .post("/data/v3/ed-fi/studentSchoolAssociations")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:ed-fi:api:security:authorization"));
        as(leaA).body(enrollmentAtA.formatted(student, 255901001))
                .post("/data/v3/ed-fi/studentSchoolAssociations")
                .then()
                .statusCode(201);
        // LEA B enrolls the same student (it transfers in) and can read it at once: student-service refreshes its
        // replica of enrollments before it refuses
        as(leaB).body(enrollmentAtA.formatted(student, 255902001))
                .post("/data/v3/ed-fi/studentSchoolAssociations")
                .then()
                .statusCode(201);
        as(leaB).get(location).then().statusCode(200);
        as(leaA).get(location).then().statusCode(200);
        // each LEA's enrollments list shows only its own school's enrollment
        as(leaA).queryParam("studentUniqueId", student)
                .get("/data/v3/ed-fi/studentSchoolAssociations")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].schoolReference.schoolId", equalTo(255901001));
        as(leaB).get("/data/v3/ed-fi/schools")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].schoolId", equalTo(255902001));
        // a school of another LEA cannot be changed, nor the descriptors of another namespace written
        as(leaA).body(school(255902001, "Renamed", 255901))
                .post("/data/v3/ed-fi/schools")
                .then()
                .statusCode(403);
        as(leaA).body("""
                {"codeValue":"X","namespace":"uri://lea-b.example.org/SexDescriptor","shortDescription":"X"}
                """)
                .post("/data/v3/ed-fi/sexDescriptors")
                .then()
                .statusCode(403)
                .body(
                        "type",
                        equalTo("urn:ed-fi:api:security:authorization:namespace:access-denied:namespace-mismatch"));
        // what the refused requests left: the school keeps its name and LEA
        given().baseUri(gateway.url())
                .queryParam("schoolId", 255902001)
                .get("/data/v3/ed-fi/schools")
                .then()
                .body("[0].nameOfInstitution", equalTo("Other High School"));
    }

    @Test
    @Order(16)
    void aStateSystemCopiesTheChangesOfEveryServiceThroughTheGatewaysChangeQueries() throws Exception {
        String reader = Hub.client(gateway.url(), given(), """
                        {"displayName":"state warehouse","claimSet":"StateSystemReader","educationOrganizationIds":[]}
                        """).token();
        long first = newest(reader);
        // the two services number their changes separately; after the gateway's checkpoint both are above it
        for (ServiceProcess service : List.of(students, enrollments)) {
            assertThat(given().baseUri(service.url())
                            .get("/changeQueries/v1/availableChangeVersions")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getLong("newestChangeVersion"))
                    .isGreaterThanOrEqualTo(first);
        }
        String student = newStudent();
        enroll(student).then().statusCode(201);
        long second = newest(reader);
        assertThat(second).isGreaterThan(first);
        // one window [first + 1, second] finds the student in student-service and the enrollment in
        // enrollment-service; the earlier window finds neither
        as(reader)
                .queryParam("minChangeVersion", first + 1)
                .queryParam("maxChangeVersion", second)
                .queryParam("studentUniqueId", student)
                .get("/data/v3/ed-fi/students")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1));
        as(reader)
                .queryParam("minChangeVersion", first + 1)
                .queryParam("maxChangeVersion", second)
                .queryParam("studentUniqueId", student)
                .get("/data/v3/ed-fi/studentSchoolAssociations")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1));
        as(reader)
                .queryParam("minChangeVersion", 0)
                .queryParam("maxChangeVersion", first)
                .queryParam("studentUniqueId", student)
                .get("/data/v3/ed-fi/students")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        List<String> changed = as(reader)
                .queryParam("minChangeVersion", first + 1)
                .queryParam("maxChangeVersion", second)
                .get("/changeQueries/v1/changedResources")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$", String.class);
        assertThat(changed).contains("students", "studentSchoolAssociations");
        // a delete after the second checkpoint is in the next window's /deletes and nowhere before
        String enrollment = as(reader)
                .queryParam("studentUniqueId", student)
                .get("/data/v3/ed-fi/studentSchoolAssociations")
                .then()
                .extract()
                .path("[0].id");
        given().baseUri(gateway.url())
                .delete("/data/v3/ed-fi/studentSchoolAssociations/" + enrollment)
                .then()
                .statusCode(204);
        long third = newest(reader);
        as(reader)
                .queryParam("minChangeVersion", second + 1)
                .queryParam("maxChangeVersion", third)
                .get("/data/v3/ed-fi/studentSchoolAssociations/deletes")
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem(enrollment));
        as(reader)
                .queryParam("minChangeVersion", 0)
                .queryParam("maxChangeVersion", second)
                .get("/data/v3/ed-fi/studentSchoolAssociations/deletes")
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(enrollment)));
        // checkpoints are the gateway's (a StateAdmin) to make, not a reader's
        given().auth()
                .oauth2(reader)
                .baseUri(students.url())
                .contentType(ContentType.JSON)
                .body("{\"atLeast\":1}")
                .post("/changeQueries/v1/checkpoints")
                .then()
                .statusCode(403);
    }

    static long newest(String token) {
        return as(token)
                .get("/changeQueries/v1/availableChangeVersions")
                .then()
                .statusCode(200)
                .body("oldestChangeVersion", equalTo(0))
                .header("correlation-id", notNullValue())
                .extract()
                .jsonPath()
                .getLong("newestChangeVersion");
    }

    @Test
    @Order(17)
    void anAdministratorReadsTheAccessLogOfEveryServiceThroughTheGateway() {
        String student = newStudent();
        enroll(student).then().statusCode(201);
        given().baseUri(gateway.url())
                .queryParam("studentUniqueId", student)
                .get("/data/v3/ed-fi/students")
                .then()
                .statusCode(200);
        given().baseUri(gateway.url())
                .queryParam("studentUniqueId", student)
                .get("/data/v3/ed-fi/studentSchoolAssociations")
                .then()
                .statusCode(200);
        var entries = given().baseUri(gateway.url())
                .queryParam("clientId", ADMIN)
                .queryParam("limit", 50)
                .get("/audit/v1/accesses")
                .then()
                .statusCode(200)
                .header("correlation-id", notNullValue())
                .extract()
                .jsonPath();
        List<String> services = entries.getList("service", String.class);
        assertThat(services).contains("student-service", "enrollment-service");
        assertThat(services).hasSizeLessThanOrEqualTo(50);
        List<String> times = entries.getList("accessedAt", String.class);
        for (int i = 1; i < times.size(); i++) {
            assertThat(java.time.Instant.parse(times.get(i)))
                    .isBeforeOrEqualTo(java.time.Instant.parse(times.get(i - 1)));
        }
        // the services' refusals pass through: filters they reject, callers who are no StateAdmin
        given().baseUri(gateway.url())
                .queryParam("limit", 0)
                .get("/audit/v1/accesses")
                .then()
                .statusCode(400);
        given().baseUri(gateway.url())
                .auth()
                .none()
                .get("/audit/v1/accesses")
                .then()
                .statusCode(401);
        String vendor = vendorToken("audit-vendor", 255901);
        as(vendor).get("/audit/v1/accesses").then().statusCode(403);
    }

    /**
     * stateEducationAgencies and educationServiceCenters are enrollment-service's resources: the state's SEA, stored
     * at enrollment-service's start, reaches student-service's replica, and an SEOA's educationOrganizationReference
     * resolves to it, or to an ESC created a moment ago (asked of enrollment-service), as in the ODS/API; an id no
     * organization has is 409 (https://docs.ed-fi.org/reference/data-exchange/data-standard/model-reference/education-organization-domain).
     */
    @Test
    @Order(18)
    void seoasReferenceTheStatesAgencyAndServiceCentersOfEnrollmentService() throws Exception {
        Hub.eventually(
                Duration.ofSeconds(10),
                () -> count(
                                "SELECT count(*) FROM student.replica_item"
                                        + " WHERE resource = 'stateEducationAgencies' AND body ->> 'stateEducationAgencyId' = '255950'")
                        == 1);
        post(enrollments, "educationServiceCenters", """
                {"educationServiceCenterId":255970,"nameOfInstitution":"Region 7 ESC",
                 "stateEducationAgencyReference":{"stateEducationAgencyId":255950},
                 "categories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#Education Service Center"}]}
                """).then().statusCode(201);
        String student = newStudent();
        associated(student, 255950);
        associated(student, 255970);
        refusedForAnUnknownOrganization(student, 255980);
    }
}
