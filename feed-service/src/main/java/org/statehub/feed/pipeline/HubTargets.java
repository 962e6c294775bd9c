package org.statehub.feed.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import lombok.RequiredArgsConstructor;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.feed.delivery.HubClient;
import org.statehub.feed.store.ResyncJobs;
import org.statehub.feed.store.SisConnection;
import org.statehub.jdbc.Transactions;

/**
 * A resync's second phase for one job: what the connection's LEA holds in the hub, read with the connection's own
 * client in keyset pages into {@code resync_target}, one school year at a time ({@code /{year}/data/v3/...}; year
 * {@code 0}: a deployment without years, {@code /data/v3/...}).
 */
@RequiredArgsConstructor
final class HubTargets {

    private static final Logger LOG = Logger.getLogger(HubTargets.class);
    private static final int PAGE = 500;

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final HubClient hub;
    private final ResyncJobs jobs;
    private final long jobId;
    private final SisConnection connection;
    private final ResyncReport report;

    /** The path prefix of a school year at the hub ({@code /2026}; empty for {@code 0}). */
    static String prefix(int year) {
        return year > 0 ? "/" + year : "";
    }

    /** How many items of {@code resource} the connection's client sees in {@code year} (counted in the report). */
    long total(int year, String resource) throws IOException, InterruptedException {
        HubClient.Reply reply = hub.call(
                connection.publishClientId(),
                connection.publishSecret(),
                "GET",
                prefix(year) + "/data/v3/ed-fi/" + resource + "?limit=0&totalCount=true",
                null);
        if (reply.status() != 200) {
            throw new IOException(
                    "The hub answered " + reply.status() + " for " + resource + inYear(year) + ": " + reply.body());
        }
        long total = reply.total() == null ? 0 : reply.total();
        report.add("hubItems", year, total);
        return total;
    }

    /**
     * Reads every item of the resource the connection's client sees in {@code year}; {@code done}: the progress so
     * far, returned with the items read added. An item that is not an object with an id is left out and counted.
     */
    long read(int year, ResourceDefinition resource, long done) throws IOException, InterruptedException, SQLException {
        String token = null;
        do {
            String path = prefix(year) + "/data/v3/ed-fi/" + resource.key() + "?pageSize=" + PAGE
                    + (token == null ? "" : "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            HubClient.Reply reply =
                    hub.call(connection.publishClientId(), connection.publishSecret(), "GET", path, null);
            if (reply.status() != 200) {
                throw new IOException("The hub answered " + reply.status() + " reading " + resource.key() + inYear(year)
                        + ": " + reply.body());
            }
            JsonNode page = mapper.readTree(reply.body());
            if (page == null || !page.isArray()) {
                throw new IOException(
                        "The hub's answer reading " + resource.key() + inYear(year) + " is not a JSON array");
            }
            List<ResyncJobs.Target> targets = new ArrayList<>();
            for (JsonNode item : page) {
                Optional<ResyncJobs.Target> target = ResyncTargets.of(mapper, resource, item);
                if (target.isPresent()) {
                    targets.add(target.get());
                } else {
                    report.add("hubItemsSkipped", year, 1);
                    LOG.warnf(
                            "Resync %d of %s leaves out an item of %s%s the hub served that is not an object with"
                                    + " an id (a JSON %s)",
                            jobId, connection.id(), resource.key(), inYear(year), item.getNodeType());
                }
            }
            long read = done + page.size();
            Transactions.read(dataSource, Transactions.doing(c -> {
                jobs.addTargets(c, jobId, year, targets);
                jobs.progress(c, jobId, read);
            }));
            done = read;
            token = reply.nextPageToken();
        } while (token != null);
        return done;
    }

    private static String inYear(int year) {
        return year > 0 ? " in " + year : "";
    }
}
