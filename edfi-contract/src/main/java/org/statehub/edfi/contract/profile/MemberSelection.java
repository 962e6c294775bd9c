package org.statehub.edfi.contract.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lombok.RequiredArgsConstructor;
import org.statehub.edfi.contract.SchemaNavigator;

/**
 * Which members of an object a profile's content type keeps (the ODS's {@code memberSelection} with its
 * {@code Property}, {@code Collection}, {@code Object} and {@code Extension} elements), by their JSON names. The
 * {@code always} members (the item's identity: its key members and identifying references; a collection item's key
 * members) are kept whatever the selection says. Under {@code ExcludeOnly} every listed member is left out, whatever
 * its own selection (as the ODS's test profiles list collections); under {@code IncludeOnly} a listed member's own
 * selection shapes its object or its collection's items, and a collection's value filters keep or drop its items
 * by a member's value.
 *
 * @param mode    how the listed members are read
 * @param members the listed members, each with the selection of its own members (null: the whole member)
 * @param always  members kept in every mode (identity)
 * @param filters for a collection's items: which items are kept
 */
public record MemberSelection(
        Mode mode, Map<String, MemberSelection> members, Set<String> always, List<ValueFilter> filters) {

    /** The ODS's member selection modes ({@code ExcludeAll} is in its schema but not supported by it, nor here). */
    @RequiredArgsConstructor
    public enum Mode {
        INCLUDE_ALL("IncludeAll"),
        INCLUDE_ONLY("IncludeOnly"),
        EXCLUDE_ONLY("ExcludeOnly");

        private final String xml;

        /** The mode of an XML {@code memberSelection} value, or null. */
        static Mode of(String xml) {
            for (Mode mode : values()) {
                if (mode.xml.equals(xml)) {
                    return mode;
                }
            }
            return null;
        }
    }

    /**
     * Keeps or drops a collection's items by the value of one member of the item ({@code <Filter propertyName
     * filterMode>} with its {@code <Value>}s): an item is kept when its value is among the values ({@code include})
     * or when it is not ({@code !include}).
     */
    public record ValueFilter(String member, boolean include, Set<String> values) {

        boolean keeps(JsonNode item) {
            JsonNode value = item.get(member);
            boolean listed = value != null && value.isValueNode() && values.contains(value.asText());
            return include == listed;
        }
    }

    /** Whether the member of this name is kept. */
    public boolean keeps(String member) {
        if (always.contains(member)) {
            return true;
        }
        return switch (mode) {
            case INCLUDE_ALL -> true;
            case INCLUDE_ONLY -> members.containsKey(member);
            case EXCLUDE_ONLY -> !members.containsKey(member);
        };
    }

    /**
     * Puts back into {@code sent}, in place, what this selection hides of {@code stored}: the ODS/API's merge of a
     * write under a writable profile into the item it updates (docs/decisions/0020, part 2: a PUT with a member the
     * profile excludes keeps the stored value; a PUT with the collection items the filter lets through keeps the
     * stored items it filters out). Restored are the members not kept, the hidden members of nested objects and of
     * collection items (an item matched by its key members, the {@code always} of the collection's selection), and
     * the stored collection items the filters drop. {@code sent} is expected to have been through {@link #apply}.
     */
    public void restore(ObjectNode sent, JsonNode stored) {
        List<String> names = new ArrayList<>();
        stored.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode storedValue = stored.get(name);
            if (!keeps(name)) {
                sent.set(name, storedValue.deepCopy());
                continue;
            }
            MemberSelection nested = members.get(name);
            if (nested == null) {
                continue;
            }
            JsonNode sentValue = sent.get(name);
            if (storedValue instanceof ObjectNode storedObject && sentValue instanceof ObjectNode sentObject) {
                nested.restore(sentObject, storedObject);
            } else if (storedValue instanceof ArrayNode storedItems) {
                nested.restoreItems(sent, name, storedItems);
            }
        }
    }

    /** A collection's part of {@link #restore}: this is the selection of its items. */
    private void restoreItems(ObjectNode sent, String name, ArrayNode storedItems) {
        for (JsonNode storedItem : storedItems) {
            if (!filters.stream().allMatch(filter -> filter.keeps(storedItem))) {
                JsonNode sentValue = sent.get(name);
                ArrayNode items = sentValue instanceof ArrayNode array ? array : sent.putArray(name);
                items.add(storedItem.deepCopy());
            } else if (storedItem instanceof ObjectNode storedObject
                    && !always.isEmpty()
                    && sent.get(name) instanceof ArrayNode items) {
                for (JsonNode sentItem : items) {
                    if (sentItem instanceof ObjectNode sentObject && sameKey(sentObject, storedObject)) {
                        restore(sentObject, storedObject);
                        break;
                    }
                }
            }
        }
    }

    /** Whether two collection items have the same values of this selection's key members (absent in both: same). */
    private boolean sameKey(ObjectNode one, ObjectNode other) {
        for (String key : always) {
            if (!java.util.Objects.equals(one.get(key), other.get(key))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The required members of {@code schema} (a resource's JSON Schema, {@code $ref}s resolved against it) that this
     * selection does not keep, as JSON paths ({@code $.birthDate}, {@code $.otherNames[*].firstName}): an item
     * written under it cannot be created (the ODS/API's profile that "excludes (or does not include) one or more
     * required data elements needed to create the resource"). The members of a nested object or of a collection's
     * items are looked at where the member is required or {@code sent} has it.
     */
    public List<String> excludedRequired(JsonNode schema, JsonNode sent) {
        List<String> excluded = new ArrayList<>();
        excludedRequired(schema, SchemaNavigator.resolve(schema, schema), sent, "$", excluded);
        return excluded;
    }

    private void excludedRequired(JsonNode root, JsonNode object, JsonNode sent, String path, List<String> excluded) {
        if (object == null) {
            return;
        }
        Set<String> required = new java.util.LinkedHashSet<>();
        object.path("required").forEach(name -> required.add(name.asText()));
        object.path("properties").fieldNames().forEachRemaining(name -> {
            boolean needed = required.contains(name);
            if (!keeps(name)) {
                if (needed) {
                    excluded.add(path + "." + name);
                }
                return;
            }
            MemberSelection nested = members.get(name);
            JsonNode value = sent == null ? null : sent.get(name);
            boolean present = value != null && value.isContainerNode() && value.size() > 0;
            if (nested == null || !(needed || present)) {
                return;
            }
            JsonNode member = SchemaNavigator.property(root, object, name);
            if (SchemaNavigator.hasType(member, "array")) {
                nested.excludedRequired(
                        root,
                        SchemaNavigator.resolve(root, member.get("items")),
                        value == null ? null : value.path(0),
                        path + "." + name + "[*]",
                        excluded);
            } else {
                nested.excludedRequired(root, member, value, path + "." + name, excluded);
            }
        });
    }

    /**
     * Removes, in place, what the selection does not keep from {@code object}: members not kept, the members of
     * nested objects and collection items their selections do not keep, and collection items the filters drop.
     */
    public void apply(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (!keeps(name)) {
                object.remove(name);
                continue;
            }
            MemberSelection nested = members.get(name);
            if (nested == null) {
                continue;
            }
            JsonNode value = object.get(name);
            if (value instanceof ObjectNode child) {
                nested.apply(child);
            } else if (value instanceof ArrayNode items) {
                for (int i = items.size() - 1; i >= 0; i--) {
                    JsonNode item = items.get(i);
                    if (!nested.filters.stream().allMatch(filter -> filter.keeps(item))) {
                        items.remove(i);
                    } else if (item instanceof ObjectNode itemObject) {
                        nested.apply(itemObject);
                    }
                }
            }
        }
    }
}
