package org.statehub.feed.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.statehub.feed.domain.ErrorQuery;
import org.statehub.feed.service.ErrorQueueService;
import org.statehub.http.StateAdminOnly;
import org.statehub.http.oidc.VerifiedCaller;

/**
 * {@code /feed/v1/errors}: the data-error queue. Every held record (unmapped code, invalid record) and every record
 * the hub refused is an error of its record: LEA, school, student, resource, code, message, first and last seen,
 * age in business days (overdue after 5), state. An error closes itself when its record goes through; an
 * administrator can retry errors (held ones are prepared again with today's mappings, refused ones sent again)
 * or archive them.
 */
@Path("/feed/v1/errors")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(FeedProblems.STATE_ADMIN_ONLY)
public class ErrorsResource {

    @Inject
    VerifiedCaller caller;

    @Inject
    ErrorQueueService queue;

    /** The queue, filtered and sorted ({@code sort}: age (oldest first, the default), lastSeen, newest). */
    @GET
    public Response list(@BeanParam ErrorQuery query) throws Exception {
        return FeedResponses.ok(queue.list(query));
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") long id) throws Exception {
        return FeedResponses.ok(queue.find(id));
    }

    /**
     * The students who did not make it into the state's data, and why: those with open errors, one line per
     * student with the resources and codes that hold them.
     */
    @GET
    @Path("students")
    public Response roster(@QueryParam("leaId") Long leaId, @QueryParam("schoolId") Long schoolId) throws Exception {
        return Response.ok(queue.students(leaId, schoolId)).build();
    }

    @POST
    @Path("{id}/retry")
    public Response retryOne(@PathParam("id") long id) throws Exception {
        return retry(List.of(id));
    }

    /** Retries several errors: {@code {"ids": [1, 2, 3]}}. */
    @POST
    @Path("retry")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response retryMany(JsonNode request) throws Exception {
        List<Long> ids = ids(request);
        return ids == null ? noIds() : retry(ids);
    }

    @POST
    @Path("{id}/archive")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response archiveOne(@PathParam("id") long id, JsonNode request) throws Exception {
        return archive(
                List.of(id), request == null ? null : request.path("note").asText(null));
    }

    /** Archives several errors: {@code {"ids": [...], "note": "..."}}; they leave the open queue. */
    @POST
    @Path("archive")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response archiveMany(JsonNode request) throws Exception {
        List<Long> ids = ids(request);
        return ids == null ? noIds() : archive(ids, request.path("note").asText(null));
    }

    private Response archive(List<Long> ids, String note) throws Exception {
        return FeedResponses.ok(queue.archive(ids, note, caller.claims().subject()));
    }

    private Response retry(List<Long> ids) throws Exception {
        return Response.ok(queue.retry(ids)).build();
    }

    private static Response noIds() {
        return FeedProblems.invalid(Map.of("$.ids", List.of("An array of error ids is required.")));
    }

    /** The ids of {@code {"ids": [...]}}; null when there are none. */
    private static List<Long> ids(JsonNode request) {
        if (request == null
                || !request.path("ids").isArray()
                || request.path("ids").isEmpty()) {
            return null;
        }
        List<Long> ids = new ArrayList<>();
        request.path("ids").forEach(id -> ids.add(id.asLong()));
        return ids;
    }
}
