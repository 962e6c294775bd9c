package org.statehub.edfi.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.SchemaNavigator;
import org.statehub.edfi.core.service.QueryService;

/**
 * Describes every resource this service serves in its OpenAPI document, from the same declarations the engine
 * runs on: the paths and operations of the Ed-Fi API, each resource's JSON Schema as a component (its
 * {@code $defs} as components of their own), the query parameters, and the problem-details body.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class EdFiOpenApiFilter implements OASFilter {

    private static final String PREFIX = "/data/v3";
    private static final String PROBLEM = "EdFi.ProblemDetails";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        String service = ConfigProvider.getConfig()
                .getOptionalValue("edfi.service-name", String.class)
                .orElse("");
        ResourceCatalog catalog = ResourceCatalog.load();
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        if (openAPI.getPaths() == null) {
            openAPI.setPaths(OASFactory.createPaths());
        }
        openAPI.getComponents().addSchema(PROBLEM, problemSchema());
        for (ResourceDefinition resource : catalog.ownedBy(service)) {
            String component = "EdFi." + resource.resourceName();
            JsonNode schema = resource.schema();
            openAPI.getComponents().addSchema(component, convert(schema, component));
            schema.path("$defs")
                    .properties()
                    .forEach(def -> openAPI.getComponents()
                            .addSchema(component + "." + def.getKey(), convert(def.getValue(), component)));
            describe(openAPI, resource, component);
        }
    }

    private void describe(OpenAPI openAPI, ResourceDefinition resource, String component) {
        String tag = resource.key();
        String base = PREFIX + resource.path();
        Schema ref = OASFactory.createSchema().ref("#/components/schemas/" + component);

        Operation list = operation(
                tag,
                "Retrieves " + resource.key() + " by example, with paging.",
                "get" + resource.resourceName() + "s");
        queryParameters(resource).forEach(list::addParameter);
        pagingParameters().forEach(list::addParameter);
        list.responses(responses(
                Map.of(
                        "200",
                        json(
                                "The matching items.",
                                OASFactory.createSchema()
                                        .addType(Schema.SchemaType.ARRAY)
                                        .items(ref))),
                "400"));

        Operation post = operation(
                tag,
                "Creates or updates a " + resource.resourceName() + " by its natural key (upsert).",
                "post" + resource.resourceName());
        post.requestBody(OASFactory.createRequestBody().required(true).content(content(ref)));
        post.responses(responses(
                Map.of(
                        "200",
                        plain("Updated; Location and ETag headers."),
                        "201",
                        plain("Created; Location and ETag headers.")),
                "400",
                "409",
                "412",
                "413",
                "415"));

        openAPI.getPaths()
                .addPathItem(base, OASFactory.createPathItem().GET(list).POST(post));

        Parameter id = OASFactory.createParameter()
                .name("id")
                .in(Parameter.In.PATH)
                .required(true)
                .description("The resource id: 32 hex characters.")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        Operation get = operation(
                tag, "Retrieves one " + resource.resourceName() + " by id.", "get" + resource.resourceName() + "ById");
        get.responses(responses(
                Map.of("200", json("The item; ETag header.", ref), "304", plain("Not modified (If-None-Match).")),
                "404"));
        Operation put =
                operation(tag, "Replaces a " + resource.resourceName() + " by id.", "put" + resource.resourceName());
        put.requestBody(OASFactory.createRequestBody().required(true).content(content(ref)));
        put.responses(
                responses(Map.of("204", plain("Updated; ETag header.")), "400", "404", "409", "412", "413", "415"));
        Operation delete =
                operation(tag, "Deletes a " + resource.resourceName() + " by id.", "delete" + resource.resourceName());
        delete.responses(responses(Map.of("204", plain("Deleted.")), "400", "404", "409", "412"));
        PathItem item =
                OASFactory.createPathItem().GET(get).PUT(put).DELETE(delete).addParameter(id);
        openAPI.getPaths().addPathItem(base + "/{id}", item);

        Operation deletes = operation(
                tag,
                "Deleted " + resource.key() + " (tombstones with natural-key values).",
                "deletes" + resource.resourceName());
        pagingParameters().forEach(deletes::addParameter);
        deletes.responses(responses(
                Map.of(
                        "200",
                        json(
                                "Tombstones: id, changeVersion, keyValues.",
                                OASFactory.createSchema().addType(Schema.SchemaType.ARRAY))),
                "400"));
        openAPI.getPaths()
                .addPathItem(base + "/deletes", OASFactory.createPathItem().GET(deletes));

        Operation keyChanges = operation(
                tag, "Natural-key changes of " + resource.key() + ".", "keyChanges" + resource.resourceName());
        pagingParameters().forEach(keyChanges::addParameter);
        keyChanges.responses(responses(
                Map.of(
                        "200",
                        json(
                                "Key changes: id, changeVersion, oldKeyValues, " + "newKeyValues.",
                                OASFactory.createSchema().addType(Schema.SchemaType.ARRAY))),
                "400"));
        openAPI.getPaths()
                .addPathItem(base + "/keyChanges", OASFactory.createPathItem().GET(keyChanges));

        Operation partitions = operation(
                tag,
                "Page tokens that split " + resource.key() + " into partitions, "
                        + "each read with pageToken and pageSize.",
                "get" + resource.resourceName() + "Partitions");
        Parameter number = query(
                "number",
                Schema.SchemaType.INTEGER,
                "How many partitions (1.." + QueryService.MAX_PARTITIONS + ", default 1).");
        number.getSchema()
                .format("int32")
                .minimum(BigDecimal.ONE)
                .maximum(BigDecimal.valueOf(QueryService.MAX_PARTITIONS));
        partitions.addParameter(number);
        queryParameters(resource).forEach(partitions::addParameter);
        partitions.responses(responses(
                Map.of(
                        "200",
                        json(
                                "{\"pageTokens\": [...]}: one token per partition.",
                                OASFactory.createSchema()
                                        .addType(Schema.SchemaType.OBJECT)
                                        .addProperty(
                                                "pageTokens",
                                                OASFactory.createSchema()
                                                        .addType(Schema.SchemaType.ARRAY)
                                                        .items(OASFactory.createSchema()
                                                                .addType(Schema.SchemaType.STRING))))),
                "400"));
        openAPI.getPaths()
                .addPathItem(base + "/partitions", OASFactory.createPathItem().GET(partitions));
    }

    private static Operation operation(String tag, String summary, String operationId) {
        return OASFactory.createOperation().addTag(tag).summary(summary).operationId(operationId);
    }

    private static List<Parameter> queryParameters(ResourceDefinition resource) {
        List<Parameter> parameters = new ArrayList<>();
        resource.queryParameters().values().forEach(q -> {
            JsonNode at = SchemaNavigator.at(resource.schema(), q.path());
            Schema.SchemaType type = SchemaNavigator.hasType(at, "integer")
                    ? Schema.SchemaType.INTEGER
                    : SchemaNavigator.hasType(at, "number")
                            ? Schema.SchemaType.NUMBER
                            : SchemaNavigator.hasType(at, "boolean")
                                    ? Schema.SchemaType.BOOLEAN
                                    : Schema.SchemaType.STRING;
            parameters.add(OASFactory.createParameter()
                    .name(q.name())
                    .in(Parameter.In.QUERY)
                    .description("Exact match on " + q.path())
                    .schema(OASFactory.createSchema().addType(type)));
        });
        parameters.sort((a, b) -> a.getName().compareTo(b.getName()));
        return parameters;
    }

    private static List<Parameter> pagingParameters() {
        List<Parameter> parameters = new ArrayList<>();
        parameters.add(query("offset", Schema.SchemaType.INTEGER, "Items to skip (>= 0)."));
        parameters.add(query("limit", Schema.SchemaType.INTEGER, "Items to return (0..500, default 500)."));
        parameters.add(query("totalCount", Schema.SchemaType.BOOLEAN, "Adds the Total-Count header."));
        parameters.add(query(
                "pageToken", Schema.SchemaType.STRING, "Keyset paging: the Next-Page-Token of the previous page."));
        parameters.add(query("pageSize", Schema.SchemaType.INTEGER, "Keyset paging: items per page (0..500)."));
        // change versions are int64 (clients generated from this document must not read them as 32-bit)
        Parameter min = query("minChangeVersion", Schema.SchemaType.INTEGER, "Lowest change version (inclusive).");
        min.getSchema().format("int64");
        parameters.add(min);
        Parameter max = query("maxChangeVersion", Schema.SchemaType.INTEGER, "Highest change version (inclusive).");
        max.getSchema().format("int64");
        parameters.add(max);
        return parameters;
    }

    private static Parameter query(String name, Schema.SchemaType type, String description) {
        return OASFactory.createParameter()
                .name(name)
                .in(Parameter.In.QUERY)
                .description(description)
                .schema(OASFactory.createSchema().addType(type));
    }

    private static APIResponses responses(Map<String, APIResponse> success, String... problemCodes) {
        APIResponses responses = OASFactory.createAPIResponses();
        new java.util.TreeMap<>(success).forEach(responses::addAPIResponse);
        Schema problem = OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM);
        for (String code : problemCodes) {
            responses.addAPIResponse(code, json("Problem details.", problem));
        }
        return responses;
    }

    private static APIResponse json(String description, Schema schema) {
        return OASFactory.createAPIResponse().description(description).content(content(schema));
    }

    private static APIResponse plain(String description) {
        return OASFactory.createAPIResponse().description(description);
    }

    private static Content content(Schema schema) {
        return OASFactory.createContent()
                .addMediaType("application/json", OASFactory.createMediaType().schema(schema));
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("Ed-Fi problem details.")
                .addProperty("type", string)
                .addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string)
                .addProperty("correlationId", string)
                .addProperty(
                        "validationErrors",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.OBJECT)
                                .additionalPropertiesSchema(OASFactory.createSchema()
                                        .addType(Schema.SchemaType.ARRAY)
                                        .items(string)))
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.ARRAY)
                                .items(string));
    }

    /** A JSON Schema (2020-12) node as an OpenAPI 3.1 schema; local $defs references become component refs. */
    static Schema convert(JsonNode node, String component) {
        Schema schema = OASFactory.createSchema();
        node.properties().forEach(entry -> {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            switch (key) {
                case "$defs", "$schema", "$comment" -> {}
                case "$ref" ->
                    schema.setRef(
                            value.asText().startsWith("#/$defs/")
                                    ? "#/components/schemas/" + component + "."
                                            + value.asText().substring(8)
                                    : value.asText());
                case "properties" ->
                    value.properties().forEach(p -> schema.addProperty(p.getKey(), convert(p.getValue(), component)));
                case "items", "not" -> schema.set(key, convert(value, component));
                case "anyOf", "oneOf", "allOf" -> {
                    List<Schema> branches = new ArrayList<>();
                    value.forEach(b -> branches.add(convert(b, component)));
                    schema.set(key, branches);
                }
                case "additionalProperties" -> {
                    if (value.isBoolean()) {
                        schema.set(key, value.booleanValue());
                    } else {
                        schema.set(key, convert(value, component));
                    }
                }
                default -> schema.set(key, plainValue(value));
            }
        });
        return schema;
    }

    private static Object plainValue(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        if (value.isNumber()) {
            return new BigDecimal(value.asText());
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            value.forEach(v -> list.add(plainValue(v)));
            return list;
        }
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.properties().forEach(e -> map.put(e.getKey(), plainValue(e.getValue())));
            return map;
        }
        return null;
    }
}
