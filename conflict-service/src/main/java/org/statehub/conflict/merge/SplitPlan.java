package org.statehub.conflict.merge;

import static org.statehub.conflict.merge.MergeItems.RESTORE_ORDER;
import static org.statehub.conflict.merge.MergeItems.STUDENTS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.statehub.conflict.persistence.MergePlans;

/**
 * A split's steps from a merge's history: the retired student recreated, then every item of the before-image
 * restored under the retired id in the contract's load order, each with the copy the merge made of it (none for
 * an item that was dropped because the survivor had one with its key). Pure.
 */
final class SplitPlan {

    /** One step to record: the item of the before-image, and the merge's copy of it to delete, if any. */
    record Step(int seq, String action, long item, UUID copyId, String copyEtag) {}

    private SplitPlan() {}

    static List<Step> of(List<MergePlans.Item> items, List<MergePlans.Step> mergeSteps) {
        Map<Long, MergePlans.Step> moves = new HashMap<>();
        for (MergePlans.Step step : mergeSteps) {
            if (step.phase().equals("merge")) {
                moves.put(step.item(), step);
            }
        }
        List<Step> steps = new ArrayList<>();
        int seq = 10;
        for (MergePlans.Item item : items) {
            if (item.resource().equals(STUDENTS)) {
                steps.add(new Step(seq, "recreate-student", item.id(), null, null));
            }
        }
        for (String resource : RESTORE_ORDER) {
            for (MergePlans.Item item : items) {
                if (item.resource().equals(resource)) {
                    MergePlans.Step move = moves.get(item.id());
                    boolean copied = move != null && move.action().equals("move") && move.copyId() != null;
                    seq += 10;
                    steps.add(new Step(
                            seq, "restore", item.id(), copied ? move.copyId() : null, copied ? move.copyEtag() : null));
                }
            }
        }
        return steps;
    }
}
