package org.statehub.gateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.statehub.http.ProblemMappers;

/**
 * A database failure leaves the gateway's stores unchecked, and is still answered as the database failure it
 * carries (hub-http's mappers read its cause), as it was when the resources declared the SQLException.
 */
class GatewayStoreExceptionTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void anUnreachableDatabaseIsA503ToRepeat() {
        Response answer = mappers.unexpected(new GatewayStoreException(new SQLException("refused", "08001")));

        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo("5");
    }

    @Test
    void aBrokenIntegrityRuleIsA409() {
        Response answer = mappers.unexpected(new GatewayStoreException(new SQLException("duplicate key", "23505")));

        assertThat(answer.getStatus()).isEqualTo(409);
    }
}
