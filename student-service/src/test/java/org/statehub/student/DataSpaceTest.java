package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.statehub.student.ApiTestSupport.BASE;
import static org.statehub.student.ApiTestSupport.student;
import static org.statehub.student.ApiTestSupport.uniqueId;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.SettingsProfile;
import org.statehub.testing.TestDirectory;
import org.statehub.testing.TestTokens;

/**
 * School-year data spaces (docs/decisions/0020, part 5, step 17): with the years 2026 and 2027 configured, each is a
 * schema of its own ({@code student_2026}, {@code student_2027}) picked by the request's {@code Hub-Data-Space}
 * header, so items, change versions and tombstones of one year are never seen in the other; a year not served is
 * 404, a year the client is not granted 403, and a pooled connection never keeps a year's schema for its next
 * borrower.
 */
@QuarkusTest
@TestProfile(DataSpaceTest.TwoYears.class)
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class DataSpaceTest {

    /** The years 2026 and 2027 served. */
    public static class TwoYears extends SettingsProfile {
        public TwoYears() {
            super(Map.of("hub.instances.route", "school-year", "hub.instances.years", "2027,2026"));
        }
    }

    @Inject
    AgroalDataSource dataSource;

    private static RequestSpecification in(String year) {
        return given().header(DataSpaces.HEADER, year);
    }

    private static String create(String year, String uniqueId) {
        Response response = in(year).contentType(ContentType.JSON)
                .body(student(uniqueId).toString())
                .post(BASE + "students");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        String location = response.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static int found(String year, String uniqueId) {
        return in(year).queryParam("studentUniqueId", uniqueId)
                .get(BASE + "students")
                .then()
                .statusCode(200)
                .extract()
                .path("size()");
    }

    private static long newest(String year) {
        return in(year).get("/changeQueries/v1/availableChangeVersions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("newestChangeVersion");
    }

    @Test
    void aStudentOfOneYearIsNotSeenInTheOther() {
        String uniqueId = uniqueId();
        String id = create("2026", uniqueId);
        assertThat(found("2026", uniqueId)).isEqualTo(1);
        assertThat(found("2027", uniqueId)).isZero();
        in("2026").get(BASE + "students/" + id).then().statusCode(200).body("studentUniqueId", equalTo(uniqueId));
        in("2027").get(BASE + "students/" + id).then().statusCode(404);

        // the same student in 2027 is another item, changed there without touching 2026's
        String other = create("2027", uniqueId);
        assertThat(other).isNotEqualTo(id);
        in("2027").get(BASE + "students/" + id).then().statusCode(404);
        in("2026").get(BASE + "students/" + other).then().statusCode(404);
    }

    @Test
    void eachYearHasItsOwnChangeVersionsAndTombstones() {
        long before2026 = newest("2026");
        long before2027 = newest("2027");
        String uniqueId = uniqueId();
        String id = create("2026", uniqueId);
        create("2026", uniqueId()); // a second change in 2026 only
        assertThat(newest("2026")).isGreaterThan(before2026);
        assertThat(newest("2027")).isEqualTo(before2027);

        in("2026").delete(BASE + "students/" + id).then().statusCode(204);
        in("2026")
                .queryParam("minChangeVersion", before2026 + 1)
                .get(BASE + "students/deletes")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].id", equalTo(id));
        in("2027")
                .queryParam("minChangeVersion", 0)
                .get(BASE + "students/deletes")
                .then()
                .statusCode(200)
                .body("findAll { it.id == '" + id + "' }.size()", equalTo(0));
        assertThat(newest("2027")).isEqualTo(before2027);
    }

    @Test
    void aYearNotServedIsNotFoundAndARequestWithoutAYearToo() {
        in("2031").get(BASE + "students").then().statusCode(404).body("type", equalTo("urn:ed-fi:api:not-found"));
        in("next").get(BASE + "students").then().statusCode(404);
        given().get(BASE + "students").then().statusCode(404).body("type", equalTo("urn:ed-fi:api:not-found"));
        given().get("/changeQueries/v1/availableChangeVersions").then().statusCode(404);
    }

    @Test
    void aClientReachesOnlyTheYearsItIsGranted() {
        String clientId = "year-reader-" + uniqueId();
        String token = TestTokens.token(clientId, "StateSystemReader", List.of(), List.of(), 1800);
        TestDirectory.register(clientId, "StateSystemReader", List.of(), List.of(), List.of("2026"));
        String uniqueId = uniqueId();
        create("2026", uniqueId);

        in("2026")
                .auth()
                .oauth2(token)
                .queryParam("studentUniqueId", uniqueId)
                .get(BASE + "students")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1));
        in("2027")
                .auth()
                .oauth2(token)
                .get(BASE + "students")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:ed-fi:api:security:authorization"));
        // without a token the year is not looked at: the request is not authenticated
        in("2026").auth().none().get(BASE + "students").then().statusCode(401);
    }

    @Test
    void aPooledConnectionNeverKeepsTheSchemaOfTheWorkBefore() throws SQLException {
        int backend;
        try (Connection c = dataSource.getConnection()) {
            assertThat(schema(c)).isEqualTo("student");
        }
        backend = DataSpaces.within(Optional.of("2026"), () -> {
            try (Connection c = dataSource.getConnection()) {
                assertThat(schema(c)).isEqualTo("student_2026");
                return backendOf(c);
            }
        });
        // the same pooled connection (found again among the pool's), now taken outside any year
        boolean seen = false;
        for (int i = 0; i < 64 && !seen; i++) {
            try (Connection c = dataSource.getConnection()) {
                if (backendOf(c) == backend) {
                    seen = true;
                    assertThat(schema(c)).isEqualTo("student");
                }
            }
        }
        assertThat(seen).as("the connection that served 2026 was taken again").isTrue();

        // and through the API, requests alternating between the years each see only their own item
        String uniqueId = uniqueId();
        create("2027", uniqueId);
        for (int i = 0; i < 5; i++) {
            assertThat(found("2026", uniqueId)).isZero();
            assertThat(found("2027", uniqueId)).isEqualTo(1);
        }
    }

    private static String schema(Connection c) throws SQLException {
        try (ResultSet rows = c.createStatement().executeQuery("SELECT current_schema()")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static int backendOf(Connection c) throws SQLException {
        try (ResultSet rows = c.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
