package org.statehub.conflict.merge;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.conflict.client.EdFiClient;
import org.statehub.conflict.persistence.MergePairs;
import org.statehub.conflict.persistence.MergePlans;
import org.statehub.conflict.persistence.MergeRecords;
import org.statehub.conflict.service.Caller;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.core.service.NaturalKeys;
import org.statehub.jdbc.Sql;
import org.statehub.jdbc.UncheckedTransactions;

/**
 * Merges of duplicate students and their splits: request, approval by a second administrator, rejection, split,
 * and reading them. Owns the transactions; the work itself is {@link MergeRunner}'s. Only state-wide callers see
 * merges; {@code StateAdmin} acts, {@code StateSystemReader} reads.
 */
@Singleton
@RequiredArgsConstructor
public class Merges {

    /** The outcome of a read or an action. */
    public sealed interface Outcome {}

    /** The merge, with its before-image, steps and events when {@code detail} is set. */
    public record Found(MergeRecords.Merge merge, Detail detail) implements Outcome {}

    public record Detail(
            List<MergePlans.Item> beforeImage, List<MergePlans.Step> steps, List<MergeRecords.Event> events) {}

    public record NotFound() implements Outcome {}

    /** 403: the caller may not do this. */
    public record Denied(String reason) implements Outcome {}

    /** 400: the request names something impossible. */
    public record Invalid(Map<String, List<String>> errors) implements Outcome {}

    /** 409: a named student or pair does not exist. */
    public record Unresolved(String resourceName, String error) implements Outcome {}

    /** 409: the merge (or the students) are not in a state that allows this. */
    public record Conflict(String type, String title, String detail) implements Outcome {}

    /** 503: a service that must be asked cannot be reached. */
    public record Unavailable(String detail) implements Outcome {}

    public record Page(List<MergeRecords.Merge> merges, long total) {}

    private static final List<String> BLOCKING_SPLIT =
            List.of("requested", "approved", "merging", "merged", "splitting");

    private final MergeConfig config;
    private final AgroalDataSource dataSource;
    private final EdFiClient client;
    private final MergeRunner runner;
    private final ResourceCatalog catalog;
    private final MergeRecords records;
    private final MergePlans plans;
    private final MergePairs pairs;
    private final MergePlanner planner;

    /** Whoever is not state-wide sees no merge; a reader only reads. */
    public static Optional<Outcome> refuse(Caller caller, boolean acting) {
        if (!caller.unrestricted()) {
            return Optional.of(new Denied("Merges of students are handled by state administrators only."));
        }
        if (acting && caller.readOnly()) {
            return Optional.of(new Denied("The 'StateSystemReader' claim set has read-only access."));
        }
        return Optional.empty();
    }

    public Outcome list(Caller caller, List<String> states, String studentUniqueId, int limit, int offset) {
        Optional<Outcome> refused = refuse(caller, false);
        if (refused.isPresent()) {
            return refused.get();
        }
        return UncheckedTransactions.read(
                dataSource,
                c -> new ListPage(new Page(
                        records.list(c, states, studentUniqueId, limit, offset),
                        records.count(c, states, studentUniqueId))));
    }

    /** A page of merges as an outcome. */
    public record ListPage(Page page) implements Outcome {}

    public Outcome get(Caller caller, long id) {
        Optional<Outcome> refused = refuse(caller, false);
        return refused.isPresent() ? refused.get() : found(id);
    }

    /** An administrator asks for the retired student to be merged into the survivor. */
    public Outcome request(Caller caller, String retired, String survivor, Long pairId, String note) {
        Optional<Outcome> refused = refuse(caller, true);
        if (refused.isPresent()) {
            return refused.get();
        }
        for (String uniqueId : List.of(retired, survivor)) {
            try {
                if (!studentExists(uniqueId)) {
                    return new Unresolved("Student", "No student has studentUniqueId '" + uniqueId + "'.");
                }
            } catch (IOException e) {
                return new Unavailable("Whether student '" + uniqueId + "' exists cannot be checked right now:"
                        + " student-service is not reachable. Try again shortly.");
            }
        }
        long[] created = {0};
        Outcome outcome = UncheckedTransactions.inTransaction(dataSource, c -> {
            records.lockRequests(c);
            if (!records.involving(c, MergeRecords.ACTIVE, retired, survivor, -1)
                    .isEmpty()) {
                return inProgress();
            }
            Long linked = pairId;
            if (pairId != null) {
                Optional<MergePairs.Pair> pair = pairs.find(c, pairId, false);
                if (pair.isEmpty()) {
                    return new Unresolved("potential duplicate", "No potential duplicate has id " + pairId + ".");
                }
                if (!pair.get().of(retired, survivor)) {
                    return new Invalid(Map.of(
                            "$.duplicatePairId",
                            List.of("Potential duplicate " + pairId + " is not the pair of these two students.")));
                }
                if (pair.get().state().equals("dismissed")) {
                    return pairDismissed();
                }
            } else {
                linked = pairs.ofStudents(c, retired, survivor)
                        .map(MergePairs.Pair::id)
                        .orElse(null);
            }
            created[0] = records.insert(c, retired, survivor, linked, caller.subject(), note);
            return null;
        });
        return outcome != null ? outcome : found(created[0]);
    }

    /** A second administrator approves: the merge is carried out (as far as it gets in the request's budget). */
    public Outcome approve(Caller caller, long id, String note) {
        Outcome decided = decide(caller, id, "approved", note, (c, merge) -> {
            if (merge.requestedBy().equals(caller.subject())) {
                return new Denied(
                        "A merge needs a second administrator: the client that requested it cannot" + " approve it.");
            }
            if (merge.pairId() != null
                    && pairs.find(c, merge.pairId(), false)
                            .map(p -> p.state().equals("dismissed"))
                            .orElse(false)) {
                return pairDismissed();
            }
            return null;
        });
        if (decided != null) {
            return decided;
        }
        runner.run(id, config.requestBudget());
        return found(id);
    }

    /** Any administrator (the requester too) turns a requested merge down. */
    public Outcome reject(Caller caller, long id, String note) {
        Outcome decided = decide(caller, id, "rejected", note, (c, merge) -> null);
        return decided != null ? decided : found(id);
    }

    /** Why a requested merge may not be decided so (null: it may). */
    @FunctionalInterface
    private interface Refusal {
        Outcome of(Connection c, MergeRecords.Merge merge) throws SQLException;
    }

    /**
     * Records the administrator's decision on a requested merge, in one transaction with the merge locked; the
     * outcome that refuses it, or null once it is recorded.
     */
    private Outcome decide(Caller caller, long id, String decision, String note, Refusal refusal) {
        Optional<Outcome> refused = refuse(caller, true);
        if (refused.isPresent()) {
            return refused.get();
        }
        return UncheckedTransactions.inTransaction(dataSource, c -> {
            Optional<MergeRecords.Merge> merge = records.find(c, id, true);
            if (merge.isEmpty()) {
                return new NotFound();
            }
            if (!merge.get().state().equals("requested")) {
                return notPending(merge.get());
            }
            Outcome refusing = refusal.of(c, merge.get());
            if (refusing != null) {
                return refusing;
            }
            records.decide(c, id, decision, caller.subject(), note);
            return null;
        });
    }

    /** Undoes a merge from its history: the retired student and its items come back; the pair is two people. */
    public Outcome split(Caller caller, long id, String note) {
        Optional<Outcome> refused = refuse(caller, true);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<MergeRecords.Merge> before = UncheckedTransactions.read(dataSource, c -> records.find(c, id, false));
        if (before.isEmpty()) {
            return new NotFound();
        }
        if (!before.get().state().equals("merged")) {
            return notMerged(before.get());
        }
        try {
            if (!client.query(
                            MergeItems.STUDENTS,
                            Map.of("studentUniqueId", before.get().retiredUniqueId()))
                    .isEmpty()) {
                return new Conflict(
                        CONFLICT + "retired-id-in-use",
                        "Retired Id In Use",
                        "A student with the"
                                + " retired studentUniqueId '" + before.get().retiredUniqueId() + "' exists again at"
                                + " student-service; the split cannot recreate the retired student until it is removed.");
            }
        } catch (IOException e) {
            return new Unavailable("student-service is not reachable, so the split cannot begin. Try again shortly.");
        }
        Outcome planned = UncheckedTransactions.inTransaction(dataSource, c -> {
            MergeRecords.Merge merge = records.find(c, id, true).orElseThrow();
            if (!merge.state().equals("merged")) {
                return notMerged(merge);
            }
            List<Long> later =
                    records.involving(c, BLOCKING_SPLIT, merge.retiredUniqueId(), merge.survivorUniqueId(), id).stream()
                            .filter(other -> other > id)
                            .toList();
            if (!later.isEmpty()) {
                return new Conflict(
                        CONFLICT + "later-merge",
                        "Later Merge Exists",
                        "Merge " + later.get(0)
                                + " involves these students since this merge; split or reject it first.");
            }
            planner.planSplit(c, id);
            records.requestSplit(c, id, caller.subject(), note);
            return null;
        });
        if (planned != null) {
            return planned;
        }
        runner.run(id, config.requestBudget());
        return found(id);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static final String CONFLICT = "urn:ed-fi:api:data-conflict:";

    private Outcome found(long id) {
        return UncheckedTransactions.read(dataSource, c -> {
            Optional<MergeRecords.Merge> merge = records.find(c, id, false);
            if (merge.isEmpty()) {
                return new NotFound();
            }
            return new Found(merge.get(), new Detail(plans.items(c, id), plans.steps(c, id), records.events(c, id)));
        });
    }

    /** In this service's replica of students, or else at student-service itself (the replica lags a second). */
    private boolean studentExists(String uniqueId) throws IOException {
        String key = NaturalKeys.of(
                catalog.find(MergeItems.STUDENTS),
                JsonNodeFactory.instance.objectNode().put("studentUniqueId", uniqueId));
        boolean replicated = UncheckedTransactions.read(
                dataSource,
                c -> Sql.exists(c, "SELECT 1 FROM replica_item WHERE resource = 'students' AND natural_key = ?", key));
        return replicated
                || !client.query(MergeItems.STUDENTS, Map.of("studentUniqueId", uniqueId))
                        .isEmpty();
    }

    private static Conflict inProgress() {
        return new Conflict(
                CONFLICT + "merge-in-progress",
                "Merge In Progress",
                "One of these students is part of a merge that is requested or under way; finish or reject it first.");
    }

    private static Conflict pairDismissed() {
        return new Conflict(
                CONFLICT + "pair-dismissed",
                "Pair Dismissed",
                "This potential duplicate was dismissed as two different people; a dismissal is final.");
    }

    private static Conflict notPending(MergeRecords.Merge merge) {
        return new Conflict(
                CONFLICT + "merge-not-pending",
                "Merge Not Pending",
                "Only a requested merge can be approved or rejected; this one is " + merge.state() + ".");
    }

    private static Conflict notMerged(MergeRecords.Merge merge) {
        return merge.state().equals("split") || merge.state().equals("splitting")
                ? new Conflict(CONFLICT + "already-split", "Already Split", "This merge has been split already.")
                : new Conflict(
                        CONFLICT + "merge-not-done",
                        "Merge Not Done",
                        "Only a completed merge can be split; this one is " + merge.state() + ".");
    }
}
