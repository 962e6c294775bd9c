package org.statehub.feed.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
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
 * <p>One bad item does not stop a resync: a source record that cannot be prepared or stored is held with its own
 * data error (as in a pull), a hub item that is not an object with an id is left out of the comparison and
 * counted ({@code hubItemsSkipped}), and an orphan whose sharing the hub refuses to tell (a 4xx to the look-up, an
 * unreadable answer) is kept and counted ({@code sharedUnchecked}); each is logged with its key.
 */
@Singleton
@RequiredArgsConstructor
public class Resync {

    private static final Logger LOG = Logger.getLogger(Resync.class);
    private static final int PAGE = 500;

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final ResourceCatalog catalog;
    private final Puller puller;
    private final HubClient hub;
    private final ResyncJobs jobs;
    private final RunStore runs;
    /** Names feed-service's StateAdmin client of the hub (none: orphans are kept), which reads every organization's. */
    private final FeedConfig config;

    /** A new running job; empty when a resync of the connection is already running. */
    public Optional<Long> create(SisConnection connection, String resource, String requestedBy) throws SQLException {
        return Transactions.read(dataSource, c -> jobs.create(c, connection.id(), resource, requestedBy));
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

    /** Runs job {@code jobId} (already created, status running) to its end. */
    public void run(long jobId, SisConnection connection, String onlyResource) {
        Long runId = null;
        try {
            List<Differ.Pulled> resources = puller.pulledResources(connection).stream()
                    .filter(r -> onlyResource == null || r.resource().equals(onlyResource))
                    .toList();
            runId = startRun(connection);
            long run = runId;
            Transactions.read(dataSource, Transactions.doing(c -> jobs.begin(c, jobId, run)));
            Puller.Counts counts = new Puller.Counts();
            RecordPreparer preparer = puller.snapshot(connection, runId, resources, counts);
            long targetTotal = 0;
            for (Differ.Pulled resource : resources) {
                targetTotal += total(connection, resource.resource());
            }
            long total = counts.read() + targetTotal;
            Transactions.read(dataSource, Transactions.doing(c -> jobs.reading(c, jobId, counts.read(), total)));
            long done = counts.read();
            long[] hubItemsSkipped = {0};
            for (Differ.Pulled resource : resources) {
                done = readTarget(jobId, connection, catalog.find(resource.resource()), done, hubItemsSkipped);
            }
            ObjectNode report = mapper.createObjectNode();
            report.put("sourceRecords", counts.read());
            report.put("hubItems", targetTotal);
            report.put("hubItemsSkipped", hubItemsSkipped[0]);
            List<String> studentScoped = resources.stream()
                    .map(Differ.Pulled::resource)
                    .filter(SharedOrphans.RESOURCES::contains)
                    .toList();
            ResyncJobs.Scope scope =
                    new ResyncJobs.Scope(jobId, run, connection.id(), connection.localEducationAgencyId());
            List<ResyncJobs.Orphan> candidates = Transactions.read(dataSource, c -> {
                List<ResyncJobs.Orphan> found = jobs.orphans(c, scope, studentScoped);
                jobs.comparing(c, jobId, found.size());
                return found;
            });
            report.put("sharedUnchecked", 0);
            List<ResyncJobs.Orphan> kept = shared(jobId, connection, candidates, done, report);
            // the repairs in one transaction, repeated whole after a serialization failure or deadlock: it
            // only writes this feed's own tables, so a repetition does exactly what the first attempt would have
            ResyncJobs.Repairs repairs =
                    Transactions.inTransaction(dataSource, c -> jobs.repair(c, scope, resources, kept));
            report.put("orphansDeleted", repairs.orphansDeleted());
            ResyncTargets.reportKept(report, kept);
            report.put("missingRepublished", repairs.missingRepublished());
            report.put("alteredRepublished", repairs.alteredRepublished());
            Differ.Result result = puller.apply(connection, runId, resources, counts, preparer);
            report.put("upserts", result.upserts());
            report.put("deletes", result.deletes());
            report.put("keyChanges", result.keyChanges());
            report.put("runId", runId);
            Transactions.read(dataSource, c -> {
                runs.ended(c, run).ifPresent(ended -> {
                    report.put("runStatus", ended.status().value());
                    if (ended.status() == RunStatus.HELD) {
                        report.put("heldReason", ended.reason());
                    }
                });
                jobs.succeed(c, jobId, report.toString());
                return null;
            });
            LOG.infof("Resync %d of %s: %s", jobId, connection.id(), report);
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

    private long total(SisConnection connection, String resource) throws IOException, InterruptedException {
        HubClient.Reply reply = hub.call(
                connection.publishClientId(),
                connection.publishSecret(),
                "GET",
                "/data/v3/ed-fi/" + resource + "?limit=0&totalCount=true",
                null);
        if (reply.status() != 200) {
            throw new IOException("The hub answered " + reply.status() + " for " + resource + ": " + reply.body());
        }
        return reply.total() == null ? 0 : reply.total();
    }

    /** Reads every item of the resource the connection's client can see, in keyset pages, into resync_target. */
    private long readTarget(
            long jobId, SisConnection connection, ResourceDefinition resource, long done, long[] skipped)
            throws IOException, InterruptedException, SQLException {
        String token = null;
        do {
            String path = "/data/v3/ed-fi/" + resource.key() + "?pageSize=" + PAGE
                    + (token == null ? "" : "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            HubClient.Reply reply =
                    hub.call(connection.publishClientId(), connection.publishSecret(), "GET", path, null);
            if (reply.status() != 200) {
                throw new IOException(
                        "The hub answered " + reply.status() + " reading " + resource.key() + ": " + reply.body());
            }
            JsonNode page = mapper.readTree(reply.body());
            if (page == null || !page.isArray()) {
                throw new IOException("The hub's answer reading " + resource.key() + " is not a JSON array");
            }
            List<ResyncJobs.Target> targets = new ArrayList<>();
            for (JsonNode item : page) {
                Optional<ResyncJobs.Target> target = ResyncTargets.of(mapper, resource, item);
                if (target.isPresent()) {
                    targets.add(target.get());
                } else {
                    skipped[0]++;
                    LOG.warnf(
                            "Resync %d of %s leaves out an item of %s the hub served that is not an object with an id"
                                    + " (a JSON %s)",
                            jobId, connection.id(), resource.key(), item.getNodeType());
                }
            }
            long read = done + page.size();
            Transactions.read(dataSource, Transactions.doing(c -> {
                jobs.addTargets(c, jobId, targets);
                jobs.progress(c, jobId, read);
            }));
            done = read;
            token = reply.nextPageToken();
        } while (token != null);
        return done;
    }

    /**
     * The candidates another organization shares (see {@link SharedOrphans}), asked of the hub with feed-service's
     * administrator client; without one, whose they are cannot be told and every candidate is kept. Progress and
     * heartbeat go on while it asks.
     */
    private List<ResyncJobs.Orphan> shared(
            long jobId, SisConnection connection, List<ResyncJobs.Orphan> candidates, long done, ObjectNode report)
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
        SharedOrphans sharing = new SharedOrphans(
                connection.localEducationAgencyId(),
                new AdminReads(
                        hub,
                        mapper,
                        adminId.get(),
                        config.admin().clientSecret().orElse("")));
        List<ResyncJobs.Orphan> kept = new ArrayList<>();
        long beat = System.nanoTime();
        for (ResyncJobs.Orphan candidate : candidates) {
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
        for (SharedOrphans.Unchecked unchecked : sharing.unchecked()) {
            LOG.warnf(
                    "Resync %d of %s keeps %s %s: whether another organization shares it cannot be told (%s)",
                    jobId,
                    connection.id(),
                    unchecked.resource(),
                    abbreviate(unchecked.keyValues().toString()),
                    unchecked.why());
        }
        report.put("sharedUnchecked", sharing.unchecked().size());
        return kept;
    }

    private void progress(long jobId, long done) throws SQLException {
        Transactions.read(dataSource, Transactions.doing(c -> jobs.progress(c, jobId, done)));
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
