package org.statehub.conflict.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.statehub.conflict.persistence.MergePlans;

/** A split's steps from a merge's history, without a database or a service. */
class SplitPlanTest {

    private static final UUID COPY = UUID.fromString("00000000-0000-0000-0000-00000000c0b1");

    private static MergePlans.Item item(long id, String resource) {
        return new MergePlans.Item(id, resource, UUID.randomUUID(), "e" + id, "{}", null, null, null);
    }

    private static MergePlans.Step mergeStep(long item, String action, UUID copyId) {
        return new MergePlans.Step(
                item * 100,
                "merge",
                (int) item * 10,
                action,
                item,
                "done",
                null,
                copyId,
                "c" + item,
                null,
                1,
                null,
                null);
    }

    private static SplitPlan.Step restoring(List<SplitPlan.Step> steps, long item) {
        return steps.stream().filter(s -> s.item() == item).findFirst().orElseThrow();
    }

    @Test
    void theStudentComesBackFirstThenItsItemsInLoadOrderWithTheCopiesToDelete() {
        List<MergePlans.Item> items = List.of(
                item(1, MergeItems.STUDENTS),
                item(2, MergeItems.ATTENDANCE),
                item(3, MergeItems.ENROLLMENTS),
                item(4, MergeItems.SEOAS));
        List<MergePlans.Step> merged = List.of(
                mergeStep(2, "move", COPY),
                mergeStep(3, "drop", null),
                mergeStep(4, "move", UUID.randomUUID()),
                mergeStep(1, "delete-student", null));

        List<SplitPlan.Step> steps = SplitPlan.of(items, merged);

        assertThat(steps)
                .extracting(SplitPlan.Step::action)
                .containsExactly("recreate-student", "restore", "restore", "restore");
        assertThat(steps).extracting(SplitPlan.Step::seq).isSorted().doesNotHaveDuplicates();
        assertThat(steps.subList(1, 4))
                .extracting(step -> items.get((int) step.item() - 1).resource())
                .as("in the contract's load order: the enrollments before the attendance that depends on them")
                .isSortedAccordingTo(Comparator.comparing(MergeItems.RESTORE_ORDER::indexOf))
                .endsWith(MergeItems.ATTENDANCE);
        SplitPlan.Step attendance = restoring(steps, 2);
        assertThat(attendance.copyId()).isEqualTo(COPY);
        assertThat(attendance.copyEtag()).isEqualTo("c2");
        SplitPlan.Step dropped = restoring(steps, 3);
        assertThat(dropped.copyId())
                .as("a dropped item has no copy of the merge's to delete")
                .isNull();
        assertThat(dropped.copyEtag()).isNull();
    }

    @Test
    void aMoveCutShortBeforeItsCopyWasRecordedRestoresWithoutACopy() {
        List<SplitPlan.Step> steps = SplitPlan.of(
                List.of(item(1, MergeItems.STUDENTS), item(2, MergeItems.ENROLLMENTS)),
                List.of(mergeStep(2, "move", null)));

        assertThat(steps.get(1).copyId()).isNull();
    }
}
