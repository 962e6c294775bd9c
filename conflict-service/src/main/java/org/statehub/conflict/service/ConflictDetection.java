package org.statehub.conflict.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import lombok.RequiredArgsConstructor;
import org.jboss.logging.Logger;
import org.statehub.conflict.client.EdFiClient;
import org.statehub.conflict.config.ConflictConfig;
import org.statehub.conflict.domain.ReportedFields;
import org.statehub.conflict.domain.ReportedFields.Competing;
import org.statehub.conflict.domain.ReportedFields.Field;
import org.statehub.conflict.persistence.LeaConflicts;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.edfi.core.replication.ChangeFeed;
import org.statehub.edfi.core.service.SkippedRecords;
import org.statehub.jdbc.Transactions;

/**
 * The job that finds LEAs disagreeing about a student. Each run follows student-service's reports (what each
 * organization last sent of a student) from a watermark, queues the students whose reports or replicated SEOAs
 * changed, and checks each: a field on which two organizations report different values (case, spacing and order
 * not counting) is an open conflict; one whose disagreement went away is closed; a resolved one is raised again
 * only when a value that was not competing at the resolution is reported.
 *
 * <p>One bad record never stalls the job: a report that cannot be stored, an SEOA whose organization id is not a
 * 64-bit integer, or a student whose check fails for its data is skipped and reported ({@link SkippedRecords}: the
 * log names the record, the {@code skipped-records} wellness check counts it) while every other student is
 * checked. When student-service cannot be reached, its reports are followed at a later run and the replicated
 * SEOAs are checked meanwhile. With school years kept apart each run goes through every year served ({@link
 * DataSpaces#forEach}), each in its own data space: student-service's reports of that year (the feed asks in the
 * year), its replicated SEOAs, watermarks and conflicts.
 */
@Singleton
@RequiredArgsConstructor
public class ConflictDetection {

    private static final Logger LOG = Logger.getLogger(ConflictDetection.class);

    /** The job's name in the log and the skipped-records counts. */
    public static final String JOB = "conflict detection";

    /** Students checked per transaction. */
    private static final int BATCH = 200;

    /** Every this many runs, the students with open conflicts are checked again (deleted SEOAs leave no trace). */
    private static final int SWEEP_EVERY = 30;

    private final ConflictConfig config;
    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    /** Reads student-service's reports (none when replication names no student-service). */
    private final EdFiClient services;

    private final LeaConflicts conflicts;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicLong runs = new AtomicLong();
    private final SkippedRecords skipped;
    private final DataSpaces spaces;

    /** What one run did. */
    public record Run(int reports, int students, int raised, int closed, int reopened) implements DetectionRuns.Result {

        @Override
        public boolean noteworthy() {
            return raised + closed + reopened > 0;
        }

        @Override
        public String summary() {
            return "%d reports, %d students checked, %d conflicts raised, %d closed, %d reopened"
                    .formatted(reports, students, raised, closed, reopened);
        }

        Run plus(Run other) {
            return new Run(
                    reports + other.reports,
                    students + other.students,
                    raised + other.raised,
                    closed + other.closed,
                    reopened + other.reopened);
        }
    }

    @Scheduled(
            every = "${conflict.detection.interval:2s}",
            delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        DetectionRuns.scheduled(LOG, "Conflict detection", config.detection().enabled(), this::runNow);
    }

    /** Follows the reports, then checks every queued student, batch by batch: in every data space. */
    public Run runNow() throws SQLException {
        running.lock();
        try {
            boolean sweep = runs.incrementAndGet() % SWEEP_EVERY == 0;
            Run[] total = {new Run(0, 0, 0, 0, 0)};
            spaces.forEach(space -> total[0] = total[0].plus(runInSpace(sweep)));
            return total[0];
        } finally {
            running.unlock();
        }
    }

    /** One run in the current data space; {@code sweep}: the students with open conflicts are checked again. */
    private Run runInSpace(boolean sweep) throws SQLException {
        int reports;
        try {
            reports = followReports();
        } catch (IOException e) {
            LOG.warnf(
                    "Conflict detection%s cannot follow student-service's reports now; they are followed at a "
                            + "later run, the replicated SEOAs are checked meanwhile: %s",
                    DataSpaces.named(DataSpaces.current()), e.toString());
            reports = 0;
        }
        Transactions.inTransaction(dataSource, Transactions.doing(c -> {
            long seen = conflicts.watermark(c, "seoa");
            long highest = conflicts.queueChangedSeoas(
                    c, Math.max(0, seen - config.detection().overlap()), seen);
            if (highest != seen) {
                conflicts.setWatermark(c, "seoa", highest);
            }
            if (sweep) {
                conflicts.queueOpen(c);
            }
        }));
        int[] total = new int[4];
        while (true) {
            int[] batch = Transactions.inTransaction(dataSource, this::checkBatch);
            for (int i = 0; i < 4; i++) {
                total[i] += batch[i];
            }
            if (batch[0] < BATCH) {
                return new Run(reports, total[0], total[1], total[2], total[3]);
            }
        }
    }

    /** Applies student-service's reports since the watermark (with the overlap for late commits). */
    private int followReports() throws SQLException, IOException {
        ChangeFeed studentService = services.feed("student-service");
        if (studentService == null) {
            return 0;
        }
        long newest = studentService.newestChangeVersion();
        long watermark = Transactions.read(dataSource, c -> conflicts.watermark(c, "reports"));
        if (newest <= watermark) {
            return 0;
        }
        int[] applied = {0};
        studentService.reports(
                "students",
                Math.max(0, watermark + 1 - config.detection().overlap()),
                newest,
                page -> Transactions.inTransaction(dataSource, c -> {
                    for (JsonNode report : page) {
                        JsonNode key = report.path("naturalKey");
                        JsonNode values = report.path("values");
                        JsonNode organization = report.path("educationOrganizationId");
                        String id =
                                "report of student " + abbreviate(key.path(0).asText()) + " by organization "
                                        + abbreviate(organization.asText()) + " (change version "
                                        + report.path("changeVersion").asText() + ")";
                        if (!organization.isIntegralNumber() || !organization.canConvertToLong()) {
                            skipped.skippedOnce(JOB, id, "its educationOrganizationId is not a 64-bit integer", null);
                            continue;
                        }
                        Optional<Exception> failure = Transactions.perRecord(c, x -> {
                            conflicts.applyReport(
                                    x,
                                    key.path(0).asText(),
                                    organization.asLong(),
                                    report.path("clientId").asText(),
                                    values.isObject() ? values.toString() : null,
                                    report.path("reportedAt").asText(),
                                    report.path("changeVersion").asLong());
                            return null;
                        });
                        if (failure.isPresent()) {
                            skipped.skippedOnce(JOB, id, "it cannot be stored", failure.get());
                        } else {
                            applied[0]++;
                        }
                    }
                    return null;
                }));
        Transactions.inTransaction(
                dataSource,
                Transactions.doing(c ->
                        conflicts.setWatermark(c, "reports", Math.max(newest, conflicts.watermark(c, "reports")))));
        return applied[0];
    }

    /** Checks up to a batch of queued students. Returns {students, raised, closed, reopened}. */
    private int[] checkBatch(Connection c) throws SQLException {
        List<String> students = conflicts.takeQueued(c, BATCH);
        int[] counts = new int[4];
        counts[0] = students.size();
        for (String student : students) {
            int[] these = new int[4];
            Optional<Exception> failure = Transactions.perRecord(c, x -> {
                check(x, student, these);
                return null;
            });
            if (failure.isPresent()) {
                skipped.skippedOnce(
                        JOB,
                        "student " + abbreviate(student),
                        "its conflicts cannot be checked; it is " + "checked again when its reports or SEOAs change",
                        failure.get());
                continue;
            }
            for (int i = 1; i < 4; i++) {
                counts[i] += these[i];
            }
        }
        return counts;
    }

    private void check(Connection c, String student, int[] counts) throws SQLException {
        Map<Field, List<Competing>> competing =
                ReportedFields.competing(parse(conflicts.reports(c, student)), seoas(conflicts.seoas(c, student)));
        Map<String, LeaConflicts.Conflict> existing = new HashMap<>();
        for (LeaConflicts.Conflict conflict : conflicts.ofStudent(c, student)) {
            existing.put(conflict.field(), conflict);
        }
        for (Field field : Field.values()) {
            LeaConflicts.Conflict conflict = existing.get(field.key());
            List<Competing> values = competing.get(field);
            Set<String> distinct = ReportedFields.distinct(values);
            boolean disagree = distinct.size() > 1;
            String json = json(values, conflict);
            if (conflict == null) {
                if (disagree) {
                    conflicts.raise(c, student, field.key(), json);
                    counts[1]++;
                }
                continue;
            }
            switch (conflict.state()) {
                case "open" -> {
                    if (disagree) {
                        conflicts.update(c, conflict.id(), json);
                    } else {
                        conflicts.changeState(
                                c,
                                conflict.id(),
                                "closed",
                                json,
                                LeaConflicts.SYSTEM,
                                "closed",
                                "The organizations agree now.");
                        counts[2]++;
                    }
                }
                case "resolved" ->
                    reopenOrUpdate(
                            c,
                            conflict,
                            json,
                            disagree && !resolvedValues(conflict).containsAll(distinct),
                            "A value that was not competing at the resolution was reported.",
                            counts);
                default -> // closed
                    reopenOrUpdate(c, conflict, json, disagree, "The organizations disagree again.", counts);
            }
        }
    }

    /** Opens the conflict again, saying why ({@code reopen}), or else stores its current competing values. */
    private void reopenOrUpdate(
            Connection c, LeaConflicts.Conflict conflict, String json, boolean reopen, String why, int[] counts)
            throws SQLException {
        if (reopen) {
            conflicts.changeState(c, conflict.id(), "open", json, LeaConflicts.SYSTEM, "reopened", why);
            counts[3]++;
        } else {
            conflicts.update(c, conflict.id(), json);
        }
    }

    private Set<String> resolvedValues(LeaConflicts.Conflict conflict) throws SQLException {
        Set<String> values = new TreeSet<>();
        if (conflict.valuesAtResolution() != null) {
            read(conflict.valuesAtResolution()).forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    /**
     * The competing values as stored: value, organization, source and since when. An SEOA carries no time of its
     * own, so its value keeps the time this service first saw it (now, for a value not competing before).
     */
    private String json(List<Competing> values, LeaConflicts.Conflict previous) throws SQLException {
        Map<String, String> seen = new HashMap<>();
        if (previous != null) {
            for (JsonNode old : read(previous.competing())) {
                seen.put(
                        old.path("educationOrganizationId").asLong() + "|"
                                + ReportedFields.normalize(old.path("value")),
                        old.path("reportedAt").asText(null));
            }
        }
        ArrayNode array = mapper.createArrayNode();
        for (Competing value : values) {
            ObjectNode entry = array.addObject();
            entry.set("value", value.value());
            entry.put("educationOrganizationId", value.educationOrganizationId());
            String since = value.reportedAt();
            if (since == null) {
                since = seen.get(value.educationOrganizationId() + "|" + value.normalized());
            }
            entry.put("reportedAt", since == null ? Instant.now().toString() : since);
            entry.put("source", value.source() == ReportedFields.Source.REPORT ? "student" : "seoa");
        }
        return array.toString();
    }

    private List<ReportedFields.Reported> parse(List<LeaConflicts.Source> sources) throws SQLException {
        List<ReportedFields.Reported> parsed = new ArrayList<>();
        for (LeaConflicts.Source source : sources) {
            parsed.add(new ReportedFields.Reported(
                    source.educationOrganizationId(), source.reportedAt(), read(source.body())));
        }
        return parsed;
    }

    /**
     * The SEOAs with a usable organization id; one whose id is missing or not a 64-bit integer (a record stored
     * before the data services refused such values) is skipped and reported, and the others are compared.
     */
    private List<ReportedFields.Reported> seoas(List<LeaConflicts.Seoa> seoas) {
        List<ReportedFields.Reported> parsed = new ArrayList<>();
        for (LeaConflicts.Seoa seoa : seoas) {
            Long organization = organizationId(seoa.educationOrganizationId());
            if (organization == null) {
                skipped.skippedOnce(
                        JOB,
                        "studentEducationOrganizationAssociations " + seoa.id() + " (change version "
                                + seoa.changeVersion() + ")",
                        "its educationOrganizationId '"
                                + abbreviate(String.valueOf(seoa.educationOrganizationId()))
                                + "' is not a 64-bit integer; "
                                + "the student's other organizations are compared without it",
                        null);
                continue;
            }
            parsed.add(new ReportedFields.Reported(organization, null, read(seoa.body())));
        }
        return parsed;
    }

    private static Long organizationId(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Stored JSON cannot be read", e);
        }
    }
}
