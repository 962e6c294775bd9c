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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.KeyField;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
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
public final class Resync {

    private static final Logger LOG = Logger.getLogger(Resync.class);
    private static final int PAGE = 500;
    /** Kept items the report names one by one (it counts them all). */
    private static final int KEPT_LISTED = 20;
    /**
     * A target item ({@code t}) that no source record of the run and no identity row of any connection of the LEA
     * accounts for; binds the run's id, then the LEA's id.
     */
    private static final String ORPHAN = "NOT EXISTS (SELECT 1 FROM staged_record s WHERE s.run_id = ?"
            + " AND s.resource = t.resource AND s.natural_key = t.natural_key)"
            + " AND NOT EXISTS (SELECT 1 FROM identity_map m JOIN connection k ON k.id = m.connection_id"
            + " WHERE k.local_education_agency_id = ? AND m.resource = t.resource AND m.natural_key = t.natural_key)";

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final ResourceCatalog catalog;
    private final Puller puller;
    private final HubClient hub;
    private final String adminId;
    private final String adminSecret;

    /**
     * {@code adminId} and {@code adminSecret}: feed-service's StateAdmin client of the hub (null id: none), which
     * deletes orphans and reads every organization's relationships of a student.
     */
    public Resync(
            DataSource dataSource,
            ObjectMapper mapper,
            ResourceCatalog catalog,
            Puller puller,
            HubClient hub,
            String adminId,
            String adminSecret) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.catalog = catalog;
        this.puller = puller;
        this.hub = hub;
        this.adminId = adminId;
        this.adminSecret = adminSecret;
    }

    /** An orphan of a student-scoped resource, found before it is deleted: is it the district's alone? */
    private record Candidate(String resource, String naturalKey, JsonNode keyValues) {}

    /** Runs job {@code jobId} (already created, status running) to its end. */
    public void run(long jobId, SisConnection connection, String onlyResource) {
        RunStore runs = new RunStore();
        Long runId = null;
        try {
            List<Differ.Pulled> resources = puller.pulledResources(connection).stream()
                    .filter(r -> onlyResource == null || r.resource().equals(onlyResource))
                    .toList();
            long waitUntil =
                    System.nanoTime() + java.time.Duration.ofMinutes(10).toNanos();
            while (true) {
                try (Connection c = dataSource.getConnection()) {
                    runId = runs.start(c, connection.id(), org.statehub.feed.domain.RunTrigger.RESYNC);
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
                update(
                        c,
                        jobId,
                        "UPDATE resync_job SET run_id = ?, phase = 'source', done = 0, total = 0,"
                                + " heartbeat_at = clock_timestamp() WHERE id = ?",
                        runId);
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
                update(
                        c,
                        jobId,
                        "UPDATE resync_job SET phase = 'target', done = ?, total = ?,"
                                + " heartbeat_at = clock_timestamp() WHERE id = ?",
                        counts.read(),
                        counts.read() + targetTotal);
            }
            long done = counts.read();
            long[] hubItemsSkipped = {0};
            for (Differ.Pulled resource : resources) {
                done = readTarget(jobId, connection, catalog.find(resource.resource()), done, hubItemsSkipped);
            }
            ObjectNode report = mapper.createObjectNode();
            report.put("sourceRecords", counts.read());
            report.put("hubItems", targetTotal);
            report.put("hubItemsSkipped", hubItemsSkipped[0]);
            List<Candidate> candidates;
            try (Connection c = dataSource.getConnection()) {
                candidates = studentOrphans(c, jobId, connection, runId, resources);
                update(
                        c,
                        jobId,
                        "UPDATE resync_job SET phase = 'compare', total = total + ?,"
                                + " heartbeat_at = clock_timestamp() WHERE id = ?",
                        candidates.size());
            }
            report.put("sharedUnchecked", 0);
            List<Candidate> kept = shared(jobId, connection, candidates, done, report);
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    compare(c, jobId, connection, runId, resources, kept, report);
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
                    PreparedStatement ps =
                            c.prepareStatement("UPDATE resync_job SET status = 'succeeded', phase = 'done',"
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
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("UPDATE resync_job SET status = 'failed', error = ?,"
                            + " finished_at = clock_timestamp() WHERE id = ?")) {
                ps.setString(1, org.statehub.feed.store.Storable.text(reason));
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
            ArrayNode items = (ArrayNode) page;
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO resync_target (job_id, resource, natural_key,"
                                    + " key_values, target_id, body) VALUES (?, ?, ?, ?::jsonb, ?, ?::jsonb) ON CONFLICT DO NOTHING")) {
                for (JsonNode item : items) {
                    if (!(item instanceof ObjectNode body)
                            || !body.path("id").isTextual()
                            || body.path("id").asText().isBlank()) {
                        skipped[0]++;
                        LOG.warnf(
                                "Resync %d of %s leaves out an item of %s the hub served that is not an object with"
                                        + " an id (a JSON %s)",
                                jobId, connection.id(), resource.key(), item.getNodeType());
                        continue;
                    }
                    String id = body.path("id").asText();
                    body.remove(List.of("id", "_etag", "_lastModifiedDate"));
                    ResourceDefinition.withoutLinks(body);
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
                update(c, jobId, "UPDATE resync_job SET done = ?, heartbeat_at = clock_timestamp() WHERE id = ?", done);
            }
            token = reply.nextPageToken();
        } while (token != null);
        return done;
    }

    /** The orphans of the student-scoped resources among those resynced (the ones another organization may share). */
    private List<Candidate> studentOrphans(
            Connection c, long jobId, SisConnection connection, long runId, List<Differ.Pulled> resources)
            throws SQLException, IOException {
        List<Candidate> candidates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.resource, t.natural_key, t.key_values::text"
                + " FROM resync_target t WHERE t.job_id = ? AND t.resource = ANY (?) AND " + ORPHAN
                + " ORDER BY t.resource, t.natural_key")) {
            ps.setLong(1, jobId);
            ps.setArray(
                    2,
                    c.createArrayOf(
                            "text",
                            resources.stream()
                                    .map(Differ.Pulled::resource)
                                    .filter(SharedOrphans.RESOURCES::contains)
                                    .toArray()));
            ps.setLong(3, runId);
            ps.setLong(4, connection.localEducationAgencyId());
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new Candidate(rs.getString(1), rs.getString(2), mapper.readTree(rs.getString(3))));
                }
            }
        }
        return candidates;
    }

    /**
     * The candidates another organization shares (see {@link SharedOrphans}), asked of the hub with feed-service's
     * administrator client; without one, whose they are cannot be told and every candidate is kept. Progress and
     * heartbeat go on while it asks.
     */
    private List<Candidate> shared(
            long jobId, SisConnection connection, List<Candidate> candidates, long done, ObjectNode report)
            throws IOException, InterruptedException, SQLException {
        if (candidates.isEmpty()) {
            return List.of();
        }
        if (adminId == null) {
            LOG.warnf(
                    "Resync %d of %s keeps %d orphans of students: feed-service has no administrator client to "
                            + "tell whether other organizations share them (FEED_ADMIN_CLIENT_ID)",
                    jobId, connection.id(), candidates.size());
            return candidates;
        }
        SharedOrphans sharing = new SharedOrphans(connection.localEducationAgencyId(), new AdminReads());
        List<Candidate> kept = new ArrayList<>();
        long beat = System.nanoTime();
        for (Candidate candidate : candidates) {
            if (sharing.keep(candidate.resource(), candidate.keyValues())) {
                kept.add(candidate);
            }
            done++;
            if (System.nanoTime() - beat > java.time.Duration.ofSeconds(5).toNanos()) {
                try (Connection c = dataSource.getConnection()) {
                    update(
                            c,
                            jobId,
                            "UPDATE resync_job SET done = ?, heartbeat_at = clock_timestamp() WHERE id = ?",
                            done);
                }
                beat = System.nanoTime();
            }
        }
        try (Connection c = dataSource.getConnection()) {
            update(c, jobId, "UPDATE resync_job SET done = ?, heartbeat_at = clock_timestamp() WHERE id = ?", done);
        }
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

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /**
     * The repairs, in the caller's transaction: orphans in the hub are queued for deletion, but for those
     * {@code kept} (shared with another organization: reported, left alone); identity rows whose item is gone are
     * dropped and those whose item differs from the source are marked changed (the diff that follows republishes
     * both).
     */
    private void compare(
            Connection c,
            long jobId,
            SisConnection connection,
            long runId,
            List<Differ.Pulled> resources,
            List<Candidate> kept,
            ObjectNode report)
            throws SQLException {
        String pulled = "WITH r AS (SELECT * FROM unnest(?::text[], ?::int[]) AS r(resource, rank)) ";
        try (PreparedStatement ps = c.prepareStatement(pulled + "INSERT INTO outbox (run_id, connection_id, rank,"
                + " resource, source_id, operation, body, key_values, next_attempt_at)"
                + " SELECT ?, ?, 100 - r.rank, t.resource, 'resync:' || t.target_id, 'purge',"
                + " jsonb_build_object('id', t.target_id), t.key_values, clock_timestamp() FROM resync_target t"
                + " JOIN r ON r.resource = t.resource WHERE t.job_id = ? AND " + ORPHAN
                + " AND NOT EXISTS (SELECT 1 FROM unnest(?::text[], ?::text[]) AS k(resource, natural_key)"
                + " WHERE k.resource = t.resource AND k.natural_key = t.natural_key)"
                + " ORDER BY r.rank DESC, t.natural_key")) {
            int i = bind(c, ps, resources);
            ps.setLong(i++, runId);
            ps.setString(i++, connection.id());
            ps.setLong(i++, jobId);
            ps.setLong(i++, runId);
            ps.setLong(i++, connection.localEducationAgencyId());
            ps.setArray(
                    i++,
                    c.createArrayOf(
                            "text", kept.stream().map(Candidate::resource).toArray()));
            ps.setArray(
                    i,
                    c.createArrayOf(
                            "text", kept.stream().map(Candidate::naturalKey).toArray()));
            report.put("orphansDeleted", ps.executeUpdate());
        }
        report.put("sharedKept", kept.size());
        ObjectNode byResource = report.putObject("sharedKeptResources");
        ArrayNode listed = report.putArray("sharedKeptItems");
        for (Candidate candidate : kept) {
            byResource.put(
                    candidate.resource(), byResource.path(candidate.resource()).asLong() + 1);
            if (listed.size() < KEPT_LISTED) {
                listed.addObject().put("resource", candidate.resource()).set("keyValues", candidate.keyValues());
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM identity_map m WHERE m.connection_id = ?"
                + " AND m.resource = ANY (?) AND NOT EXISTS (SELECT 1 FROM resync_target t WHERE t.job_id = ?"
                + " AND t.resource = m.resource AND t.natural_key = m.natural_key)")) {
            ps.setString(1, connection.id());
            ps.setArray(
                    2,
                    c.createArrayOf(
                            "text",
                            resources.stream().map(Differ.Pulled::resource).toArray()));
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
        ps.setArray(
                1,
                c.createArrayOf(
                        "text", resources.stream().map(Differ.Pulled::resource).toArray()));
        ps.setArray(
                2,
                c.createArrayOf(
                        "integer", resources.stream().map(Differ.Pulled::rank).toArray()));
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

    /**
     * Whose an orphan of a student-scoped resource is. The LEA's client reaches students, their contact
     * associations and their contacts through any relationship of the student to the district (the LEA and its
     * schools), so an item it sees may belong to another organization that serves the same student. Such an item
     * is not the district's to delete: a student or a contact association is <em>shared</em> when an enrollment
     * or an SEOA relates the student to an organization outside the district; a contact is shared when any of its
     * students (through every organization's contact associations) is shared or related to no organization at
     * all (then whose it is cannot be told; a contact the district wrote alone is deleted by a later resync, once
     * its associations are gone). Organization-scoped items are the district's own: never shared.
     */
    static final class SharedOrphans {

        /** The resources the LEA's client reaches through a student rather than through an organization. */
        static final Set<String> RESOURCES = Set.of("students", "studentContactAssociations", "contacts");

        /** What the hub holds, as an unrestricted reader sees it. */
        interface Lookup {
            /** The organizations the student's enrollments (their schools) and SEOAs name. */
            Set<Long> organizationsOf(String studentUniqueId) throws IOException, InterruptedException;

            /** The students of every contact association of the contact. */
            Set<String> studentsOf(String contactUniqueId) throws IOException, InterruptedException;

            /** The LEA of the school with this id; null when no school has it or the school names no LEA. */
            Long leaOf(long schoolId) throws IOException, InterruptedException;
        }

        /** The hub would not tell about this item (a refusal of the look-up, an unreadable answer). */
        static final class CannotTell extends IOException {
            CannotTell(String message) {
                super(message);
            }

            CannotTell(String message, Throwable cause) {
                super(message, cause);
            }
        }

        /** An item kept because whether it is shared could not be told. */
        record Unchecked(String resource, JsonNode keyValues, String why) {}

        private final long lea;
        private final Lookup lookup;
        private final Map<String, Set<Long>> organizations = new HashMap<>();
        private final Map<Long, Boolean> inDistrict = new HashMap<>();
        private final List<Unchecked> unchecked = new ArrayList<>();

        SharedOrphans(long lea, Lookup lookup) {
            this.lea = lea;
            this.lookup = lookup;
        }

        /**
         * Whether the item is kept: shared, or the hub would not tell for this item (then it is kept, to be safe,
         * and listed in {@link #unchecked}); the other items are decided all the same.
         */
        boolean keep(String resource, JsonNode keyValues) throws IOException, InterruptedException {
            try {
                return shared(resource, keyValues);
            } catch (CannotTell e) {
                unchecked.add(new Unchecked(resource, keyValues, e.getMessage()));
                return true;
            }
        }

        /** The items kept because whether they are shared could not be told. */
        List<Unchecked> unchecked() {
            return unchecked;
        }

        /** Whether the item (its resource and key values) is shared, and so kept. */
        boolean shared(String resource, JsonNode keyValues) throws IOException, InterruptedException {
            return switch (resource) {
                case "students", "studentContactAssociations" ->
                    outside(organizationsOf(keyValues.path("studentUniqueId").asText()));
                case "contacts" -> {
                    for (String student :
                            lookup.studentsOf(keyValues.path("contactUniqueId").asText())) {
                        Set<Long> related = organizationsOf(student);
                        if (related.isEmpty() || outside(related)) {
                            yield true;
                        }
                    }
                    yield false;
                }
                default -> false;
            };
        }

        private Set<Long> organizationsOf(String student) throws IOException, InterruptedException {
            Set<Long> found = organizations.get(student);
            if (found == null) {
                found = lookup.organizationsOf(student);
                organizations.put(student, found);
            }
            return found;
        }

        /** Whether any of the organizations is outside the district (neither the LEA nor one of its schools). */
        private boolean outside(Set<Long> related) throws IOException, InterruptedException {
            for (long organization : related) {
                Boolean in = inDistrict.get(organization);
                if (in == null) {
                    Long schoolsLea = organization == lea ? null : lookup.leaOf(organization);
                    in = organization == lea || schoolsLea != null && schoolsLea == lea;
                    inDistrict.put(organization, in);
                }
                if (!in) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@link SharedOrphans.Lookup} through the gateway, as feed-service's administrator: every organization's. */
    private final class AdminReads implements SharedOrphans.Lookup {

        @Override
        public Set<Long> organizationsOf(String studentUniqueId) throws IOException, InterruptedException {
            Set<Long> found = new LinkedHashSet<>();
            for (JsonNode enrollment : all("studentSchoolAssociations", "studentUniqueId", studentUniqueId)) {
                found.add(enrollment.path("schoolReference").path("schoolId").asLong());
            }
            for (JsonNode seoa : all("studentEducationOrganizationAssociations", "studentUniqueId", studentUniqueId)) {
                found.add(seoa.path("educationOrganizationReference")
                        .path("educationOrganizationId")
                        .asLong());
            }
            return found;
        }

        @Override
        public Set<String> studentsOf(String contactUniqueId) throws IOException, InterruptedException {
            Set<String> found = new LinkedHashSet<>();
            for (JsonNode association : all("studentContactAssociations", "contactUniqueId", contactUniqueId)) {
                found.add(association
                        .path("studentReference")
                        .path("studentUniqueId")
                        .asText());
            }
            return found;
        }

        @Override
        public Long leaOf(long schoolId) throws IOException, InterruptedException {
            List<JsonNode> schools = all("schools", "schoolId", Long.toString(schoolId));
            JsonNode id = schools.isEmpty()
                    ? null
                    : schools.get(0).path("localEducationAgencyReference").path("localEducationAgencyId");
            return id != null && id.isNumber() ? id.asLong() : null;
        }

        /** Every item of the resource whose {@code field} is {@code value}, in keyset pages. */
        private List<JsonNode> all(String resource, String field, String value)
                throws IOException, InterruptedException {
            List<JsonNode> items = new ArrayList<>();
            String token = null;
            do {
                String path = "/data/v3/ed-fi/" + resource + "?" + field + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8) + "&pageSize=" + PAGE
                        + (token == null ? "" : "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
                HubClient.Reply reply = read(path);
                JsonNode page;
                try {
                    page = mapper.readTree(reply.body());
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new SharedOrphans.CannotTell("the hub's answer to " + path + " is not JSON", e);
                }
                if (page == null || !page.isArray()) {
                    throw new SharedOrphans.CannotTell("the hub's answer to " + path + " is not a JSON array");
                }
                page.forEach(items::add);
                token = reply.nextPageToken();
            } while (token != null);
            return items;
        }

        /** A read as the administrator; a passing refusal (429, 5xx) is tried again a few times. */
        private HubClient.Reply read(String path) throws IOException, InterruptedException {
            for (int attempt = 1; ; attempt++) {
                HubClient.Reply reply = hub.call(adminId, adminSecret, "GET", path, null);
                if (reply.status() == 200) {
                    return reply;
                }
                if ((reply.status() == 429 || reply.status() >= 500) && attempt < 5) {
                    Thread.sleep(1000L * attempt);
                    continue;
                }
                if (reply.status() >= 400 && reply.status() < 500 && reply.status() != 401 && reply.status() != 429) {
                    throw new SharedOrphans.CannotTell("the hub answered " + reply.status() + " to " + path);
                }
                throw new IOException("The hub answered " + reply.status() + " reading " + path + ": " + reply.body());
            }
        }
    }
}
