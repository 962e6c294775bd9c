package org.statehub.edfi.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.statehub.edfi.contract.JsonPath;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.SchemaNavigator;

/**
 * The Ed-Fi message of each JSON Schema error the validator reports (required, unknown member, length, pattern,
 * type, range, ...), worded as the ODS/API words it and keyed by the JSON path it is about.
 */
final class SchemaMessages {

    static final String IDENTIFYING_PATTERN = "^\\S([\\s\\S]*\\S)?$";
    static final String REQUIRED_PATTERN = "\\S";
    static final String DESCRIPTOR_PATTERN = "^[^#]+#.+$";

    private SchemaMessages() {}

    /** Adds the Ed-Fi message of one schema error, at its concrete path. */
    static void translate(
            ResourceDefinition resource,
            JsonNode schema,
            Map<String, String> descriptorTypes,
            Error error,
            ValidationErrors errors) {
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
                JsonNode own = memberSchema(schema, at);
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
                JsonNode own = memberSchema(schema, at);
                if (descriptorTypes.containsKey(normalized(at))) {
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
                    String type = descriptorTypes.getOrDefault(normalized(at), member);
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
            case "type" -> errors.add(at, typeMessage(at, member, memberSchema(schema, at), value));
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" ->
                errors.add(at, rangeMessage(member, memberSchema(schema, at)));
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
}
