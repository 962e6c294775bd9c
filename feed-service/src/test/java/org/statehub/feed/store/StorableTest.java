package org.statehub.feed.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Reports of bad records made storable in PostgreSQL, and which database failures are a record's. */
class StorableTest {

    @Test
    void nulCharactersBecomeTheReplacementCharacterInTextAndInJsonEscapesOnly() {
        assertThat(Storable.text("a\u0000b")).isEqualTo("a\uFFFDb");
        assertThat(Storable.text("plain")).isEqualTo("plain");
        assertThat(Storable.text(null)).isNull();
        // an escape, an escaped backslash followed by the letters u0000 (text, kept), and an escaped backslash
        // followed by an escape
        assertThat(Storable.json("{\"a\":\"x\\u0000y\",\"b\":\"\\\\u0000\",\"c\":\"\\\\\\u0000\"}"))
                .isEqualTo("{\"a\":\"x\\ufffdy\",\"b\":\"\\\\u0000\",\"c\":\"\\\\\\ufffd\"}");
        assertThat(Storable.json("{\"raw\":\"a\u0000b\"}")).isEqualTo("{\"raw\":\"a\uFFFDb\"}");
    }

    @Test
    void dataAndConstraintErrorsAreTheRecordsConnectionAndServerErrorsAreNot() {
        assertThat(org.statehub.jdbc.SqlStates.causedByData(new SQLException("unsupported Unicode escape", "22P05")))
                .isTrue();
        assertThat(org.statehub.jdbc.SqlStates.causedByData(new SQLException("duplicate key", "23505")))
                .isTrue();
        assertThat(org.statehub.jdbc.SqlStates.causedByData(new SQLException("index row too large", "54000")))
                .isTrue();
        assertThat(org.statehub.jdbc.SqlStates.causedByData(new SQLException("connection lost", "08006")))
                .isFalse();
        assertThat(org.statehub.jdbc.SqlStates.causedByData(new SQLException("deadlock", "40P01")))
                .isFalse();
        assertThat(org.statehub.jdbc.SqlStates.causedByData(new SQLException("disk full", "53100")))
                .isFalse();
        assertThat(org.statehub.jdbc.SqlStates.causedByData(new SQLException("shutting down", "57P01")))
                .isFalse();
        assertThat(org.statehub.jdbc.SqlStates.causedByData(new SQLException("no state")))
                .isFalse();
    }
}
