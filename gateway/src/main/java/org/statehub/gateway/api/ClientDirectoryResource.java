package org.statehub.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.statehub.edfi.contract.security.Action;
import org.statehub.edfi.contract.security.ClaimSetMatrix;
import org.statehub.edfi.contract.security.Strategy;
import org.statehub.gateway.persistence.ApiClient;
import org.statehub.gateway.persistence.ApplicationRepository;
import org.statehub.gateway.persistence.ProfileRepository;
import org.statehub.gateway.service.ClaimSets;
import org.statehub.gateway.service.ClientService;
import org.statehub.gateway.service.ServedYears;
import org.statehub.gateway.service.YearGrants;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.StateAdminOnly;

/**
 * The directory the services read what tokens do not carry (decision 0009): {@code GET
 * /internal/v1/clients/{clientId}}, a client's education organizations, profile names and school years, and {@code GET
 * /internal/v1/profiles/{name}}, a profile's definition (the ODS/API's profile XML as stored, docs/decisions/0020,
 * part 2), {@code GET /internal/v1/claimSets/{name}}, a claim set resolved for every resource (part 3), and {@code GET
 * /internal/v1/schoolYears}, the school years served (part 5). For the services' own clients ({@code StateAdmin}, {@link StateAdminOnly}). Each answer has an ETag made
 * from what it says, so a service revalidating its cached copy with {@code If-None-Match} gets a bodiless 304 while
 * nothing changed.
 */
@Path("/internal/v1")
@StateAdminOnly(GatewayCaller.STATE_ADMIN_ONLY)
public class ClientDirectoryResource {

    @Inject
    ClientService clients;

    @Inject
    ProfileRepository profiles;

    @Inject
    ClaimSets claimSets;

    @Inject
    ObjectMapper json;

    /**
     * A claim set resolved for every resource of the contract (docs/decisions/0020, part 3; edfi-contract's
     * {@link ClaimSetMatrix}): by resource key, each granted action and the strategies that authorize it, in a
     * fixed order so that its ETag follows what it says; and the hub functions it has ({@code hubAdministration},
     * docs/decisions/0023).
     */
    public record Matrix(
            String claimSet, SortedMap<String, Map<Action, List<Strategy>>> strategies, SortedSet<String> functions) {

        static Matrix of(ClaimSetMatrix matrix) {
            SortedMap<String, Map<Action, List<Strategy>>> sorted = new TreeMap<>();
            matrix.strategies().forEach((resource, actions) -> {
                Map<Action, List<Strategy>> byAction = new EnumMap<>(Action.class);
                byAction.putAll(actions);
                sorted.put(resource, byAction);
            });
            return new Matrix(matrix.claimSet(), sorted, new TreeSet<>(matrix.functions()));
        }
    }

    @Inject
    ApplicationRepository applications;

    @Inject
    YearGrants yearGrants;

    @Inject
    ServedYears servedYears;

    /**
     * A client as the directory gives it: revoked clients are listed inactive, with no organizations and no
     * profiles; {@code profiles} are the names of the profiles assigned to it (docs/decisions/0020, part 2);
     * {@code odsInstanceIds} the Admin API's instance ids of its application and {@code schoolYears} the school
     * years those instances are ({@link YearGrants}, docs/decisions/0020, part 5), the years the client is granted.
     */
    public record Entry(
            String clientId,
            String claimSet,
            boolean active,
            List<Long> educationOrganizationIds,
            List<String> profiles,
            List<Integer> odsInstanceIds,
            List<String> schoolYears) {

        static Entry of(
                ApiClient client, List<String> profiles, List<Integer> odsInstanceIds, List<String> schoolYears) {
            return new Entry(
                    client.clientId(),
                    client.claimSet(),
                    !client.revoked(),
                    client.revoked()
                            ? List.of()
                            : client.educationOrganizationIds().stream()
                                    .sorted()
                                    .toList(),
                    client.revoked() ? List.of() : profiles,
                    client.revoked()
                            ? List.of()
                            : odsInstanceIds.stream().sorted().toList(),
                    client.revoked() ? List.of() : schoolYears);
        }
    }

    @GET
    @Path("clients/{clientId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response show(
            @PathParam("clientId") String clientId, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var client = clients.find(clientId);
        if (client.isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        Entry entry = Entry.of(
                client.get(),
                profiles.assignedTo(clientId),
                applications.odsInstanceIds(clientId),
                yearGrants.years(clientId));
        return answer(entry, etag(entry), ifNoneMatch, MediaType.APPLICATION_JSON_TYPE);
    }

    /**
     * A profile's definition as stored (one {@code <Profile>}); the services parse it against their own catalog.
     * Its ETag changes with the name's spelling and the definition.
     */
    @GET
    @Path("profiles/{name}")
    @Produces({MediaType.APPLICATION_XML, MediaType.APPLICATION_JSON})
    public Response profile(
            @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var profile = profiles.find(name);
        if (profile.isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        String definition = profile.get().definition();
        return answer(
                definition,
                etag(profile.get().name() + "\n" + definition),
                ifNoneMatch,
                MediaType.APPLICATION_XML_TYPE);
    }

    /**
     * A claim set as the services apply it: its resolved matrix (resource, action, strategies), 404 for a name no
     * claim set has (the services then refuse its clients, 403). Names compare without regard to case.
     */
    @GET
    @Path("claimSets/{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response claimSet(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch)
            throws JsonProcessingException {
        var matrix = claimSets.matrix(name);
        if (matrix.isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        String body = json.writeValueAsString(Matrix.of(matrix.get()));
        return answer(body, etag(body), ifNoneMatch, MediaType.APPLICATION_JSON_TYPE);
    }

    /** The school years served ({@code {"years": ["2026", ...]}}): the services serve each from the first request. */
    public record Years(List<String> years) {}

    /**
     * The school years the gateway serves (docs/decisions/0020, part 5): the services learn from here a year created
     * through {@code /adminapi/v2/odsInstances} after their start. Empty without year instances.
     */
    @GET
    @Path("schoolYears")
    @Produces(MediaType.APPLICATION_JSON)
    public Response schoolYears(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch)
            throws JsonProcessingException {
        String body = json.writeValueAsString(new Years(servedYears.years()));
        return answer(body, etag(body), ifNoneMatch, MediaType.APPLICATION_JSON_TYPE);
    }

    /** 304 when {@code ifNoneMatch} is the current ETag, else the content with its ETag. */
    private static Response answer(Object content, String etag, String ifNoneMatch, MediaType type) {
        if (ifNoneMatch != null && ifNoneMatch.trim().equals(etag)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        return Response.ok(content, type)
                .header(HttpHeaders.ETAG, etag)
                .header("Cache-Control", "no-cache")
                .build();
    }

    /** A strong ETag of the entry's content. */
    static String etag(Entry entry) {
        String ids =
                entry.educationOrganizationIds().stream().map(id -> id + ",").collect(Collectors.joining());
        String profiles =
                entry.profiles().stream().map(profile -> profile + "\n").collect(Collectors.joining());
        return etag(entry.clientId() + "\n" + entry.claimSet() + "\n" + entry.active() + "\n" + ids + "\n" + profiles
                + "\n" + entry.odsInstanceIds() + "\n" + entry.schoolYears());
    }

    /** A strong ETag of the text (quoted hex of its SHA-256). */
    private static String etag(String content) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return "\"" + HexFormat.of().formatHex(digest.digest(content.getBytes(StandardCharsets.UTF_8)), 0, 16)
                    + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
