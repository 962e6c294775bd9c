package org.statehub.edfi.core.api;

import jakarta.ws.rs.core.Response;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.statehub.http.Problem;

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
}
