package org.statehub.feed.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.feed.config.FeedYears;
import org.statehub.feed.domain.HoldRule;
import org.statehub.feed.domain.RunTrigger;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.Differ;
import org.statehub.feed.store.Diffing;
import org.statehub.feed.store.Queueing;
import org.statehub.feed.store.RunStore;
import org.statehub.feed.store.SisConnection;
import org.statehub.jdbc.Transactions;

/**
 * One pull, end to end: read every enabled resource of the connection in dependency order, prepare each record
 * (codes, rules, key, hash) and stage it in batches; then, only when everything was read, diff against the
 * identity map and queue the changes in one transaction. A failure at any point marks the run failed and drops
 * what it staged, so it publishes nothing and deletes nothing. One bad record is not a failure: a record that
 * cannot be prepared (a NUL character, a missing key...) or stored is held with its own data error and the others
 * go on. A run's reason never quotes an exception (it may hold SQL): the log has the cause under the run's id.
 */
public final class Puller {

    private static final Logger LOG = Logger.getLogger(Puller.class);

    /**
     * The resources a pull can read, in the contract's load order, with their rank (their group in that order):
     * the outbox publishes a connection's ranks one after another, so enrollments go before the SEOAs, contact
     * associations and attendance events of their students.
     */
    public static final Map<String, Integer> LOAD_ORDER = ResourceCatalog.contract()
            .loadOrder()
            .groups(List.of(
                    "localEducationAgencies",
                    "schools",
                    "sessions",
                    "calendars",
                    "students",
                    "contacts",
                    "studentEducationOrganizationAssociations",
                    "studentSchoolAssociations",
                    "studentContactAssociations",
                    "studentSchoolAttendanceEvents"));

    /** What a new connection reads unless told otherwise (SIS vendors seldom serve calendars). */
    public static final List<String> DEFAULT_RESOURCES =
            LOAD_ORDER.keySet().stream().filter(r -> !r.equals("calendars")).toList();

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final ResourceCatalog catalog;
    private final ConnectionStore connections;
    private final RunStore runs;
    private final Differ differ;
    private final ReadStep reader;
    private final StageStep stage;
    private final DiffStep diff;
    private final QueueStep queue;
    private final PreviewStep dryRun;
    private final FeedYears years;

    public Puller(
            DataSource dataSource,
            ObjectMapper mapper,
            ResourceCatalog catalog,
            VendorClient vendor,
            int pageSize,
            ConnectionStore connections,
            RunStore runs,
            Differ differ,
            Diffing diffing,
            Queueing queueing,
            HoldRule hold,
            FeedYears years) {
        this.dataSource = dataSource;
        this.years = years;
        this.mapper = mapper;
        this.catalog = catalog;
        this.connections = connections;
        this.runs = runs;
        this.differ = differ;
        this.reader = new ReadStep(mapper, catalog, vendor, pageSize);
        this.stage = new StageStep(runs);
        this.diff = new DiffStep(diffing, hold, years.enabled());
        this.queue = new QueueStep(queueing);
        this.dryRun = new PreviewStep(dataSource, mapper, runs, differ, diff);
    }

    /** A preparer with the connection's mappings as they are now. */
    private RecordPreparer preparer(SisConnection connection) throws SQLException {
        return new RecordPreparer(
                mapper,
                connection,
                Transactions.read(dataSource, c -> connections.mappings(c, connection.id())),
                years.enabled());
    }

    /** The map step of a connection's records: with school years, each staged per year it belongs to. */
    private MapStep map(SisConnection connection, RecordPreparer preparer) {
        return new MapStep(
                preparer, years.enabled() ? new RecordYears(years.rule(connection.schoolYears())) : RecordYears.NONE);
    }

    /** Whether records are published per school year (decision 0020, step 19). */
    public boolean perYear() {
        return years.enabled();
    }

    /**
     * The school years the connection publishes to now: those the hub serves that it takes (none without years, or
     * when it takes none the hub serves).
     */
    public List<Integer> publishedYears(SisConnection connection) {
        return years.enabled()
                ? List.copyOf(years.rule(connection.schoolYears()).everyYear())
                : List.of();
    }

    /**
     * A resync's step between its snapshot and its comparison: with school years, every record the snapshot staged
     * gets its years now (the overlap rule first), so that the hub's items of each year are compared with that
     * year's records; those of no year are held and counted. Nothing without years.
     */
    public void placeYears(SisConnection connection, long runId, List<Differ.Pulled> resources, Counts counts)
            throws SQLException {
        if (years.enabled()) {
            counts.held +=
                    Transactions.inTransaction(dataSource, c -> diff.placeNow(c, connection.id(), runId, resources));
        }
    }

    /** Counters of one pull. */
    public static final class Counts {
        long read;
        long held;

        public long read() {
            return read;
        }
    }

    /** Runs the pull of an already started run. */
    public void pull(SisConnection connection, long runId) {
        pull(connection, runId, false);
    }

    /**
     * Runs the pull of an already started run; a {@code preview} (dry run) reads and prepares everything, works out
     * what would be published, keeps that in the run (counts and sample records per action) and publishes nothing.
     */
    public void pull(SisConnection connection, long runId, boolean preview) {
        Counts counts = new Counts();
        try {
            List<Differ.Pulled> pulled = pulledResources(connection);
            RecordPreparer preparer = read(connection, runId, pulled, counts);
            if (preview) {
                dryRun.preview(connection, runId, pulled, counts);
            } else {
                finish(connection, runId, pulled, true, null, counts, preparer);
            }
        } catch (PullFailure e) {
            LOG.warnf("Pull %d of %s failed: %s", runId, connection.id(), e.getMessage());
            fail(runId, e.getMessage());
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Pull %d of %s failed", runId, connection.id());
            fail(runId, insideFeedService("pull", runId));
        }
    }

    /**
     * A resync's first phase: reads and prepares the whole source into the run's staged records, as a pull does,
     * without comparing anything yet. Returns the preparer (it knows the values seen).
     */
    public RecordPreparer snapshot(SisConnection connection, long runId, List<Differ.Pulled> resources, Counts counts)
            throws PullFailure, SQLException {
        return read(connection, runId, resources, counts);
    }

    /** The read, map and stage steps over the whole source; returns the preparer (it knows the values seen). */
    private RecordPreparer read(SisConnection connection, long runId, List<Differ.Pulled> resources, Counts counts)
            throws PullFailure, SQLException {
        RecordPreparer preparer = preparer(connection);
        reader.read(
                connection,
                resources,
                map(connection, preparer),
                counts,
                batch -> flush(connection, runId, batch, counts));
        return preparer;
    }

    /** A resync's last phase: the snapshot is compared with the identity map and queued, as a pull's would be. */
    public Differ.Result apply(
            SisConnection connection, long runId, List<Differ.Pulled> resources, Counts counts, RecordPreparer preparer)
            throws SQLException {
        return finish(connection, runId, resources, true, null, counts, preparer);
    }

    public void failRun(long runId, String reason) {
        fail(runId, reason);
    }

    /** An administrator's decision on a held run. */
    public enum Decision {
        APPROVED,
        REJECTED,
        NOT_HELD,
        NOT_FOUND
    }

    /** A held record to try again: its resource, source id and the record as the source sent it. */
    public record HeldRecord(String resource, String sourceId, String record) {}

    /**
     * Prepares held records again with the mappings as they are now and queues those that pass (a run with the
     * trigger {@code retry}); those still held stay in the queue. Empty when a pull of the connection is running
     * (it handles them itself).
     */
    public java.util.Optional<PushResult> retryHeld(SisConnection connection, List<HeldRecord> records)
            throws SQLException {
        Long runId = Transactions.read(dataSource, c -> runs.start(c, connection.id(), RunTrigger.RETRY));
        if (runId == null) {
            return java.util.Optional.empty();
        }
        Counts counts = new Counts();
        try {
            RecordPreparer preparer = preparer(connection);
            Batch batch = new Batch();
            MapStep map = map(connection, preparer);
            java.util.Set<String> resources = new java.util.LinkedHashSet<>();
            for (HeldRecord held : records) {
                ResourceDefinition resource = catalog.find(held.resource());
                if (resource == null || !LOAD_ORDER.containsKey(held.resource())) {
                    continue;
                }
                ObjectNode record = (ObjectNode) mapper.readTree(held.record());
                record.put("sourceId", held.sourceId());
                map.map(resource, record, counts, batch);
                resources.add(held.resource());
            }
            flush(connection, runId, batch, counts);
            List<Differ.Pulled> pulled = LOAD_ORDER.entrySet().stream()
                    .filter(e -> resources.contains(e.getKey()))
                    .map(e -> new Differ.Pulled(
                            e.getKey(), e.getValue(), catalog.find(e.getKey()).allowKeyChanges()))
                    .toList();
            Differ.Result result = finish(connection, runId, pulled, false, null, counts, preparer);
            return java.util.Optional.of(new PushResult(
                    runId, counts.read, counts.held, result.upserts(), result.deletes(), result.keyChanges()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.errorf(e, "Retry %d of %s: a held record could not be read back", runId, connection.id());
            fail(runId, "A held record could not be read back; feed-service's log has the cause (run " + runId + ").");
            throw new IllegalStateException("A stored held record is not JSON", e);
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Retry %d of %s failed", runId, connection.id());
            fail(runId, insideFeedService("retry", runId));
            throw e;
        }
    }

    /** The outcome of a pushed batch. */
    public record PushResult(long runId, long received, long held, long upserts, long deletes, long keyChanges) {}

    /**
     * A batch a vendor pushed: the same preparation as a pull, but only what was sent is compared (a batch is not
     * the whole district), and deletes are named by source id. Runs in the calling thread.
     */
    public PushResult push(
            SisConnection connection,
            long runId,
            ResourceDefinition resource,
            List<ObjectNode> records,
            List<String> deletedSourceIds)
            throws SQLException {
        Counts counts = new Counts();
        RecordPreparer preparer = preparer(connection);
        Batch batch = new Batch();
        MapStep map = map(connection, preparer);
        try {
            for (ObjectNode record : records) {
                map.map(resource, record, counts, batch);
            }
            flush(connection, runId, batch, counts);
            Differ.Pulled pulled =
                    new Differ.Pulled(resource.key(), LOAD_ORDER.get(resource.key()), resource.allowKeyChanges());
            // a source id with a NUL names no record (none can be stored): nothing to delete
            List<String> deletes =
                    deletedSourceIds.stream().filter(id -> id.indexOf('\0') < 0).toList();
            if (deletes.size() < deletedSourceIds.size()) {
                LOG.infof(
                        "Push %d of %s: %d deleted source ids with a NUL character name no record",
                        runId, connection.id(), deletedSourceIds.size() - deletes.size());
            }
            Differ.Result result = finish(connection, runId, List.of(pulled), false, deletes, counts, preparer);
            return new PushResult(
                    runId, counts.read, counts.held, result.upserts(), result.deletes(), result.keyChanges());
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Push %d of %s failed", runId, connection.id());
            fail(runId, insideFeedService("push", runId));
            throw e;
        }
    }

    /**
     * Diffs and queues what the run staged, in one transaction, and marks the run succeeded (or held: then nothing
     * is queued). The transaction is repeated whole after a serialization failure or deadlock: it only reads and
     * writes feed-service's tables, so a repetition does what the first attempt would have.
     */
    private Differ.Result finish(
            SisConnection connection,
            long runId,
            List<Differ.Pulled> pulled,
            boolean complete,
            List<String> deletedSourceIds,
            Counts counts,
            RecordPreparer preparer)
            throws SQLException {
        Transactions.read(
                dataSource, Transactions.doing(c -> differ.refreshStatistics(c, "staged_record", "identity_map")));
        java.util.Optional<Differ.Result> queued = Transactions.inTransaction(dataSource, c -> {
            connections.seen(c, connection.id(), runId, preparer.seen());
            if (diff.held(c, connection.id(), runId, pulled, complete, counts).isPresent()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(queue.queue(
                    c, connection.id(), runId, pulled, complete, deletedSourceIds, counts.read, counts.held));
        });
        if (queued.isEmpty()) {
            return new Differ.Result(0, 0, 0);
        }
        Differ.Result result = queued.get();
        LOG.infof(
                "Run %d of %s: %d records read, %d held; queued %d upserts, %d deletes, %d key changes",
                runId,
                connection.id(),
                counts.read,
                counts.held,
                result.upserts(),
                result.deletes(),
                result.keyChanges());
        tidyOutbox();
        return result;
    }

    /** After a run's rows are queued, outside any transaction (see {@link Differ#tidyOutbox}). */
    void tidyOutbox() throws SQLException {
        Transactions.read(dataSource, Transactions.doing(c -> differ.tidyOutbox(c)));
    }

    /**
     * What a complete pull of the connection covers, in dependency order: the resources it takes (for the
     * collection templates, only those the templates carry). Only these can have records deleted for absence.
     */
    List<Differ.Pulled> pulledResources(SisConnection connection) {
        List<Differ.Pulled> pulled = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : LOAD_ORDER.entrySet()) {
            boolean carried = !connection.format().equals("csv-templates")
                    || Templates.RESOURCES.values().stream().anyMatch(resources -> resources.contains(entry.getKey()));
            if (carried && connection.resources().contains(entry.getKey())) {
                ResourceDefinition resource = catalog.find(entry.getKey());
                pulled.add(new Differ.Pulled(resource.key(), entry.getValue(), resource.allowKeyChanges()));
            }
        }
        return pulled;
    }

    /**
     * A run's reason for a failure inside feed-service: no exception text (it may quote SQL); the log has the cause
     * under the run's id.
     */
    static String insideFeedService(String what, long runId) {
        return "The " + what + " failed inside feed-service; nothing of it was published. feed-service's log has the "
                + "cause (run " + runId + ").";
    }

    /** Stores what was prepared: the "stage" step, on a connection of its own. */
    private void flush(SisConnection connection, long runId, Batch batch, Counts counts) throws SQLException {
        Transactions.read(dataSource, Transactions.doing(c -> stage.store(c, connection, runId, batch, counts)));
    }

    private void fail(long runId, String reason) {
        try {
            Transactions.read(dataSource, Transactions.doing(c -> runs.fail(c, runId, reason)));
        } catch (SQLException e) {
            LOG.errorf(e, "Cannot mark pull %d failed (it will be marked abandoned later)", runId);
        }
    }
}
