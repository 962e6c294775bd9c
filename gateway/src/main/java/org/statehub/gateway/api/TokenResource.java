package org.statehub.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.statehub.gateway.service.ClientService;
import org.statehub.http.Correlation;
import org.statehub.http.Problem;
import org.statehub.http.Problems;

/**
 * {@code POST /oauth/token}: OAuth 2 client credentials, as Ed-Fi ODS/API clients send them (RESOURCES.md 2.10):
 * credentials in a Basic {@code Authorization} header or as {@code client_id}/{@code client_secret} fields of a
 * form or JSON body (not both), an optional {@code scope} naming one of the client's education organizations.
 * Errors use the OAuth form {@code {"error", "error_description"}} (RFC 6749 5.2, {@code application/json}), with
 * the problem-details members every other error of the hub has ({@code type}, {@code title}, {@code status},
 * {@code detail}, {@code correlationId}) in the same object.
 */
@Path("/oauth/token")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    ClientService clients;

    @Inject
    ObjectMapper mapper;

    /** The token response. */
    public record TokenResponse(
            String access_token,
            long expires_in,
            String token_type,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String scope) {}

    /** An OAuth error body that is also a problem-details body. */
    public record OAuthError(
            String error,
            String error_description,
            String type,
            String title,
            int status,
            String detail,
            String correlationId) {}

    @POST
    public Response token(@BeanParam TokenRequest.Headers headers, byte[] body) {
        return TokenRequest.answer(headers, body, mapper, clients, this::issue);
    }

    /** The token of an authenticated client, narrowed to the organization its {@code scope} names, if any. */
    private Response issue(TokenRequest.Authenticated caller) {
        Long scope = null;
        String scopeText = caller.fields().get("scope");
        if (scopeText != null && !scopeText.isBlank()) {
            try {
                scope = Long.parseLong(scopeText.trim());
            } catch (NumberFormatException e) {
                return error(400, "invalid_scope", "The scope must be an education organization id.");
            }
            if (!caller.client().educationOrganizationIds().contains(scope)) {
                return error(
                        400,
                        "invalid_scope",
                        "The client is not associated with education organization " + scope + ".");
            }
        }
        ClientService.Token token = clients.issue(caller.client(), scope);
        return Response.ok(new TokenResponse(token.accessToken(), token.expiresIn(), "bearer", token.scope()))
                .header("Cache-Control", "no-store")
                .build();
    }

    static Response error(TokenRequest.Refused refused) {
        return error(refused.status(), refused.error(), refused.description());
    }

    static Response error(int status, String error, String description) {
        Problem problem = status == 401 ? Problems.unauthenticated(description) : Problems.badRequest(description);
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .entity(new OAuthError(
                        error,
                        description,
                        problem.type(),
                        problem.title(),
                        status,
                        problem.detail(),
                        Correlation.current()))
                .build();
    }
}
