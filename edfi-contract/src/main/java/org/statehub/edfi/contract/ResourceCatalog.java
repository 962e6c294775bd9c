package org.statehub.edfi.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.statehub.edfi.contract.security.SecurableElements;

/**
 * Every resource of the contract, read once from the classpath copy of {@code edfi/schema/}, with the extension
 * projects the deployment serves (their members of core resources and their own resources). Lookups by catalog key
 * or by project and URL segment are case-insensitive, as in ODS.
 */
public final class ResourceCatalog {

    private static final String BASE = "edfi/schema/";

    private final Map<String, ResourceDefinition> byLowerKey = new LinkedHashMap<>();
    private final Map<String, ResourceDefinition> byResourceName = new LinkedHashMap<>();
    private final LoadOrder loadOrder;
    private final List<ExtensionProject> extensions;
    private final Map<String, SecurableElements> securableElements;

    private ResourceCatalog(List<ResourceDefinition> definitions, List<ExtensionProject> extensions) {
        this.extensions = extensions;
        for (ResourceDefinition definition : definitions) {
            if (byLowerKey.put(definition.key().toLowerCase(Locale.ROOT), definition) != null
                    || byResourceName.put(definition.resourceName(), definition) != null) {
                throw new IllegalStateException("Two resources of the contract are named " + definition.resourceName()
                        + " or kept under " + definition.key());
            }
        }
        loadOrder = LoadOrder.of(definitions);
        // last: they are checked against the resources and references above
        securableElements = SecurableElements.of(this);
    }

    /** The contract shipped in this library, loaded once for the whole process. */
    public static ResourceCatalog contract() {
        return Shared.CONTRACT;
    }

    private static final class Shared {
        static final ResourceCatalog CONTRACT = load();
    }

    /**
     * The securable elements of the resources that have any (the core's and those the extension projects declare,
     * {@link SecurableElements#of(ResourceCatalog)}), by key, checked when the catalog is loaded.
     */
    public Map<String, SecurableElements> securableElements() {
        return securableElements;
    }

    /** The order in which the resources can be loaded, from their references (the one place it is computed). */
    public LoadOrder loadOrder() {
        return loadOrder;
    }

    /** The extension projects merged into the core (decision 0020), in the order they were named. */
    public List<ExtensionProject> extensions() {
        return extensions;
    }

    /**
     * Loads the contract shipped in this library with the extension projects the deployment names
     * ({@link ExtensionProject#configured()}); a new copy, {@link #contract()} shares one.
     */
    public static ResourceCatalog load() {
        return load(ExtensionProject.configured());
    }

    /** Loads the contract shipped in this library with these extension projects merged in. */
    public static ResourceCatalog load(List<ExtensionProject> extensions) {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode contract = read(mapper, "resources.json");
        Function<String, JsonNode> files = file -> read(mapper, file);
        List<ResourceDefinition> definitions = new ArrayList<>();
        contract.get("resources")
                .properties()
                .forEach(entry ->
                        definitions.add(resource(ResourceDefinition.CORE, entry.getKey(), entry.getValue(), files)));
        JsonNode descriptors = contract.get("descriptorResources");
        JsonNode descriptorSchema = read(mapper, descriptors.get("schema").asText());
        descriptors
                .get("items")
                .properties()
                .forEach(entry -> definitions.add(descriptor(
                        ResourceDefinition.CORE, entry.getKey(), entry.getValue(), descriptors, descriptorSchema)));
        // every other descriptor type of the standard set (files shipped with the library) has the same shape
        java.util.Set<String> declared = new java.util.HashSet<>();
        definitions.forEach(d -> declared.add(d.resourceName()));
        for (String name : org.statehub.edfi.contract.descriptor.StandardDescriptors.descriptorNames()) {
            if (declared.add(name)) {
                ObjectNode item = mapper.createObjectNode();
                item.put("path", "/ed-fi/" + descriptorPathSegment(name));
                definitions.add(descriptor(ResourceDefinition.CORE, name, item, descriptors, descriptorSchema));
            }
        }
        for (ExtensionProject project : extensions) {
            definitions.addAll(ownResources(project, descriptors, descriptorSchema));
        }
        List<ResourceDefinition> merged = Extensions.merge(definitions, extensions);
        Extensions.checkOwnReferences(merged);
        return new ResourceCatalog(withRules(merged, read(mapper, "hub-rules.json")), List.copyOf(extensions));
    }

    /**
     * An extension project's own resources and descriptors (docs/decisions/0020, step 3): the file its
     * {@code project.json} names under {@code resources}, in the core {@code resources.json}'s shape. Each resource
     * is keyed {@code {project}/{segment}} and served at {@code /{project}/{segment}}; its schema is a file of the
     * project; references name their target by its catalog key ({@code sample/buses}, {@code schools}). Descriptor
     * resources ({@code descriptorResources.items}: names, as in the core file) share the core descriptors' schema,
     * identity and query parameters, and the owner the file names.
     */
    private static List<ResourceDefinition> ownResources(
            ExtensionProject project, JsonNode coreDescriptors, JsonNode descriptorSchema) {
        String file = project.declaration().path("resources").asText("");
        if (file.isEmpty()) {
            return List.of();
        }
        JsonNode declared = project.files().apply(file);
        String endpoint = project.endpointName();
        List<ResourceDefinition> definitions = new ArrayList<>();
        declared.path("resources").properties().forEach(entry -> {
            String path = "/" + endpoint + "/" + entry.getKey();
            if (!entry.getValue().path("path").asText(path).equals(path)) {
                throw Extensions.failure(project, file + ": the path of " + entry.getKey() + " must be " + path);
            }
            ObjectNode node = entry.getValue().deepCopy();
            node.put("path", path);
            definitions.add(resource(endpoint, endpoint + "/" + entry.getKey(), node, project.files()));
        });
        JsonNode descriptors = declared.path("descriptorResources");
        ObjectNode shared = coreDescriptors.deepCopy();
        shared.put(
                "ownerService",
                descriptors
                        .path("ownerService")
                        .asText(shared.get("ownerService").asText()));
        descriptors.path("items").properties().forEach(entry -> {
            ObjectNode item = entry.getValue().deepCopy();
            item.put("path", "/" + endpoint + "/" + descriptorPathSegment(entry.getKey()));
            definitions.add(descriptor(endpoint, entry.getKey(), item, shared, descriptorSchema));
        });
        return definitions;
    }

    /** The definitions with the hub's own rules ({@code hub-rules.json}); a rule naming no resource is an error. */
    private static List<ResourceDefinition> withRules(List<ResourceDefinition> definitions, JsonNode declared) {
        Map<String, java.util.Set<ResourceDefinition.Rule>> rules = new LinkedHashMap<>();
        for (ResourceDefinition.Rule rule : ResourceDefinition.Rule.values()) {
            for (JsonNode resource : declared.path(rule.member())) {
                if (definitions.stream().noneMatch(d -> d.key().equals(resource.asText()))) {
                    throw new IllegalStateException(
                            "hub-rules.json: " + rule.member() + " names an unknown resource: " + resource.asText());
                }
                rules.computeIfAbsent(resource.asText(), k -> java.util.EnumSet.noneOf(ResourceDefinition.Rule.class))
                        .add(rule);
            }
        }
        return definitions.stream()
                .map(d -> rules.containsKey(d.key()) ? d.withRules(rules.get(d.key())) : d)
                .toList();
    }

    /**
     * The URL segment of a descriptor resource: lowerCamel plural, a leading acronym lower-cased whole
     * ({@code CTEProgramServiceDescriptor} gives {@code cteProgramServiceDescriptors}).
     */
    public static String descriptorPathSegment(String descriptorName) {
        int run = 0;
        while (run < descriptorName.length() && Character.isUpperCase(descriptorName.charAt(run))) {
            run++;
        }
        int lower = run <= 1 ? 1 : run == descriptorName.length() ? run : run - 1;
        return descriptorName.substring(0, lower).toLowerCase(Locale.ROOT) + descriptorName.substring(lower) + "s";
    }

    /** The resource with this catalog key ({@code students}, {@code sample/buses}), in any case; null if none. */
    public ResourceDefinition find(String key) {
        return byLowerKey.get(key.toLowerCase(Locale.ROOT));
    }

    /**
     * The resource served at {@code /data/v3/{project}/{segment}} ({@code ed-fi}, {@code students}; {@code sample},
     * {@code buses}), both in any case; null if none.
     */
    public ResourceDefinition find(String project, String segment) {
        if (segment.indexOf('/') >= 0) {
            return null;
        }
        boolean core = project.equalsIgnoreCase(ResourceDefinition.CORE);
        ResourceDefinition found = find(core ? segment : project + "/" + segment);
        return found != null && found.project().equalsIgnoreCase(project) ? found : null;
    }

    public ResourceDefinition byResourceName(String resourceName) {
        return byResourceName.get(resourceName);
    }

    public Collection<ResourceDefinition> all() {
        return byLowerKey.values();
    }

    /** The resources stored by {@code service}. */
    public List<ResourceDefinition> ownedBy(String service) {
        return byLowerKey.values().stream()
                .filter(d -> d.ownerService().equals(service))
                .toList();
    }

    private static JsonNode read(ObjectMapper mapper, String file) {
        try (InputStream in = ResourceCatalog.class.getClassLoader().getResourceAsStream(BASE + file)) {
            if (in == null) {
                throw new IllegalStateException("Contract file missing from the classpath: " + BASE + file);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResourceDefinition resource(
            String project, String key, JsonNode node, Function<String, JsonNode> files) {
        JsonNode schema = files.apply(node.get("schema").asText());
        List<ReferenceDeclaration> references = new ArrayList<>();
        for (JsonNode ref : node.path("references")) {
            List<ReferenceTarget> targets = new ArrayList<>();
            if (ref.has("targets")) {
                ref.get("targets").forEach(t -> targets.add(target(t)));
            } else {
                targets.add(target(ref));
            }
            references.add(new ReferenceDeclaration(
                    JsonPath.parse(ref.get("path").asText()),
                    ref.path("required").asBoolean(),
                    ref.get("targetResourceName").asText(),
                    List.copyOf(targets),
                    ref.path("ddlForeignKeyOptions").asText("").contains("ON UPDATE CASCADE")));
        }
        List<DescriptorMember> descriptorMembers = new ArrayList<>();
        for (JsonNode d : node.path("descriptors")) {
            descriptorMembers.add(new DescriptorMember(
                    JsonPath.parse(d.get("path").asText()), d.get("descriptor").asText()));
        }
        List<CollectionDeclaration> collections = new ArrayList<>();
        for (JsonNode c : node.path("collections")) {
            List<String> itemKey = new ArrayList<>();
            c.path("itemKey").forEach(k -> itemKey.add(k.asText()));
            collections.add(
                    new CollectionDeclaration(JsonPath.parse(c.get("path").asText()), List.copyOf(itemKey)));
        }
        List<EqualityConstraint> equalities = new ArrayList<>();
        for (JsonNode e : node.path("equalityConstraints")) {
            List<JsonPath> paths = new ArrayList<>();
            e.path("paths").forEach(p -> paths.add(JsonPath.parse(p.asText())));
            equalities.add(new EqualityConstraint(e.get("column").asText(), List.copyOf(paths)));
        }
        return new ResourceDefinition(
                key,
                project,
                node.get("path").asText(),
                node.get("resourceName").asText(),
                node.get("ownerService").asText(),
                false,
                schema,
                keyFields(node.get("identityKeyValues")),
                node.path("allowKeyChanges").asBoolean(),
                List.copyOf(references),
                List.copyOf(descriptorMembers),
                List.copyOf(collections),
                List.copyOf(equalities),
                queryParameters(node.get("queryParameters")),
                java.util.Set.of());
    }

    private static ResourceDefinition descriptor(
            String project, String name, JsonNode item, JsonNode shared, JsonNode schema) {
        String path = item.get("path").asText();
        String segment = path.substring(path.lastIndexOf('/') + 1);
        return new ResourceDefinition(
                project.equals(ResourceDefinition.CORE) ? segment : project + "/" + segment,
                project,
                path,
                name,
                item.path("ownerService").asText(shared.get("ownerService").asText()),
                true,
                schema,
                keyFields(shared.get("identityKeyValues")),
                false,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                queryParameters(shared.get("queryParameters")),
                java.util.Set.of());
    }

    private static ReferenceTarget target(JsonNode node) {
        Map<String, String> fieldMap = new LinkedHashMap<>();
        node.path("fieldMap")
                .properties()
                .forEach(e -> fieldMap.put(e.getKey(), e.getValue().asText()));
        return new ReferenceTarget(
                node.get("target").asText(),
                node.get("targetResourceName").asText(),
                node.path("inSubset").asBoolean(),
                node.path("targetOwnerService").asText(null),
                Map.copyOf(fieldMap));
    }

    private static List<KeyField> keyFields(JsonNode identityKeyValues) {
        List<KeyField> fields = new ArrayList<>();
        for (JsonNode k : identityKeyValues) {
            List<JsonPath> alsoAt = new ArrayList<>();
            k.path("alsoAt").forEach(a -> alsoAt.add(JsonPath.parse(a.asText())));
            fields.add(new KeyField(
                    k.get("name").asText(),
                    JsonPath.parse(k.get("path").asText()),
                    List.copyOf(alsoAt),
                    k.get("type").asText()));
        }
        return List.copyOf(fields);
    }

    private static Map<String, ResourceDefinition.QueryParameter> queryParameters(JsonNode node) {
        Map<String, ResourceDefinition.QueryParameter> parameters = new LinkedHashMap<>();
        node.properties()
                .forEach(e -> parameters.put(
                        e.getKey().toLowerCase(Locale.ROOT),
                        new ResourceDefinition.QueryParameter(
                                e.getKey(), JsonPath.parse(e.getValue().asText()))));
        return Map.copyOf(parameters);
    }
}
