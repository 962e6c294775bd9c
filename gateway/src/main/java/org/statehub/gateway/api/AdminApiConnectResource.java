package org.statehub.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.statehub.gateway.config.GatewayConfig;
import org.statehub.gateway.service.ClaimSets;
import org.statehub.gateway.service.ClientService;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;

/**
 * The Ed-Fi Admin API 2.x's token endpoints under {@code /adminapi/connect} (docs/decisions/0020, part 4):
 * {@code token} issues the hub's own signed token to a client whose claim set has hub administration
 * (docs/decisions/0023; the shipped {@code StateAdmin} and its copies), for the
 * scope {@code edfi_admin_api/full_access}, so a provisioning script changes only its base URL; the token is the
 * one {@code /oauth/token} gives, good for {@code /adminapi/v2} and {@code /admin/v1} alike. {@code register} is
 * off unless a state opens it ({@code ADMINAPI_REGISTRATION}); a state otherwise creates its Admin API clients as
 * StateAdmin clients of {@code /admin/v1/clients}.
 */
@Path("/adminapi/connect")
@Produces(MediaType.APPLICATION_JSON)
@RequiredArgsConstructor
public class AdminApiConnectResource {

    /** The one scope of the Admin API. */
    static final String SCOPE = "edfi_admin_api/full_access";

    private final ClientService clients;
    private final ObjectMapper mapper;
    private final GatewayConfig config;
    private final ClaimSets claimSets;

    @POST
    @Path("token")
    public Response token(@BeanParam TokenRequest.Headers headers, byte[] body) {
        return TokenRequest.answer(headers, body, mapper, clients, this::issue);
    }

    /** The Admin API's token for a StateAdmin client asking for its scope. */
    private Response issue(TokenRequest.Authenticated caller) {
        if (!SCOPE.equals(caller.fields().get("scope"))) {
            return TokenResource.error(400, "invalid_scope", "The scope must be " + SCOPE + ".");
        }
        if (!claimSets.administers(caller.client().claimSet())) {
            return TokenResource.error(
                    400,
                    "unauthorized_client",
                    "Only a client whose claim set has hub administration may use the" + " Admin API.");
        }
        ClientService.Token token = clients.issue(caller.client(), null);
        return Response.ok(new TokenResource.TokenResponse(token.accessToken(), token.expiresIn(), "bearer", SCOPE))
                .header("Cache-Control", "no-store")
                .build();
    }

    /**
     * Self-registration of an Admin API client ({@code ClientId}, {@code ClientSecret}, {@code DisplayName} of a
     * form): a StateAdmin client of that id and secret. Off unless {@code gateway.adminapi.registration} is set
     * (an unauthenticated endpoint that makes state administrators); then, and for a request that is not valid,
     * 400, the one refusal the Admin API's specification gives this endpoint.
     */
    @POST
    @Path("register")
    public Response register(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        if (!config.adminapi().registration()) {
            return ProblemResponses.of(Problems.badRequest(
                    "Registration of Admin API clients is disabled in this hub: a state administrator creates a"
                            + " StateAdmin client at /admin/v1/clients."));
        }
        Map<String, String> fields;
        try {
            fields = RequestFields.read(contentType, body, mapper);
        } catch (IllegalArgumentException e) {
            return ProblemResponses.of(Problems.badRequest(e.getMessage()));
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String clientId = fields.get("ClientId");
        String secret = fields.get("ClientSecret");
        String displayName = fields.get("DisplayName");
        AdminApiLists.requiredText(clientId, "ClientId", "ClientId", errors);
        AdminApiLists.requiredText(displayName, "DisplayName", "DisplayName", errors);
        if (secret == null || secret.length() < 32 || secret.length() > 128 || !AdminApiLists.storable(secret)) {
            errors.put(
                    "$.ClientSecret",
                    List.of("ClientSecret must be 32 to 128 characters, without control characters."));
        }
        if (errors.isEmpty() && !clients.register(clientId.trim(), secret, displayName.trim())) {
            errors.put("$.ClientId", List.of("A client with id '" + clientId.trim() + "' already exists."));
        }
        if (!errors.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(errors));
        }
        return Response.ok(new Registered(clientId.trim(), displayName.trim())).build();
    }

    /** A registered client (its secret is the one its owner sent). */
    public record Registered(String clientId, String displayName) {}
}
