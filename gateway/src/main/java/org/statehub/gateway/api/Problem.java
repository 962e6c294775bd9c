package org.statehub.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** An Ed-Fi problem-details body, as the services write them (edfi-core's {@code Problems}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail,
                      @JsonInclude(JsonInclude.Include.ALWAYS) String correlationId,
                      Map<String, List<String>> validationErrors, List<String> errors) {

    static Response authentication(String error) {
        return response(new Problem("urn:ed-fi:api:security:authentication", "Authentication Failed", 401,
                "The caller could not be authenticated.", null, null, List.of(error)));
    }

    static Response authorization(String error) {
        return response(new Problem("urn:ed-fi:api:security:authorization", "Authorization Denied", 403,
                "Access to the requested data could not be authorized.", null, null, List.of(error)));
    }

    static Response notFound() {
        return response(new Problem("urn:ed-fi:api:not-found", "Not Found", 404,
                "The specified item could not be found.", null, null, null));
    }

    static Response invalid(Map<String, List<String>> errors) {
        return response(new Problem("urn:ed-fi:api:bad-request:data-validation-failed", "Data Validation Failed",
                400, "Data validation failed. See 'validationErrors' for details.", null, errors, null));
    }

    static Response response(Problem problem) {
        return Response.status(problem.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(problem).build();
    }
}
