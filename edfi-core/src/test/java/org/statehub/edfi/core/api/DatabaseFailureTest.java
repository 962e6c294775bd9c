package org.statehub.edfi.core.api;

import jakarta.ws.rs.core.Response;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.statehub.edfi.core.problem.Problem;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFailureTest {

    @Test
    void anUnreachableOrRestartingDatabaseAnswers503WithRetryAfter() {
        for (String state : new String[] {"08001", "08006", "57P01", "53300"}) {
            Response response = ExceptionMappers.databaseFailure(new SQLException("down", state), "c-1");
            assertThat(response.getStatus()).as(state).isEqualTo(503);
            assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
            assertThat(((Problem) response.getEntity()).correlationId()).isEqualTo("c-1");
        }
        assertThat(ExceptionMappers.databaseFailure(new SQLException("Sorry, acquisition timeout!"), "c")
                .getStatus()).isEqualTo(503);
    }

    @Test
    void otherDatabaseFailuresAnswer500WithoutTheirCause() {
        Response response = ExceptionMappers.databaseFailure(new SQLException("secret detail", "XX000"), "c-2");
        assertThat(response.getStatus()).isEqualTo(500);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.type()).isEqualTo("urn:ed-fi:api:system");
        assertThat(problem.detail()).doesNotContain("secret");
    }

    @Test
    void aDatabaseRefusingTheDataAnswers400Or409WithoutItsCause() {
        for (String[] expected : new String[][] {{"22P05", "400"}, {"22003", "400"}, {"22021", "400"},
                {"54000", "400"}, {"23505", "409"}, {"23503", "409"}}) {
            Response response = ExceptionMappers.databaseFailure(
                    new SQLException("ERROR: INSERT INTO document secret", expected[0]), "c-3");
            assertThat(response.getStatus()).as(expected[0]).isEqualTo(Integer.parseInt(expected[1]));
            Problem problem = (Problem) response.getEntity();
            assertThat(problem.correlationId()).isEqualTo("c-3");
            assertThat(String.valueOf(problem.detail()) + problem.errors()).doesNotContain("secret", "INSERT");
            assertThat(response.getHeaderString("Retry-After")).isNull();
        }
        java.sql.BatchUpdateException batch = new java.sql.BatchUpdateException("Batch entry 0 INSERT INTO x",
                (String) null, new int[0]);
        batch.setNextException(new SQLException("value", "22P05"));
        assertThat(ExceptionMappers.databaseFailure(batch, "c").getStatus()).isEqualTo(400);
    }
}
