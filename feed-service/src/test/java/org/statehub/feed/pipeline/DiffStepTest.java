package org.statehub.feed.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.statehub.feed.domain.HoldRule;
import org.statehub.feed.store.Differ;

/**
 * The pull's "diff" step (docs/FEEDS.md, "A pull, step by step", 4, and "Safety holds") without a database: when a
 * run is held, and what a complete run, a push and a preview each do before anything is queued.
 */
class DiffStepTest {

    private static final List<Differ.Pulled> STUDENTS = List.of(new Differ.Pulled("students", 1, false));

    private final RecordingRunSteps store = new RecordingRunSteps();
    private final DiffStep step = new DiffStep(store, new HoldRule(0.05, 20));
    private final Puller.Counts counts = new Puller.Counts();

    @Test
    void aCompleteRunThatWouldDeleteTooMuchIsHeldWithWhatItWouldDelete() throws Exception {
        store.deletes = List.of(new HoldRule.Deletes("students", 100, 30));
        counts.read = 70;
        counts.held = 2;

        var held = step.held(null, "district", 7, STUDENTS, true, counts);

        assertThat(held).contains("30 of 100 students (30%)");
        assertThat(store.calls)
                .containsExactly(
                        "dropOverlappingEnrollments 7",
                        "supersedeHeld district 7",
                        "deletesByResource district 7",
                        "hold 7 read 70 held 2: " + new HoldRule(0.05, 20).reason(7, "30 of 100 students (30%)"));
    }

    @Test
    void aCompleteRunWithinTheRuleGoesOnAndIsNotHeld() throws Exception {
        store.deletes = List.of(new HoldRule.Deletes("students", 100, 5));

        assertThat(step.held(null, "district", 7, STUDENTS, true, counts)).isEmpty();
        assertThat(store.calls)
                .containsExactly(
                        "dropOverlappingEnrollments 7", "supersedeHeld district 7", "deletesByResource district 7");
    }

    @Test
    void aPushIsNeverHeldAndSupersedesNothing() throws Exception {
        store.deletes = List.of(new HoldRule.Deletes("students", 100, 100));

        assertThat(step.held(null, "district", 8, STUDENTS, false, counts)).isEmpty();
        assertThat(store.calls).containsExactly("dropOverlappingEnrollments 8");
    }

    @Test
    void aPreviewSaysItWouldBeHeldWithoutHoldingOrSupersedingAnything() throws Exception {
        store.deletes = List.of(new HoldRule.Deletes("students", 40, 40));

        assertThat(step.wouldHold(null, "district", 9, STUDENTS)).contains("40 of 40 students (100%)");
        assertThat(store.calls).containsExactly("dropOverlappingEnrollments 9", "deletesByResource district 9");
    }
}
