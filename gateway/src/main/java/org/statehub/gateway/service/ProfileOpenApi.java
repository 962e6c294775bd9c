package org.statehub.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.profile.MemberSelection;
import org.statehub.edfi.contract.profile.ProfileDefinition;

/**
 * The OpenAPI document of one profile (the ODS/API's {@code /metadata/data/v3/profiles/{profile}/swagger.json}),
 * cut from the whole API's document: only the paths of the resources the profile covers; a GET only where the
 * profile has readable content, a POST and a PUT only where it has writable content (a DELETE always, as profiles
 * allow deletes); each resource's schema as {@code {component}_readable} for the answers and
 * {@code {component}_writable} for the bodies, with the members the profile's content keeps (the read-only
 * {@code id}, {@code _etag} and {@code _lastModifiedDate} kept in the readable schema and left out of the
 * writable one), nested objects and collection items cut by their own selections, and the profile's media types
 * in place of {@code application/json}. A collection's value filters are not expressible in a schema: the items a
 * filter drops have the same shape as those it keeps.
 */
public final class ProfileOpenApi {

    private static final String JSON = "application/json";
    private static final String COMPONENTS = "#/components/schemas/";

    private ProfileOpenApi() {}

    /** The profile's document, from {@code whole} (the merged document of the API, left unchanged). */
    public static ObjectNode of(ObjectNode whole, ProfileDefinition profile, ResourceCatalog catalog) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("openapi", whole.path("openapi").asText("3.1.0"));
        document.putObject("info")
                .put("title", profile.name() + " Resources")
                .put(
                        "description",
                        "The resources the '" + profile.name() + "' profile covers, with the members it lets a "
                                + "client read and write and its media types. Based on: "
                                + whole.path("info").path("title").asText())
                .put("version", whole.path("info").path("version").asText());
        copy(whole, document, "servers");
        copy(whole, document, "security");
        ObjectNode paths = document.putObject("paths");
        ObjectNode components = document.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        if (whole.path("components").has("securitySchemes")) {
            components.set(
                    "securitySchemes",
                    whole.path("components").get("securitySchemes").deepCopy());
        }
        ObjectNode source = (ObjectNode) whole.path("components").path("schemas");
        for (ProfileDefinition.ResourceProfile part : profile.resources().values()) {
            ResourceDefinition resource = catalog.find(part.resourceKey());
            if (resource != null) {
                resource(whole, paths, source, schemas, profile, resource, part);
            }
        }
        referenced(document, source, schemas);
        return document;
    }

    /** The paths of one covered resource, and its readable and writable schemas. */
    private static void resource(
            ObjectNode whole,
            ObjectNode paths,
            ObjectNode source,
            ObjectNode schemas,
            ProfileDefinition profile,
            ResourceDefinition resource,
            ProfileDefinition.ResourceProfile part) {
        String component = "EdFi." + resource.resourceName();
        if (!source.has(component)) {
            return;
        }
        String readable = part.readable()
                .map(selection -> select(source, schemas, component, component + "_readable", selection, false))
                .orElse(null);
        String writable = part.writable()
                .map(selection -> select(source, schemas, component, component + "_writable", selection, true))
                .orElse(null);
        String base = "/data/v3" + resource.path();
        whole.path("paths").properties().forEach(path -> {
            if (!(path.getKey().equals(base) || path.getKey().startsWith(base + "/"))) {
                return;
            }
            ObjectNode operations = path.getValue().deepCopy();
            for (String method : List.of("get", "post", "put")) {
                if (!operations.has(method)) {
                    continue;
                }
                boolean reads = method.equals("get");
                String target = reads ? readable : writable;
                if (target == null) {
                    operations.remove(method);
                    continue;
                }
                String mediaType =
                        ProfileDefinition.mediaType(resource, profile.name(), reads ? "readable" : "writable");
                JsonNode operation = operations.get(method);
                if (reads) {
                    operation.path("responses").forEach(answer -> retarget(answer, component, target, mediaType));
                } else {
                    retarget(operation.path("requestBody"), component, target, mediaType);
                }
            }
            if (operations.has("get") || operations.has("post") || operations.has("put") || operations.has("delete")) {
                paths.set(path.getKey(), operations);
            }
        });
    }

    /**
     * The content of {@code holder} (a request body or an answer) that carries {@code component}: under
     * {@code mediaType} instead of JSON, referring to {@code target}.
     */
    private static void retarget(JsonNode holder, String component, String target, String mediaType) {
        if (!(holder.get("content") instanceof ObjectNode content) || !content.has(JSON)) {
            return;
        }
        JsonNode json = content.get(JSON);
        if (!refersTo(json, COMPONENTS + component)) {
            return;
        }
        JsonNode moved = json.deepCopy();
        rewrite(moved, COMPONENTS + component, COMPONENTS + target);
        content.remove(JSON);
        content.set(mediaType, moved);
    }

    /**
     * Adds to {@code out} the schema {@code name}: {@code component}'s members that {@code selection} keeps (with
     * the read-only ones in a readable schema, without them in a writable one), its {@code required} cut alike,
     * and each kept member with a selection of its own referring to a schema cut by it.
     */
    private static String select(
            ObjectNode source,
            ObjectNode out,
            String component,
            String name,
            MemberSelection selection,
            boolean writable) {
        ObjectNode schema = source.get(component).deepCopy();
        if (schema.get("properties") instanceof ObjectNode properties) {
            List<String> names = new ArrayList<>();
            properties.fieldNames().forEachRemaining(names::add);
            for (String member : names) {
                JsonNode property = properties.get(member);
                boolean readOnly = property.path("readOnly").asBoolean(false);
                boolean kept = writable ? !readOnly && selection.keeps(member) : readOnly || selection.keeps(member);
                if (!kept) {
                    properties.remove(member);
                    continue;
                }
                MemberSelection nested = selection.members().get(member);
                if (nested != null) {
                    for (String ref : refs(property)) {
                        String target = ref.substring(COMPONENTS.length());
                        if (source.has(target)) {
                            String cut = select(source, out, target, name + "." + member, nested, writable);
                            rewrite(property, ref, COMPONENTS + cut);
                        }
                    }
                }
            }
            if (schema.get("required") instanceof ArrayNode required) {
                for (int i = required.size() - 1; i >= 0; i--) {
                    if (!properties.has(required.get(i).asText())) {
                        required.remove(i);
                    }
                }
            }
        }
        out.set(name, schema);
        return name;
    }

    /** Copies into {@code schemas} every component of {@code source} the document refers to, directly or not. */
    private static void referenced(ObjectNode document, ObjectNode source, ObjectNode schemas) {
        Deque<JsonNode> pending = new ArrayDeque<>(List.of(document.get("paths")));
        schemas.forEach(pending::add);
        while (!pending.isEmpty()) {
            for (String ref : refs(pending.pop())) {
                String name = ref.substring(COMPONENTS.length());
                if (!schemas.has(name) && source.has(name)) {
                    schemas.set(name, source.get(name).deepCopy());
                    pending.add(schemas.get(name));
                }
            }
        }
    }

    /** The component references ({@code $ref} to {@code #/components/schemas/...}) anywhere in {@code node}. */
    private static Set<String> refs(JsonNode node) {
        Set<String> found = new LinkedHashSet<>();
        Deque<JsonNode> pending = new ArrayDeque<>(List.of(node));
        while (!pending.isEmpty()) {
            JsonNode next = pending.pop();
            Optional.ofNullable(next.get("$ref"))
                    .map(JsonNode::asText)
                    .filter(ref -> ref.startsWith(COMPONENTS))
                    .ifPresent(found::add);
            next.forEach(pending::add);
        }
        return found;
    }

    private static boolean refersTo(JsonNode node, String ref) {
        return refs(node).contains(ref);
    }

    /** Replaces, in place, every {@code $ref} to {@code from} in {@code node} by one to {@code to}. */
    private static void rewrite(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object && from.equals(object.path("$ref").asText(null))) {
            object.put("$ref", to);
        }
        node.forEach(child -> rewrite(child, from, to));
    }

    private static void copy(ObjectNode from, ObjectNode to, String member) {
        if (from.has(member)) {
            to.set(member, from.get(member).deepCopy());
        }
    }
}
