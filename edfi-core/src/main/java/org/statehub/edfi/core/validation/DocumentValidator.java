package org.statehub.edfi.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import lombok.RequiredArgsConstructor;
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
            SchemaMessages.translate(resource, c.schema(), c.descriptorTypes(), error, errors);
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
    @RequiredArgsConstructor
    private static final class CappedErrors extends ArrayList<Error> {

        private final int cap;

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
                        && node.textValue().matches(SchemaMessages.DESCRIPTOR_PATTERN)) {
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
