package org.statehub.simulator.api;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one factory of problem details (RFC 9457) the simulator answers with: {@code type}, {@code title},
 * {@code status}, {@code detail}, and for a rejected change {@code index} and {@code reason}.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String URN = "urn:acme-sis:problem:";

    private Problems() {}

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, body(400, "bad-request", "Bad Request", detail));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, body(404, "not-found", "Not Found", detail));
    }

    /** A change of a batch was refused; nothing of the batch was applied. */
    public static ProblemException badChange(int index, String reason) {
        Map<String, Object> body = body(
                400,
                "bad-change",
                "Change Rejected",
                "change " + index + ": " + reason + "; nothing of this request was applied");
        body.put("index", index);
        body.put("reason", reason);
        return new ProblemException(400, body);
    }

    public static Map<String, Object> unauthorized() {
        return body(401, "unauthorized", "Unauthorized", "The header X-API-Key is missing or does not match.");
    }

    /** The body of the "error" fault. */
    public static Map<String, Object> simulatedError() {
        return body(
                500,
                "internal-error",
                "Internal Server Error",
                "Acme SIS could not process the request (simulated fault).");
    }

    /** For what JAX-RS refuses before a resource method runs (unknown path, method, media type). */
    public static ProblemException ofStatus(Response.StatusType status, String detail) {
        return new ProblemException(
                status.getStatusCode(),
                body(
                        status.getStatusCode(),
                        status.getReasonPhrase().toLowerCase().replace(' ', '-'),
                        status.getReasonPhrase(),
                        detail));
    }

    static Map<String, Object> body(int status, String type, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", URN + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return body;
    }

    public static Response response(ProblemException e) {
        return Response.status(e.status()).type(MEDIA_TYPE).entity(e.body()).build();
    }
}
