package org.statehub.conflict.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** The scheduled jobs' shell: off means no run, and a failing run does not escape to the scheduler. */
class DetectionRunsTest {

    private static final Logger LOG = Logger.getLogger(DetectionRunsTest.class);

    private final AtomicInteger runs = new AtomicInteger();

    private DetectionRuns.Result counted(boolean noteworthy) {
        runs.incrementAndGet();
        return new DuplicateDetection.Run(noteworthy ? 1 : 0, 0, 0, 0);
    }

    @Test
    void aJobTurnedOffDoesNotRunAndOneTurnedOnRuns() {
        DetectionRuns.scheduled(LOG, "test job", false, () -> counted(true));
        assertThat(runs).hasValue(0);
        DetectionRuns.scheduled(LOG, "test job", true, () -> counted(true));
        DetectionRuns.scheduled(LOG, "test job", true, () -> counted(false));
        assertThat(runs).hasValue(2);
    }

    @Test
    void aFailingRunIsLoggedNotThrown() {
        assertThatCode(() -> DetectionRuns.scheduled(LOG, "test job", true, () -> {
                    throw new SQLException("the database is gone");
                }))
                .doesNotThrowAnyException();
    }

    @Test
    void eachJobSaysWhatItsRunDidAndWhenThatIsWorthALine() {
        assertThat(new DuplicateDetection.Run(3, 1, 0, 2).summary())
                .isEqualTo("3 students matched, 1 pairs raised, 0 closed, 2 reopened");
        assertThat(new ConflictDetection.Run(4, 3, 0, 0, 0).noteworthy()).isFalse();
        assertThat(new ConflictDetection.Run(4, 3, 0, 1, 0).summary())
                .isEqualTo("4 reports, 3 students checked, 0 conflicts raised, 1 closed, 0 reopened");
    }
}
