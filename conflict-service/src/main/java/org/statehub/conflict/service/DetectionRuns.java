package org.statehub.conflict.service;

import org.jboss.logging.Logger;

/**
 * What the two scheduled detection jobs ({@link DuplicateDetection}, {@link ConflictDetection}) do around a run:
 * nothing while detection is turned off, a log line when the run changed something, and a warning (the next run
 * repeats the work) when it fails, so a failure never stops the schedule.
 */
final class DetectionRuns {

    /** What one run did, as the log says it. */
    interface Result {
        /** Whether the run is worth a log line. */
        boolean noteworthy();

        /** The log line's counts. */
        String summary();
    }

    /** One run of a job, which may fail. */
    @FunctionalInterface
    interface Job {
        Result run() throws Exception;
    }

    private DetectionRuns() {}

    /** Runs {@code job} (named {@code name} in the log) when {@code enabled}. */
    static void scheduled(Logger log, String name, boolean enabled, Job job) {
        if (!enabled) {
            return;
        }
        try {
            Result result = job.run();
            if (result.noteworthy()) {
                log.infof("%s: %s", name, result.summary());
            }
        } catch (Exception e) {
            log.warnf(e, "%s failed; the next run repeats it", name);
        }
    }
}
