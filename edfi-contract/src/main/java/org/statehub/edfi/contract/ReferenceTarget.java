package org.statehub.edfi.contract;

import java.util.Map;

/**
 * One resource a reference may point to. {@code fieldMap} maps each field of the reference object to the JSON path
 * of the target's identity member.
 */
public record ReferenceTarget(
        String resource, String resourceName, boolean inSubset, String ownerService, Map<String, String> fieldMap) {}
