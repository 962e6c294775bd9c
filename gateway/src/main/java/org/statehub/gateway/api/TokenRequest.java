package org.statehub.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import org.statehub.gateway.persistence.ApiClient;
import org.statehub.gateway.service.ClientService;

/**
 * A client-credentials token request as read from its {@code Authorization} header and body, for both token
 * endpoints ({@code /oauth/token} and the Admin API's {@code /adminapi/connect/token}): the credentials in a Basic
 * header or as {@code client_id}/{@code client_secret} fields of a form or JSON body (not both), or the OAuth error
 * that refuses the request before any client is looked up.
 */
sealed interface TokenRequest {

    /** A request that names a client: its id and secret, and every field of the body. */
    record Read(Map<String, String> fields, String clientId, String secret) implements TokenRequest {}

    /** A request of a client that is known, usable and gave its secret: the client and every field of the body. */
    record Authenticated(Map<String, String> fields, ApiClient client) implements TokenRequest {}

    /** A request refused with the OAuth {@code error}. */
    record Refused(int status, String error, String description) implements TokenRequest {}

    /** The headers of a token request that carry its client's credentials and its body's form. */
    record Headers(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {}

    /**
     * The answer to a token request: what {@code issue} answers for the client {@code clients} authenticates, or
     * the refusal (401 {@code invalid_client}; 400 for a malformed request or another grant type).
     */
    static Response answer(
            Headers headers,
            byte[] body,
            ObjectMapper mapper,
            ClientService clients,
            Function<Authenticated, Response> issue) {
        TokenRequest request = of(headers.authorization(), headers.contentType(), body, mapper);
        if (request instanceof Read read) {
            request = clients.authenticate(read.clientId(), read.secret())
                    .<TokenRequest>map(client -> new Authenticated(read.fields(), client))
                    .orElse(new Refused(401, "invalid_client", "The client could not be authenticated."));
        }
        return request instanceof Authenticated caller ? issue.apply(caller) : TokenResource.error((Refused) request);
    }

    static TokenRequest of(String authorization, String contentType, byte[] body, ObjectMapper mapper) {
        Map<String, String> fields;
        try {
            fields = RequestFields.read(contentType, body, mapper);
        } catch (IllegalArgumentException e) {
            return new Refused(400, "invalid_request", e.getMessage());
        }
        if (!"client_credentials".equals(fields.get("grant_type"))) {
            return new Refused(400, "unsupported_grant_type", "Only the client_credentials grant type is supported.");
        }
        String clientId = fields.get("client_id");
        String secret = fields.get("client_secret");
        if (authorization != null) {
            String[] scheme = authorization.trim().split("\\s+", 2);
            if (!scheme[0].equalsIgnoreCase("Basic")) {
                return new Refused(401, "invalid_client", "Only the Basic authorization scheme is accepted here.");
            }
            if (clientId != null || secret != null) {
                return new Refused(
                        400,
                        "invalid_client",
                        "Send the credentials either in the Authorization header or " + "in the body, not both.");
            }
            String decoded;
            try {
                decoded = scheme.length < 2
                        ? ""
                        : new String(Base64.getDecoder().decode(scheme[1].trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new Refused(400, "invalid_request", "The Authorization header is not valid Basic credentials.");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return new Refused(400, "invalid_request", "The Authorization header is not valid Basic credentials.");
            }
            clientId = decoded.substring(0, colon);
            secret = decoded.substring(colon + 1);
        }
        if (fields.values().stream().anyMatch(TokenRequest::hasControlCharacter)
                || (clientId != null && hasControlCharacter(clientId))
                || (secret != null && hasControlCharacter(secret))) {
            return new Refused(400, "invalid_request", "The request's fields must not contain control characters.");
        }
        if (clientId == null || clientId.isEmpty() || secret == null || secret.isEmpty()) {
            return new Refused(401, "invalid_request", "The client id and secret are required.");
        }
        return new Read(fields, clientId, secret);
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
