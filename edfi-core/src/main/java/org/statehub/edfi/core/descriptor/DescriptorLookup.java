package org.statehub.edfi.core.descriptor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;

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

    /** A value to look up: the descriptor resource it names and its natural key there. */
    record Asked(ResourceDefinition resource, String key, DescriptorValue value) {

        /** The resource's key and the natural key, joined by a NUL: how lookups remember a value as known. */
        public String known() {
            return resource.key() + '\u0000' + key;
        }
    }

    /**
     * The values a lookup must ask of its store: those not in {@code known}; a value that names no descriptor
     * resource or has no '#' is added to {@code missing} instead.
     */
    static List<Asked> toAsk(
            ResourceCatalog catalog,
            Collection<DescriptorValue> values,
            KnownValues known,
            Set<DescriptorValue> missing) {
        List<Asked> asked = new ArrayList<>();
        for (DescriptorValue value : values) {
            ResourceDefinition resource = catalog.byResourceName(value.descriptor());
            String key = naturalKey(value.uri());
            if (resource == null || key == null) {
                missing.add(value);
            } else {
                Asked one = new Asked(resource, key, value);
                if (!known.contains(one.known())) {
                    asked.add(one);
                }
            }
        }
        return asked;
    }

    /** The values among {@code values} that do not exist. */
    Set<DescriptorValue> missing(Collection<DescriptorValue> values) throws java.sql.SQLException;
}
