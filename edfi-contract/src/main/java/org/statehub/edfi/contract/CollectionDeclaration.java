package org.statehub.edfi.contract;

import java.util.List;

/**
 * A collection member and what identifies an item within it: {@code itemKey} as dot paths relative to an item
 * (as the contract writes them) and the same as parsed paths.
 */
public record CollectionDeclaration(JsonPath path, List<String> itemKey, List<JsonPath> itemKeyPaths) {

    public CollectionDeclaration(JsonPath path, List<String> itemKey) {
        this(path, itemKey, itemKey.stream().map(k -> JsonPath.parse("$." + k)).toList());
    }
}
