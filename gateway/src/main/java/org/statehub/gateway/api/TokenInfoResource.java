package org.statehub.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.security.Action;
import org.statehub.edfi.contract.security.ClaimSetMatrix;
import org.statehub.gateway.persistence.ApiClient;
import org.statehub.gateway.service.ClaimSets;
import org.statehub.gateway.service.ClientService;
import org.statehub.gateway.service.OrganizationNames;
import org.statehub.gateway.service.SigningKeys;
import org.statehub.http.Correlation;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.TokenClaims;

/**
 * {@code POST /oauth/token_info}, as the Ed-Fi ODS/API 7.3 has it: with a bearer token, and the same token in the
 * {@code token} field of a form or JSON body, the client's education organizations (with names and types), its
 * namespace prefixes, claim set and what it may do with each resource. A missing or malformed {@code token} is
 * 400, a token this gateway did not sign or that has expired 404, another client's token 401, as in the ODS/API.
 */
@Path("/oauth/token_info")
@Produces(MediaType.APPLICATION_JSON)
public class TokenInfoResource {

    private static final Logger LOG = Logger.getLogger(TokenInfoResource.class);

    /** The answer, member for member as the ODS/API's token info. */
    public record TokenInfo(
            boolean active,
            String client_id,
            List<String> namespace_prefixes,
            List<OrganizationNames.Organization> education_organizations,
            List<String> assigned_profiles,
            ClaimSet claim_set,
            List<ResourceOperations> resources,
            List<ServiceOperations> services) {}

    /** The claim set's name. */
    public record ClaimSet(String name) {}

    /** What the client may do with one resource. */
    public record ResourceOperations(String resource, List<String> operations) {}

    /** What the client may do with one service (the hub has none of the ODS's services, such as identity). */
    public record ServiceOperations(String service, List<String> operations) {}

    @Inject
    SigningKeys keys;

    @Inject
    ClientService clients;

    @Inject
    OrganizationNames names;

    @Inject
    ResourceCatalog catalog;

    @Inject
    ObjectMapper mapper;

    @Inject
    ClaimSets claimSets;

    @Inject
    org.statehub.gateway.persistence.ProfileRepository profiles;

    @POST
    public Response tokenInfo(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] body) {
        BearerCaller caller = BearerCaller.of(authorization, keys, clients);
        if (caller.refused()) {
            return unauthenticated(caller.refusal());
        }
        String token = token(contentType, body);
        if (token == null
                || token.isBlank()
                || token.chars().anyMatch(Character::isISOControl)
                || token.trim().split("\\.", -1).length != 3) {
            return ProblemResponses.of(Problems.badRequest("Invalid token"));
        }
        JwtClaims described = keys.verify(token.trim());
        if (described == null) {
            return ProblemResponses.of(Problems.notFound("The token is not known to this API or has expired."));
        }
        Optional<ApiClient> client = BearerCaller.client(described, clients);
        if (client.isEmpty() || !client.get().clientId().equals(caller.client().clientId())) {
            return unauthenticated("The token belongs to another client.");
        }
        List<Long> organizations = new ArrayList<>(client.get().educationOrganizationIds());
        TokenClaims.of(described::getClaimValue).scope().ifPresent(organizations::retainAll);
        List<OrganizationNames.Organization> named;
        try {
            named = names.describe(organizations, Correlation.current());
        } catch (IOException e) {
            LOG.errorf(
                    "Token info: the education organizations cannot be read (correlation id %s): %s",
                    Correlation.current(), e.getMessage());
            return Response.fromResponse(ProblemResponses.of(Problems.unavailable(
                            "The client's education " + "organizations cannot be read right now. Try again shortly.")))
                    .header("Retry-After", "5")
                    .build();
        }
        String claimSet = client.get().claimSet();
        return Response.ok(new TokenInfo(
                        true,
                        client.get().clientId(),
                        client.get().namespacePrefixes(),
                        named,
                        profiles.assignedTo(client.get().clientId()),
                        new ClaimSet(claimSet),
                        resources(claimSet),
                        List.of()))
                .header("Cache-Control", "no-cache")
                .build();
    }

    /** The resources the claim set grants any action on, each with the actions granted (its resolved matrix). */
    private List<ResourceOperations> resources(String claimSet) {
        ClaimSetMatrix matrix = claimSets.matrix(claimSet).orElse(new ClaimSetMatrix(claimSet, Map.of()));
        List<ResourceOperations> resources = new ArrayList<>();
        catalog.all().stream()
                .sorted(Comparator.comparing(ResourceDefinition::path))
                .forEach(resource -> {
                    List<String> operations = Arrays.stream(Action.values())
                            .filter(action -> matrix.of(resource.key(), action).isPresent())
                            .map(Action::name)
                            .toList();
                    if (!operations.isEmpty()) {
                        resources.add(new ResourceOperations(resource.path(), operations));
                    }
                });
        return resources;
    }

    /** The {@code token} field of a form or JSON body; null when there is none or the body is not readable. */
    private String token(String contentType, byte[] body) {
        try {
            return RequestFields.read(contentType, body, mapper).get("token");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Response unauthenticated(String error) {
        return Response.fromResponse(ProblemResponses.of(Problems.unauthenticated(error)))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }
}
