package org.statehub.feed.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import lombok.RequiredArgsConstructor;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.feed.config.FeedConfig;
import org.statehub.feed.delivery.HubClient;
import org.statehub.feed.domain.RunStatus;
import org.statehub.feed.domain.RunTrigger;
import org.statehub.feed.store.Differ;
import org.statehub.feed.store.ResyncJobs;
import org.statehub.feed.store.RunStore;
import org.statehub.feed.store.SisConnection;
import org.statehub.jdbc.Transactions;

/**
 * A resync job: makes the hub hold exactly what the source says, whatever happened to the hub behind the feed's
 * back. Phases: (1) source: a fresh snapshot of the source, prepared as a pull does; (2) target: every item the
 * connection's LEA holds in the hub for those resources, read page by page with the connection's own client;
 * (3) compare: items in the hub that no source record and no identity map row (of any connection of the LEA)
 * accounts for are deleted (by id, with feed-service's administrator client: once its dependents are gone, an
 * orphan student is no longer related to the LEA, so the LEA's own client could not reach it), except those of
 * students, contact associations and contacts that the LEA's client sees through a student another organization
 * serves too: those are kept and reported (see {@link SharedOrphans}); identity rows whose item is gone from the
 * hub are dropped, and items that differ from what the source says are marked changed, so the normal diff
 * republishes them; then the snapshot is compared and queued like a pull. Each phase is idempotent: a job
 * interrupted by a restart starts again and reaches the same end, and running it twice changes nothing more.
 *
 * <p>With school years (decision 0020, step 19) every record the snapshot staged gets its years before the
 * comparison, and the hub is read, compared and repaired in each year the connection publishes to (or the one year
 * asked) on its own ({@link HubTargets}); the snapshot is then applied as a pull's is, in every year; the report
 * gives its counts per year too ({@link ResyncReport}).
 *
 * <p>One bad item does not stop a resync: a source record that cannot be prepared or stored is held with its own
 * data error (as in a pull), a hub item that is not an object with an id is left out of the comparison and
 * counted ({@code hubItemsSkipped}), and an orphan whose sharing the hub refuses to tell (a 4xx to the look-up, an
 * unreadable answer) is kept and counted ({@code sharedUnchecked}); each is logged with its key.
 */
@Singleton
@RequiredArgsConstructor
public class Resync {

    private static final Logger LOG = Logger.getLogger(Resync.class);

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final ResourceCatalog catalog;
    private final Puller puller;
    private final HubClient hub;
    private final ResyncJobs jobs;
    private final RunStore runs;
    /** Names feed-service's StateAdmin client of the hub (none: orphans are kept), which reads every organization's. */
    private final FeedConfig config;

    /**
     * A new running job (of one resource, or all when null; of one school year, or every year the connection
     * publishes to when null); empty when a resync of the connection is already running.
     */
    public Optional<Long> create(SisConnection connection, String resource, Integer schoolYear, String requestedBy)
            throws SQLException {
        return Transactions.read(dataSource, c -> jobs.create(c, connection.id(), resource, schoolYear, requestedBy));
    }

    /**
     * Jobs without a sign of life for {@code seconds}, claimed to be run again; the run an interrupted job had
     * started is marked failed.
     */
    public List<ResyncJobs.Stale> claimStale(long seconds) throws SQLException {
        return Transactions.read(dataSource, c -> {
            List<ResyncJobs.Stale> stale = jobs.claimStale(c, seconds);
            for (ResyncJobs.Stale job : stale) {
                if (job.runId() != null) {
                    runs.fail(c, job.runId(), "The resync that ran this was interrupted; it starts again.");
                }
            }
            return stale;
        });
    }

    /**
     * The school years a resync compares: {@code onlyYear} when given, else every year the connection publishes to;
     * {@code [0]} without years.
     */
    private List<Integer> compared(SisConnection connection, Integer onlyYear) throws PullFailure {
        if (!puller.perYear()) {
            return List.of(0);
        }
        List<Integer> published = puller.publishedYears(connection);
        if (onlyYear != null && !published.contains(onlyYear)) {
            throw new PullFailure("The connection no longer publishes to school year " + onlyYear + " (it publishes to "
                    + published + "); nothing was repaired.");
        }
        if (published.isEmpty()) {
            throw new PullFailure("The connection publishes to no school year the hub serves (it takes "
                    + connection.schoolYears() + "); nothing was repaired.");
        }
        return onlyYear != null ? List.of(onlyYear) : published;
    }

    /** Runs job {@code jobId} (already created, status running) to its end. */
    public void run(long jobId, SisConnection connection, String onlyResource, Integer onlyYear) {
        Long runId = null;
        try {
            List<Integer> years = compared(connection, onlyYear);
            List<Differ.Pulled> resources = puller.pulledResources(connection).stream()
                    .filter(r -> onlyResource == null || r.resource().equals(onlyResource))
                    .toList();
            runId = startRun(connection);
            long run = runId;
            Transactions.read(
                    dataSource, Transactions.doing(c -> jobs.begin(c, jobId, run, puller.perYear() ? years : null)));
            Puller.Counts counts = new Puller.Counts();
            RecordPreparer preparer = puller.snapshot(connection, runId, resources, counts);
            puller.placeYears(connection, runId, resources, counts);
            ResyncReport report = new ResyncReport(mapper, years);
            HubTargets targets = new HubTargets(dataSource, mapper, hub, jobs, jobId, connection, report);
            long targetTotal = 0;
            for (int year : years) {
                for (Differ.Pulled resource : resources) {
                    targetTotal += targets.total(year, resource.resource());
                }
            }
            long total = counts.read() + targetTotal;
            Transactions.read(dataSource, Transactions.doing(c -> jobs.reading(c, jobId, counts.read(), total)));
            long done = counts.read();
            for (int year : years) {
                Integer reading = year > 0 ? year : null;
                Transactions.read(dataSource, Transactions.doing(c -> jobs.readingYear(c, jobId, reading)));
                for (Differ.Pulled resource : resources) {
                    done = targets.read(year, catalog.find(resource.resource()), done);
                }
            }
            Transactions.read(dataSource, Transactions.doing(c -> jobs.readingYear(c, jobId, null)));
            report.node().put("sourceRecords", counts.read());
            List<String> studentScoped = resources.stream()
                    .map(Differ.Pulled::resource)
                    .filter(SharedOrphans.RESOURCES::contains)
                    .toList();
            ResyncJobs.Scope scope =
                    new ResyncJobs.Scope(jobId, run, connection.id(), connection.localEducationAgencyId(), years);
            List<ResyncJobs.Orphan> candidates = Transactions.read(dataSource, c -> {
                List<ResyncJobs.Orphan> found = jobs.orphans(c, scope, studentScoped);
                jobs.comparing(c, jobId, found.size());
                return found;
            });
            List<ResyncJobs.Orphan> kept = shared(jobId, connection, candidates, done, report);
            // the repairs in one transaction, repeated whole after a serialization failure or deadlock: it
            // only writes this feed's own tables, so a repetition does exactly what the first attempt would have
            ResyncJobs.Repairs repairs =
                    Transactions.inTransaction(dataSource, c -> jobs.repair(c, scope, resources, kept));
            report.addEach("orphansDeleted", repairs.orphansDeleted());
            report.kept(kept);
            report.addEach("missingRepublished", repairs.missingRepublished());
            report.addEach("alteredRepublished", repairs.alteredRepublished());
            report.applied(puller.apply(connection, runId, resources, counts, preparer));
            ObjectNode result = report.node();
            result.put("runId", runId);
            Transactions.read(dataSource, c -> {
                runs.ended(c, run).ifPresent(ended -> {
                    result.put("runStatus", ended.status().value());
                    if (ended.status() == RunStatus.HELD) {
                        result.put("heldReason", ended.reason());
                    }
                });
                jobs.succeed(c, jobId, result.toString());
                return null;
            });
            LOG.infof("Resync %d of %s: %s", jobId, connection.id(), result);
        } catch (PullFailure | IOException | SQLException | RuntimeException e) {
            String reason;
            if (e instanceof PullFailure || e instanceof IOException) {
                reason = e instanceof PullFailure ? e.getMessage() : "The resync failed: " + e.getMessage();
                LOG.warnf("Resync %d of %s failed: %s", jobId, connection.id(), reason);
            } else {
                // no exception text in the reason: it may quote SQL
                reason = "The resync failed inside feed-service; nothing more of it is published. feed-service's log"
                        + " has the cause (resync " + jobId + ").";
                LOG.errorf(e, "Resync %d of %s failed", jobId, connection.id());
            }
            if (runId != null) {
                puller.failRun(runId, reason);
            }
            try {
                Transactions.read(dataSource, Transactions.doing(c -> jobs.fail(c, jobId, reason)));
            } catch (SQLException inner) {
                LOG.errorf(inner, "Cannot mark resync %d failed", jobId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The resync's run: when a pull of the connection is running, the resync waits for it (up to 10 minutes). */
    private long startRun(SisConnection connection) throws SQLException, InterruptedException {
        long waitUntil = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            Long runId = Transactions.read(dataSource, c -> runs.start(c, connection.id(), RunTrigger.RESYNC));
            if (runId != null) {
                return runId;
            }
            if (System.nanoTime() > waitUntil) {
                throw new IllegalStateException(
                        "A pull of the connection kept running for 10 minutes; resync again when it has finished.");
            }
            Thread.sleep(1000);
        }
    }

    /**
     * The candidates another organization shares (see {@link SharedOrphans}), asked of the hub with feed-service's
     * administrator client, each in its school year; without one, whose they are cannot be told and every candidate
     * is kept. Progress and heartbeat go on while it asks.
     */
    private List<ResyncJobs.Orphan> shared(
            long jobId, SisConnection connection, List<ResyncJobs.Orphan> candidates, long done, ResyncReport report)
            throws IOException, InterruptedException, SQLException {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Optional<String> adminId = config.admin().clientId();
        if (adminId.isEmpty()) {
            LOG.warnf(
                    "Resync %d of %s keeps %d orphans of students: feed-service has no administrator client to "
                            + "tell whether other organizations share them (FEED_ADMIN_CLIENT_ID)",
                    jobId, connection.id(), candidates.size());
            return candidates;
        }
        Map<Integer, SharedOrphans> byYear = new TreeMap<>();
        List<ResyncJobs.Orphan> kept = new ArrayList<>();
        long beat = System.nanoTime();
        for (ResyncJobs.Orphan candidate : candidates) {
            SharedOrphans sharing = byYear.computeIfAbsent(
                    candidate.schoolYear(),
                    year -> new SharedOrphans(
                            connection.localEducationAgencyId(),
                            new AdminReads(
                                    hub,
                                    mapper,
                                    adminId.get(),
                                    config.admin().clientSecret().orElse(""),
                                    HubTargets.prefix(year))));
            if (sharing.keep(candidate.resource(), candidate.keyValues())) {
                kept.add(candidate);
            }
            done++;
            if (System.nanoTime() - beat > Duration.ofSeconds(5).toNanos()) {
                progress(jobId, done);
                beat = System.nanoTime();
            }
        }
        progress(jobId, done);
        for (Map.Entry<Integer, SharedOrphans> year : byYear.entrySet()) {
            for (SharedOrphans.Unchecked unchecked : year.getValue().unchecked()) {
                LOG.warnf(
                        "Resync %d of %s keeps %s %s%s: whether another organization shares it cannot be told (%s)",
                        jobId,
                        connection.id(),
                        unchecked.resource(),
                        abbreviate(unchecked.keyValues().toString()),
                        year.getKey() > 0 ? " in " + year.getKey() : "",
                        unchecked.why());
            }
            report.add(
                    "sharedUnchecked",
                    year.getKey(),
                    year.getValue().unchecked().size());
        }
        return kept;
    }

    private void progress(long jobId, long done) throws SQLException {
        Transactions.read(dataSource, Transactions.doing(c -> jobs.progress(c, jobId, done)));
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
