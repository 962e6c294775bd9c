package org.statehub.conflict.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import lombok.RequiredArgsConstructor;
import org.jboss.logging.Logger;
import org.statehub.conflict.config.ConflictConfig;
import org.statehub.conflict.matching.BlockingKeys;
import org.statehub.conflict.matching.FieldEvidence;
import org.statehub.conflict.matching.MatchResult;
import org.statehub.conflict.matching.Matcher;
import org.statehub.conflict.matching.NameFrequencies;
import org.statehub.conflict.matching.PreparedStudent;
import org.statehub.conflict.matching.StudentRecord;
import org.statehub.conflict.persistence.DuplicatePairs;
import org.statehub.conflict.persistence.StudentProfiles;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.edfi.core.service.SkippedRecords;
import org.statehub.jdbc.Transactions;

/**
 * The detection job: takes the replicated students that are new or changed since its watermark (with an overlap
 * for late commits at the source), stores each one's profile and blocking keys, compares it with the students
 * sharing a block, and raises, rescores, closes or reopens potential duplicate pairs. Dismissed pairs are never
 * raised again. One batch is one transaction; a crash repeats the batch. A student that cannot be matched (a
 * value its profile cannot hold, such as a birth date outside PostgreSQL's range) is skipped and reported
 * ({@link SkippedRecords}) and the watermark passes it: the others are matched. With school years kept apart, each
 * run goes through every year served ({@link DataSpaces#forEach}, a year the gateway serves since among them), each in
 * its own data space: its replica, watermark and pairs; students of two years are never compared.
 */
@Singleton
@RequiredArgsConstructor
public class DuplicateDetection {

    private static final Logger LOG = Logger.getLogger(DuplicateDetection.class);

    /** The job's name in the log and the skipped-records counts. */
    public static final String JOB = "duplicate detection";

    private final ConflictConfig config;
    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final Matcher matcher = Matcher.standard();
    private final StudentProfiles profiles;
    private final DuplicatePairs pairs;
    private final ReentrantLock running = new ReentrantLock();
    private final SkippedRecords skipped;
    private final DataSpaces spaces;

    /** What one run did. */
    public record Run(int students, int raised, int closed, int reopened) implements DetectionRuns.Result {

        @Override
        public boolean noteworthy() {
            return students > 0;
        }

        @Override
        public String summary() {
            return "%d students matched, %d pairs raised, %d closed, %d reopened"
                    .formatted(students, raised, closed, reopened);
        }

        Run plus(Run other) {
            return new Run(
                    students + other.students, raised + other.raised, closed + other.closed, reopened + other.reopened);
        }
    }

    @Scheduled(
            every = "${conflict.detection.interval:2s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        DetectionRuns.scheduled(LOG, "Duplicate detection", config.detection().enabled(), this::runNow);
    }

    /**
     * Matches everything new or changed in the replica, batch by batch, until nothing is left: in every data space
     * (each school year served, or the service's one space).
     */
    public Run runNow() throws SQLException {
        running.lock();
        try {
            Run[] total = {new Run(0, 0, 0, 0)};
            spaces.forEach(space -> total[0] = total[0].plus(runInSpace()));
            return total[0];
        } finally {
            running.unlock();
        }
    }

    /** Matches everything new or changed in the current data space's replica. */
    private Run runInSpace() throws SQLException {
        Run total = new Run(0, 0, 0, 0);
        while (true) {
            Run batch = Transactions.inTransaction(dataSource, c -> batch(c));
            total = total.plus(batch);
            if (batch.students() < config.detection().batchSize()) {
                return total;
            }
        }
    }

    private Run batch(java.sql.Connection c) throws SQLException {
        long watermark = profiles.watermark(c);
        List<StudentProfiles.Changed> changed = profiles.changedSince(
                c,
                Math.max(0, watermark - config.detection().overlap()),
                config.detection().batchSize());
        int raised = 0;
        int closed = 0;
        int reopened = 0;
        long highest = watermark;
        for (StudentProfiles.Changed student : changed) {
            int[][] result = new int[1][];
            Optional<Exception> failure = Transactions.perRecord(c, x -> {
                result[0] = match(x, student);
                return null;
            });
            highest = Math.max(highest, student.changeVersion());
            if (failure.isPresent()) {
                skipped.skippedOnce(
                        JOB,
                        "students " + student.id() + " (change version " + student.changeVersion() + ")",
                        "it cannot be matched; it is matched again when it changes",
                        failure.get());
                continue;
            }
            int[] counts = result[0];
            raised += counts[0];
            closed += counts[1];
            reopened += counts[2];
        }
        closed += pairs.closeOrphans(c);
        if (highest != watermark) {
            profiles.setWatermark(c, highest);
        }
        return new Run(changed.size(), raised, closed, reopened);
    }

    /** One student: profile, keys, candidates, pairs. Returns {raised, closed, reopened}. */
    private int[] match(java.sql.Connection c, StudentProfiles.Changed changed) throws SQLException {
        StudentRecord record = record(changed.id(), changed.body());
        PreparedStudent student = matcher.prepare(record);
        List<String> keys = BlockingKeys.of(student);
        profiles.save(c, changed.id(), student, changed.changeVersion(), keys);

        Set<UUID> candidateIds = profiles.candidates(c, keys, config.matching().maxBlockSize(), changed.id());
        List<DuplicatePairs.Pair> existing = pairs.ofStudent(c, changed.id());
        java.util.Set<UUID> others = new java.util.LinkedHashSet<>(candidateIds);
        for (DuplicatePairs.Pair p : existing) {
            others.add(p.studentA().equals(changed.id()) ? p.studentB() : p.studentA());
        }
        Map<UUID, PreparedStudent> prepared = new HashMap<>();
        profiles.load(c, others).forEach((id, r) -> prepared.put(id, matcher.prepare(r)));
        List<PreparedStudent> all = new ArrayList<>(prepared.values());
        all.add(student);
        NameFrequencies frequencies = profiles.frequencies(c, all);
        double threshold = config.matching().threshold();
        int[] counts = new int[3];

        Map<UUID, DuplicatePairs.Pair> byOther = new HashMap<>();
        for (DuplicatePairs.Pair p : existing) {
            byOther.put(p.studentA().equals(changed.id()) ? p.studentB() : p.studentA(), p);
        }
        for (Map.Entry<UUID, PreparedStudent> entry : prepared.entrySet()) {
            UUID otherId = entry.getKey();
            boolean selfFirst = changed.id().toString().compareTo(otherId.toString()) < 0;
            PreparedStudent a = selfFirst ? student : entry.getValue();
            PreparedStudent b = selfFirst ? entry.getValue() : student;
            UUID idA = selfFirst ? changed.id() : otherId;
            UUID idB = selfFirst ? otherId : changed.id();
            DuplicatePairs.Pair pair = byOther.get(otherId);
            if (pair == null && !matcher.mayReach(a, b, threshold)) {
                continue; // birth dates far apart: no name agreement could make them a pair
            }
            MatchResult result = matcher.compare(a, b, frequencies);
            String evidence = evidence(result);
            String uidA = a.record().studentUniqueId();
            String uidB = b.record().studentUniqueId();
            if (pair == null) {
                if (result.score() >= threshold
                        && pairs.raise(c, idA, idB, uidA, uidB, result.score(), evidence)
                                .isPresent()) {
                    counts[0]++;
                }
                continue;
            }
            switch (pair.state()) {
                case "dismissed" -> pairs.renameIds(c, pair.id(), uidA, uidB); // remembered: never raised again
                case "open" -> {
                    pairs.rescore(c, pair.id(), uidA, uidB, result.score(), evidence);
                    if (result.score() < threshold) {
                        pairs.changeState(
                                c,
                                pair.id(),
                                "closed",
                                DuplicatePairs.SYSTEM,
                                "closed",
                                "No longer similar after a change of a student (score " + result.score() + ").",
                                result.score());
                        counts[1]++;
                    }
                }
                default -> { // closed
                    pairs.rescore(c, pair.id(), uidA, uidB, result.score(), evidence);
                    if (result.score() >= threshold) {
                        pairs.changeState(
                                c,
                                pair.id(),
                                "open",
                                DuplicatePairs.SYSTEM,
                                "reopened",
                                "Similar again after a change of a student.",
                                result.score());
                        counts[2]++;
                    }
                }
            }
        }
        return counts;
    }

    /** The student as the matcher sees it, from the replicated Ed-Fi body. */
    StudentRecord record(UUID id, String body) throws SQLException {
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Replicated student " + id + " is not JSON", e);
        }
        LocalDate birth = null;
        String birthText = text(node, "birthDate");
        if (birthText != null) {
            try {
                birth = LocalDate.parse(birthText);
            } catch (DateTimeParseException e) {
                birth = null; // the owner validates dates; an unreadable one is treated as unknown
            }
        }
        String uniqueId = text(node, "studentUniqueId");
        return new StudentRecord(
                id.toString(),
                uniqueId == null ? "" : uniqueId,
                text(node, "firstName"),
                text(node, "middleName"),
                text(node, "lastSurname"),
                birth,
                StudentRecord.Sex.fromDescriptor(text(node, "birthSexDescriptor")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private String evidence(MatchResult result) {
        ObjectNode evidence = mapper.createObjectNode();
        evidence.put("score", result.score());
        evidence.put("weight", Math.round(result.weight() * 100) / 100.0);
        evidence.put("namesTransposed", result.namesTransposed());
        ArrayNode fields = evidence.putArray("fields");
        for (FieldEvidence f : result.fields()) {
            fields.add(field(f));
        }
        ArrayNode drivers = evidence.putArray("drivers");
        for (FieldEvidence f : result.drivers()) {
            drivers.add(f.field() + ": " + f.comparison());
        }
        return evidence.toString();
    }

    private ObjectNode field(FieldEvidence f) {
        ObjectNode node = mapper.createObjectNode();
        node.put("field", f.field());
        node.put("comparison", f.comparison());
        node.put("weight", f.weight());
        node.put("valueA", f.valueA());
        node.put("valueB", f.valueB());
        return node;
    }
}
