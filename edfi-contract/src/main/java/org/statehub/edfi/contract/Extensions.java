package org.statehub.edfi.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges extension projects into the core resources (docs/decisions/0020): each project's members of a core
 * resource become {@code _ext.{project}} in the resource's schema (an object that takes no other member, so an
 * unknown project is refused with its path, as decision 0003 wants), and its declarations (collections with their
 * item keys, descriptor members) join the resource's, so that validation, storage and reads need no code of their
 * own for extensions. What a project declares must stay under its own {@code _ext.{project}}; a project that names
 * a resource the contract does not have, or declares what this version does not support yet, stops the load. A
 * project's own resources ({@code /sample/buses}) are read by {@link ResourceCatalog} and only checked here.
 */
final class Extensions {

    private Extensions() {}

    static List<ResourceDefinition> merge(List<ResourceDefinition> core, List<ExtensionProject> projects) {
        Map<String, ResourceDefinition> byKey = new LinkedHashMap<>();
        core.forEach(d -> byKey.put(d.key(), d));
        java.util.Set<String> endpoints = new java.util.HashSet<>();
        for (ExtensionProject project : projects) {
            if (!endpoints.add(project.endpointName())) {
                throw failure(project, "is named twice");
            }
            project.declaration().path("extends").properties().forEach(entry -> {
                ResourceDefinition resource = byKey.get(entry.getKey());
                if (resource == null || resource.descriptor()) {
                    throw failure(project, "extends '" + entry.getKey() + "', which is not a resource of the contract");
                }
                byKey.put(resource.key(), extend(resource, project, entry.getValue(), byKey));
            });
        }
        return List.copyOf(byKey.values());
    }

    private static ResourceDefinition extend(
            ResourceDefinition resource,
            ExtensionProject project,
            JsonNode declaration,
            Map<String, ResourceDefinition> catalog) {
        String where = "extends " + resource.key();
        for (String unsupported : List.of("references", "equalityConstraints", "identityKeyValues")) {
            if (declaration.has(unsupported)) {
                throw failure(project, where + ": '" + unsupported + "' are not supported in extensions yet");
            }
        }
        JsonNode fragment = project.files().apply(declaration.path("schema").asText(""));
        if (fragment.toString().contains("\"$ref\"")) {
            throw failure(project, where + ": its schema must not use $ref (write each member's schema in place)");
        }
        ObjectNode schema = resource.schema().deepCopy();
        ObjectNode properties = (ObjectNode) schema.get("properties");
        ObjectNode ext = (ObjectNode) properties.get("_ext");
        if (ext == null) {
            ext = properties.putObject("_ext");
            ext.put("description", "Members of the extension projects the hub serves, each under its project's name.");
            ArrayNode type = ext.putArray("type");
            type.add("object").add("null");
            ext.put("additionalProperties", false);
            ext.putObject("properties");
        }
        ((ObjectNode) ext.get("properties")).set(project.endpointName(), fragment.deepCopy());

        String own = "$._ext." + project.endpointName();
        List<CollectionDeclaration> collections = new ArrayList<>(resource.collections());
        for (JsonNode c : declaration.path("collections")) {
            List<String> itemKey = new ArrayList<>();
            c.path("itemKey").forEach(k -> itemKey.add(k.asText()));
            collections.add(
                    new CollectionDeclaration(ownPath(project, where, own, c.path("path")), List.copyOf(itemKey)));
        }
        List<DescriptorMember> descriptors = new ArrayList<>(resource.descriptors());
        for (JsonNode d : declaration.path("descriptors")) {
            String name = d.path("descriptor").asText("");
            if (catalog.values().stream()
                    .noneMatch(r -> r.descriptor() && r.resourceName().equals(name))) {
                throw failure(project, where + ": no descriptor resource " + name);
            }
            descriptors.add(new DescriptorMember(ownPath(project, where, own, d.path("path")), name));
        }
        return new ResourceDefinition(
                resource.key(),
                resource.project(),
                resource.path(),
                resource.resourceName(),
                resource.ownerService(),
                false,
                schema,
                resource.identity(),
                resource.allowKeyChanges(),
                resource.references(),
                List.copyOf(descriptors),
                List.copyOf(collections),
                resource.equalityConstraints(),
                resource.queryParameters(),
                resource.rules());
    }

    /** A declared path, which must lie under the project's own {@code _ext} member. */
    private static JsonPath ownPath(ExtensionProject project, String where, String own, JsonNode path) {
        String text = path.asText("");
        if (!text.equals(own) && !text.startsWith(own + ".") && !text.startsWith(own + "[")) {
            throw failure(project, where + ": the path " + text + " is outside " + own);
        }
        return JsonPath.parse(text);
    }

    /**
     * Checks that every reference of an extension project's own resources to a resource of the hub's subset names
     * a resource of the catalog by its key ({@code sample/buses}), so that a misspelt target stops the load rather
     * than answering 409 for every item.
     */
    static void checkOwnReferences(List<ResourceDefinition> catalog) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        catalog.forEach(d -> keys.add(d.key()));
        for (ResourceDefinition resource : catalog) {
            if (resource.project().equals(ResourceDefinition.CORE)) {
                continue;
            }
            for (ReferenceDeclaration reference : resource.references()) {
                for (ReferenceTarget target : reference.targets()) {
                    if (target.inSubset() && !keys.contains(target.resource())) {
                        throw new IllegalStateException("Extension project " + resource.project() + ": "
                                + resource.key() + " references " + target.resource()
                                + ", which is not a resource of the catalog (name it by its key, e.g. "
                                + resource.project() + "/" + "buses)");
                    }
                }
            }
        }
    }

    static IllegalStateException failure(ExtensionProject project, String what) {
        return new IllegalStateException(
                "Extension project " + project.projectName() + " (" + project.endpointName() + "): " + what);
    }
}
