package org.statehub.feed.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.statehub.feed.store.Differ;

/**
 * The pull's "queue" step (docs/FEEDS.md, "A pull, step by step", 4) without a database: what a run settles and
 * queues, in order, and the counts it ends with.
 */
class QueueStepTest {

    private final RecordingRunSteps store = new RecordingRunSteps();
    private final QueueStep step = new QueueStep(store);

    @Test
    void aCompleteRunSettlesItsErrorsQueuesTheDiffDropsWhatItStagedAndSucceeds() throws Exception {
        store.diffed = new Differ.Result(3, 2, 1);

        Differ.Result result = step.queue(
                null,
                "district",
                7,
                List.of(new Differ.Pulled("schools", 1, false), new Differ.Pulled("students", 2, false)),
                true,
                null,
                10,
                1);

        assertThat(result).isEqualTo(new Differ.Result(3, 2, 1));
        assertThat(store.calls)
                .containsExactly(
                        "resolveErrors 7 [schools, students] complete",
                        "diff 7 complete",
                        "dropStaged 7",
                        "succeed 7 read 10 held 1 upserts 3 deletes 2 keyChanges 1");
    }

    @Test
    void aPushsDeletesNamedBySourceIdAreQueuedAndCountedWithTheDiffs() throws Exception {
        store.diffed = new Differ.Result(4, 0, 0);
        store.deletedSources = 2;

        Differ.Result result = step.queue(
                null, "district", 8, List.of(new Differ.Pulled("students", 2, false)), false, List.of("a", "b"), 4, 0);

        assertThat(result).isEqualTo(new Differ.Result(4, 2, 0));
        assertThat(store.calls)
                .containsExactly(
                        "resolveErrors 8 [students] partial",
                        "diff 8 partial",
                        "deleteSources students [a, b]",
                        "dropStaged 8",
                        "succeed 8 read 4 held 0 upserts 4 deletes 2 keyChanges 0");
    }

    @Test
    void noDeletedSourceIdsQueueNoDeletes() throws Exception {
        step.queue(null, "district", 9, List.of(new Differ.Pulled("students", 2, false)), false, List.of(), 0, 0);

        assertThat(store.calls).noneMatch(call -> call.startsWith("deleteSources"));
    }
}
