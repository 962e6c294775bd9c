package org.statehub.feed.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.statehub.feed.service.RunService;
import org.statehub.http.StateAdminOnly;
import org.statehub.http.oidc.VerifiedCaller;

/**
 * {@code /feed/v1/runs}: what each pull read, held and queued, and how far its publishing got; and
 * {@code /feed/v1/rejections}: the changes the hub refused, with its answer (their data errors are in the queue).
 */
@Path("/feed/v1")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(FeedProblems.STATE_ADMIN_ONLY)
public class RunsResource {

    @Inject
    RunService runs;

    @Inject
    VerifiedCaller caller;

    @GET
    @Path("runs")
    public Response runs(@QueryParam("connectionId") String connectionId, @QueryParam("limit") Integer limit)
            throws Exception {
        return FeedResponses.ok(runs.runs(connectionId, limit));
    }

    @GET
    @Path("runs/{id}")
    public Response run(@PathParam("id") long id) throws Exception {
        return FeedResponses.ok(runs.run(id));
    }

    /** Publishes a held run (one that would have deleted much). */
    @POST
    @Path("runs/{id}/approve")
    public Response approve(@PathParam("id") long id) throws Exception {
        return decide(id, true);
    }

    /** Drops a held run: nothing of it is published. */
    @POST
    @Path("runs/{id}/reject")
    public Response reject(@PathParam("id") long id) throws Exception {
        return decide(id, false);
    }

    private Response decide(long id, boolean approve) throws Exception {
        return FeedResponses.ok(runs.decide(id, approve, caller.claims().subject()));
    }

    /** Records the hub refused, with its answer. */
    @GET
    @Path("rejections")
    public Response rejections(@QueryParam("connectionId") String connectionId, @QueryParam("runId") Long runId)
            throws Exception {
        return Response.ok(runs.rejections(connectionId, runId)).build();
    }
}
