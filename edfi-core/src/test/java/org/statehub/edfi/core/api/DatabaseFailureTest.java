package org.statehub.edfi.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.statehub.http.Problem;
import org.statehub.http.ProblemMappers;
import org.statehub.jdbc.StoreException;

class DatabaseFailureTest {

    @Test
    void anUnreachableOrRestartingDatabaseAnswers503WithRetryAfter() {
        for (String state : new String[] {"08001", "08006", "57P01", "53300"}) {
            Response response = ProblemMappers.databaseFailure(new SQLException("down", state), "c-1");
            assertThat(response.getStatus()).as(state).isEqualTo(503);
            assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
            assertThat(((Problem) response.getEntity()).correlationId()).isEqualTo("c-1");
        }
        assertThat(ProblemMappers.databaseFailure(new SQLException("Sorry, acquisition timeout!"), "c")
                        .getStatus())
                .isEqualTo(503);
    }

    @Test
    void otherDatabaseFailuresAnswer500WithoutTheirCause() {
        Response response = ProblemMappers.databaseFailure(new SQLException("secret detail", "XX000"), "c-2");
        assertThat(response.getStatus()).isEqualTo(500);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.type()).isEqualTo("urn:ed-fi:api:system");
        assertThat(problem.detail()).doesNotContain("secret");
    }

    @Test
    void aValueTheDatabaseRefusesAnswers400AndAnIntegrityRule409WithoutSqlText() {
        Response nul = ProblemMappers.databaseFailure(
                new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 in INSERT INTO x", "22021"),
                "c-3");
        assertThat(nul.getStatus()).isEqualTo(400);
        assertThat(nul.getMediaType().toString()).isEqualTo("application/problem+json");
        Problem problem = (Problem) nul.getEntity();
        assertThat(problem.type()).isEqualTo("urn:ed-fi:api:bad-request");
        assertThat(problem.toString()).doesNotContain("INSERT").doesNotContain("0x00");
        assertThat(ProblemMappers.databaseFailure(new SQLException("numeric out of range", "22003"), "c")
                        .getStatus())
                .isEqualTo(400);
        assertThat(ProblemMappers.databaseFailure(new SQLException("duplicate key", "23505"), "c")
                        .getStatus())
                .isEqualTo(409);
    }

    @Test
    void aDatabaseRefusingTheDataAnswers400Or409WithoutItsCause() {
        for (String[] expected : new String[][] {
            {"22P05", "400"}, {"22003", "400"}, {"22021", "400"}, {"54000", "400"}, {"23505", "409"}, {"23503", "409"}
        }) {
            Response response = ProblemMappers.databaseFailure(
                    new SQLException("ERROR: INSERT INTO document secret", expected[0]), "c-3");
            assertThat(response.getStatus()).as(expected[0]).isEqualTo(Integer.parseInt(expected[1]));
            Problem problem = (Problem) response.getEntity();
            assertThat(problem.correlationId()).isEqualTo("c-3");
            assertThat(String.valueOf(problem.detail()) + problem.errors()).doesNotContain("secret", "INSERT");
            assertThat(response.getHeaderString("Retry-After")).isNull();
        }
    }

    @Test
    void aStoreExceptionIsAnsweredAsTheDatabaseFailureItCarries() {
        Response unavailable = ProblemMappers.failure(new StoreException(new SQLException("down", "08006")), "c-4");
        assertThat(unavailable.getStatus()).isEqualTo(503);
        assertThat(unavailable.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((Problem) unavailable.getEntity()).correlationId()).isEqualTo("c-4");
        Response refused =
                ProblemMappers.failure(new StoreException(new SQLException("numeric out of range", "22003")), "c");
        assertThat(refused.getStatus()).isEqualTo(400);
        Response other = ProblemMappers.failure(new IllegalStateException("no database involved"), "c-5");
        assertThat(other.getStatus()).isEqualTo(500);
        assertThat(((Problem) other.getEntity()).correlationId()).isEqualTo("c-5");
    }
}
