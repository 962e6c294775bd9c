package org.statehub.feed.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.statehub.feed.domain.RunTrigger;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.store.SisConnection;

/**
 * What the admin API asks of the pull pipeline: pulls and resyncs started, pushed batches run, held runs decided,
 * held records prepared again.
 */
public interface Pipeline {

    /** The run of a pull started now ({@code trigger} manual or preview); empty when one is running. */
    Optional<Long> startPull(SisConnection connection, RunTrigger trigger) throws SQLException;

    /** Whether this deployment keeps school years apart (decision 0020, step 19). */
    default boolean perYear() {
        return false;
    }

    /** The school years the connection publishes to now (none without years). */
    default List<Integer> publishedYears(SisConnection connection) {
        return List.of();
    }

    /**
     * The resync job started now (of one resource, or all when null; of one school year, or every year the
     * connection publishes to when null); empty when one is running.
     */
    Optional<Long> startResync(SisConnection connection, String resource, Integer schoolYear, String requestedBy)
            throws SQLException;

    /**
     * Runs a pushed batch through the pipeline (a run with the trigger push); empty when another batch of the
     * connection is being processed.
     */
    Optional<Puller.PushResult> push(
            SisConnection connection, String resource, List<ObjectNode> records, List<String> deletedSourceIds)
            throws SQLException;

    /** Approves (publishes) or rejects (drops) a held run. */
    Puller.Decision decide(long runId, boolean approve, String by) throws SQLException;

    /** Prepares held records again with today's mappings; empty when a pull of the connection is running. */
    Optional<Puller.PushResult> retry(SisConnection connection, List<Puller.HeldRecord> records) throws SQLException;
}
