package org.statehub.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.SisConnection;
import org.statehub.jdbc.Sql;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.TestTokens;

/**
 * A batch with a record the hub cannot hold: the good records are published, the bad one gets its own data error,
 * and no answer, run reason or error quotes SQL.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class BadRecordsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ConnectionStore connections;

    private SisConnection pushConnection() throws Exception {
        return TestConnections.push(dataSource, connections);
    }

    @Test
    void aPushWithANulInOneRecordPublishesTheOthersAndHoldsThatOneWithItsOwnError() throws Exception {
        SisConnection connection = pushConnection();
        String batch = """
                {"records":[
                  {"sourceId":"S-1","studentUniqueId":"nul-test-701","firstName":"Ana","lastSurname":"Lee","birthDate":"2010-01-01"},
                  {"sourceId":"S-2","studentUniqueId":"nul-test-702","firstName":"Bad\\u0000Name","lastSurname":"Lee","birthDate":"2010-01-01"},
                  {"sourceId":"S-\\u0000","studentUniqueId":"nul-test-703","firstName":"Cy","lastSurname":"Lee","birthDate":"2010-01-01"},
                  {"sourceId":"S-4","studentUniqueId":"nul-test-704","firstName":"Di","lastSurname":"Lee","birthDate":"2010-01-01"}],
                 "deletes":["S-\\u0000-gone"]}
                """;
        TestConnections.pushed(
                given().auth()
                        .oauth2(TestTokens.token("own-lea", "SISVendor", List.of(255901L), List.of(), 600))
                        .contentType(ContentType.JSON)
                        .body(batch)
                        .post("/feed/v1/connections/" + connection.id() + "/push/students")
                        .then(),
                4,
                2,
                2,
                0);

        List<String> queued;
        List<String> runs;
        try (Connection c = dataSource.getConnection()) {
            queued = Sql.list(
                    c,
                    "SELECT source_id FROM outbox WHERE connection_id = ? ORDER BY source_id",
                    rs -> rs.getString(1),
                    connection.id());
            runs = Sql.list(
                    c,
                    "SELECT status || ' ' || coalesce(reason, '-') FROM feed_run WHERE connection_id = ?",
                    rs -> rs.getString(1),
                    connection.id());
        }
        assertThat(queued).containsExactly("S-1", "S-4");
        assertThat(runs).containsExactly("succeeded -");
        given().auth()
                .oauth2(TestTokens.stateAdmin())
                .queryParam("connectionId", connection.id())
                .get("/feed/v1/errors")
                .then()
                .statusCode(200)
                .body("$", hasSize(2))
                .body("code", org.hamcrest.Matchers.everyItem(equalTo("nul-character")))
                .body("find { it.sourceId == 'S-2' }.message", containsString("$.firstName contains a NUL"))
                .body("find { it.sourceId == 'S-2' }.record", org.hamcrest.Matchers.nullValue())
                .body("find { it.sourceId == null }.message", containsString("sourceId contains a NUL"))
                .body(not(containsString("INSERT")));
        given().get("/q/health/well")
                .then()
                .statusCode(200)
                .body(
                        "checks.find { it.name == 'open-data-errors' }.data.'nul-character'",
                        org.hamcrest.Matchers.greaterThanOrEqualTo(2));
    }
}
