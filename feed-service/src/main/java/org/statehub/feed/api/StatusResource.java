package org.statehub.feed.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.statehub.feed.service.StatusService;
import org.statehub.http.StateAdminOnly;

/**
 * {@code GET /feed/v1/status}: each LEA's feeds over the last days: its connections with their last successful pull
 * and last run, and per day (in the connection's time zone) the runs and what they published per daily feed
 * (demographic, contacts, enrollment, attendance; organizations apart).
 */
@Path("/feed/v1/status")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(FeedProblems.STATE_ADMIN_ONLY)
public class StatusResource {

    @Inject
    StatusService status;

    @GET
    public Response status(@QueryParam("days") Integer days, @QueryParam("leaId") Long leaId) throws Exception {
        return FeedResponses.ok(status.status(days, leaId));
    }
}
