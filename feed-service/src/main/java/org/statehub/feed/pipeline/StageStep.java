package org.statehub.feed.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.jboss.logging.Logger;
import org.statehub.feed.store.RunStore;
import org.statehub.feed.store.SisConnection;
import org.statehub.feed.store.Staging;
import org.statehub.feed.store.Storable;
import org.statehub.jdbc.SqlStates;

/**
 * A pull's "stage" step (docs/FEEDS.md, "A pull, step by step", 3. Stage): stores a batch, with a heartbeat on the
 * run. When PostgreSQL refuses the batch because of a record (a value it cannot hold that preparation did not
 * catch), the batch is stored record by record: each one refused is held with its own data error
 * ({@code invalid-record} / {@code not-storable}) and the others go on. A failure of the database (not of the
 * data) fails the pull.
 */
@RequiredArgsConstructor
final class StageStep {

    private static final Logger LOG = Logger.getLogger(StageStep.class);

    private final Staging staging;

    /** Stores the batch on {@code c} and empties it. */
    void store(Connection c, SisConnection connection, long runId, Batch batch, Puller.Counts counts)
            throws SQLException {
        try {
            staging.stage(c, runId, batch.staged);
        } catch (SQLException e) {
            refusedByData(e);
            stageOneByOne(c, connection, runId, batch, counts);
        }
        try {
            staging.errors(c, runId, connection.id(), connection.localEducationAgencyId(), batch.errors);
        } catch (SQLException e) {
            refusedByData(e);
            for (RunStore.DataError error : batch.errors) {
                try {
                    staging.errors(c, runId, connection.id(), connection.localEducationAgencyId(), List.of(error));
                } catch (SQLException refused) {
                    refusedByData(refused);
                    LOG.warnf(
                            refused,
                            "Run %d of %s: the data error of %s %s cannot be stored",
                            runId,
                            connection.id(),
                            error.resource(),
                            Storable.text(error.sourceId()));
                }
            }
        }
        staging.heartbeat(c, runId, counts.read, counts.held);
        batch.clear();
    }

    /** Goes on only when the failure is the data's; a failure of the database is thrown again. */
    private static void refusedByData(SQLException e) throws SQLException {
        if (!SqlStates.causedByData(e)) {
            throw e;
        }
    }

    private void stageOneByOne(Connection c, SisConnection connection, long runId, Batch batch, Puller.Counts counts)
            throws SQLException {
        for (RunStore.Staged record : batch.staged) {
            try {
                staging.stage(c, runId, List.of(record));
            } catch (SQLException e) {
                refusedByData(e);
                LOG.warnf(
                        e,
                        "Run %d of %s: %s %s cannot be stored; it is held with a data error",
                        runId,
                        connection.id(),
                        record.resource(),
                        Storable.text(record.sourceId()));
                if (!record.held()) {
                    counts.held++;
                }
                batch.errors.add(new RunStore.DataError(
                        record.resource(),
                        record.sourceId(),
                        "invalid-record",
                        "not-storable",
                        "The record holds a value the hub cannot store; correct it at the source.",
                        record.body() != null ? record.body() : record.keyValues()));
                try {
                    staging.stage(
                            c,
                            runId,
                            List.of(RunStore.Staged.held(record.resource(), Storable.text(record.sourceId()))));
                } catch (SQLException held) {
                    refusedByData(held);
                }
            }
        }
    }
}
