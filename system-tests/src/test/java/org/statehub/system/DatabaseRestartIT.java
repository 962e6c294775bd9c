package org.statehub.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fault: the database is stopped under the running system and started again on the same data. While it is down
 * a write is refused with a clear problem (nothing half-written); once it is back, the services take writes again
 * without a restart of their own, everything written before is there once, and the replicas catch up.
 */
class DatabaseRestartIT {

    private static final String ADMIN = "restart-admin";
    private static final String ADMIN_SECRET = "restart-admin-secret-0123456789";

    private static Path dataDirectory;
    private static int port;
    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
    private static Hub hub;
    private static String token;

    static io.zonky.test.db.postgres.embedded.EmbeddedPostgres startPostgres() throws Exception {
        return io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "off")
                .setServerConfig("max_connections", "100")
                .start();
    }

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(Path.of("target"));
        dataDirectory =
                Files.createTempDirectory(Path.of("target"), "restart-pg-").toAbsolutePath();
        port = ServiceProcess.freePort();
        postgres = startPostgres();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE statehub_restart");
        }
        hub = Hub.start(
                new Database(postgres.getJdbcUrl("postgres", "statehub_restart"), "postgres", "postgres"),
                ADMIN,
                ADMIN_SECRET);
        token = hub.adminToken();
    }

    @AfterAll
    static void stop() throws Exception {
        Hub.stop(hub);
        if (postgres != null) {
            postgres.close();
        }
    }

    static RequestSpecification api() {
        return given().auth().oauth2(token).baseUri(hub.gatewayUrl).contentType(ContentType.JSON);
    }

    static Response student(String id) {
        return api().body("""
                {"studentUniqueId":"%s","firstName":"Ngozi","lastSurname":"Eze","birthDate":"2010-03-04"}
                """.formatted(id)).post("/data/v3/ed-fi/students");
    }

    static long students() {
        return Long.parseLong(api().queryParam("totalCount", true)
                .queryParam("limit", 0)
                .get("/data/v3/ed-fi/students")
                .then()
                .statusCode(200)
                .extract()
                .header("Total-Count"));
    }

    @Test
    void aDatabaseRestartLosesNothingAndTheServicesRecoverByThemselves() throws Exception {
        for (int i = 0; i < 20; i++) {
            student("R" + (100 + i)).then().statusCode(201);
        }
        assertThat(students()).isEqualTo(20);

        postgres.close(); // the data directory stays
        Response refused = student("R900");
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(refused.jsonPath().getString("type")).startsWith("urn:ed-fi:api:system");
        assertThat(refused.jsonPath().getString("correlationId")).isNotBlank();

        postgres = startPostgres();
        // the connection pools find the database again on their own
        Hub.eventually(Duration.ofSeconds(60), () -> student("R901").statusCode() == 201);
        // the refused write left nothing; everything from before is there once
        assertThat(students()).isEqualTo(21);
        api().queryParam("studentUniqueId", "R900")
                .get("/data/v3/ed-fi/students")
                .then()
                .statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));
        for (int i = 0; i < 20; i++) {
            api().queryParam("studentUniqueId", "R" + (100 + i))
                    .get("/data/v3/ed-fi/students")
                    .then()
                    .statusCode(200)
                    .body("size()", org.hamcrest.Matchers.equalTo(1));
        }
        // enrollment-service's replica of students catches up through the change queries
        Hub.eventually(
                Duration.ofSeconds(60),
                () -> hub.database.count("SELECT count(*) FROM enrollment.replica_item WHERE resource = 'students'")
                        == 21);
    }
}
