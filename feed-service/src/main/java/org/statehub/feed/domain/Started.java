package org.statehub.feed.domain;

/** The answers to a pull or resync started on request (202): the run or job, running. */
public final class Started {

    private Started() {}

    public record Run(long runId, String status) {
        public Run(long runId) {
            this(runId, "running");
        }
    }

    public record Resync(long resyncId, String status) {
        public Resync(long resyncId) {
            this(resyncId, "running");
        }
    }
}
