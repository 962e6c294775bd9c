package org.statehub.feed.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;

/**
 * A csv-templates connection's {@code extensionColumns} (decision 0020, step 6): per resource a template gives, a
 * template column whose cell goes into a member under {@code _ext.{project}} of that resource's records, by a
 * path such as {@code _ext.sample.petPreference.minimumWeight}. A step ending in {@code []} is a collection: the
 * cell's values separated by {@code ;} are its items, in order (as the {@code Race} column's), and the columns of
 * one collection fill the same items ({@code PetName} {@code Rex;Tom} and {@code PetFixed} {@code Y;N} make two
 * pets). A cell becomes the member's JSON type (Y/N for a boolean); a descriptor member takes the vendor's code,
 * mapped as any descriptor of the record. The paths are checked against the contract when the connection is saved.
 */
public final class ExtensionColumns {

    /** Columns of no connection. */
    static final ExtensionColumns NONE = new ExtensionColumns(Map.of());

    /** The resources whose records the columns can fill: those the collection templates give. */
    static final List<String> RESOURCES = Templates.ORDER.stream()
            .flatMap(template -> Templates.RESOURCES.get(template).stream())
            .toList();

    /** A path resolved against a resource's schema: its steps as the schema spells them, where its collection is. */
    private record Member(List<String> steps, int collection, String type) {}

    private record Column(String column, Member member) {}

    private final Map<String, List<Column>> byResource;

    private ExtensionColumns(Map<String, List<Column>> byResource) {
        this.byResource = byResource;
    }

    /**
     * A connection's columns ({@code resource -> column -> path}), typed by the contract. A path the contract no
     * longer has (an extension taken out of the deployment) is still filled, as text: the record's extension check
     * then holds the record with its reason.
     */
    static ExtensionColumns of(ResourceCatalog catalog, Map<String, Map<String, String>> configured) {
        Map<String, List<Column>> byResource = new LinkedHashMap<>();
        configured.forEach((resource, columns) -> {
            ResourceDefinition definition = catalog.find(resource);
            columns.forEach((column, path) -> {
                Member member =
                        definition == null ? null : resolve(definition, path).member();
                if (member == null) {
                    member = new Member(List.of(path.replace("[]", "").split("\\.")), -1, "string");
                }
                byResource.computeIfAbsent(resource, r -> new ArrayList<>()).add(new Column(column, member));
            });
        });
        return new ExtensionColumns(byResource);
    }

    /**
     * What is wrong with a request's {@code extensionColumns} (an object of objects of strings, its shape already
     * checked), by the member's path ({@code $.extensionColumns.students.PetName}); empty when nothing is.
     */
    public static Map<String, List<String>> problems(ResourceCatalog catalog, JsonNode extensionColumns) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> resource : extensionColumns.properties()) {
            String at = "$.extensionColumns." + resource.getKey();
            if (!RESOURCES.contains(resource.getKey())) {
                problems.put(
                        at,
                        List.of("Extension columns fill records of the resources the templates give: " + RESOURCES
                                + "."));
                continue;
            }
            ResourceDefinition definition = catalog.find(resource.getKey());
            for (Map.Entry<String, JsonNode> column : resource.getValue().properties()) {
                if (column.getKey().isBlank()) {
                    problems.put(at, List.of("A column's name is its header's name; it cannot be blank."));
                    continue;
                }
                String problem = resolve(definition, column.getValue().asText()).problem();
                if (problem != null) {
                    problems.put(at + "." + column.getKey(), List.of(problem));
                }
            }
        }
        return problems;
    }

    /** A member, or (null member) why the path names none. */
    private record Resolved(Member member, String problem) {}

    /** The member {@code path} names in {@code resource}'s schema, as the hub serves it. */
    private static Resolved resolve(ResourceDefinition resource, String path) {
        String[] parts = path.split("\\.", -1);
        if (parts.length < 3 || !parts[0].equals("_ext")) {
            return new Resolved(
                    null, "'" + path + "' is not a path under _ext.{project}, such as _ext.sample.pets[].petName.");
        }
        JsonNode ext = resource.schema().path("properties").path("_ext");
        Optional<Map.Entry<String, JsonNode>> project = ExtensionMembers.member(ext, parts[1]);
        if (project.isEmpty()) {
            return new Resolved(
                    null,
                    "'" + parts[1] + "' is not an extension project the hub serves for " + resource.key() + " ("
                            + ExtensionMembers.served(ext) + ").");
        }
        List<String> steps = new ArrayList<>(List.of("_ext", project.get().getKey()));
        JsonNode schema = project.get().getValue();
        int collection = -1;
        for (int i = 2; i < parts.length; i++) {
            boolean many = parts[i].endsWith("[]");
            String name = many ? parts[i].substring(0, parts[i].length() - 2) : parts[i];
            Optional<Map.Entry<String, JsonNode>> member =
                    types(schema).contains("object") ? ExtensionMembers.member(schema, name) : Optional.empty();
            if (member.isEmpty()) {
                return new Resolved(
                        null,
                        "'" + path + "': " + resource.key() + "'s " + String.join(".", steps) + " has no member '"
                                + name + "'.");
            }
            steps.add(member.get().getKey());
            schema = member.get().getValue();
            if (many) {
                if (!types(schema).contains("array")) {
                    return new Resolved(
                            null, "'" + path + "': " + name + " is not a collection ([] follows a collection only).");
                }
                if (collection >= 0) {
                    return new Resolved(null, "'" + path + "': a column fills one collection ([] once).");
                }
                collection = steps.size() - 1;
                schema = schema.path("items");
            }
        }
        List<String> types = types(schema);
        String type = types.stream()
                .filter(t -> List.of("string", "integer", "number", "boolean").contains(t))
                .findFirst()
                .orElse(null);
        if (type == null || types.contains("object") || types.contains("array")) {
            return new Resolved(
                    null,
                    "'" + path + "' names " + (types.contains("array") ? "a collection" : "an object")
                            + "; a column fills a member that holds a value"
                            + (types.contains("array") ? " (write [] after the collection's name)" : "") + ".");
        }
        return new Resolved(new Member(List.copyOf(steps), collection, type), null);
    }

    private static List<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        List<String> types = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (type.isTextual()) {
            types.add(type.asText());
        }
        return types;
    }

    /** Puts the row's extension cells into a record of {@code resource} made from it. */
    void fill(String resource, Map<String, String> row, ObjectNode record) {
        for (Column column : byResource.getOrDefault(resource, List.of())) {
            String cell = row.get(column.column());
            if (cell == null || cell.isBlank()) {
                continue;
            }
            Member member = column.member();
            if (member.collection() < 0) {
                put(record, member.steps(), cell.trim(), member.type());
                continue;
            }
            ObjectNode parent = object(record, member.steps().subList(0, member.collection()));
            String name = member.steps().get(member.collection());
            ArrayNode items = parent.get(name) instanceof ArrayNode existing ? existing : parent.putArray(name);
            String[] values = cell.split(";", -1);
            List<String> rest = member.steps()
                    .subList(member.collection() + 1, member.steps().size());
            for (int i = 0; i < values.length; i++) {
                while (items.size() <= i) {
                    items.addObject();
                }
                if (!values[i].isBlank() && items.get(i) instanceof ObjectNode item) {
                    put(item, rest, values[i].trim(), member.type());
                }
            }
        }
    }

    /** The object at {@code steps} under {@code node}, made where it is missing. */
    private static ObjectNode object(ObjectNode node, List<String> steps) {
        ObjectNode at = node;
        for (String step : steps) {
            at = at.get(step) instanceof ObjectNode existing ? existing : at.putObject(step);
        }
        return at;
    }

    private static void put(ObjectNode node, List<String> steps, String value, String type) {
        ObjectNode parent = object(node, steps.subList(0, steps.size() - 1));
        String leaf = steps.get(steps.size() - 1);
        switch (type) {
            case "boolean" -> {
                String flag = value.toUpperCase(java.util.Locale.ROOT);
                if (List.of("Y", "YES", "TRUE", "1").contains(flag)) {
                    parent.put(leaf, true);
                } else if (List.of("N", "NO", "FALSE", "0").contains(flag)) {
                    parent.put(leaf, false);
                } else {
                    parent.put(leaf, value); // for the hub's validation to refuse with its path
                }
            }
            case "integer" -> {
                try {
                    long number = Long.parseLong(value);
                    if (number == (int) number) {
                        parent.put(leaf, (int) number); // as a parser reads it
                    } else {
                        parent.put(leaf, number);
                    }
                } catch (NumberFormatException e) {
                    parent.put(leaf, value);
                }
            }
            case "number" -> {
                try {
                    parent.put(leaf, new BigDecimal(value));
                } catch (NumberFormatException e) {
                    parent.put(leaf, value);
                }
            }
            default -> parent.put(leaf, value);
        }
    }
}
