package org.statehub.edfi.core.contract;

import java.util.List;

/** A collection member and the dot paths (relative to an item) that identify an item within it. */
public record CollectionDeclaration(JsonPath path, List<String> itemKey) {
}
