package org.statehub.edfi.core.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * JSON that PostgreSQL stored or rendered (a document's body, an item of a page): it parses, or the database holds
 * something the engine never wrote, a fault of the service and never of the request (an
 * {@link IllegalStateException}, answered 500).
 */
public final class StoredJson {

    private StoredJson() {}

    public static JsonNode parse(ObjectReader reader, String json) {
        try {
            return reader.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL gave JSON that does not parse", e);
        }
    }
}
