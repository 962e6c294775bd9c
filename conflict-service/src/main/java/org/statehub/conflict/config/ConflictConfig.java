package org.statehub.conflict.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of duplicate detection. */
@ConfigMapping(prefix = "conflict")
public interface ConflictConfig {

    Detection detection();

    Matching matching();

    interface Detection {
        /** Whether the scheduled job runs (the tests run it by hand). */
        @WithDefault("true")
        boolean enabled();

        /** How often new and changed replicated students are matched (at least 1s). */
        @WithDefault("2s")
        Duration interval();

        /** Students matched per transaction. */
        @WithDefault("200")
        int batchSize();

        /**
         * How many change versions before its watermark each run re-reads: a student-service transaction that
         * took an earlier change version but reached the replica later is still matched.
         */
        @WithDefault("1000")
        long overlap();
    }

    interface Matching {
        /** The score at and above which two students are a potential duplicate (docs/BENCHMARKS.md). */
        @WithDefault("0.65")
        double threshold();

        /** Blocks with more students than this are not searched (the student's narrower blocks are). */
        @WithDefault("1000")
        int maxBlockSize();
    }
}
