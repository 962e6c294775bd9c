package org.statehub.conflict.merge;

import static org.statehub.conflict.merge.MergeItems.MOVE_ORDER;
import static org.statehub.conflict.merge.MergeItems.STUDENTS;
import static org.statehub.conflict.merge.MergeItems.STUDENT_SEQ;
import static org.statehub.conflict.merge.MergeItems.etag;
import static org.statehub.conflict.merge.MergeItems.id;
import static org.statehub.conflict.merge.MergeItems.rekey;
import static org.statehub.conflict.merge.MergeItems.strip;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.statehub.conflict.client.EdFiClient;
import org.statehub.conflict.persistence.MergePlans;
import org.statehub.conflict.persistence.MergeRecords;
import org.statehub.jdbc.Transactions;

/**
 * A merge's plan: the before-image of the retired student's items (each with the survivor's item its copy would
 * collide with) and the merge's steps, items that appear during the merge, and a split's steps from the merge's
 * history. Nothing is written to the services here.
 */
@Singleton
@RequiredArgsConstructor
class MergePlanner {

    private final AgroalDataSource dataSource;
    private final EdFiClient client;
    private final ItemReader reader;
    private final MergeRecords records;
    private final MergePlans plans;

    /** An item of the retired student to move, and the survivor's item with the key its copy would take. */
    private record Planned(String resource, JsonNode item, JsonNode survivorItem) {}

    /** Records the before-image and plans the steps; nothing has been written to the services before this. */
    void capture(MergeRecords.Merge merge, Lease lease) throws IOException, SQLException {
        Optional<JsonNode> retired = reader.student(merge.retiredUniqueId());
        Optional<JsonNode> survivor = reader.student(merge.survivorUniqueId());
        if (retired.isEmpty() || survivor.isEmpty()) {
            String missing = retired.isEmpty()
                    ? "retired student '" + merge.retiredUniqueId() + "'"
                    : "surviving student '" + merge.survivorUniqueId() + "'";
            lease.write(c -> {
                records.failed(
                        c,
                        merge.id(),
                        "The " + missing + " no longer exists at student-service; nothing was" + " changed.");
            });
            return;
        }
        List<Planned> planned = plan(merge, Set.of());
        lease.write(c -> {
            if (!records.find(c, merge.id(), true).orElseThrow().state().equals("approved")) {
                return;
            }
            JsonNode student = retired.get();
            long studentItem = plans.addItem(
                    c,
                    merge.id(),
                    STUDENTS,
                    id(student),
                    etag(student),
                    strip(student).toString(),
                    null,
                    null);
            addMoves(c, merge.id(), planned, 0);
            plans.addStep(c, merge.id(), "merge", STUDENT_SEQ, "delete-student", studentItem, null, null);
            records.startMerging(c, merge.id(), id(student), id(survivor.get()));
        });
    }

    /** The retired student's items not in {@code known}, each with the survivor's item its copy would collide with. */
    private List<Planned> plan(MergeRecords.Merge merge, Set<UUID> known) throws IOException {
        List<Planned> planned = new ArrayList<>();
        for (String resource : MOVE_ORDER) {
            List<JsonNode> items = new ArrayList<>();
            for (JsonNode item : client.query(resource, Map.of("studentUniqueId", merge.retiredUniqueId()))) {
                if (!known.contains(id(item))) {
                    items.add(item);
                }
            }
            if (items.isEmpty()) {
                continue;
            }
            Map<String, JsonNode> survivorsByKey = new HashMap<>();
            for (JsonNode item : client.query(resource, Map.of("studentUniqueId", merge.survivorUniqueId()))) {
                survivorsByKey.put(reader.key(resource, item), item);
            }
            for (JsonNode item : items) {
                planned.add(new Planned(
                        resource,
                        item,
                        survivorsByKey.get(reader.key(resource, rekey(strip(item), merge.survivorUniqueId())))));
            }
        }
        return planned;
    }

    private void addMoves(Connection c, long mergeId, List<Planned> planned, int afterSeq) throws SQLException {
        int seq = afterSeq;
        for (Planned p : planned) {
            long item = plans.addItem(
                    c,
                    mergeId,
                    p.resource(),
                    id(p.item()),
                    etag(p.item()),
                    strip(p.item()).toString(),
                    p.survivorItem() == null ? null : id(p.survivorItem()),
                    p.survivorItem() == null ? null : strip(p.survivorItem()).toString());
            seq += 10;
            plans.addStep(c, mergeId, "merge", seq, p.survivorItem() == null ? "move" : "drop", item, null, null);
        }
    }

    /**
     * Items of the retired id that appeared since the before-image, planned before the student's deletion; false
     * if there are none.
     */
    boolean planLate(MergeRecords.Merge merge, Lease lease) throws IOException, SQLException {
        Set<UUID> known = new HashSet<>();
        for (MergePlans.Item i : Transactions.read(dataSource, c -> plans.items(c, merge.id()))) {
            known.add(i.itemId());
        }
        List<Planned> late = plan(merge, known);
        if (!late.isEmpty()) {
            lease.write(c -> {
                addMoves(c, merge.id(), late, plans.lastSeqBelow(c, merge.id(), "merge", STUDENT_SEQ));
                records.event(
                        c,
                        merge.id(),
                        MergeRecords.SYSTEM,
                        "planned-late-items",
                        late.size() + " items of the retired student appeared during the merge; they are moved too.");
            });
            return true;
        }
        return false;
    }

    /** The split's steps, from the merge's history (see {@link SplitPlan}). */
    void planSplit(Connection c, long mergeId) throws SQLException {
        for (SplitPlan.Step step : SplitPlan.of(plans.items(c, mergeId), plans.steps(c, mergeId))) {
            plans.addStep(c, mergeId, "split", step.seq(), step.action(), step.item(), step.copyId(), step.copyEtag());
        }
    }
}
