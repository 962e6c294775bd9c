package org.statehub.edfi.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.statehub.edfi.contract.CollectionDeclaration;
import org.statehub.edfi.contract.DescriptorMember;
import org.statehub.edfi.contract.EqualityConstraint;
import org.statehub.edfi.contract.JsonPath;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.SchemaNavigator;
import org.statehub.edfi.core.descriptor.DescriptorLookup;
import org.statehub.edfi.core.descriptor.DescriptorLookup.DescriptorValue;

/**
 * Validates a prepared body of a resource: first its JSON Schema (with a maintained validator), then the rules a
 * schema cannot say (item uniqueness by item key, unified key values, descriptor existence). Every finding becomes
 * an Ed-Fi message keyed by the JSON path it is about.
 */
public final class DocumentValidator {

    private static final String IDENTIFYING_PATTERN = "^\\S([\\s\\S]*\\S)?$";
    private static final String REQUIRED_PATTERN = "\\S";
    private static final String DESCRIPTOR_PATTERN = "^[^#]+#.+$";

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

    private record Compiled(
            JsonNode schema, Schema validator, Map<String, String> descriptorTypes, List<JsonPath> dates) {}

    /**
     * Schema and unique-item checks; no I/O. Returns the errors found (empty when the body is valid), at most
     * {@link ValidationErrors#MAX_MESSAGES}: the schema validation stops once that many are found.
     */
    public ValidationErrors validate(ResourceDefinition resource, ObjectNode body) {
        Compiled c = compiled.computeIfAbsent(resource.key(), k -> compile(resource));
        ValidationErrors errors = new ValidationErrors();
        checkText(body, "$", errors);
        if (!errors.isEmpty()) {
            return errors; // text that cannot be stored is never looked at further (nor sent to the database)
        }
        CappedErrors schemaErrors = new CappedErrors(ValidationErrors.MAX_MESSAGES);
        try {
            c.validator().validate(body, context -> context.setErrors(schemaErrors));
        } catch (CappedErrors.Full full) {
            errors.stopped();
        }
        for (Error error : schemaErrors) {
            translate(resource, c, error, errors);
        }
        if (errors.isEmpty()) {
            checkDates(c, body, errors);
            checkItemUniqueness(resource, body, errors);
            checkEqualities(resource, body, errors);
        }
        return errors;
    }

    /**
     * The list the schema validator adds its errors to: once it holds {@code cap}, the next error stops the
     * validation (a body with a 200,000-item invalid array is not walked to its end).
     */
    private static final class CappedErrors extends ArrayList<Error> {

        private final int cap;

        CappedErrors(int cap) {
            this.cap = cap;
        }

        @Override
        public boolean add(Error error) {
            if (size() >= cap) {
                throw new Full();
            }
            return super.add(error);
        }

        @Override
        public boolean addAll(java.util.Collection<? extends Error> errors) {
            errors.forEach(this::add);
            return !errors.isEmpty();
        }

        /** Thrown through the validator to stop it; carries no stack trace. */
        static final class Full extends RuntimeException {
            Full() {
                super("validation error cap reached", null, false, false);
            }
        }
    }

    /** Every member name and string value must be text PostgreSQL stores as sent (see {@link Limits#unstorable}). */
    private static void checkText(JsonNode node, String path, ValidationErrors errors) {
        if (node.isTextual()) {
            String reason = Limits.unstorable(node.textValue());
            if (reason != null) {
                errors.add(path, "The value of " + Messages.pascal(Messages.leaf(path)) + " " + reason + ".");
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String name = member.getKey();
                String reason = Limits.unstorable(name);
                if (reason != null) {
                    errors.add(
                            path + "." + Limits.shown(name),
                            "The member name '" + Limits.shown(name) + "' " + reason + ".");
                    continue;
                }
                checkText(member.getValue(), path + "." + name, errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkText(node.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    /** Every {@code format: date} member must be a real calendar date in the range {@link Limits} accepts. */
    private static void checkDates(Compiled c, JsonNode body, ValidationErrors errors) {
        for (JsonPath date : c.dates()) {
            date.select(body, (path, node) -> {
                if (node.isTextual() && !Limits.validDate(node.textValue())) {
                    errors.add(
                            path,
                            "The value '" + Limits.shown(node.textValue()) + "' is not a valid date for "
                                    + Messages.pascal(Messages.leaf(path)) + ". " + Limits.dateRule());
                }
            });
        }
    }

    /** The paths of the schema's {@code format: date} members, e.g. {@code $.periods[*].beginDate}. */
    private static void datePaths(JsonNode root, JsonNode schema, String path, List<JsonPath> found, int depth) {
        if (schema == null || depth > 32) {
            return;
        }
        if (Limits.isDate(schema)) {
            found.add(JsonPath.parse(path));
            return;
        }
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            properties
                    .fieldNames()
                    .forEachRemaining(name -> datePaths(
                            root, SchemaNavigator.property(root, schema, name), path + "." + name, found, depth + 1));
        }
        if (schema.has("items")) {
            datePaths(root, SchemaNavigator.resolve(root, schema.get("items")), path + "[*]", found, depth + 1);
        }
    }

    /**
     * Adds an error for every descriptor value of the body that does not exist, also when other members of the body
     * are invalid (the ODS/API reports every finding at once). A value already refused at its path (malformed, or
     * text that cannot be stored) is not looked up.
     */
    public void checkDescriptors(
            ResourceDefinition resource, JsonNode body, DescriptorLookup lookup, ValidationErrors errors)
            throws java.sql.SQLException {
        if (errors.full()) {
            return;
        }
        Map<String, DescriptorValue> byPath = new LinkedHashMap<>();
        for (DescriptorMember member : resource.descriptors()) {
            member.path().select(body, (path, node) -> {
                if (node.isTextual()
                        && !errors.asMap().containsKey(path)
                        && Limits.unstorable(node.textValue()) == null
                        && node.textValue().matches(DESCRIPTOR_PATTERN)) {
                    byPath.put(path, new DescriptorValue(member.descriptor(), node.asText()));
                }
            });
        }
        if (byPath.isEmpty()) {
            return;
        }
        Set<DescriptorValue> missing = lookup.missing(new LinkedHashSet<>(byPath.values()));
        byPath.forEach((path, value) -> {
            if (missing.contains(value)) {
                errors.add(path, value.descriptor() + " value '" + value.uri() + "' does not exist.");
            }
        });
    }

    private Compiled compile(ResourceDefinition resource) {
        JsonNode schema = SchemaPreparation.withoutNullAlternatives(resource.schema());
        Map<String, String> descriptorTypes = new HashMap<>();
        for (DescriptorMember member : resource.descriptors()) {
            descriptorTypes.put(member.path().toString(), member.descriptor());
        }
        List<JsonPath> dates = new ArrayList<>();
        datePaths(schema, SchemaNavigator.resolve(schema, schema), "$", dates, 0);
        return new Compiled(schema, registry.getSchema(schema), descriptorTypes, List.copyOf(dates));
    }

    private void translate(ResourceDefinition resource, Compiled c, Error error, ValidationErrors errors) {
        String at = path(error.getInstanceLocation());
        String keyword = error.getKeyword();
        JsonNode schemaNode = error.getSchemaNode();
        JsonNode value = error.getInstanceNode();
        String member = Messages.pascal(Messages.leaf(at));
        switch (keyword == null ? "" : keyword) {
            case "required" -> {
                String missing = error.getProperty();
                if (at.endsWith("Reference") || Messages.leaf(at).endsWith("Reference")) {
                    List<String> absent = new ArrayList<>();
                    JsonNode required = schemaNode;
                    JsonNode object = value;
                    if (required != null && required.isArray()) {
                        required.forEach(r -> {
                            if (object == null || !object.has(r.asText())) {
                                absent.add(Messages.pascal(r.asText()));
                            }
                        });
                    }
                    if (absent.isEmpty()) {
                        absent.add(Messages.pascal(missing));
                    }
                    errors.add(
                            at,
                            Messages.pascal(Messages.leaf(at)) + " is missing the following properties: "
                                    + String.join(", ", absent));
                } else {
                    errors.add(at + "." + missing, Messages.pascal(missing) + " is required.");
                }
            }
            case "additionalProperties" -> {
                String unknown = Limits.shown(error.getProperty());
                errors.add(
                        at + "." + unknown, "'" + unknown + "' is not a member of " + objectName(resource, at) + ".");
            }
            case "minLength" -> {
                JsonNode own = memberSchema(c.schema(), at);
                if (isBlank(value)
                                && own != null
                                && REQUIRED_PATTERN.equals(own.path("pattern").asText())
                        || isBlank(value)
                                && own != null
                                && own.path("minLength").asInt() == 1) {
                    errors.add(at, member + " is required and should not be left empty.");
                } else {
                    errors.add(at, lengthMessage(member, own));
                }
            }
            case "maxLength" -> {
                JsonNode own = memberSchema(c.schema(), at);
                if (c.descriptorTypes().containsKey(normalized(at))) {
                    errors.add(
                            at,
                            member + " must be at most " + own.path("maxLength").asInt() + " characters in length.");
                } else {
                    errors.add(at, lengthMessage(member, own));
                }
            }
            case "pattern" -> {
                String pattern = schemaNode == null ? "" : schemaNode.asText();
                String text = value == null ? "" : Limits.shown(value.asText());
                if (pattern.equals(DESCRIPTOR_PATTERN)) {
                    String type = c.descriptorTypes().getOrDefault(normalized(at), member);
                    errors.add(
                            at,
                            type + " value '" + text + "' is not a valid value for use as a descriptor "
                                    + "(a '#' is expected to delineate the namespace and code value portions).");
                } else if (pattern.equals(IDENTIFYING_PATTERN)) {
                    errors.add(at, member + " cannot contain leading or trailing spaces.");
                } else if (pattern.equals(REQUIRED_PATTERN)) {
                    errors.add(at, member + " is required and should not be left empty.");
                } else if (pattern.startsWith("^[0-9]{4}-")) {
                    errors.add(
                            at,
                            "The value '" + text + "' is not a valid date for " + member + ". " + Limits.dateRule());
                } else if (pattern.startsWith("^([01][0-9]|2[0-3])")) {
                    errors.add(
                            at,
                            "The value '" + text + "' is not a valid time for " + member
                                    + ". Times are sent as HH:MM:SS.");
                } else {
                    errors.add(at, "The value '" + text + "' is not valid for " + member + ".");
                }
            }
            case "type" -> errors.add(at, typeMessage(at, member, memberSchema(c.schema(), at), value));
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" ->
                errors.add(at, rangeMessage(member, memberSchema(c.schema(), at)));
            case "not" -> errors.add(at, member + " is required.");
            case "minItems" -> errors.add(at, member + " requires at least one object in the collection.");
            case "enum", "const" -> errors.add(at, "The value for " + member + " is not one of the allowed values.");
            default -> errors.add(at, member + ": " + error.getMessage());
        }
    }

    private static String path(NodePath location) {
        StringBuilder sb = new StringBuilder("$");
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                sb.append('.').append(element);
            }
        }
        return sb.toString();
    }

    /** {@code $.addresses[3].periods[0].beginDate} becomes {@code $.addresses[*].periods[*].beginDate}. */
    static String normalized(String concretePath) {
        return concretePath.replaceAll("\\[\\d+]", "[*]");
    }

    private static JsonNode memberSchema(JsonNode schema, String concretePath) {
        try {
            return SchemaNavigator.at(schema, JsonPath.parse(normalized(concretePath)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String objectName(ResourceDefinition resource, String at) {
        return at.equals("$") ? resource.resourceName() : Messages.pascal(Messages.leaf(at));
    }

    private static boolean isBlank(JsonNode value) {
        return value != null && value.isTextual() && value.asText().isBlank();
    }

    private static String lengthMessage(String member, JsonNode schema) {
        int min = schema == null ? 0 : schema.path("minLength").asInt(0);
        int max = schema == null ? 0 : schema.path("maxLength").asInt(0);
        if (min > 1 && max > 0) {
            return member + " must be between " + min + " and " + max + " characters in length.";
        }
        if (max > 0) {
            return member + " must be at most " + max + " characters in length.";
        }
        return member + " must be at least " + min + " characters in length.";
    }

    private static String rangeMessage(String member, JsonNode schema) {
        JsonNode min = schema == null ? null : schema.get("minimum");
        JsonNode max = schema == null ? null : schema.get("maximum");
        if (min != null && max != null) {
            return member + " must be between " + min.asText() + " and " + max.asText() + ".";
        }
        if (min != null) {
            return member + " must be greater than or equal to " + min.asText() + ".";
        }
        if (max != null) {
            return member + " must be less than or equal to " + max.asText() + ".";
        }
        return member + " is out of range.";
    }

    /**
     * A value of the wrong JSON type. For an integer member sent a fraction or text, the words the ODS/API answers
     * (its JSON reader's, Json.NET: "Input string '1.5' is not a valid integer. Path 'schoolId'."), without the
     * line and position it adds.
     */
    private static String typeMessage(String at, String member, JsonNode schema, JsonNode value) {
        String shown = value == null ? "" : Limits.shown(value.toString());
        if (SchemaNavigator.hasType(schema, "boolean")) {
            return "The value " + shown + " is not valid for " + member + ". Use true or false.";
        }
        String path = at.startsWith("$.") ? at.substring(2) : at;
        if (SchemaNavigator.hasType(schema, "integer") && value != null && value.isNumber()) {
            return "Input string '" + shown + "' is not a valid integer. Path '" + path + "'.";
        }
        if (SchemaNavigator.hasType(schema, "integer") && value != null && value.isTextual()) {
            return "Could not convert string to integer: " + Limits.shown(value.textValue()) + ". Path '" + path + "'.";
        }
        if (SchemaNavigator.hasType(schema, "integer")) {
            return "The value " + shown + " is not valid for " + member + ". A whole number is expected.";
        }
        if (SchemaNavigator.hasType(schema, "number")) {
            return "The value " + shown + " is not valid for " + member + ". A number is expected.";
        }
        if (SchemaNavigator.hasType(schema, "array")) {
            return member + " must be a JSON array.";
        }
        if (SchemaNavigator.hasType(schema, "object")) {
            return member + " must be a JSON object.";
        }
        return "The value " + shown + " is not valid for " + member + ". A string is expected.";
    }

    private static void checkItemUniqueness(ResourceDefinition resource, JsonNode body, ValidationErrors errors) {
        for (CollectionDeclaration collection : resource.collections()) {
            if (collection.itemKey().isEmpty()) {
                continue;
            }
            collection.path().select(body, (path, array) -> {
                if (!array.isArray()) {
                    return;
                }
                Set<List<String>> seen = new HashSet<>();
                for (int i = 0; i < array.size(); i++) {
                    List<String> key = new ArrayList<>();
                    for (JsonPath keyPath : collection.itemKeyPaths()) {
                        JsonNode v = keyPath.get(array.get(i));
                        key.add(v == null ? null : v.toString());
                    }
                    if (!seen.add(key)) {
                        // the collection named by its member name, as the ODS/API names it
                        errors.add(
                                path,
                                "The " + Messages.ordinal(i + 1) + " item of the " + Messages.leaf(path)
                                        + " has the same identifying values as another item earlier in the list.");
                    }
                }
            });
        }
    }

    private static void checkEqualities(ResourceDefinition resource, JsonNode body, ValidationErrors errors) {
        for (EqualityConstraint constraint : resource.equalityConstraints()) {
            Set<String> values = new LinkedHashSet<>();
            List<String> where = new ArrayList<>();
            for (JsonPath p : constraint.paths()) {
                p.select(body, (path, node) -> {
                    values.add(node.isTextual() ? node.asText() : node.toString());
                    where.add(path);
                });
            }
            if (values.size() > 1) {
                String name = Character.toLowerCase(constraint.column().charAt(0))
                        + constraint.column().substring(1);
                errors.add(
                        where.get(0),
                        "All values supplied for '" + name + "' must match. Review all references "
                                + "(including those higher up in the resource's data) and align the following conflicting "
                                + "values: '" + String.join("', '", values) + "'");
            }
        }
    }
}
