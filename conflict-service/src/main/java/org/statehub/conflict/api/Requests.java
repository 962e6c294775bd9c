package org.statehub.conflict.api;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import lombok.RequiredArgsConstructor;
import org.statehub.conflict.service.Caller;
import org.statehub.http.Administration;
import org.statehub.http.ClientDirectory;
import org.statehub.http.Correlation;
import org.statehub.http.Problem;
import org.statehub.http.ProblemResponses;
import org.statehub.http.oidc.VerifiedCaller;

/**
 * What the worklist resources read of the current request: who calls (the token's claims, read by hub-oidc's {@link VerifiedCaller}, and, for a client of
 * some organizations, the gateway's client directory) and the correlation id their problem answers carry.
 */
@Singleton
@RequiredArgsConstructor
class Requests {

    private final VerifiedCaller verified;
    private final ClientDirectory directory;
    private final Administration administration;
    private final Correlation correlation;

    Caller caller() {
        return Caller.of(verified.claims(), directory, administration);
    }

    String correlationId() {
        return correlation.id();
    }

    Response problem(Problem problem) {
        return ProblemResponses.of(problem, correlation.id());
    }
}
