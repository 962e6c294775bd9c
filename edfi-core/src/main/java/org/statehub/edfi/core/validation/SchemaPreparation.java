package org.statehub.edfi.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.statehub.edfi.contract.SchemaNavigator;

/**
 * Brings a request body and its schema to the form the validator checks.
 * <ul>
 *   <li>member names are matched to the contract's without regard to case and renamed to the contract's
 *       ({@link #canonicalNames});</li>
 *   <li>"null means absent": JSON nulls are removed from the body, and the schema's null alternatives are removed
 *       with them, so a required member sent as null is reported as missing and stored documents never hold
 *       nulls;</li>
 *   <li>numeric strings are accepted for integer and decimal members, as ODS accepts them
 *       ({@code "schoolId": "255901"}), and an integer member sent with a zero fraction ({@code 255901.0})
 *       becomes that integer;</li>
 *   <li>integer members get the range of their {@code format} (int32, int64) as {@code minimum} and
 *       {@code maximum};</li>
 *   <li>the read-only members ({@code id}, {@code _etag}, {@code _lastModifiedDate}, {@code link}) a client may
 *       echo back are removed.</li>
 * </ul>
 */
public final class SchemaPreparation {

    private SchemaPreparation() {}

    /** A copy of the contract schema without null alternatives. */
    public static JsonNode withoutNullAlternatives(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode anyOf = object.get("anyOf");
            if (anyOf != null && anyOf.isArray()) {
                List<JsonNode> kept = new ArrayList<>();
                anyOf.forEach(branch -> {
                    if (!"null".equals(branch.path("type").asText())) {
                        kept.add(branch);
                    }
                });
                if (kept.size() == 1) {
                    object.remove("anyOf");
                    object.setAll((ObjectNode) kept.get(0));
                }
            }
            JsonNode type = object.get("type");
            if (type != null && type.isArray()) {
                List<String> types = new ArrayList<>();
                type.forEach(t -> {
                    if (!t.asText().equals("null")) {
                        types.add(t.asText());
                    }
                });
                if (types.size() == 1) {
                    object.put("type", types.get(0));
                }
            }
            boundedByFormat(object);
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                strip(it.next().getValue());
            }
        } else if (node.isArray()) {
            node.forEach(SchemaPreparation::strip);
        }
    }

    /**
     * Gives an integer member of {@code format} int32 or int64 the {@code minimum} and {@code maximum} of that
     * format (keeping a narrower declared one): JSON Schema validators treat {@code format} as an annotation, and
     * a value outside it would be stored although no client generated from the contract can read it back.
     */
    private static void boundedByFormat(ObjectNode schema) {
        if (!SchemaNavigator.hasType(schema, "integer") || !schema.has("format")) {
            return;
        }
        BigDecimal minimum = Limits.minimum(schema);
        BigDecimal maximum = Limits.maximum(schema);
        if (minimum != null) {
            schema.set("minimum", number(minimum));
        }
        if (maximum != null) {
            schema.set("maximum", number(maximum));
        }
    }

    /**
     * A decimal node: the validator compares a decimal bound exactly against any number, where a long bound is
     * compared with the value cut to a long (1e300 would pass a maximum of 2^63-1).
     */
    private static JsonNode number(BigDecimal value) {
        return JsonNodeFactory.instance.numberNode(
                value.setScale(Math.max(0, value.stripTrailingZeros().scale())));
    }

    /**
     * Prepares a body in place against the contract schema: gives members their contract names
     * ({@link #canonicalNames}), removes nulls and read-only members, converts numeric strings of numeric members.
     * Returns the members sent twice under names that differ only in case (empty when there are none); the body is
     * then not prepared further.
     */
    public static ValidationErrors prepare(JsonNode rootSchema, ObjectNode body) {
        ValidationErrors repeated = canonicalNames(rootSchema, body);
        if (!repeated.isEmpty()) {
            return repeated;
        }
        body.remove("id");
        body.remove("_etag");
        body.remove("_lastModifiedDate");
        prepareObject(rootSchema, SchemaNavigator.resolve(rootSchema, rootSchema), body);
        withoutEmptyExtensions(body);
        return repeated;
    }

    /**
     * An extension project sent as an empty object, or an empty {@code _ext}, means no extension data (as the ODS
     * treats {@code "_ext": {}}: the item is stored without it), so the stored item never holds an empty one.
     */
    private static void withoutEmptyExtensions(ObjectNode body) {
        if (body.get("_ext") instanceof ObjectNode ext) {
            List<String> empty = new ArrayList<>();
            ext.properties().forEach(project -> {
                if (project.getValue() instanceof ObjectNode members && members.isEmpty()) {
                    empty.add(project.getKey());
                }
            });
            ext.remove(empty);
            if (ext.isEmpty()) {
                body.remove("_ext");
            }
        }
    }

    /**
     * Renames, in place, every member of the body (in nested objects and collection items too) whose name matches a
     * member of the contract without regard to case to the contract's name, as the ODS/API matches them:
     * {@code "MaidenName"} is {@code maidenName}, {@code "Id"} is {@code id}. Names the contract does not have at
     * all stay as sent, for the validator to refuse. Two members that name the same contract member (
     * {@code "firstName"} and {@code "FirstName"}) would leave one value silently dropped: each repetition is
     * returned as an error at the member's path. Running it again on its own result changes nothing.
     */
    public static ValidationErrors canonicalNames(JsonNode rootSchema, ObjectNode body) {
        ValidationErrors errors = new ValidationErrors();
        canonicalObject(rootSchema, SchemaNavigator.resolve(rootSchema, rootSchema), body, "$", errors);
        return errors;
    }

    private static void canonicalObject(
            JsonNode root, JsonNode schema, ObjectNode object, String path, ValidationErrors errors) {
        JsonNode properties = schema == null ? null : schema.get("properties");
        if (properties == null || !properties.isObject()) {
            return;
        }
        boolean renamed = false;
        Map<String, JsonNode> members = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            String name = member.getKey();
            String canonical = properties.has(name) ? name : contractName(properties, name);
            if (members.containsKey(canonical)) {
                errors.add(
                        path + "." + canonical,
                        "The member '" + Limits.shown(name) + "' repeats the member '" + canonical
                                + "' (member names are matched without regard to case); send it once.");
                continue;
            }
            renamed |= !canonical.equals(name);
            members.put(canonical, member.getValue());
            JsonNode memberSchema = SchemaNavigator.property(root, schema, canonical);
            canonicalValue(root, memberSchema, member.getValue(), path + "." + canonical, errors);
        }
        if (renamed) {
            object.removeAll();
            object.setAll(members);
        }
    }

    private static void canonicalValue(
            JsonNode root, JsonNode schema, JsonNode value, String path, ValidationErrors errors) {
        if (schema == null) {
            return;
        }
        if (value instanceof ObjectNode object) {
            canonicalObject(root, schema, object, path, errors);
        } else if (value.isArray()) {
            JsonNode itemSchema = SchemaNavigator.resolve(root, schema.get("items"));
            for (int i = 0; i < value.size(); i++) {
                canonicalValue(root, itemSchema, value.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    /** The contract's name of a member sent as {@code name} in another letter case, or {@code name} itself. */
    private static String contractName(JsonNode properties, String name) {
        for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
            String candidate = it.next();
            if (candidate.equalsIgnoreCase(name)) {
                return candidate;
            }
        }
        return name;
    }

    private static void prepareObject(JsonNode root, JsonNode schema, ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode value = object.get(name);
            if (value.isNull()) {
                object.remove(name);
                continue;
            }
            JsonNode memberSchema = schema == null ? null : SchemaNavigator.property(root, schema, name);
            if (name.equals("link")
                    && memberSchema != null
                    && memberSchema.path("readOnly").asBoolean(false)) {
                object.remove(name);
                continue;
            }
            JsonNode converted = prepareValue(root, memberSchema, value);
            if (converted != value) {
                object.set(name, converted);
            }
        }
    }

    /**
     * An integer member sent as {@code 255901.0} or {@code 2.55901E5} becomes the integer {@code 255901}: the same
     * value, so the same natural key and the same stored body as {@code 255901}. A fraction, or a number of more
     * than 30 digits, stays as sent for the validator to refuse.
     */
    private static JsonNode wholeNumber(JsonNode value) {
        if (value.isDouble() && !Double.isFinite(value.doubleValue())) {
            return value;
        }
        BigDecimal decimal = value.decimalValue();
        if (decimal.precision() - decimal.scale() > 30) {
            return value;
        }
        try {
            java.math.BigInteger whole = decimal.toBigIntegerExact();
            return whole.bitLength() < 64
                    ? JsonNodeFactory.instance.numberNode(whole.longValue())
                    : JsonNodeFactory.instance.numberNode(whole);
        } catch (ArithmeticException e) {
            return value;
        }
    }

    private static JsonNode prepareValue(JsonNode root, JsonNode schema, JsonNode value) {
        if (schema == null) {
            return value;
        }
        if (value.isObject()) {
            prepareObject(root, schema, (ObjectNode) value);
            return value;
        }
        if (value.isArray()) {
            JsonNode itemSchema = SchemaNavigator.resolve(root, schema.get("items"));
            ArrayNode array = (ArrayNode) value;
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                JsonNode converted = prepareValue(root, itemSchema, item);
                if (converted != item) {
                    array.set(i, converted);
                }
            }
            return value;
        }
        if (value.isFloatingPointNumber() && SchemaNavigator.hasType(schema, "integer")) {
            return wholeNumber(value);
        }
        if (value.isTextual()) {
            String text = value.asText().trim();
            if (SchemaNavigator.hasType(schema, "integer") && text.matches("-?\\d{1,18}")) {
                return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(Long.parseLong(text));
            }
            if (SchemaNavigator.hasType(schema, "number") && text.matches("-?\\d{1,20}(\\.\\d{1,20})?")) {
                return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(new BigDecimal(text));
            }
        }
        return value;
    }
}
