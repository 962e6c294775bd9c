package org.statehub.feed.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.statehub.feed.domain.RunTrigger;
import org.statehub.feed.domain.Started;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.pipeline.Pulls;
import org.statehub.feed.store.Connections;
import org.statehub.feed.store.SisConnection;

/**
 * SIS connections: made (with their publishing client at the hub), changed, pulled, previewed and resynced on
 * request. Their code mappings are {@link MappingService}'s.
 */
@Singleton
@RequiredArgsConstructor
public class ConnectionService {

    private final Connections connections;
    private final PublishingClients clients;
    private final Pipeline pipeline;

    public List<SisConnection> list() throws SQLException {
        return connections.list();
    }

    public Outcome<SisConnection> find(String id) throws SQLException {
        return Outcome.found(connections.find(id), "No connection has the id '" + id + "'.");
    }

    /** As {@link #find}, and a connection that is pulled (a push connection has no source to read: conflict). */
    public Outcome<SisConnection> pulled(String id) throws SQLException {
        Outcome<SisConnection> found = find(id);
        if (found instanceof Outcome.Done<SisConnection> done
                && done.value().format().equals("push")) {
            return Outcome.conflict("This connection receives pushes; it has no source to read.");
        }
        return found;
    }

    /** A new connection as {@code request} describes it, with a publishing client made for it at the hub. */
    public Outcome<SisConnection> create(JsonNode request) throws SQLException {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        SisConnection proposed = ConnectionRequests.read(request, null, errors);
        if (!errors.isEmpty()) {
            return new Outcome.Invalid<>(errors);
        }
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        PublishingClients.Client client;
        try {
            client = clients.create(
                    "feed-service " + proposed.vendor() + " for LEA " + proposed.localEducationAgencyId() + " (" + id
                            + ")",
                    proposed.localEducationAgencyId());
        } catch (PublishingClients.Unavailable e) {
            return new Outcome.Unavailable<>(e.getMessage());
        }
        Instant now = Instant.now();
        SisConnection connection = settled(proposed, id, client.id(), client.secret(), now, now);
        connections.insert(connection);
        return Outcome.done(connection);
    }

    /** Changes a connection; members the request leaves out keep their values, credentials too. */
    public Outcome<SisConnection> change(SisConnection old, JsonNode request) throws SQLException {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        SisConnection changed = ConnectionRequests.read(request, old, errors);
        if (!errors.isEmpty()) {
            return new Outcome.Invalid<>(errors);
        }
        if (changed.localEducationAgencyId() != old.localEducationAgencyId()) {
            return Outcome.invalid(
                    "$.localEducationAgencyId",
                    "The LEA of a connection cannot change "
                            + "(its publishing client is scoped to it); make a new connection.");
        }
        SisConnection updated =
                settled(changed, old.id(), old.publishClientId(), old.publishSecret(), old.createdAt(), Instant.now());
        connections.update(updated);
        return Outcome.done(updated);
    }

    /** The settings with the connection's id, publishing client, times and next pull (from now). */
    private static SisConnection settled(
            SisConnection s, String id, String clientId, String secret, Instant created, Instant now) {
        return new SisConnection(
                id,
                s.localEducationAgencyId(),
                s.vendor(),
                s.baseUrl(),
                s.format(),
                s.credentials(),
                clientId,
                secret,
                s.schedule(),
                s.timeZone(),
                s.resources(),
                s.schoolYears(),
                s.preferLegalNames(),
                s.enabled(),
                Pulls.next(s.schedule(), s.timeZone(), now),
                created,
                now,
                s.excludedSchoolIds(),
                s.excludedCalendarCodes(),
                s.extensionColumns());
    }

    /** Starts a pull now ({@code preview}: a dry run that publishes nothing); a conflict when one is running. */
    public Outcome<Started.Run> pull(SisConnection connection, boolean preview) throws SQLException {
        Optional<Long> run = pipeline.startPull(connection, preview ? RunTrigger.PREVIEW : RunTrigger.MANUAL);
        if (run.isEmpty()) {
            return Outcome.conflict(
                    preview
                            ? "A pull of this connection is running; preview when it has finished."
                            : "A pull of this connection is already running; see /feed/v1/runs?connectionId="
                                    + connection.id() + ".");
        }
        return Outcome.done(new Started.Run(run.get()));
    }

    /** Starts a resync of the connection, of one resource it takes or (null) all, in every school year. */
    public Outcome<Started.Resync> resync(SisConnection connection, String resource, String by) throws SQLException {
        return resync(connection, resource, null, by);
    }

    /**
     * Starts a resync of the connection, of one resource it takes or (null) all; with school years, of the one year
     * {@code schoolYear} names (a JSON number; missing or null: every year the connection publishes to).
     */
    public Outcome<Started.Resync> resync(SisConnection connection, String resource, JsonNode schoolYear, String by)
            throws SQLException {
        if (resource != null
                && (!Puller.LOAD_ORDER.containsKey(resource)
                        || !connection.resources().contains(resource))) {
            return Outcome.invalid("$.resource", "The connection does not take '" + resource + "'.");
        }
        boolean oneYear = schoolYear != null && !schoolYear.isMissingNode() && !schoolYear.isNull();
        if (oneYear && !(schoolYear.isIntegralNumber() && schoolYear.canConvertToInt())) {
            return Outcome.invalid("$.schoolYear", "The school year is a number such as 2026 (2025-2026).");
        }
        if (oneYear && !pipeline.perYear()) {
            return Outcome.conflict("This deployment keeps no school years apart (HUB_YEAR_INSTANCES): a resync"
                    + " covers its one data space; leave schoolYear out.");
        }
        List<Integer> years = pipeline.publishedYears(connection);
        if (oneYear && !years.contains(schoolYear.intValue())) {
            return Outcome.invalid(
                    "$.schoolYear",
                    "The connection does not publish to school year " + schoolYear.intValue()
                            + (years.isEmpty()
                                    ? " (it publishes to none the hub serves)."
                                    : " (it publishes to "
                                            + years.stream()
                                                    .map(String::valueOf)
                                                    .collect(java.util.stream.Collectors.joining(", "))
                                            + ")."));
        }
        if (pipeline.perYear() && years.isEmpty()) {
            return Outcome.conflict("The connection publishes to no school year the hub serves (its schoolYears are "
                    + connection.schoolYears() + "); a resync has no year to compare.");
        }
        Optional<Long> job = pipeline.startResync(connection, resource, oneYear ? schoolYear.intValue() : null, by);
        if (job.isEmpty()) {
            return Outcome.conflict("A resync of this connection is already running.");
        }
        return Outcome.done(new Started.Resync(job.get()));
    }
}
