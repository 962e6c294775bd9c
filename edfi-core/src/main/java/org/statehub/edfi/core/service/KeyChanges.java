package org.statehub.edfi.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.statehub.edfi.contract.JsonPath;
import org.statehub.edfi.contract.ReferenceDeclaration;
import org.statehub.edfi.contract.ReferenceTarget;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.store.DocumentStore;
import org.statehub.edfi.core.store.StoredDocument;

/**
 * What follows a change of an item's natural key, inside the writing transaction: the key-change record (with the
 * organizations that saw the item), and the references that follow the key (ON UPDATE CASCADE in the Ed-Fi
 * model), which may change further keys in turn.
 */
record KeyChanges(String serviceName, ResourceCatalog catalog, DocumentStore store, ObjectMapper mapper) {

    /**
     * Records that {@code before} (as stored before the change) now has the key of {@code body}, under
     * {@code changeVersion}, and cascades the change into the items that follow it.
     */
    void changed(Connection c, ResourceDefinition resource, StoredDocument before, JsonNode body, long changeVersion)
            throws SQLException {
        JsonNode oldBody = parse(before.body());
        store.recordKeyChange(
                c,
                changeVersion,
                before.id(),
                resource.key(),
                NaturalKeys.keyValues(resource, oldBody).toString(),
                NaturalKeys.keyValues(resource, body).toString(),
                before.createdBy(),
                audience(c, resource, before.body()));
        cascadeKeyChange(c, resource, oldBody, body);
    }

    /** The organizations that see the item with this body now (recorded with its tombstones and key changes). */
    String[] audience(Connection c, ResourceDefinition resource, String body) throws SQLException {
        return store.audience(c, Relationships.audience(resource, "d"), body);
    }

    /**
     * Makes the references that follow a key change (ON UPDATE CASCADE in the Ed-Fi model, e.g. attendance events
     * to their session) point at the new key, with the unified key members that share their column; a dependent
     * whose own natural key changes that way gets a key-change record too, and cascades further.
     */
    private void cascadeKeyChange(Connection c, ResourceDefinition changed, JsonNode oldBody, JsonNode newBody)
            throws SQLException {
        for (ResourceDefinition dependent : catalog.ownedBy(serviceName)) {
            for (ReferenceDeclaration declaration : dependent.references()) {
                if (!declaration.cascadesKeyChanges()) {
                    continue;
                }
                for (ReferenceTarget via : declaration.targets()) {
                    if (via.resource().equals(changed.key())) {
                        cascadeInto(c, dependent, declaration, via, oldBody, newBody);
                    }
                }
            }
        }
    }

    private void cascadeInto(
            Connection c,
            ResourceDefinition dependent,
            ReferenceDeclaration declaration,
            ReferenceTarget via,
            JsonNode oldBody,
            JsonNode newBody)
            throws SQLException {
        ObjectNode oldReference = mapper.createObjectNode();
        ObjectNode newReference = mapper.createObjectNode();
        via.fieldMap().forEach((field, targetPath) -> {
            oldReference.set(field, JsonPath.parse(targetPath).get(oldBody));
            newReference.set(field, JsonPath.parse(targetPath).get(newBody));
        });
        ObjectNode containment = mapper.createObjectNode();
        declaration.path().put(containment, oldReference);
        for (StoredDocument document : store.lockContaining(c, dependent.key(), containment.toString())) {
            JsonNode before = parse(document.body());
            ObjectNode body = (ObjectNode) parse(document.body());
            List<String[]> moved = new ArrayList<>(); // concrete path, old value, new value
            declaration.path().select(body, (path, node) -> {
                if (!(node instanceof ObjectNode reference) || !matches(reference, oldReference)) {
                    return;
                }
                newReference.properties().forEach(field -> {
                    JsonNode old = reference.get(field.getKey());
                    if (!field.getValue().equals(old)) {
                        moved.add(new String[] {
                            path + "." + field.getKey(),
                            old.toString(),
                            field.getValue().toString()
                        });
                        reference.set(field.getKey(), field.getValue());
                    }
                });
            });
            for (String[] change : moved) {
                followUnifiedKey(dependent, body, change[0], change[1], change[2]);
            }
            String newKey = NaturalKeys.of(dependent, body);
            long changeVersion = store.update(c, document.sid(), newKey, body.toString());
            if (!newKey.equals(document.naturalKey())) {
                changed(c, dependent, document, body, changeVersion);
            }
        }
    }

    /** Members that share a storage column with {@code changedPath} take its new value where they held the old. */
    private void followUnifiedKey(
            ResourceDefinition resource, ObjectNode body, String changedPath, String oldJson, String newJson) {
        String pattern = changedPath.replaceAll("\\[\\d+]", "[*]");
        JsonNode newValue = parse(newJson);
        for (var constraint : resource.equalityConstraints()) {
            if (constraint.paths().stream().noneMatch(p -> p.toString().equals(pattern))) {
                continue;
            }
            for (JsonPath other : constraint.paths()) {
                String leaf = other.leaf();
                other.parent().select(body, (path, parent) -> {
                    if (parent instanceof ObjectNode object
                            && object.has(leaf)
                            && object.get(leaf).toString().equals(oldJson)) {
                        object.set(leaf, newValue);
                    }
                });
            }
        }
    }

    private static boolean matches(JsonNode reference, ObjectNode values) {
        for (var field : values.properties()) {
            JsonNode actual = reference.get(field.getKey());
            if (actual == null || !NaturalKeys.sameValue(actual, field.getValue())) {
                return false;
            }
        }
        return true;
    }

    private JsonNode parse(String json) {
        return StoredJson.parse(mapper.reader(), json);
    }
}
