package org.statehub.feed.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.statehub.feed.service.ResyncJobService;
import org.statehub.http.StateAdminOnly;

/**
 * Resync jobs (started at {@code POST /feed/v1/connections/{id}/resync}): {@code GET /feed/v1/resyncs/{id}} shows its
 * phase, progress (done/total, rate, estimated time left) and, at the end, its report.
 */
@Path("/feed/v1/resyncs")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(FeedProblems.STATE_ADMIN_ONLY)
public class ResyncResource {

    @Inject
    ResyncJobService jobs;

    @GET
    public Response list(@QueryParam("connectionId") String connectionId) throws Exception {
        return Response.ok(jobs.jobs(connectionId)).build();
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") long id) throws Exception {
        return FeedResponses.ok(jobs.job(id));
    }
}
