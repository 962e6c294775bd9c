package org.statehub.feed.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.statehub.feed.service.ConnectionService;
import org.statehub.feed.service.MappingService;
import org.statehub.feed.store.SisConnection;
import org.statehub.http.StateAdminOnly;

/**
 * {@code /feed/v1/connections/{id}/mappings}: a connection's code mappings (vendor code to descriptor URI, per
 * school year or for every year), the vendor values its runs saw, and the yearly rollover.
 */
@Path("/feed/v1/connections/{id}/mappings")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(FeedProblems.STATE_ADMIN_ONLY)
public class MappingsResource {

    @Inject
    ConnectionService connections;

    @Inject
    MappingService mappings;

    /**
     * The vendor values the latest runs saw per descriptor and school year, with their mapping (or none) and how
     * many records an unmapped value holds now.
     */
    @GET
    @Path("seen")
    public Response seen(
            @PathParam("id") String id,
            @QueryParam("schoolYear") Integer schoolYear,
            @QueryParam("unmapped") Boolean unmappedOnly)
            throws Exception {
        existing(id);
        return Response.ok(mappings.seen(id, schoolYear, unmappedOnly)).build();
    }

    /** Year rollover: copies the mappings of one school year to another ({@code {"from": 2025, "to": 2026}}). */
    @POST
    @Path("rollover")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rollover(@PathParam("id") String id, JsonNode request) throws Exception {
        existing(id);
        int from = request == null ? 0 : request.path("from").asInt(0);
        int to = request == null ? 0 : request.path("to").asInt(0);
        return FeedResponses.ok(mappings.rollover(id, from, to));
    }

    @GET
    public Response mappings(@PathParam("id") String id) throws Exception {
        existing(id);
        return Response.ok(mappings.mappings(id)).build();
    }

    /**
     * Adds or replaces code mappings: an array of {@code {descriptor, vendorCode, uri, schoolYear?}}
     * ({@code schoolYear} absent or 0: every school year). The records the new mappings release from the
     * data-error queue go out at once (a run with the trigger {@code retry}); the header
     * {@code Held-Records-Released} says how many.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putMappings(@PathParam("id") String id, JsonNode request) throws Exception {
        return FeedResponses.of(
                mappings.put(existing(id), request),
                changed -> Response.ok(changed.mappings())
                        .header("Held-Records-Released", changed.released())
                        .build());
    }

    @DELETE
    @Path("{descriptor}/{vendorCode}")
    public Response deleteMapping(
            @PathParam("id") String id,
            @PathParam("descriptor") String descriptor,
            @PathParam("vendorCode") String vendorCode,
            @QueryParam("schoolYear") Integer schoolYear)
            throws Exception {
        return FeedResponses.of(
                mappings.delete(id, descriptor, vendorCode, schoolYear),
                deleted -> Response.noContent().build());
    }

    /** The connection, when it exists; otherwise the 404 is thrown. */
    private SisConnection existing(String id) throws Exception {
        return FeedResponses.value(connections.find(id));
    }
}
