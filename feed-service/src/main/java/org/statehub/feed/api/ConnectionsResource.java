package org.statehub.feed.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.statehub.feed.domain.ConnectionView;
import org.statehub.feed.domain.Started;
import org.statehub.feed.service.ConnectionService;
import org.statehub.feed.service.Outcome;
import org.statehub.feed.store.SisConnection;
import org.statehub.http.StateAdminOnly;
import org.statehub.http.oidc.VerifiedCaller;

/**
 * {@code /feed/v1/connections}: SIS connections (one or more per LEA), and pulls, previews and resyncs on demand
 * (their code mappings: {@link MappingsResource}; pushes: {@link PushResource}).
 * Credentials are write-only: they are stored encrypted and never returned.
 */
@Path("/feed/v1/connections")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(FeedProblems.STATE_ADMIN_ONLY)
public class ConnectionsResource {

    @Inject
    ConnectionService connections;

    @Inject
    VerifiedCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonNode request) throws Exception {
        return FeedResponses.of(
                connections.create(request),
                created -> Response.created(URI.create("/feed/v1/connections/" + created.id()))
                        .entity(ConnectionView.of(created))
                        .build());
    }

    @GET
    public Response list() throws Exception {
        return Response.ok(connections.list().stream().map(ConnectionView::of).toList())
                .build();
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) throws Exception {
        return Response.ok(ConnectionView.of(existing(id))).build();
    }

    /** Changes a connection; members left out keep their values, credentials too. Takes effect at once. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response change(@PathParam("id") String id, JsonNode request) throws Exception {
        return FeedResponses.of(
                connections.change(existing(id), request),
                updated -> Response.ok(ConnectionView.of(updated)).build());
    }

    /** Starts a pull now: 202 with the run, or 409 when one is running. */
    @POST
    @Path("{id}/pulls")
    public Response pullNow(@PathParam("id") String id) throws Exception {
        return started(connections.pull(pulled(id), false));
    }

    /**
     * Starts a resync job of the connection, optionally {@code {"resource": "students"}} only; with school years,
     * optionally {@code {"schoolYear": 2026}} only.
     */
    @POST
    @Path("{id}/resync")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response resync(@PathParam("id") String id, JsonNode request) throws Exception {
        SisConnection connection = pulled(id);
        String resource = request == null
                        || request.path("resource").isMissingNode()
                        || request.path("resource").isNull()
                ? null
                : request.path("resource").asText();
        return FeedResponses.of(
                connections.resync(
                        connection,
                        resource,
                        request == null ? null : request.path("schoolYear"),
                        caller.claims().subject()),
                job -> Response.accepted(job)
                        .location(URI.create("/feed/v1/resyncs/" + job.resyncId()))
                        .build());
    }

    /**
     * A dry run: the pull reads and prepares everything and works out what it would publish (counts and sample
     * records per resource and action, and whether it would be held); nothing is published. 202 with the run.
     */
    @POST
    @Path("{id}/preview")
    public Response preview(@PathParam("id") String id) throws Exception {
        return started(connections.pull(pulled(id), true));
    }

    private static Response started(Outcome<Started.Run> outcome) {
        return FeedResponses.of(
                outcome,
                run -> Response.accepted(run)
                        .location(URI.create("/feed/v1/runs/" + run.runId()))
                        .build());
    }

    /** The connection, when it exists; otherwise the 404 is thrown. */
    private SisConnection existing(String id) throws Exception {
        return FeedResponses.value(connections.find(id));
    }

    /** As {@link #existing}, and a connection that is pulled (a push connection has no source to read: 409). */
    private SisConnection pulled(String id) throws Exception {
        return FeedResponses.value(connections.pulled(id));
    }
}
