package org.statehub.gateway.api;

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
import java.util.HexFormat;
import java.util.List;
import org.statehub.gateway.persistence.ApiClient;
import org.statehub.gateway.service.ClientService;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;

/**
 * {@code GET /internal/v1/clients/{clientId}}: the client directory the services read a client's education
 * organizations from, since tokens no longer carry them (decision 0009). For the services' own clients
 * ({@code StateAdmin}, {@link StateAdminOnly}). The answer has an ETag made from what it says, so a service
 * revalidating its cached copy with {@code If-None-Match} gets a bodiless 304 while nothing changed.
 */
@Path("/internal/v1/clients/{clientId}")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly
public class ClientDirectoryResource {

    @Inject
    ClientService clients;

    @Inject
    org.statehub.gateway.persistence.ProfileRepository profiles;

    /**
     * A client as the directory gives it: revoked clients are listed inactive, with no organizations and no
     * profiles; {@code profiles} are the names of the profiles assigned to it (docs/decisions/0020, part 2).
     */
    public record Entry(
            String clientId,
            String claimSet,
            boolean active,
            List<Long> educationOrganizationIds,
            List<String> profiles) {

        static Entry of(ApiClient client, List<String> profiles) {
            return new Entry(
                    client.clientId(),
                    client.claimSet(),
                    !client.revoked(),
                    client.revoked()
                            ? List.of()
                            : client.educationOrganizationIds().stream()
                                    .sorted()
                                    .toList(),
                    client.revoked() ? List.of() : profiles);
        }
    }

    @GET
    public Response show(
            @PathParam("clientId") String clientId, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var client = clients.find(clientId);
        if (client.isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        Entry entry = Entry.of(client.get(), profiles.assignedTo(clientId));
        String etag = etag(entry);
        if (ifNoneMatch != null && ifNoneMatch.trim().equals(etag)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        return Response.ok(entry)
                .header(HttpHeaders.ETAG, etag)
                .header("Cache-Control", "no-cache")
                .build();
    }

    /** A strong ETag of the entry's content (quoted hex of SHA-256). */
    static String etag(Entry entry) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((entry.clientId() + "\n" + entry.claimSet() + "\n" + entry.active() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (Long id : entry.educationOrganizationIds()) {
                digest.update((id + ",").getBytes(StandardCharsets.US_ASCII));
            }
            digest.update("\n".getBytes(StandardCharsets.US_ASCII));
            for (String profile : entry.profiles()) {
                digest.update((profile + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return "\"" + HexFormat.of().formatHex(digest.digest(), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
