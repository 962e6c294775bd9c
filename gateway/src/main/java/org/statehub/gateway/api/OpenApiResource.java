package org.statehub.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.profile.ProfileDefinition;
import org.statehub.gateway.config.GatewayConfig;
import org.statehub.gateway.persistence.ProfileRepository;
import org.statehub.gateway.service.ProfileOpenApi;
import org.statehub.gateway.service.ProjectOpenApi;
import org.statehub.gateway.service.ServiceConnections;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.SchoolYears;
import org.statehub.http.client.ServiceClient;
import org.statehub.http.client.ServiceClient.Call;

/**
 * The API's OpenAPI documents. {@code GET /metadata/openapi.json}: one document for the whole API, merged from every
 * service's own ({@code /q/openapi}): their paths and component schemas, served with the gateway as the server and
 * the token endpoint as the security scheme. Rebuilt at most once a minute; a service that is down is left out and
 * named in {@code x-unavailable-services}. {@code GET /metadata/data/v3/profiles/{profile}/swagger.json} (the
 * ODS/API's path; {@code /metadata/specifications/profiles/{profile}/resources-spec.json}, the Data Management
 * Service's, answers the same): one profile's part of it ({@link ProfileOpenApi}). {@code GET /metadata/}: the list
 * of the documents, as the ODS/API gives it ({@code name}, {@code endpointUri}, {@code prefix}).
 * {@code GET /metadata/data/v3/{project}/swagger.json}: one extension project's part of it ({@link ProjectOpenApi}).
 */
@Path("/metadata")
@Produces(MediaType.APPLICATION_JSON)
public class OpenApiResource {

    private static final Logger LOG = Logger.getLogger(OpenApiResource.class);
    private static final long MAX_AGE_NANOS = Duration.ofMinutes(1).toNanos();

    @Inject
    org.statehub.edfi.contract.ResourceCatalog catalog;

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper mapper;

    private volatile ObjectNode merged;
    private volatile long builtAt;

    @Inject
    ProfileRepository profiles;

    @Inject
    org.statehub.gateway.service.ProfileDefinitions definitions;

    @GET
    @Path("openapi.json")
    public Response document(@HeaderParam(SchoolYears.HEADER) String year) {
        return Response.ok(whole(year).toString()).build();
    }

    /**
     * The order in which resources can be loaded (every reference points to something loaded before), in groups as
     * the ODS/API gives them: the contract's load order. Here, not in {@link DiscoveryResource}, because this class
     * holds {@code /metadata}: JAX-RS matches a request to one class first, so a path below it elsewhere is never
     * reached.
     */
    @GET
    @Path("data/v3/dependencies")
    public List<Map<String, Object>> dependencies() {
        return catalog.loadOrder().places().stream()
                .<Map<String, Object>>map(place -> Map.of(
                        "resource", place.path(), "order", place.group(), "operations", List.of("Create", "Update")))
                .toList();
    }

    /** The documents the gateway serves: the whole API's, then one per profile that fits the contract. */
    @GET
    public Response list(@HeaderParam(SchoolYears.HEADER) String year) {
        String base = base(year);
        ArrayNode list = mapper.createArrayNode();
        list.addObject()
                .put("name", "Resources")
                .put("endpointUri", base + "/metadata/openapi.json")
                .put("prefix", "");
        for (ProfileRepository.StoredProfile stored : profiles.list()) {
            parsed(stored)
                    .ifPresent(profile -> list.addObject()
                            .put("name", profile.name())
                            .put(
                                    "endpointUri",
                                    base + "/metadata/data/v3/profiles/" + profile.mediaTypeName() + "/swagger.json")
                            .put("prefix", "Profiles"));
        }
        // each extension project the deployment serves (decision 0020), prefixed by its endpoint name
        catalog.extensions()
                .forEach(project -> list.addObject()
                        .put("name", project.projectName())
                        .put("endpointUri", base + "/metadata/data/v3/" + project.endpointName() + "/swagger.json")
                        .put("prefix", project.endpointName()));
        return Response.ok(list.toString()).build();
    }

    /**
     * One extension project's document ({@link ProjectOpenApi}): the paths of its own resources; 404 for a project
     * the deployment does not serve.
     */
    @GET
    @Path("data/v3/{project}/swagger.json")
    public Response project(@PathParam("project") String name, @HeaderParam(SchoolYears.HEADER) String year) {
        return document(
                catalog.extensions().stream()
                        .filter(project -> project.endpointName().equalsIgnoreCase(name))
                        .findFirst()
                        .map(project -> ProjectOpenApi.of(whole(year), project)),
                "No extension project named '" + name + "' is served here.");
    }

    @GET
    @Path("data/v3/profiles/{profile}/swagger.json")
    public Response profile(@PathParam("profile") String name, @HeaderParam(SchoolYears.HEADER) String year) {
        return document(
                profiles.find(name)
                        .flatMap(OpenApiResource.this::parsed)
                        .map(profile -> ProfileOpenApi.of(whole(year), profile, catalog)),
                "No profile named '" + name + "' has an OpenAPI document here.");
    }

    /** The document, or a 404 saying what is missing. */
    private static Response document(Optional<ObjectNode> document, String missing) {
        return document.map(found -> Response.ok(found.toString()).build())
                .orElseGet(() -> ProblemResponses.of(Problems.notFound(missing)));
    }

    /** The Data Management Service's path of a profile's document. */
    @GET
    @Path("specifications/profiles/{profile}/resources-spec.json")
    public Response profileSpecification(
            @PathParam("profile") String name, @HeaderParam(SchoolYears.HEADER) String year) {
        return profile(name, year);
    }

    /** The stored profile's definition, or none when it no longer fits the contract (it has no document). */
    private Optional<ProfileDefinition> parsed(ProfileRepository.StoredProfile stored) {
        return definitions.fitting(stored);
    }

    /** The gateway's URL of a school year's API ({@code /{year}}, docs/decisions/0020, part 5), or its own. */
    private String base(String year) {
        return year == null ? config.issuer() : config.issuer() + "/" + year;
    }

    /**
     * The whole API's document in a school year (none: null): its server is the year's URL, where the Ed-Fi paths
     * are; the services' own areas ({@code /feed}, {@code /conflicts}) keep the gateway's URL as their server.
     */
    private ObjectNode whole(String year) {
        if (year == null) {
            return whole();
        }
        ObjectNode document = whole().deepCopy();
        document.putArray("servers").addObject().put("url", base(year));
        document.path("paths").fields().forEachRemaining(path -> {
            if (!YEARLY_PATH.matcher(path.getKey()).lookingAt() && path.getValue() instanceof ObjectNode item) {
                item.putArray("servers").addObject().put("url", config.issuer());
            }
        });
        return document;
    }

    /** The paths served in a school year. */
    private static final java.util.regex.Pattern YEARLY_PATH =
            java.util.regex.Pattern.compile("/(data|bulk|changeQueries)/");

    /** The whole API's document, merged again when older than a minute or missing a service. */
    private ObjectNode whole() {
        ObjectNode document = merged;
        if (document == null || System.nanoTime() - builtAt > MAX_AGE_NANOS || document.has("x-unavailable-services")) {
            document = merge();
            merged = document;
            builtAt = System.nanoTime();
        }
        return document;
    }

    /** The services that are not data services, and the path each documents under the gateway. */
    private static final java.util.Map<String, String> AREAS =
            java.util.Map.of("feed-service", "/feed/", "conflict-service", "/conflicts/");

    /** The gateway's own change-query endpoint for the whole API (decision 0007). */
    private void changeQueries(ObjectNode paths) {
        ObjectNode get =
                paths.putObject("/changeQueries/v1/availableChangeVersions").putObject("get");
        get.putArray("tags").add("changeQueries");
        get.put(
                "summary",
                "The range of change versions of the whole API: every change up to "
                        + "newestChangeVersion is committed in every service, and every later change is numbered above it.");
        get.put("operationId", "getAvailableChangeVersions");
        ObjectNode schema = get.putObject("responses")
                .putObject("200")
                .put("description", "The range.")
                .putObject("content")
                .putObject("application/json")
                .putObject("schema");
        schema.put("type", "object");
        schema.putArray("required").add("oldestChangeVersion").add("newestChangeVersion");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("oldestChangeVersion").put("type", "integer").put("format", "int64");
        properties.putObject("newestChangeVersion").put("type", "integer").put("format", "int64");
    }

    private ObjectNode merge() {
        ObjectNode document = mapper.createObjectNode();
        document.put("openapi", "3.1.0");
        document.putObject("info")
                .put("title", "State education data hub (Ed-Fi DS 5.2)")
                .put("version", "0.1.0");
        document.putArray("servers").addObject().put("url", config.issuer());
        ObjectNode paths = document.putObject("paths");
        ObjectNode components = document.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        components
                .putObject("securitySchemes")
                .putObject("oauth2")
                .put("type", "oauth2")
                .putObject("flows")
                .putObject("clientCredentials")
                .put("tokenUrl", config.issuer() + "/oauth/token")
                .putObject("scopes");
        document.putArray("security").addObject().putArray("oauth2");
        changeQueries(paths);
        List<String> unavailable = new ArrayList<>();
        config.services().forEach((name, service) -> {
            boolean data = catalog.all().stream().anyMatch(r -> r.ownerService().equals(name));
            // a data service documents /data/... and /bulk/...; the others their area, which the gateway routes to them
            String prefix = data ? "/data/" : AREAS.get(name);
            if (prefix == null) {
                return;
            }
            try {
                ServiceClient.Reply response = ServiceConnections.SERVICES.send(
                        Call.get(service.url().replaceAll("/$", "") + "/q/openapi?format=json")
                                .timeout(Duration.ofSeconds(10)));
                if (response.status() != 200) {
                    throw new java.io.IOException("status " + response.status());
                }
                JsonNode own = mapper.readTree(response.body());
                own.path("paths").properties().forEach(p -> {
                    boolean routed =
                            p.getKey().startsWith(prefix) || data && p.getKey().startsWith("/bulk/");
                    if (routed && p.getValue() instanceof ObjectNode operations) {
                        // the document's own oauth2 requirement applies; a service's names its own scheme
                        operations.properties().forEach(o -> {
                            if (o.getValue() instanceof ObjectNode operation) {
                                operation.remove("security");
                            }
                        });
                        paths.set(p.getKey(), operations);
                    }
                });
                own.path("components").path("schemas").properties().forEach(c -> {
                    if (!schemas.has(c.getKey())) {
                        schemas.set(c.getKey(), c.getValue());
                    }
                });
            } catch (Exception e) {
                LOG.warnf("OpenAPI of %s not available: %s", name, e.toString());
                unavailable.add(name);
            }
        });
        if (!unavailable.isEmpty()) {
            ArrayNode missing = document.putArray("x-unavailable-services");
            unavailable.forEach(missing::add);
        }
        return document;
    }
}
