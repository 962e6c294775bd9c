package org.statehub.edfi.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.statehub.edfi.contract.DescriptorMember;
import org.statehub.edfi.contract.ReferenceDeclaration;
import org.statehub.edfi.contract.ReferenceTarget;
import org.statehub.edfi.contract.ResourceDefinition;

/**
 * The containment documents that find the items of one resource depending on a given item: those whose
 * references point at it, or whose descriptor members use it. Whoever stores the items (the service's own
 * documents or a replica) runs them as {@code body @> ?}.
 */
public final class Dependents {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Dependents() {}

    /**
     * Containments matching items of {@code from} that reference the item of {@code target} whose identity
     * members have the values {@code valueAt} gives for a target JSON path ({@code $.schoolId}).
     */
    public static List<String> referencing(
            ResourceDefinition from, ResourceDefinition target, Function<String, JsonNode> valueAt) {
        List<String> containments = new ArrayList<>();
        for (ReferenceDeclaration declaration : from.references()) {
            for (ReferenceTarget via : declaration.targets()) {
                if (!via.resource().equals(target.key())) {
                    continue;
                }
                ObjectNode reference = NODES.objectNode();
                via.fieldMap().forEach((field, targetPath) -> reference.set(field, valueAt.apply(targetPath)));
                ObjectNode containment = NODES.objectNode();
                declaration.path().put(containment, reference);
                containments.add(containment.toString());
            }
        }
        return containments;
    }

    /** Containments matching items of {@code from} that use the descriptor value {@code uri} of {@code descriptor}. */
    public static List<String> usingDescriptor(ResourceDefinition from, ResourceDefinition descriptor, String uri) {
        List<String> containments = new ArrayList<>();
        for (DescriptorMember member : from.descriptors()) {
            if (member.descriptor().equals(descriptor.resourceName())) {
                ObjectNode containment = NODES.objectNode();
                member.path().put(containment, NODES.textNode(uri));
                containments.add(containment.toString());
            }
        }
        return containments;
    }

    /** The descriptor value (namespace#codeValue) of a descriptor item's body or key values. */
    public static String descriptorUri(JsonNode namespaceAndCodeValue) {
        return namespaceAndCodeValue.path("namespace").asText() + "#"
                + namespaceAndCodeValue.path("codeValue").asText();
    }
}
