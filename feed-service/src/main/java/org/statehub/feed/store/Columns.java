package org.statehub.feed.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.statehub.jdbc.Rows;

/** Column values of the stores that {@link Rows#of} does not read by itself. */
final class Columns {

    private Columns() {}

    /** For {@link Rows#of}: a stored JSON column (selected as text) as a tree; null stays null. */
    static Map<Class<?>, Rows.Column<?>> json(ObjectMapper mapper) {
        return Map.of(JsonNode.class, (rs, column) -> {
            String text = rs.getString(column);
            if (text == null) {
                return null;
            }
            try {
                return mapper.readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A stored JSON column (" + column + ") is not JSON", e);
            }
        });
    }
}
