package org.statehub.conflict.merge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of merges and splits of duplicate students. */
@ConfigMapping(prefix = "conflict.merge")
public interface MergeConfig {

    /** Timeout of one call to student-service or enrollment-service. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * How long an approval or a split request works on the merge before it answers (202 if not done: the rest
     * is resumed in the background).
     */
    @WithDefault("20s")
    Duration requestBudget();

    /** Whether interrupted merges and splits are resumed on a schedule (the tests run without the services). */
    @WithDefault("true")
    boolean resumeEnabled();

    /** How often interrupted merges and splits (a crash, a service down) are resumed (at least 1s). */
    @WithDefault("10s")
    Duration resumeInterval();

    /**
     * How long one run holds a merge without a sign of progress before another run (after a crash, or another
     * instance) may take it over.
     */
    @WithDefault("60s")
    Duration lease();

    /**
     * How long a 409 on deleting the retired student is retried: student-service refuses while its replica of
     * enrollment-service still has the moved enrollments (about a second behind).
     */
    @WithDefault("20s")
    Duration dependentRetry();
}
