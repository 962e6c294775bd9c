package org.statehub.edfi.core.service;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The records background jobs (replication, duplicate and conflict detection) could not process and skipped, so
 * that one bad record never stalls a job: each is logged with the job, the record's id and the cause, and counted
 * per job since the service started (the {@code skipped-records} wellness check shows the counts at
 * {@code /q/health/well}).
 */
@Singleton
public class SkippedRecords {

    private static final Logger LOG = Logger.getLogger(SkippedRecords.class);

    /** Most records remembered by {@link #skippedOnce}; beyond it the memory starts again (a record may be logged again). */
    private static final int REMEMBERED = 10_000;

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> reported = new ConcurrentHashMap<>();

    /** Logs and counts one skipped record; {@code cause} is logged for operators and never shown to API clients. */
    public void skipped(String job, String recordId, String why, Throwable cause) {
        counts.computeIfAbsent(job, k -> new AtomicLong()).incrementAndGet();
        if (cause == null) {
            LOG.warnf("%s skipped %s: %s", job, recordId, why);
        } else {
            LOG.warnf(cause, "%s skipped %s: %s", job, recordId, why);
        }
    }

    /**
     * As {@link #skipped}, for a job that meets the same record again on every run until it changes (a window
     * re-read with an overlap, a queue refilled from it): the record in this state ({@code recordId} names the
     * state, e.g. with its change version) is logged and counted once.
     */
    public void skippedOnce(String job, String recordId, String why, Throwable cause) {
        if (reported.size() >= REMEMBERED) {
            reported.clear();
        }
        if (reported.putIfAbsent(job + "\n" + recordId, Boolean.TRUE) == null) {
            skipped(job, recordId, why, cause);
        }
    }

    /** How many records each job skipped since the service started. */
    public Map<String, Long> counts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((job, count) -> snapshot.put(job, count.get()));
        return snapshot;
    }

    public long count(String job) {
        AtomicLong count = counts.get(job);
        return count == null ? 0 : count.get();
    }
}
