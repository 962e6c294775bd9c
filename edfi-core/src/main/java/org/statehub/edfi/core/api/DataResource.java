package org.statehub.edfi.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import lombok.RequiredArgsConstructor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.security.Action;
import org.statehub.edfi.core.config.EdFiConfig;
import org.statehub.edfi.core.service.AccessAudit;
import org.statehub.edfi.core.service.AccessScope;
import org.statehub.edfi.core.service.DocumentService;
import org.statehub.edfi.core.service.ETags;
import org.statehub.edfi.core.service.QueryService;
import org.statehub.edfi.core.service.WriteProfile;
import org.statehub.edfi.core.service.WriteResult;
import org.statehub.edfi.core.store.Ids;
import org.statehub.edfi.core.store.QueryStore;
import org.statehub.http.Correlation;
import org.statehub.http.Problem;
import org.statehub.http.ProblemMappers;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;

/**
 * {@code /data/v3/{project}/{resource}}: every resource this service owns, served from its declaration: the core's
 * under {@code ed-fi}, an extension project's own under its endpoint name ({@code /data/v3/sample/buses}). Thin: it
 * reads the request, calls the engine and maps the outcome; all Ed-Fi behaviour is in the engine.
 */
@Path("/data/v3/{project}")
@Produces(MediaType.APPLICATION_JSON)
@RequiredArgsConstructor
public class DataResource {

    private final ResourceCatalog catalog;
    private final DocumentService documents;
    private final QueryService queries;
    private final Correlation correlation;
    private final ObjectMapper mapper;
    private final EdFiConfig config;

    @Context
    UriInfo uri;

    /** The project segment of the path ({@code ed-fi}, {@code sample}). */
    @PathParam("project")
    String project;

    private final RequestCaller caller;
    private final WritePreflight preflight;
    private final AccessAudit audit;
    private final io.vertx.ext.web.RoutingContext routing;

    /**
     * Answers a read under the profile it uses (docs/decisions/0020, part 2): the one place a refused use of
     * profiles becomes its problem; else {@code answer} renders the items through the outcome.
     */
    private Response profiled(
            ResourceDefinition resource, java.util.function.Function<ProfileResolution.Outcome, Response> answer) {
        ProfileResolution.Outcome outcome =
                ProfileResolution.forRead(resource, RequestFilters.profileAccept(routing), caller.profiles());
        return switch (outcome) {
            case ProfileResolution.Outcome.Refused refused -> problem(refused.problem());
            case ProfileResolution.Outcome.Unfiltered unfiltered -> answer.apply(unfiltered);
            case ProfileResolution.Outcome.Readable readable -> answer.apply(readable);
        };
    }

    @POST
    @Path("{resource}")
    @Operation(hidden = true)
    public Response post(
            @PathParam("resource") String resourceName,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] body) {
        ResourceDefinition resource = served(resourceName);
        if (resource == null) {
            return problem(Problems.dataNotFound());
        }
        return withBody(
                contentType,
                body,
                document -> preflight.post(resource, document, contentType),
                (document, profile) -> write(
                        () -> documents.upsert(caller.scope(), resource, document, ifMatch, profile),
                        resource,
                        false,
                        "POST",
                        null));
    }

    /**
     * Reads a write's body (see {@link RequestBodies#object}) and runs the checks before the write on it
     * ({@code check}, one of {@link WritePreflight}'s); then {@code write} answers, or the first problem found does.
     */
    private Response withBody(
            String contentType,
            byte[] body,
            java.util.function.Function<ObjectNode, WritePreflight.Outcome> check,
            BiFunction<ObjectNode, WriteProfile, Response> write) {
        return switch (RequestBodies.object(mapper, contentType, body, config.maxBodyBytes())) {
            case RequestBodies.Body.Refused refused -> problem(refused.problem());
            case RequestBodies.Body.Parsed parsed ->
                cleared(check.apply(parsed.document()), profile -> write.apply(parsed.document(), profile));
        };
    }

    /**
     * The one place a write's preflight outcome becomes an answer: its problem, or what {@code write} answers under
     * the profile the write is made under (null: none).
     */
    private Response cleared(
            WritePreflight.Outcome outcome, java.util.function.Function<WriteProfile, Response> write) {
        return switch (outcome) {
            case WritePreflight.Outcome.Refused refused -> problem(refused.problem());
            case WritePreflight.Outcome.Cleared cleared -> write.apply(cleared.profile());
        };
    }

    @GET
    @Path("{resource}")
    @Operation(hidden = true)
    public Response list(@PathParam("resource") String resourceName) {
        return readList(resourceName, QueryService::query, resource -> true, true);
    }

    /**
     * The lists beside a collection: {@code /deletes} and {@code /keyChanges} (change queries); {@code /partitions}
     * ({@code ?number=N}: page tokens that split the collection for parallel cursor paging, each read on with
     * {@code pageToken} and {@code pageSize}, following {@code Next-Page-Token} to the partition's end); and
     * {@code /reports}, what each education organization last reported of the items of a resource kept as one
     * record (students), by change version: conflict-service follows it to find organizations that disagree.
     */
    @GET
    @Path("{resource}/{list: deletes|keyChanges|partitions|reports}")
    @Operation(hidden = true)
    public Response namedList(@PathParam("resource") String resourceName, @PathParam("list") String list) {
        return switch (list) {
            case "deletes" -> readList(resourceName, DELETES);
            case "keyChanges" -> readList(resourceName, KEY_CHANGES);
            case "partitions" -> readList(resourceName, QueryService::partitions);
            default -> readList(resourceName, QueryService::reports, DocumentService::reported);
        };
    }

    @GET
    @Path("{resource}/{id}")
    @Operation(hidden = true)
    public Response get(
            @PathParam("resource") String resourceName,
            @PathParam("id") String idText,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        return onItem(
                resourceName,
                idText,
                true,
                (resource, id) -> respond(() -> profiled(resource, profile -> {
                    QueryService.Lookup lookup = queries.findById(caller.scope(), resource, id);
                    if (lookup instanceof QueryService.Lookup.Forbidden) {
                        return audit("GET", resource, List.of(id), problem(ClaimSetRules.outOfScope()));
                    }
                    if (!(lookup instanceof QueryService.Lookup.Found found)) {
                        return problem(Problems.itemNotFound());
                    }
                    QueryStore.Rendered item = found.item();
                    String etag = item.etag();
                    Response.ResponseBuilder answer = ifNoneMatch != null && ETags.matches(ifNoneMatch, etag)
                            ? Response.notModified()
                            : Response.ok(profile.filter(mapper, item.json()));
                    profile.mediaType().ifPresent(answer::type);
                    return audit(
                            "GET",
                            resource,
                            List.of(id),
                            answer.header("ETag", ETags.quote(etag)).build());
                })));
    }

    @PUT
    @Path("{resource}/{id}")
    @Operation(hidden = true)
    public Response put(
            @PathParam("resource") String resourceName,
            @PathParam("id") String idText,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] body) {
        return onItem(
                resourceName,
                idText,
                false,
                (resource, id) -> withBody(
                        contentType,
                        body,
                        document -> preflight.put(resource, document, contentType),
                        (document, profile) -> write(
                                () -> documents.replace(caller.scope(), resource, id, document, ifMatch, profile),
                                resource,
                                true,
                                "PUT",
                                id)));
    }

    @DELETE
    @Path("{resource}/{id}")
    @Operation(hidden = true)
    public Response delete(
            @PathParam("resource") String resourceName,
            @PathParam("id") String idText,
            @HeaderParam("If-Match") String ifMatch) {
        return onItem(
                resourceName,
                idText,
                false,
                (resource, id) -> cleared(
                        preflight.delete(resource, id),
                        none -> write(
                                () -> documents.delete(caller.scope(), resource, id, ifMatch),
                                resource,
                                false,
                                "DELETE",
                                id)));
    }

    /**
     * The 400 of an id in the path that is no GUID ({@code PUT /students/0}, {@code GET /students/not-a-guid}): as
     * the ODS/API, a data validation failure of the id, for every method; it never reaches the database.
     */
    static Problem invalidId(String idText) {
        return Problems.dataValidation(Map.of("$.id", List.of(Ids.invalid(idText))));
    }

    /**
     * Answers a request on one item ({@code {resource}/{id}}): 404 unless the resource is served here, then for a
     * read the claim set's refusal, then the 400 of an id that is no GUID; else what {@code call} answers.
     */
    private Response onItem(
            String resourceName, String idText, boolean read, BiFunction<ResourceDefinition, UUID, Response> call) {
        ResourceDefinition resource = served(resourceName);
        if (resource == null) {
            return problem(Problems.dataNotFound());
        }
        Optional<Problem> denied = read ? caller.read(resource, Action.Read) : Optional.empty();
        if (denied.isPresent()) {
            return problem(denied.get());
        }
        UUID id = Ids.parse(idText);
        return id == null ? problem(invalidId(idText)) : call.apply(resource, id);
    }

    private ResourceDefinition served(String name) {
        ResourceDefinition resource = catalog.find(project, name);
        return resource != null && documents.serves(resource) ? resource : null;
    }

    private Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!values.isEmpty()) {
                parameters.put(name, values.get(0));
            }
        });
        return parameters;
    }

    /**
     * A list answer of a served resource (the collection, {@code /partitions}, {@code /deletes}, ...); the items
     * of a resource read are recorded in the access log.
     */
    private Response readList(String resourceName, ListQuery query) {
        return readList(resourceName, query, resource -> true, false);
    }

    private Response readList(String resourceName, ListQuery query, Predicate<ResourceDefinition> offered) {
        return readList(resourceName, query, offered, false);
    }

    /** {@code profiled}: the items are the resource's own, read under the caller's profile (not change records). */
    private Response readList(
            String resourceName, ListQuery query, Predicate<ResourceDefinition> offered, boolean profiled) {
        ResourceDefinition resource = served(resourceName);
        if (resource == null || !offered.test(resource)) {
            return problem(Problems.dataNotFound());
        }
        Optional<Problem> denied = caller.read(resource, readsOf(query));
        if (denied.isPresent()) {
            return problem(denied.get());
        }
        return respond(() -> {
            if (!profiled) {
                return readList(resource, query, new ProfileResolution.Outcome.Unfiltered());
            }
            return profiled(resource, profile -> readList(resource, query, profile));
        });
    }

    private Response readList(ResourceDefinition resource, ListQuery query, ProfileResolution.Outcome profile) {
        QueryService.QueryResult result = query.run(queries, caller.scope(), resource, parameters());
        Response response = QueryResponses.of(result, profile, mapper, correlation.id());
        return result instanceof QueryService.QueryResult.Items items
                ? audit("GET", resource, items.ids(), response)
                : response;
    }

    /**
     * What a list reads: change queries ({@code /deletes}, {@code /keyChanges}, a change-version window of the
     * collection) need {@code ReadChanges} beside {@code Read}.
     */
    private Action[] readsOf(ListQuery query) {
        Map<String, String> parameters = parameters();
        boolean changes = query == DELETES
                || query == KEY_CHANGES
                || parameters.containsKey("minChangeVersion")
                || parameters.containsKey("maxChangeVersion");
        return changes ? new Action[] {Action.Read, Action.ReadChanges} : new Action[] {Action.Read};
    }

    private static final ListQuery DELETES = QueryService::deletes;
    private static final ListQuery KEY_CHANGES = QueryService::keyChanges;

    @FunctionalInterface
    private interface ListQuery {
        QueryService.QueryResult run(
                QueryService queries, AccessScope scope, ResourceDefinition resource, Map<String, String> parameters);
    }

    private Response write(
            Supplier<WriteResult> call, ResourceDefinition resource, boolean put, String method, UUID target) {
        String base;
        try {
            base = uri.getBaseUri().toString();
        } catch (RuntimeException e) {
            // the base URL comes from the Host and X-Forwarded-* headers; they do not form a URL
            return problem(Problems.badRequest("The Host, X-Forwarded-Host and X-Forwarded-Proto headers of the "
                    + "request do not form a valid URL."));
        }
        String location = base + (base.endsWith("/") ? "" : "/") + "data/v3" + resource.path();
        return respond(() -> {
            WriteResult result = call.get();
            UUID id = switch (result) {
                case WriteResult.Created created -> created.id();
                case WriteResult.Updated updated -> updated.id();
                case WriteResult.Deleted deleted -> target;
                default -> null;
            };
            return audit(
                    method,
                    resource,
                    id == null ? List.of() : List.of(id),
                    WriteResponses.of(result, location, put, correlation.id()));
        });
    }

    /** Records an access to student records (see {@link AccessAudit}); returns the response unchanged. */
    private Response audit(String method, ResourceDefinition resource, List<UUID> ids, Response response) {
        audit.record(caller.clientId(), correlation.id(), method, resource, ids, response.getStatus());
        return response;
    }

    /** Runs the call; a database failure or anything unexpected becomes its problem-details answer. */
    private Response respond(Supplier<Response> call) {
        try {
            return call.get();
        } catch (org.statehub.http.ClientDirectory.UnavailableException e) {
            throw e; // hub-http's mapper answers it: 503 with Retry-After
        } catch (RuntimeException e) {
            return ProblemMappers.failure(e, correlation.id());
        }
    }

    private Response problem(Problem problem) {
        return ProblemResponses.of(problem, correlation.id());
    }
}
