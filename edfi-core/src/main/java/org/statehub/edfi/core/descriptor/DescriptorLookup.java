package org.statehub.edfi.core.descriptor;

import java.util.Collection;
import java.util.Set;

/**
 * Answers whether descriptor values exist. A service supplies one: the owner of the descriptor resources reads
 * its own documents; other services read their copy of the descriptors.
 */
public interface DescriptorLookup {

    /** A descriptor value of a given descriptor type, such as SexDescriptor + uri://ed-fi.org/SexDescriptor#Male. */
    record DescriptorValue(String descriptor, String uri) {}

    /** The natural key of a descriptor value's item, {@code ["namespace","codeValue"]}, or null without '#'. */
    static String naturalKey(String uri) {
        int hash = uri.indexOf('#');
        if (hash < 0) {
            return null;
        }
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .arrayNode()
                .add(uri.substring(0, hash))
                .add(uri.substring(hash + 1))
                .toString();
    }

    /** The values among {@code values} that do not exist. */
    Set<DescriptorValue> missing(Collection<DescriptorValue> values) throws java.sql.SQLException;
}
