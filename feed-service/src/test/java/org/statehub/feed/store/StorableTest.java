package org.statehub.feed.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.statehub.jdbc.SqlStates;

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

    @ParameterizedTest(name = "{0} ({1}) is the record's: {2}")
    @CsvSource({
        "22P05, unsupported Unicode escape, true",
        "23505, duplicate key, true",
        "54000, index row too large, true",
        "08006, connection lost, false",
        "40P01, deadlock, false",
        "53100, disk full, false",
        "57P01, shutting down, false"
    })
    void dataAndConstraintErrorsAreTheRecordsConnectionAndServerErrorsAreNot(
            String sqlState, String message, boolean causedByData) {
        assertThat(SqlStates.causedByData(new SQLException(message, sqlState))).isEqualTo(causedByData);
    }

    @Test
    void aFailureWithoutAnSqlStateIsNotTheRecords() {
        assertThat(SqlStates.causedByData(new SQLException("no state"))).isFalse();
    }
}
