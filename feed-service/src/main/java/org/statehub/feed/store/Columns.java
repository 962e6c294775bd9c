package org.statehub.feed.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Column values of the read stores as the domain types them. */
final class Columns {

    private Columns() {}

    /** A timestamp column as an instant (null stays null). */
    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** A stored JSON column (read as text) as a tree; null stays null. */
    static JsonNode json(ObjectMapper mapper, String text, String what) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A stored " + what + " is not JSON", e);
        }
    }
}
