package org.statehub.conflict.api;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.statehub.conflict.service.Caller;
import org.statehub.http.ClientDirectory;
import org.statehub.http.Correlation;
import org.statehub.http.Problem;
import org.statehub.http.ProblemResponses;

/**
 * What the worklist resources read of the current request: who calls (the token's claims and, for a client of
 * some organizations, the gateway's client directory) and the correlation id their problem answers carry.
 */
@Singleton
class Requests {

    @Inject
    JsonWebToken token;

    @Inject
    ClientDirectory directory;

    @Inject
    Correlation correlation;

    Caller caller() {
        return Caller.of(token, directory);
    }

    String correlationId() {
        return correlation.id();
    }

    Response problem(Problem problem) {
        return ProblemResponses.of(problem, correlation.id());
    }
}
