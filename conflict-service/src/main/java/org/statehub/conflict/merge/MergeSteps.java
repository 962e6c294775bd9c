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
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.statehub.conflict.client.EdFiClient;
import org.statehub.conflict.persistence.MergePlans;
import org.statehub.conflict.persistence.MergeRecords;
import org.statehub.edfi.core.store.Ids;

/**
 * A merge's steps at the owning services: an item moved (a copy under the survivor where its key is free, then
 * the original deleted), an item dropped (the survivor has one with its key), and last the retired student
 * deleted. Each call is safe to repeat; each step's progress is recorded under the run's lease before the next
 * call.
 */
@Singleton
@RequiredArgsConstructor
class MergeSteps {

    /** How often a changed item is read again and its deletion tried again within one attempt. */
    static final int CHANGED_ROUNDS = 5;

    private final MergeConfig config;
    private final EdFiClient client;
    private final ItemReader reader;
    private final MergePlanner planner;
    private final MergePlans plans;

    /** Carries out one step of a merge. */
    void run(MergeRecords.Merge merge, MergePlans.Step step, MergePlans.Item item, Lease lease)
            throws IOException, SQLException, StepFailure {
        switch (step.action()) {
            case "move" -> move(merge, step, item, lease);
            case "drop" -> deleteOriginal(merge, step, item, null, null, lease);
            case "delete-student" -> deleteStudent(merge, step, item, lease);
            default -> throw new StepFailure("Unknown merge step '" + step.action() + "'");
        }
    }

    /** A copy under the survivor (only where its key is free), then the original is deleted. */
    private void move(MergeRecords.Merge merge, MergePlans.Step step, MergePlans.Item item, Lease lease)
            throws IOException, SQLException, StepFailure {
        UUID copyId = step.copyId();
        String copyEtag = step.copyEtag();
        if (!"copied".equals(step.progress())) {
            ObjectNode copy = rekey(reader.parse(item.body()), merge.survivorUniqueId());
            lease.write(c -> {
                plans.attempt(c, step.id());
            });
            EdFiClient.Answer answer = client.post(item.resource(), copy, true);
            if (answer.status() == 201 || answer.status() == 200) {
                copyId = answer.id();
                copyEtag = answer.etag();
            } else if (answer.status() == 412) {
                JsonNode found = reader.byKey(item.resource(), copy)
                        .orElseThrow(() -> new StepFailure("POST " + item.resource()
                                + " answered 412, but no item has the copy's key; tried again later"));
                if (step.attempts() > 0 && strip(found).equals(copy)) {
                    copyId = id(found); // this step's own copy, from an attempt cut short before it was recorded
                    copyEtag = etag(found);
                } else {
                    // the survivor has had an item with this key since the before-image: it is kept
                    lease.write(c -> {
                        plans.collision(c, item.id(), id(found), strip(found).toString());
                        plans.action(c, step.id(), "drop");
                    });
                    deleteOriginal(merge, step, item, null, null, lease);
                    return;
                }
            } else {
                throw StepFailure.refused("POST", item.resource(), answer);
            }
            UUID madeId = copyId;
            String madeEtag = copyEtag;
            lease.write(c -> {
                plans.progress(c, step.id(), "copied", madeId, madeEtag, null);
            });
        }
        deleteOriginal(merge, step, item, copyId, copyEtag, lease);
    }

    /**
     * Deletes the retired item at the version in the before-image. If it changed since, the image (and the copy,
     * if there is one) first take the version about to be deleted, so nothing of it is lost.
     */
    private void deleteOriginal(
            MergeRecords.Merge merge,
            MergePlans.Step step,
            MergePlans.Item item,
            UUID copyId,
            String copyEtag,
            Lease lease)
            throws IOException, SQLException, StepFailure {
        String etag = item.etag();
        UUID copy = copyId;
        for (int round = 0; round < CHANGED_ROUNDS; round++) {
            EdFiClient.Answer answer = client.delete(item.resource(), item.itemId(), etag);
            if (answer.status() == 204 || answer.status() == 404) {
                lease.write(c -> {
                    plans.done(c, step.id());
                });
                return;
            }
            if (answer.status() != 412) {
                throw StepFailure.refused("DELETE", item.resource(), answer);
            }
            Optional<JsonNode> now = client.get(item.resource(), item.itemId());
            if (now.isEmpty()) {
                continue; // deleted meanwhile: the next DELETE answers 404
            }
            ObjectNode body = strip(now.get());
            etag = etag(now.get());
            String newEtag = etag;
            String copyVersion = null;
            if (copy != null) {
                EdFiClient.Answer put = client.put(item.resource(), copy, rekey(body, merge.survivorUniqueId()));
                if (put.status() == 404) {
                    put = client.post(item.resource(), rekey(body, merge.survivorUniqueId()), false);
                    copy = put.status() == 200 || put.status() == 201 ? put.id() : copy;
                }
                if (put.status() >= 300) {
                    throw StepFailure.refused("updating the copy in", item.resource(), put);
                }
                copyVersion = put.etag();
            }
            UUID madeId = copy;
            String madeEtag = copyVersion;
            lease.write(c -> {
                plans.updateItem(c, item.id(), newEtag, body.toString());
                if (madeId != null) {
                    plans.progress(c, step.id(), "copied", madeId, madeEtag, null);
                }
            });
        }
        throw new StepFailure("The " + item.resource() + " item " + Ids.format(item.itemId())
                + " keeps changing while it is moved; tried again later");
    }

    /**
     * The last step: items of the retired id that appeared since the before-image are planned first; then the
     * retired student is deleted at the version in the image. student-service refuses (409) while its replica of
     * enrollment-service still has the moved enrollments; that is retried for {@code conflict.merge.dependent-retry}.
     */
    private void deleteStudent(MergeRecords.Merge merge, MergePlans.Step step, MergePlans.Item item, Lease lease)
            throws IOException, SQLException, StepFailure {
        if (planner.planLate(merge, lease)) {
            return;
        }
        String etag = item.etag();
        long until = System.nanoTime() + config.dependentRetry().toNanos();
        int rounds = 0;
        while (true) {
            EdFiClient.Answer answer = client.delete(STUDENTS, item.itemId(), etag);
            if (answer.status() == 204 || answer.status() == 404) {
                lease.write(c -> {
                    plans.done(c, step.id());
                });
                return;
            }
            if (answer.status() == 412 && rounds++ < CHANGED_ROUNDS) {
                Optional<JsonNode> now = client.get(STUDENTS, item.itemId());
                if (now.isPresent()) {
                    etag = etag(now.get());
                    String newEtag = etag;
                    String body = strip(now.get()).toString();
                    lease.write(c -> {
                        plans.updateItem(c, item.id(), newEtag, body);
                    });
                }
                continue;
            }
            if (answer.status() == 409 && System.nanoTime() < until) {
                sleep(500);
                lease.write(c -> {});
                continue;
            }
            throw StepFailure.refused("DELETE", STUDENTS, answer);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
