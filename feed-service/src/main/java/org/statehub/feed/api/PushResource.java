package org.statehub.feed.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.statehub.feed.service.ConnectionService;
import org.statehub.feed.service.PushService;
import org.statehub.feed.store.SisConnection;
import org.statehub.http.Administration;
import org.statehub.http.ClientDirectory;
import org.statehub.http.TokenClaims;
import org.statehub.http.oidc.VerifiedCaller;

/**
 * {@code POST /feed/v1/connections/{id}/push/{resource}}: a vendor that pushes sends a batch of records (its own
 * shape and codes, each with a {@code sourceId}) and the source ids it deleted; the batch runs through the same
 * pipeline as a pull (mapping, rules, identity map, outbox). The caller is an administrator (a claim set granting {@code hubAdministration}, as StateAdmin) or a SISVendor
 * client that has the connection's LEA among its education organizations.
 */
@Path("/feed/v1/connections/{id}/push")
@Produces(MediaType.APPLICATION_JSON)
public class PushResource {

    @Inject
    ConnectionService connections;

    @Inject
    PushService pushes;

    /** Whether the caller administers the hub (its claim set's grant, decision 0023). */
    @Inject
    Administration administration;

    @Inject
    VerifiedCaller caller;

    @Inject
    ClientDirectory directory;

    @POST
    @Path("{resource}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response push(@PathParam("id") String id, @PathParam("resource") String resource, JsonNode request)
            throws Exception {
        SisConnection connection = FeedResponses.value(connections.find(id));
        if (!administration.administers(caller.claims()) && !forLea(connection.localEducationAgencyId())) {
            return FeedProblems.forbidden();
        }
        return FeedResponses.of(
                pushes.push(connection, resource, request),
                result -> Response.accepted(result).build());
    }

    /** Whether this SISVendor caller's client has the LEA among its organizations (the client directory, 0009). */
    private boolean forLea(long lea) {
        TokenClaims claims = caller.claims();
        return TokenClaims.SIS_VENDOR.equals(claims.claimSet())
                && directory.organizations(claims).contains(lea);
    }
}
