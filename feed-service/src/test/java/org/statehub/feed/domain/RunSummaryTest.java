package org.statehub.feed.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The members of a run worked out from its stored counts. */
class RunSummaryTest {

    static RunSummary summary(String status, long read, long held, long upserts, long keyChanges, long rejected) {
        return new RunSummary(
                1,
                "c",
                "schedule",
                status,
                null,
                Instant.EPOCH,
                Instant.EPOCH,
                read,
                held,
                upserts,
                3,
                keyChanges,
                new RunSummary.Publishing(0, upserts, rejected),
                12.345,
                null,
                null);
    }

    @Test
    void recordsNeitherHeldNorQueuedAreUnchanged() {
        assertThat(summary("succeeded", 100, 5, 10, 2, 0).unchanged()).isEqualTo(83);
        assertThat(summary("succeeded", 3, 5, 10, 2, 0).unchanged()).isZero();
    }

    @Test
    void aSucceededRunTheHubRefusedSomeOfIsPartlySucceeded() {
        assertThat(summary("succeeded", 10, 0, 10, 0, 1).state()).isEqualTo("partly succeeded");
        assertThat(summary("succeeded", 10, 0, 10, 0, 1).rejected()).isEqualTo(1);
        assertThat(summary("succeeded", 10, 0, 10, 0, 0).state()).isEqualTo("succeeded");
        assertThat(summary("failed", 10, 0, 10, 0, 1).state()).isEqualTo("failed");
    }

    @Test
    void theDurationIsInTenthsOfSeconds() {
        assertThat(summary("running", 0, 0, 0, 0, 0).durationSeconds()).isEqualTo(12.3);
    }
}
