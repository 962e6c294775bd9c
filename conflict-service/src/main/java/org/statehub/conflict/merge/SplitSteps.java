package org.statehub.conflict.merge;

import static org.statehub.conflict.merge.MergeItems.STUDENTS;
import static org.statehub.conflict.merge.MergeItems.etag;
import static org.statehub.conflict.merge.MergeItems.id;
import static org.statehub.conflict.merge.MergeItems.rekey;
import static org.statehub.conflict.merge.MergeItems.strip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.statehub.conflict.client.EdFiClient;
import org.statehub.conflict.persistence.MergePlans;
import org.statehub.conflict.persistence.MergeRecords;

/**
 * A split's steps at the owning services: the retired student recreated from the before-image, then each item
 * restored under the retired id and the merge's copy under the survivor deleted. Survivor items the merge did not
 * make are never touched.
 */
@Singleton
@RequiredArgsConstructor
class SplitSteps {

    private final EdFiClient client;
    private final ItemReader reader;
    private final MergeRecords records;
    private final MergePlans plans;

    /** Carries out one step of a split. */
    void run(MergeRecords.Merge merge, MergePlans.Step step, MergePlans.Item item, Lease lease)
            throws IOException, SQLException, StepFailure {
        switch (step.action()) {
            case "recreate-student" -> recreateStudent(merge, step, item, lease);
            case "restore" -> restore(merge, step, item, lease);
            default -> throw new StepFailure("Unknown split step '" + step.action() + "'");
        }
    }

    /** The retired student from the before-image, only if its studentUniqueId is free (or is this step's own). */
    private void recreateStudent(MergeRecords.Merge merge, MergePlans.Step step, MergePlans.Item item, Lease lease)
            throws IOException, SQLException, StepFailure {
        ObjectNode body = reader.parse(item.body());
        lease.write(c -> {
            plans.attempt(c, step.id());
        });
        EdFiClient.Answer answer = client.post(STUDENTS, body, true);
        UUID made;
        if (answer.status() == 201 || answer.status() == 200) {
            made = answer.id();
        } else if (answer.status() == 412) {
            JsonNode found = reader.byKey(STUDENTS, body)
                    .orElseThrow(() -> new StepFailure(
                            "POST students answered 412, but no student has the key; tried again later"));
            if (step.attempts() > 0 && strip(found).equals(body)) {
                made = id(found);
            } else {
                throw new StepFailure("The retired studentUniqueId '" + merge.retiredUniqueId() + "' has been used"
                        + " again at student-service since the merge: the split cannot recreate the student until"
                        + " that record is removed.");
            }
        } else {
            throw StepFailure.refused("POST", STUDENTS, answer);
        }
        lease.write(c -> {
            plans.progress(c, step.id(), "restored", null, null, made);
            records.recreated(c, merge.id(), made);
            plans.done(c, step.id());
        });
    }

    /**
     * The item under the retired id again (as the merge found it, or, if its copy changed since, as the copy is
     * now), then the merge's copy under the survivor is deleted. Survivor items the merge did not make are never
     * touched.
     */
    private void restore(MergeRecords.Merge merge, MergePlans.Step step, MergePlans.Item item, Lease lease)
            throws IOException, SQLException, StepFailure {
        UUID copyId = step.copyId();
        String expected = step.copyEtag();
        UUID restoredId = step.restoredId();
        if (!"restored".equals(step.progress())) {
            ObjectNode body = reader.parse(item.body());
            if (copyId != null) {
                Optional<JsonNode> copy = client.get(item.resource(), copyId);
                if (copy.isPresent() && !Objects.equals(etag(copy.get()), expected)) {
                    body = rekey(strip(copy.get()), merge.retiredUniqueId());
                    expected = etag(copy.get());
                }
            }
            lease.write(c -> {
                plans.attempt(c, step.id());
            });
            EdFiClient.Answer answer = client.post(item.resource(), body, false);
            if (answer.status() != 201 && answer.status() != 200) {
                throw StepFailure.refused("POST", item.resource(), answer);
            }
            restoredId = answer.id();
            UUID made = restoredId;
            String seen = expected;
            lease.write(c -> {
                plans.progress(c, step.id(), "restored", null, seen, made);
            });
        }
        if (copyId != null) {
            for (int round = 0; ; round++) {
                EdFiClient.Answer answer = client.delete(item.resource(), copyId, expected);
                if (answer.status() == 204 || answer.status() == 404) {
                    break;
                }
                if (answer.status() != 412 || round >= MergeSteps.CHANGED_ROUNDS) {
                    throw StepFailure.refused("DELETE", item.resource(), answer);
                }
                // the copy changed after it was restored: the restored item takes that version first
                Optional<JsonNode> now = client.get(item.resource(), copyId);
                if (now.isEmpty()) {
                    continue;
                }
                ObjectNode body = rekey(strip(now.get()), merge.retiredUniqueId());
                EdFiClient.Answer put = client.put(item.resource(), restoredId, body);
                if (put.status() >= 300) {
                    throw StepFailure.refused("updating the restored item in", item.resource(), put);
                }
                expected = etag(now.get());
                String seen = expected;
                lease.write(c -> {
                    plans.progress(c, step.id(), "restored", null, seen, null);
                });
            }
        }
        lease.write(c -> {
            plans.done(c, step.id());
        });
    }
}
