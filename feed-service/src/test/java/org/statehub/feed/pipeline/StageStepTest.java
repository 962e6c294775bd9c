package org.statehub.feed.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.junit.jupiter.api.Test;
import org.statehub.feed.store.RunStore;
import org.statehub.feed.store.SisConnection;
import org.statehub.feed.store.Staging;

/**
 * The pull's "stage" step (docs/FEEDS.md, "A pull, step by step", 3): one bad record never fails a run, a failure
 * of the database does. The store is a fake that refuses what the test says.
 */
class StageStepTest {

    private static final SisConnection CONNECTION = new SisConnection(
            "c1",
            255901,
            "vendor",
            "http://vendor",
            "edfi-json",
            null,
            null,
            null,
            "0 0 2 * * ?",
            "UTC",
            List.of("students"),
            List.of(2026),
            true,
            true,
            null,
            null,
            null,
            List.of(),
            List.of(),
            java.util.Map.of());

    /** A staging store that refuses, with {@code sqlState}, any batch holding the source id {@code refused}. */
    @RequiredArgsConstructor
    private static final class FakeStaging implements Staging {
        final String refused;
        final String sqlState;
        final List<RunStore.Staged> staged = new ArrayList<>();
        final List<RunStore.DataError> errors = new ArrayList<>();
        long heartbeatRead = -1;

        @Override
        public void stage(Connection c, long runId, List<RunStore.Staged> records) throws SQLException {
            if (records.stream().anyMatch(r -> r.sourceId().equals(refused) && !r.held())) {
                throw new SQLException("refused", sqlState);
            }
            staged.addAll(records);
        }

        @Override
        public void errors(Connection c, Long runId, String connectionId, long leaId, List<RunStore.DataError> list) {
            errors.addAll(list);
        }

        @Override
        public void heartbeat(Connection c, long runId, long read, long held) {
            heartbeatRead = read;
        }
    }

    private static RunStore.Staged ready(String sourceId) {
        return new RunStore.Staged("students", sourceId, "k-" + sourceId, "{}", "{\"a\":1}", "h", false);
    }

    private final Puller.Counts counts = new Puller.Counts();
    private final Batch batch = new Batch();

    @Test
    void aBatchIsStoredWithAHeartbeatAndEmptied() throws SQLException {
        FakeStaging staging = new FakeStaging("none", "22P05");
        batch.staged.add(ready("s1"));
        counts.read = 1;
        new StageStep(staging).store(null, CONNECTION, 7, batch, counts);
        assertThat(staging.staged).containsExactly(ready("s1"));
        assertThat(staging.heartbeatRead).isEqualTo(1);
        assertThat(batch.staged).isEmpty();
    }

    @Test
    void aRecordPostgresCannotStoreIsHeldAsNotStorableAndTheOthersGoOn() throws SQLException {
        FakeStaging staging = new FakeStaging("bad", "22P05");
        batch.staged.addAll(List.of(ready("s1"), ready("bad"), ready("s3")));
        new StageStep(staging).store(null, CONNECTION, 7, batch, counts);
        assertThat(staging.staged).containsExactly(ready("s1"), RunStore.Staged.held("students", "bad"), ready("s3"));
        assertThat(staging.errors).singleElement().satisfies(e -> {
            assertThat(e.sourceId()).isEqualTo("bad");
            assertThat(e.kind()).isEqualTo("invalid-record");
            assertThat(e.code()).isEqualTo("not-storable");
            assertThat(e.record()).isEqualTo("{\"a\":1}");
        });
        assertThat(counts.held).isEqualTo(1);
    }

    @Test
    void aFailureOfTheDatabaseFailsThePull() {
        FakeStaging staging = new FakeStaging("bad", "08006");
        batch.staged.addAll(List.of(ready("s1"), ready("bad")));
        assertThatThrownBy(() -> new StageStep(staging).store(null, CONNECTION, 7, batch, counts))
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo("08006");
        assertThat(staging.staged).isEmpty();
    }
}
