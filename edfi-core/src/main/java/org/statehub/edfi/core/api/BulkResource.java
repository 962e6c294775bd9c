package org.statehub.edfi.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.config.EdFiConfig;
import org.statehub.edfi.core.service.AccessAudit;
import org.statehub.edfi.core.service.AccessScope;
import org.statehub.edfi.core.service.DocumentService;
import org.statehub.edfi.core.service.WriteResult;
import org.statehub.edfi.core.store.Ids;
import org.statehub.http.Correlation;
import org.statehub.http.Problem;
import org.statehub.http.ProblemMappers;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.jdbc.StoreException;

/**
 * {@code POST /bulk/v1/{project}/{resource}} ({@code ed-fi} for the core, an extension project's name for its own
 * resources): many upserts of one resource in one request, an extension of the Ed-Fi
 * API for loaders (feed-service publishes through it). Each item is exactly a {@code POST} of the collection: the
 * same validation, claim-set rules, authorization by relationship, reference checks and transaction of its own,
 * so one item's refusal leaves the others written. The answer lists an outcome per item, in order: the status the
 * single POST would have answered, and the id and ETag of a written item or the problem details of a refused one.
 */
@Path("/bulk/v1/{project}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "bulk", description = "Many upserts of one resource in one request (a hub extension of Ed-Fi).")
@RequiredArgsConstructor
public class BulkResource {

    private static final Logger LOG = Logger.getLogger(BulkResource.class);

    private final ResourceCatalog catalog;
    private final DocumentService documents;
    private final Correlation correlation;
    private final ObjectMapper mapper;
    private final EdFiConfig config;
    private final RequestCaller caller;
    private final WritePreflight preflight;
    private final AccessAudit audit;

    @POST
    @Path("{resource}")
    @Operation(
            summary = "Upserts many items of one resource",
            description = "The body is a JSON array of the resource's items, at most edfi.bulk-max-items (default "
                    + "1000). Each item is handled as a POST of the collection on its own (validation, "
                    + "authorization, references, its own transaction). The answer (200) has one entry per item, "
                    + "in the order sent: status (what the POST would have answered: 201 created, 200 updated, "
                    + "400/403/409 refused, 503 not written, try again), and id and etag, or problem.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY)))
    @APIResponse(
            responseCode = "200",
            description = "An outcome per item, in the order sent.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "The body is not a JSON array of objects.")
    @APIResponse(responseCode = "404", description = "This service has no such resource.")
    @APIResponse(responseCode = "413", description = "Too many items or too large a body.")
    @APIResponse(responseCode = "415", description = "The body is not JSON.")
    public Response post(
            @PathParam("project") String project,
            @PathParam("resource") String resourceName,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] body) {
        ResourceDefinition resource = catalog.find(project, resourceName);
        if (resource == null || !documents.serves(resource)) {
            return problem(Problems.dataNotFound());
        }
        Problem mediaType = RequestBodies.mediaTypeProblem(contentType);
        if (mediaType != null) {
            return problem(mediaType);
        }
        if (body.length > config.bulkMaxBodyBytes()) {
            return problem(Problems.payloadTooLarge(config.bulkMaxBodyBytes()));
        }
        JsonNode items;
        try {
            items = body.length == 0 ? null : RequestBodies.readJson(mapper, body);
        } catch (JsonProcessingException e) {
            return problem(RequestBodies.invalidJson(e));
        } catch (java.io.IOException e) {
            return problem(Problems.badRequest("The request body could not be read."));
        }
        if (items == null || !items.isArray() || items.isEmpty()) {
            return problem(Problems.badRequest("The request body must be a JSON array of at least one item."));
        }
        if (items.size() > config.bulkMaxItems()) {
            return problem(Problems.of(
                    Problems.PAYLOAD_TOO_LARGE,
                    "Payload Too Large",
                    413,
                    "The request carries more items than this API accepts in one bulk upsert.",
                    "A bulk upsert may carry at most " + config.bulkMaxItems() + " items; this one has " + items.size()
                            + "."));
        }
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).isObject()) {
                return problem(Problems.badRequest("Item " + i + " of the array is not a JSON object."));
            }
        }
        WritePreflight.Outcome.Cleared underProfile;
        switch (preflight.profile(resource, contentType)) {
            case WritePreflight.Outcome.Refused refused -> {
                return problem(refused.problem());
            }
            case WritePreflight.Outcome.Cleared cleared -> underProfile = cleared;
        }
        AccessScope scope = caller.scope();
        ArrayNode outcomes = mapper.createArrayNode();
        List<UUID> written = new ArrayList<>();
        Response stopped = null;
        for (JsonNode item : items) {
            if (stopped != null) {
                outcomes.add(outcome(stopped.getStatus(), (Problem) stopped.getEntity()));
                continue;
            }
            try {
                outcomes.add(upsert(scope, resource, underProfile, (ObjectNode) item, written));
            } catch (StoreException e) {
                // the database failed: this item and the rest are not written, and may be sent again
                stopped = ProblemMappers.failure(e, correlation.id());
                outcomes.add(outcome(stopped.getStatus(), (Problem) stopped.getEntity()));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Unexpected failure of a bulk item (correlation id %s)", correlation.id());
                outcomes.add(outcome(500, Problems.unexpected().withCorrelationId(correlation.id())));
            }
        }
        audit.record(caller.clientId(), correlation.id(), "POST", resource, written, 200);
        return Response.ok(outcomes.toString()).build();
    }

    /** One item, as a POST of the collection under the request's profile ({@code underProfile}). */
    private ObjectNode upsert(
            AccessScope scope,
            ResourceDefinition resource,
            WritePreflight.Outcome.Cleared underProfile,
            ObjectNode item,
            List<UUID> written) {
        WriteResult result;
        switch (preflight.bulkItem(resource, item, underProfile)) {
            case WritePreflight.Outcome.Refused refused -> {
                return outcome(refused.problem().status(), refused.problem().withCorrelationId(correlation.id()));
            }
            case WritePreflight.Outcome.Cleared cleared ->
                result = documents.upsert(scope, resource, item, null, cleared.profile());
        }
        UUID id = null;
        String etag = null;
        int status = 0;
        if (result instanceof WriteResult.Created created) {
            id = created.id();
            etag = created.etag();
            status = 201;
        } else if (result instanceof WriteResult.Updated updated) {
            id = updated.id();
            etag = updated.etag();
            status = 200;
        }
        if (id != null) {
            written.add(id);
            ObjectNode outcome = mapper.createObjectNode().put("status", status).put("id", Ids.format(id));
            outcome.put("etag", org.statehub.edfi.core.service.ETags.quote(etag));
            return outcome;
        }
        Response refused = WriteResponses.of(result, "", false, correlation.id());
        return outcome(refused.getStatus(), (Problem) refused.getEntity());
    }

    private ObjectNode outcome(int status, Problem problem) {
        ObjectNode outcome = mapper.createObjectNode().put("status", status);
        outcome.set("problem", mapper.valueToTree(problem));
        return outcome;
    }

    private Response problem(Problem problem) {
        return ProblemResponses.of(problem, correlation.id());
    }
}
