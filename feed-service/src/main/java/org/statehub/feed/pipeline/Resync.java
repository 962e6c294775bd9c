package org.statehub.feed.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.statehub.edfi.core.contract.KeyField;
import org.statehub.edfi.core.contract.ResourceCatalog;
import org.statehub.edfi.core.contract.ResourceDefinition;
import org.statehub.feed.delivery.HubClient;
import org.statehub.feed.store.Differ;
import org.statehub.feed.store.RunStore;
import org.statehub.feed.store.SisConnection;

/**
 * A resync job: makes the hub hold exactly what the source says, whatever happened to the hub behind the feed's
 * back. Phases: (1) source: a fresh snapshot of the source, prepared as a pull does; (2) target: every item the
 * connection's LEA holds in the hub for those resources, read page by page with the connection's own client;
 * (3) compare: items in the hub that no source record and no identity map row (of any connection of the LEA)
 * accounts for are deleted (by id, with feed-service's administrator client: once its dependents are gone, an
 * orphan student is no longer related to the LEA, so the LEA's own client could not reach it); identity rows whose item is gone from the hub are dropped, and items that differ
 * from what the source says are marked changed, so the normal diff republishes them; then the snapshot is
 * compared and queued like a pull. Each phase is idempotent: a job interrupted by a restart starts again and
 * reaches the same end, and running it twice changes nothing more.
 */
public final class Resync {

    private static final Logger LOG = Logger.getLogger(Resync.class);
    private static final int PAGE = 500;

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final ResourceCatalog catalog;
    private final Puller puller;
    private final HubClient hub;

    public Resync(DataSource dataSource, ObjectMapper mapper, ResourceCatalog catalog, Puller puller, HubClient hub) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.catalog = catalog;
        this.puller = puller;
        this.hub = hub;
    }

    /** Runs job {@code jobId} (already created, status running) to its end. */
    public void run(long jobId, SisConnection connection, String onlyResource) {
        RunStore runs = new RunStore();
        Long runId = null;
        try {
            List<Differ.Pulled> resources = puller.pulledResources(connection).stream()
                    .filter(r -> onlyResource == null || r.resource().equals(onlyResource)).toList();
            long waitUntil = System.nanoTime() + java.time.Duration.ofMinutes(10).toNanos();
            while (true) {
                try (Connection c = dataSource.getConnection()) {
                    runId = runs.start(c, connection.id(), "resync");
                }
                if (runId != null) {
                    break;
                }
                if (System.nanoTime() > waitUntil) {
                    throw new IllegalStateException("A pull of the connection kept running for 10 minutes; resync "
                            + "again when it has finished.");
                }
                Thread.sleep(1000); // a pull of the connection is running: the resync waits for it
            }
            try (Connection c = dataSource.getConnection()) {
                update(c, jobId, "UPDATE resync_job SET run_id = ?, phase = 'source', done = 0, total = 0,"
                        + " heartbeat_at = clock_timestamp() WHERE id = ?", runId);
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM resync_target WHERE job_id = ?")) {
                    ps.setLong(1, jobId);
                    ps.executeUpdate();
                }
            }
            Puller.Counts counts = new Puller.Counts();
            RecordPreparer preparer = puller.snapshot(connection, runId, resources, counts);
            long targetTotal = 0;
            for (Differ.Pulled resource : resources) {
                targetTotal += total(connection, resource.resource());
            }
            try (Connection c = dataSource.getConnection()) {
                update(c, jobId, "UPDATE resync_job SET phase = 'target', done = ?, total = ?,"
                        + " heartbeat_at = clock_timestamp() WHERE id = ?", counts.read(), counts.read() + targetTotal);
            }
            long done = counts.read();
            for (Differ.Pulled resource : resources) {
                done = readTarget(jobId, connection, catalog.find(resource.resource()), done);
            }
            ObjectNode report = mapper.createObjectNode();
            report.put("sourceRecords", counts.read());
            report.put("hubItems", targetTotal);
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    update(c, jobId, "UPDATE resync_job SET phase = 'compare', heartbeat_at = clock_timestamp()"
                            + " WHERE id = ?");
                    compare(c, jobId, connection, runId, resources, report);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
            Differ.Result result = puller.apply(connection, runId, resources, counts, preparer);
            report.put("upserts", result.upserts());
            report.put("deletes", result.deletes());
            report.put("keyChanges", result.keyChanges());
            report.put("runId", runId);
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT status, reason FROM feed_run WHERE id = ?")) {
                ps.setLong(1, runId);
                try (var rs = ps.executeQuery()) {
                    if (rs.next()) {
                        report.put("runStatus", rs.getString(1));
                        if (rs.getString(1).equals("held")) {
                            report.put("heldReason", rs.getString(2));
                        }
                    }
                }
            }
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE resync_job SET status = 'succeeded', phase = 'done',"
                         + " done = total, finished_at = clock_timestamp(), heartbeat_at = clock_timestamp(),"
                         + " report = ?::jsonb WHERE id = ?")) {
                ps.setString(1, report.toString());
                ps.setLong(2, jobId);
                ps.executeUpdate();
                try (PreparedStatement drop = c.prepareStatement("DELETE FROM resync_target WHERE job_id = ?")) {
                    drop.setLong(1, jobId);
                    drop.executeUpdate();
                }
            }
            LOG.infof("Resync %d of %s: %s", jobId, connection.id(), report);
        } catch (PullFailure | IOException | SQLException | RuntimeException e) {
            String reason = e instanceof PullFailure ? e.getMessage() : "The resync failed: " + e.getMessage();
            LOG.warnf("Resync %d of %s failed: %s", jobId, connection.id(), reason);
            if (runId != null) {
                puller.failRun(runId, reason);
            }
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE resync_job SET status = 'failed', error = ?,"
                         + " finished_at = clock_timestamp() WHERE id = ?")) {
                ps.setString(1, reason);
                ps.setLong(2, jobId);
                ps.executeUpdate();
            } catch (SQLException inner) {
                LOG.errorf(inner, "Cannot mark resync %d failed", jobId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long total(SisConnection connection, String resource) throws IOException, InterruptedException {
        HubClient.Reply reply = hub.call(connection.publishClientId(), connection.publishSecret(), "GET",
                "/data/v3/ed-fi/" + resource + "?limit=0&totalCount=true", null);
        if (reply.status() != 200) {
            throw new IOException("The hub answered " + reply.status() + " for " + resource + ": " + reply.body());
        }
        return reply.total() == null ? 0 : reply.total();
    }

    /** Reads every item of the resource the connection's client can see, in keyset pages, into resync_target. */
    private long readTarget(long jobId, SisConnection connection, ResourceDefinition resource, long done)
            throws IOException, InterruptedException, SQLException {
        String token = null;
        do {
            String path = "/data/v3/ed-fi/" + resource.key() + "?pageSize=" + PAGE
                    + (token == null ? "" : "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            HubClient.Reply reply = hub.call(connection.publishClientId(), connection.publishSecret(), "GET", path,
                    null);
            if (reply.status() != 200) {
                throw new IOException("The hub answered " + reply.status() + " reading " + resource.key() + ": "
                        + reply.body());
            }
            ArrayNode items = (ArrayNode) mapper.readTree(reply.body());
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO resync_target (job_id, resource, natural_key,"
                         + " key_values, target_id, body) VALUES (?, ?, ?, ?::jsonb, ?, ?::jsonb) ON CONFLICT DO NOTHING")) {
                for (JsonNode item : items) {
                    ObjectNode body = (ObjectNode) item;
                    String id = body.path("id").asText();
                    body.remove(List.of("id", "_etag", "_lastModifiedDate", "link"));
                    ArrayNode key = mapper.createArrayNode();
                    ObjectNode keyValues = mapper.createObjectNode();
                    for (KeyField field : resource.identity()) {
                        JsonNode value = field.path().get(body);
                        key.add(value);
                        keyValues.set(field.name(), value);
                    }
                    ps.setLong(1, jobId);
                    ps.setString(2, resource.key());
                    ps.setString(3, key.toString());
                    ps.setString(4, keyValues.toString());
                    ps.setString(5, id);
                    ps.setString(6, body.toString());
                    ps.addBatch();
                }
                ps.executeBatch();
                done += items.size();
                update(c, jobId, "UPDATE resync_job SET done = ?, heartbeat_at = clock_timestamp() WHERE id = ?",
                        done);
            }
            token = reply.nextPageToken();
        } while (token != null);
        return done;
    }

    /**
     * The repairs, in the caller's transaction: orphans in the hub are queued for deletion; identity rows whose
     * item is gone are dropped and those whose item differs from the source are marked changed (the diff that
     * follows republishes both).
     */
    private void compare(Connection c, long jobId, SisConnection connection, long runId,
                         List<Differ.Pulled> resources, ObjectNode report) throws SQLException {
        String pulled = "WITH r AS (SELECT * FROM unnest(?::text[], ?::int[]) AS r(resource, rank)) ";
        try (PreparedStatement ps = c.prepareStatement(pulled + "INSERT INTO outbox (run_id, connection_id, rank,"
                + " resource, source_id, operation, body, key_values, next_attempt_at)"
                + " SELECT ?, ?, 100 - r.rank, t.resource, 'resync:' || t.target_id, 'purge',"
                + " jsonb_build_object('id', t.target_id), t.key_values, clock_timestamp() FROM resync_target t JOIN r ON r.resource = t.resource WHERE t.job_id = ?"
                + " AND NOT EXISTS (SELECT 1 FROM staged_record s WHERE s.run_id = ? AND s.resource = t.resource"
                + " AND s.natural_key = t.natural_key)"
                + " AND NOT EXISTS (SELECT 1 FROM identity_map m JOIN connection k ON k.id = m.connection_id"
                + " WHERE k.local_education_agency_id = ? AND m.resource = t.resource AND m.natural_key = t.natural_key)"
                + " ORDER BY r.rank DESC, t.natural_key")) {
            int i = bind(c, ps, resources);
            ps.setLong(i++, runId);
            ps.setString(i++, connection.id());
            ps.setLong(i++, jobId);
            ps.setLong(i++, runId);
            ps.setLong(i, connection.localEducationAgencyId());
            report.put("orphansDeleted", ps.executeUpdate());
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM identity_map m WHERE m.connection_id = ?"
                + " AND m.resource = ANY (?) AND NOT EXISTS (SELECT 1 FROM resync_target t WHERE t.job_id = ?"
                + " AND t.resource = m.resource AND t.natural_key = m.natural_key)")) {
            ps.setString(1, connection.id());
            ps.setArray(2, c.createArrayOf("text", resources.stream().map(Differ.Pulled::resource).toArray()));
            ps.setLong(3, jobId);
            report.put("missingRepublished", ps.executeUpdate());
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE identity_map m SET content_hash = 'resync'"
                + " FROM resync_target t, staged_record s WHERE m.connection_id = ? AND t.job_id = ?"
                + " AND t.resource = m.resource AND t.natural_key = m.natural_key AND s.run_id = ?"
                + " AND s.resource = m.resource AND s.source_id = m.source_id AND NOT s.held AND s.body <> t.body")) {
            ps.setString(1, connection.id());
            ps.setLong(2, jobId);
            ps.setLong(3, runId);
            report.put("alteredRepublished", ps.executeUpdate());
        }
    }

    private static int bind(Connection c, PreparedStatement ps, List<Differ.Pulled> resources) throws SQLException {
        ps.setArray(1, c.createArrayOf("text", resources.stream().map(Differ.Pulled::resource).toArray()));
        ps.setArray(2, c.createArrayOf("integer", resources.stream().map(Differ.Pulled::rank).toArray()));
        return 3;
    }

    private static void update(Connection c, long jobId, String sql, long... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (long value : values) {
                ps.setLong(i++, value);
            }
            ps.setLong(i, jobId);
            ps.executeUpdate();
        }
    }
}
