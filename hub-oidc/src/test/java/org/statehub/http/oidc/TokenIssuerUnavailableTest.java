package org.statehub.http.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.oidc.OIDCException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.statehub.http.Problem;
import org.statehub.http.ProblemResponses;

class TokenIssuerUnavailableTest {

    @Test
    void anUnreachableTokenIssuerIs503ProblemDetailsWithRetryAfter() {
        Response response = new TokenIssuerUnavailable().oidcUnavailable(new OIDCException("connection refused"));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(response.getMediaType().toString()).isEqualTo(ProblemResponses.PROBLEM_JSON);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.type()).isEqualTo("urn:ed-fi:api:system:unavailable");
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.detail()).contains("token issuer is not reachable").doesNotContain("connection refused");
    }
}
