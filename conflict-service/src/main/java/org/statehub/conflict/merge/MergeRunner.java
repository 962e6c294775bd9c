package org.statehub.conflict.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.statehub.conflict.client.EdFiClient;
import org.statehub.conflict.persistence.MergePairs;
import org.statehub.conflict.persistence.MergeRecords;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.service.NaturalKeys;
import org.statehub.edfi.core.store.Ids;
import org.statehub.jdbc.Transactions;

/**
 * Carries out approved merges and requested splits, step by step, through the owning services' Ed-Fi APIs. Each
 * step's progress is committed before the next call, and each call is safe to repeat (a copy is made only where
 * its key is free, and a second attempt recognises its own copy; a DELETE answering 404 is done), so a run cut
 * short by a crash or a service that is down is resumed where it stopped: by the next request on the merge, or by
 * the schedule ({@code conflict.merge.resume-interval}). One run at a time holds a merge (a lease in the database,
 * renewed at every step).
 */
@Singleton
public class MergeRunner {

    private static final Logger LOG = Logger.getLogger(MergeRunner.class);

    static final String STUDENTS = "students";
    static final String SEOAS = "studentEducationOrganizationAssociations";
    static final String CONTACT_ASSOCIATIONS = "studentContactAssociations";
    static final String ENROLLMENTS = "studentSchoolAssociations";
    static final String ATTENDANCE = "studentSchoolAttendanceEvents";
    /** What a split restores, in the contract's load order: the enrollments before what depends on them. */
    static final List<String> RESTORE_ORDER = ResourceCatalog.contract()
            .loadOrder()
            .sorted(List.of(SEOAS, CONTACT_ASSOCIATIONS, ENROLLMENTS, ATTENDANCE));
    /** What a merge moves, in the reverse (delete) order: attendance before the enrollments. */
    static final List<String> MOVE_ORDER = RESTORE_ORDER.reversed();
    /** The seq of a merge's last step, deleting the retired student (items found late are planned before it). */
    static final int STUDENT_SEQ = 1_000_000_000;

    private static final int CHANGED_ROUNDS = 5;

    private final MergeConfig config;
    private final AgroalDataSource dataSource;
    private final EdFiClient client;
    private final ResourceCatalog catalog;
    private final ObjectMapper mapper;
    private final MergeRecords records = new MergeRecords();
    private final MergePairs pairs;

    @Inject
    public MergeRunner(
            MergeConfig config,
            AgroalDataSource dataSource,
            EdFiClient client,
            ResourceCatalog catalog,
            ObjectMapper mapper) {
        this.config = config;
        this.dataSource = dataSource;
        this.client = client;
        this.catalog = catalog;
        this.mapper = mapper;
        this.pairs = new MergePairs(mapper);
    }

    /** A step cannot go on now; the reason is recorded and the step is tried again later. */
    static final class StepFailure extends Exception {
        StepFailure(String message) {
            super(message);
        }
    }

    /** Another run has taken the merge over (this one was too slow): stop without touching it. */
    private static final class LostLease extends RuntimeException {
        LostLease() {
            super(null, null, false, false);
        }
    }

    @Scheduled(
            every = "${conflict.merge.resume-interval:10s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resume() {
        if (!config.resumeEnabled()) {
            return;
        }
        try {
            for (long id : Transactions.read(dataSource, c -> records.resumable(c, 20))) {
                run(id, config.lease(), true);
            }
        } catch (SQLException e) {
            LOG.warnf(e, "Resuming merges failed; the next run repeats it");
        }
    }

    /**
     * Works on the merge until it is done, a step cannot go on, or {@code budget} has passed; does nothing if
     * another run holds it.
     */
    public void run(long id, Duration budget) {
        run(id, budget, false);
    }

    private void run(long id, Duration budget, boolean resuming) {
        String owner = UUID.randomUUID().toString();
        try {
            if (!Transactions.inTransaction(dataSource, c -> records.claim(c, id, owner, config.lease()))) {
                return;
            }
            if (resuming) {
                LOG.infof("Merge %d: resumed", id);
            }
        } catch (SQLException e) {
            LOG.warnf(e, "Merge %d: cannot be taken up now", id);
            return;
        }
        boolean lost = false;
        try {
            long deadline = System.nanoTime() + budget.toNanos();
            while (System.nanoTime() < deadline && advance(id, owner)) {
                // one unit of work at a time, each committed
            }
        } catch (LostLease e) {
            lost = true;
            LOG.infof("Merge %d: taken over by another run", id);
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Merge %d: stopped; it is resumed later", id);
            try {
                inLease(id, owner, c -> {
                    records.lastError(
                            c,
                            id,
                            "Stopped by an unexpected error (" + e.getClass().getSimpleName()
                                    + "); see conflict-service's log. Resumed later.");
                    return null;
                });
            } catch (SQLException | RuntimeException ignored) {
                // the database itself may be the problem: the log has it
            }
        } finally {
            if (!lost) {
                try {
                    Transactions.inTransaction(dataSource, c -> {
                        records.release(c, id, owner);
                        return null;
                    });
                } catch (SQLException e) {
                    LOG.warnf(e, "Merge %d: lease not released (it expires)", id);
                }
            }
        }
    }

    /** One unit of work; false when there is nothing more to do now. */
    private boolean advance(long id, String owner) throws SQLException {
        MergeRecords.Merge merge =
                Transactions.read(dataSource, c -> records.find(c, id, false)).orElseThrow();
        MergeRecords.Step step = null;
        try {
            switch (merge.state()) {
                case "approved" -> {
                    capture(merge, owner);
                    return true;
                }
                case "merging" -> {
                    step = Transactions.read(dataSource, c -> records.nextPending(c, id, "merge"))
                            .orElse(null);
                    if (step == null) {
                        finishMerge(merge, owner);
                        return false;
                    }
                    mergeStep(merge, step, owner);
                    return true;
                }
                case "splitting" -> {
                    step = Transactions.read(dataSource, c -> records.nextPending(c, id, "split"))
                            .orElse(null);
                    if (step == null) {
                        finishSplit(merge, owner);
                        return false;
                    }
                    splitStep(merge, step, owner);
                    return true;
                }
                default -> {
                    return false;
                }
            }
        } catch (IOException | StepFailure e) {
            String message = e instanceof IOException
                    ? "A service could not be reached or failed: "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    : e.getMessage();
            MergeRecords.Step failed = step;
            inLease(id, owner, c -> {
                if (failed != null) {
                    records.stepError(c, failed.id(), message);
                }
                records.lastError(c, id, message);
                return null;
            });
            LOG.infof("Merge %d: %s (resumed later)", id, message);
            return false;
        }
    }

    // --- the before-image ---------------------------------------------------------------------------------------

    /** An item of the retired student to move, and the survivor's item with the key its copy would take. */
    private record Planned(String resource, JsonNode item, JsonNode survivorItem) {}

    /** Records the before-image and plans the steps; nothing has been written to the services before this. */
    private void capture(MergeRecords.Merge merge, String owner) throws IOException, SQLException {
        Optional<JsonNode> retired = student(merge.retiredUniqueId());
        Optional<JsonNode> survivor = student(merge.survivorUniqueId());
        if (retired.isEmpty() || survivor.isEmpty()) {
            String missing = retired.isEmpty()
                    ? "retired student '" + merge.retiredUniqueId() + "'"
                    : "surviving student '" + merge.survivorUniqueId() + "'";
            inLease(merge.id(), owner, c -> {
                records.failed(
                        c,
                        merge.id(),
                        "The " + missing + " no longer exists at student-service; nothing was" + " changed.");
                return null;
            });
            return;
        }
        List<Planned> planned = plan(merge, Set.of());
        inLease(merge.id(), owner, c -> {
            if (!records.find(c, merge.id(), true).orElseThrow().state().equals("approved")) {
                return null;
            }
            JsonNode student = retired.get();
            long studentItem = records.addItem(
                    c,
                    merge.id(),
                    STUDENTS,
                    id(student),
                    etag(student),
                    strip(student).toString(),
                    null,
                    null);
            addMoves(c, merge.id(), planned, 0);
            records.addStep(c, merge.id(), "merge", STUDENT_SEQ, "delete-student", studentItem, null, null);
            records.startMerging(c, merge.id(), id(student), id(survivor.get()));
            return null;
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
                survivorsByKey.put(key(resource, item), item);
            }
            for (JsonNode item : items) {
                planned.add(new Planned(
                        resource,
                        item,
                        survivorsByKey.get(key(resource, rekey(strip(item), merge.survivorUniqueId())))));
            }
        }
        return planned;
    }

    private void addMoves(Connection c, long mergeId, List<Planned> planned, int afterSeq) throws SQLException {
        int seq = afterSeq;
        for (Planned p : planned) {
            long item = records.addItem(
                    c,
                    mergeId,
                    p.resource(),
                    id(p.item()),
                    etag(p.item()),
                    strip(p.item()).toString(),
                    p.survivorItem() == null ? null : id(p.survivorItem()),
                    p.survivorItem() == null ? null : strip(p.survivorItem()).toString());
            seq += 10;
            records.addStep(c, mergeId, "merge", seq, p.survivorItem() == null ? "move" : "drop", item, null, null);
        }
    }

    // --- merge steps --------------------------------------------------------------------------------------------

    private void mergeStep(MergeRecords.Merge merge, MergeRecords.Step step, String owner)
            throws IOException, SQLException, StepFailure {
        MergeRecords.Item item = Transactions.read(dataSource, c -> records.item(c, step.item()));
        switch (step.action()) {
            case "move" -> move(merge, step, item, owner);
            case "drop" -> deleteOriginal(merge, step, item, null, null, owner);
            case "delete-student" -> deleteStudent(merge, step, item, owner);
            default -> throw new StepFailure("Unknown merge step '" + step.action() + "'");
        }
    }

    /** A copy under the survivor (only where its key is free), then the original is deleted. */
    private void move(MergeRecords.Merge merge, MergeRecords.Step step, MergeRecords.Item item, String owner)
            throws IOException, SQLException, StepFailure {
        UUID copyId = step.copyId();
        String copyEtag = step.copyEtag();
        if (!"copied".equals(step.progress())) {
            ObjectNode copy = rekey(parse(item.body()), merge.survivorUniqueId());
            inLease(merge.id(), owner, c -> {
                records.attempt(c, step.id());
                return null;
            });
            EdFiClient.Answer answer = client.post(item.resource(), copy, true);
            if (answer.status() == 201 || answer.status() == 200) {
                copyId = answer.id();
                copyEtag = answer.etag();
            } else if (answer.status() == 412) {
                JsonNode found = byKey(item.resource(), copy)
                        .orElseThrow(() -> new StepFailure("POST " + item.resource()
                                + " answered 412, but no item has the copy's key; tried again later"));
                if (step.attempts() > 0 && strip(found).equals(copy)) {
                    copyId = id(found); // this step's own copy, from an attempt cut short before it was recorded
                    copyEtag = etag(found);
                } else {
                    // the survivor has had an item with this key since the before-image: it is kept
                    inLease(merge.id(), owner, c -> {
                        records.collision(c, item.id(), id(found), strip(found).toString());
                        records.action(c, step.id(), "drop");
                        return null;
                    });
                    deleteOriginal(merge, step, item, null, null, owner);
                    return;
                }
            } else {
                throw refused("POST", item.resource(), answer);
            }
            UUID madeId = copyId;
            String madeEtag = copyEtag;
            inLease(merge.id(), owner, c -> {
                records.progress(c, step.id(), "copied", madeId, madeEtag, null);
                return null;
            });
        }
        deleteOriginal(merge, step, item, copyId, copyEtag, owner);
    }

    /**
     * Deletes the retired item at the version in the before-image. If it changed since, the image (and the copy,
     * if there is one) first take the version about to be deleted, so nothing of it is lost.
     */
    private void deleteOriginal(
            MergeRecords.Merge merge,
            MergeRecords.Step step,
            MergeRecords.Item item,
            UUID copyId,
            String copyEtag,
            String owner)
            throws IOException, SQLException, StepFailure {
        String etag = item.etag();
        UUID copy = copyId;
        for (int round = 0; round < CHANGED_ROUNDS; round++) {
            EdFiClient.Answer answer = client.delete(item.resource(), item.itemId(), etag);
            if (answer.status() == 204 || answer.status() == 404) {
                inLease(merge.id(), owner, c -> {
                    records.done(c, step.id());
                    return null;
                });
                return;
            }
            if (answer.status() != 412) {
                throw refused("DELETE", item.resource(), answer);
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
                    throw refused("updating the copy in", item.resource(), put);
                }
                copyVersion = put.etag();
            }
            UUID madeId = copy;
            String madeEtag = copyVersion;
            inLease(merge.id(), owner, c -> {
                records.updateItem(c, item.id(), newEtag, body.toString());
                if (madeId != null) {
                    records.progress(c, step.id(), "copied", madeId, madeEtag, null);
                }
                return null;
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
    private void deleteStudent(MergeRecords.Merge merge, MergeRecords.Step step, MergeRecords.Item item, String owner)
            throws IOException, SQLException, StepFailure {
        Set<UUID> known = new HashSet<>();
        for (MergeRecords.Item i : Transactions.read(dataSource, c -> records.items(c, merge.id()))) {
            known.add(i.itemId());
        }
        List<Planned> late = plan(merge, known);
        if (!late.isEmpty()) {
            inLease(merge.id(), owner, c -> {
                addMoves(c, merge.id(), late, records.lastSeqBelow(c, merge.id(), "merge", STUDENT_SEQ));
                records.event(
                        c,
                        merge.id(),
                        MergeRecords.SYSTEM,
                        "planned-late-items",
                        late.size() + " items of the retired student appeared during the merge; they are moved too.");
                return null;
            });
            return;
        }
        String etag = item.etag();
        long until = System.nanoTime() + config.dependentRetry().toNanos();
        int rounds = 0;
        while (true) {
            EdFiClient.Answer answer = client.delete(STUDENTS, item.itemId(), etag);
            if (answer.status() == 204 || answer.status() == 404) {
                inLease(merge.id(), owner, c -> {
                    records.done(c, step.id());
                    return null;
                });
                return;
            }
            if (answer.status() == 412 && rounds++ < CHANGED_ROUNDS) {
                Optional<JsonNode> now = client.get(STUDENTS, item.itemId());
                if (now.isPresent()) {
                    etag = etag(now.get());
                    String newEtag = etag;
                    String body = strip(now.get()).toString();
                    inLease(merge.id(), owner, c -> {
                        records.updateItem(c, item.id(), newEtag, body);
                        return null;
                    });
                }
                continue;
            }
            if (answer.status() == 409 && System.nanoTime() < until) {
                sleep(500);
                inLease(merge.id(), owner, c -> null);
                continue;
            }
            throw refused("DELETE", STUDENTS, answer);
        }
    }

    private void finishMerge(MergeRecords.Merge merge, String owner) throws SQLException {
        inLease(merge.id(), owner, c -> {
            records.merged(c, merge.id());
            records.event(
                    c,
                    merge.id(),
                    MergeRecords.SYSTEM,
                    "merged",
                    "'" + merge.retiredUniqueId() + "' retired into '" + merge.survivorUniqueId()
                            + "'; every step done.");
            if (merge.pairId() != null) {
                pairs.merged(
                        c,
                        merge.pairId(),
                        merge.decidedBy(),
                        "Merge " + merge.id() + ": '" + merge.retiredUniqueId() + "' retired into '"
                                + merge.survivorUniqueId() + "'.");
            }
            return null;
        });
    }

    // --- split steps --------------------------------------------------------------------------------------------

    /** The split's steps, from the merge's history: the student, then every item under the retired id again. */
    void planSplit(Connection c, long mergeId) throws SQLException {
        List<MergeRecords.Item> items = records.items(c, mergeId);
        Map<Long, MergeRecords.Step> moves = new HashMap<>();
        for (MergeRecords.Step step : records.steps(c, mergeId)) {
            if (step.phase().equals("merge")) {
                moves.put(step.item(), step);
            }
        }
        int seq = 10;
        for (MergeRecords.Item item : items) {
            if (item.resource().equals(STUDENTS)) {
                records.addStep(c, mergeId, "split", seq, "recreate-student", item.id(), null, null);
            }
        }
        for (String resource : RESTORE_ORDER) {
            for (MergeRecords.Item item : items) {
                if (item.resource().equals(resource)) {
                    MergeRecords.Step move = moves.get(item.id());
                    boolean copied = move != null && move.action().equals("move") && move.copyId() != null;
                    seq += 10;
                    records.addStep(
                            c,
                            mergeId,
                            "split",
                            seq,
                            "restore",
                            item.id(),
                            copied ? move.copyId() : null,
                            copied ? move.copyEtag() : null);
                }
            }
        }
    }

    private void splitStep(MergeRecords.Merge merge, MergeRecords.Step step, String owner)
            throws IOException, SQLException, StepFailure {
        MergeRecords.Item item = Transactions.read(dataSource, c -> records.item(c, step.item()));
        switch (step.action()) {
            case "recreate-student" -> recreateStudent(merge, step, item, owner);
            case "restore" -> restore(merge, step, item, owner);
            default -> throw new StepFailure("Unknown split step '" + step.action() + "'");
        }
    }

    /** The retired student from the before-image, only if its studentUniqueId is free (or is this step's own). */
    private void recreateStudent(MergeRecords.Merge merge, MergeRecords.Step step, MergeRecords.Item item, String owner)
            throws IOException, SQLException, StepFailure {
        ObjectNode body = parse(item.body());
        inLease(merge.id(), owner, c -> {
            records.attempt(c, step.id());
            return null;
        });
        EdFiClient.Answer answer = client.post(STUDENTS, body, true);
        UUID made;
        if (answer.status() == 201 || answer.status() == 200) {
            made = answer.id();
        } else if (answer.status() == 412) {
            JsonNode found = byKey(STUDENTS, body)
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
            throw refused("POST", STUDENTS, answer);
        }
        inLease(merge.id(), owner, c -> {
            records.progress(c, step.id(), "restored", null, null, made);
            records.recreated(c, merge.id(), made);
            records.done(c, step.id());
            return null;
        });
    }

    /**
     * The item under the retired id again (as the merge found it, or, if its copy changed since, as the copy is
     * now), then the merge's copy under the survivor is deleted. Survivor items the merge did not make are never
     * touched.
     */
    private void restore(MergeRecords.Merge merge, MergeRecords.Step step, MergeRecords.Item item, String owner)
            throws IOException, SQLException, StepFailure {
        UUID copyId = step.copyId();
        String expected = step.copyEtag();
        UUID restoredId = step.restoredId();
        if (!"restored".equals(step.progress())) {
            ObjectNode body = parse(item.body());
            if (copyId != null) {
                Optional<JsonNode> copy = client.get(item.resource(), copyId);
                if (copy.isPresent() && !Objects.equals(etag(copy.get()), expected)) {
                    body = rekey(strip(copy.get()), merge.retiredUniqueId());
                    expected = etag(copy.get());
                }
            }
            inLease(merge.id(), owner, c -> {
                records.attempt(c, step.id());
                return null;
            });
            EdFiClient.Answer answer = client.post(item.resource(), body, false);
            if (answer.status() != 201 && answer.status() != 200) {
                throw refused("POST", item.resource(), answer);
            }
            restoredId = answer.id();
            UUID made = restoredId;
            String seen = expected;
            inLease(merge.id(), owner, c -> {
                records.progress(c, step.id(), "restored", null, seen, made);
                return null;
            });
        }
        if (copyId != null) {
            for (int round = 0; ; round++) {
                EdFiClient.Answer answer = client.delete(item.resource(), copyId, expected);
                if (answer.status() == 204 || answer.status() == 404) {
                    break;
                }
                if (answer.status() != 412 || round >= CHANGED_ROUNDS) {
                    throw refused("DELETE", item.resource(), answer);
                }
                // the copy changed after it was restored: the restored item takes that version first
                Optional<JsonNode> now = client.get(item.resource(), copyId);
                if (now.isEmpty()) {
                    continue;
                }
                ObjectNode body = rekey(strip(now.get()), merge.retiredUniqueId());
                EdFiClient.Answer put = client.put(item.resource(), restoredId, body);
                if (put.status() >= 300) {
                    throw refused("updating the restored item in", item.resource(), put);
                }
                expected = etag(now.get());
                String seen = expected;
                inLease(merge.id(), owner, c -> {
                    records.progress(c, step.id(), "restored", null, seen, null);
                    return null;
                });
            }
        }
        inLease(merge.id(), owner, c -> {
            records.done(c, step.id());
            return null;
        });
    }

    private void finishSplit(MergeRecords.Merge merge, String owner) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                inLease(merge.id(), owner, c -> {
                    records.split(c, merge.id());
                    records.event(
                            c,
                            merge.id(),
                            MergeRecords.SYSTEM,
                            "split",
                            "'" + merge.retiredUniqueId()
                                    + "' recreated with its items; the merge's copies under '"
                                    + merge.survivorUniqueId()
                                    + "' deleted.");
                    if (merge.recreatedStudentId() != null && merge.survivorStudentId() != null) {
                        pairs.split(
                                c,
                                merge.pairId(),
                                merge.survivorStudentId(),
                                merge.survivorUniqueId(),
                                merge.recreatedStudentId(),
                                merge.splitBy(),
                                "Split of merge " + merge.id() + ": two people.");
                    }
                    return null;
                });
                return;
            } catch (SQLException e) {
                // the detection job raised the pair of the recreated student at the same moment: look again
                if (attempt >= 3 || !"23505".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** Work in one transaction while this run still holds the merge (the hold is extended). */
    private <T> T inLease(long id, String owner, Transactions.Work<T> work) throws SQLException {
        return Transactions.inTransaction(dataSource, c -> {
            if (!records.renew(c, id, owner, config.lease())) {
                throw new LostLease();
            }
            return work.run(c);
        });
    }

    private Optional<JsonNode> student(String uniqueId) throws IOException {
        List<JsonNode> found = client.query(STUDENTS, Map.of("studentUniqueId", uniqueId));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The item of {@code resource} with the natural key of {@code body}, at its owner. */
    private Optional<JsonNode> byKey(String resource, JsonNode body) throws IOException {
        Map<String, String> query = new HashMap<>();
        NaturalKeys.keyValues(catalog.find(resource), body)
                .fields()
                .forEachRemaining(e -> query.put(e.getKey(), e.getValue().asText()));
        String key = key(resource, body);
        for (JsonNode item : client.query(resource, query)) {
            if (key(resource, item).equals(key)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    private String key(String resource, JsonNode body) {
        return NaturalKeys.of(catalog.find(resource), body);
    }

    /** The item as stored in the before-image and sent back: without the members the services add. */
    static ObjectNode strip(JsonNode item) {
        ObjectNode body = item.deepCopy();
        body.remove(List.of("id", "_etag", "_lastModifiedDate"));
        return ResourceDefinition.withoutLinks(body);
    }

    /** The same item for another student. */
    static ObjectNode rekey(ObjectNode body, String studentUniqueId) {
        ObjectNode copy = body.deepCopy();
        copy.withObject("studentReference").put("studentUniqueId", studentUniqueId);
        copy.withObject("studentReference").remove("link");
        return copy;
    }

    private ObjectNode parse(String json) throws SQLException {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (IOException | ClassCastException e) {
            throw new SQLException("A stored before-image is not a JSON object", e);
        }
    }

    private static UUID id(JsonNode item) {
        UUID id = Ids.parse(item.path("id").asText());
        if (id == null) {
            throw new IllegalStateException("An item without an id: " + item);
        }
        return id;
    }

    private static String etag(JsonNode item) {
        return item.path("_etag").asText();
    }

    private static StepFailure refused(String method, String resource, EdFiClient.Answer answer) {
        return new StepFailure(method + " " + resource + " answered " + answer.status()
                + (answer.body() == null || answer.body().isBlank() ? "" : ": " + answer.body())
                + "; tried again later");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
