package org.statehub.edfi.core.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import lombok.RequiredArgsConstructor;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.edfi.core.service.NaturalKeys;
import org.statehub.edfi.core.service.SkippedRecords;
import org.statehub.edfi.core.store.Ids;
import org.statehub.jdbc.Transactions;

/**
 * Keeps a replica of some resources of another service, fed only by that service's change queries. Each
 * {@link #catchUp()} reads the window from the stored watermark to the source's newest change version: the
 * resources that changed in it, their items (keyset pages) and tombstones (pages), each page applied in one
 * transaction, then the watermark. A restart resumes from the watermark. Applying is idempotent (items are
 * stored by id and never replaced by an older state), so re-reading a window after a crash, or the overlap
 * below, changes nothing.
 *
 * <p>A window ends at the source's checkpoint (decision 0007: every change up to it is committed), so the next
 * one starts right after it. When the source gives this client no checkpoint (it is not a state administrator's),
 * the window ends at the newest version handed out, and a transaction that took an earlier version but committed
 * after a later one could be missed; the window after such a one therefore starts {@code overlap} versions before
 * the watermark.
 *
 * <p>An item that cannot be applied (not an object, no id, a value PostgreSQL cannot store) is skipped and
 * reported through {@link SkippedRecords} (logged with the resource and id, counted per source), and the window
 * goes on: one bad item never holds the watermark back. The replica lacks that state of the item until the
 * source changes it again.
 *
 * <p>Everything happens in the current data space (docs/decisions/0020, part 5): a school year's replica, watermark
 * and source are that year's; {@link Replication} catches up each year in turn.
 */
@RequiredArgsConstructor
public final class ReplicaConsumer {

    private final String source;
    private final ChangeFeed feed;
    private final Set<String> resources;
    private final ResourceCatalog catalog;
    private final DataSource dataSource;
    private final long overlap;
    /**
     * The data spaces whose stored watermark is a checkpoint of the source (none until a window of this process ends
     * there).
     */
    private final Set<String> committedIn = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final ReplicaStore store = new ReplicaStore();
    private final SkippedRecords skipped;

    public String source() {
        return source;
    }

    public ChangeFeed feed() {
        return feed;
    }

    public boolean replicates(String resource) {
        return resources.contains(resource);
    }

    public Set<String> resources() {
        return resources;
    }

    /** Applies everything the source changed since the watermark; returns the number of items applied. */
    public synchronized int catchUp() throws IOException, SQLException {
        long watermark = Transactions.read(dataSource, c -> store.watermark(c, source));
        java.util.OptionalLong committed = feed.committedChangeVersion();
        long newest = committed.isPresent() ? committed.getAsLong() : feed.newestChangeVersion();
        if (newest <= watermark) {
            return 0;
        }
        // after a window up to a checkpoint nothing below the watermark can still commit: no overlap to re-read
        String space = DataSpaces.current().orElse("");
        long from = committedIn.contains(space) ? watermark + 1 : Math.max(0, watermark + 1 - overlap);
        int[] applied = {0};
        List<String> changed = feed.changedResources(from, newest);
        for (String resource : changed) {
            if (!resources.contains(resource)) {
                continue;
            }
            ResourceDefinition definition = catalog.find(resource);
            feed.items(
                    resource,
                    from,
                    newest,
                    page -> applied[0] += applyEach(
                            resource,
                            page,
                            "it cannot be stored in the replica",
                            (x, item) -> apply(x, definition, item)));
            feed.deletes(resource, from, newest, page -> {
                List<JsonNode> valid = new ArrayList<>(page.size());
                for (JsonNode tombstone : page) {
                    if (Ids.parse(tombstone.path("id").asText()) == null) {
                        skip(resource, tombstone, "the tombstone has no valid id", null);
                    } else {
                        valid.add(tombstone);
                    }
                }
                applied[0] += applyEach(
                        resource,
                        valid,
                        "its tombstone cannot be applied",
                        (x, tombstone) -> store.delete(
                                x, resource, Ids.parse(tombstone.path("id").asText())));
            });
        }
        Transactions.inTransaction(dataSource, Transactions.doing(c -> store.setWatermark(c, source, newest)));
        if (committed.isPresent()) {
            committedIn.add(space);
        } else {
            committedIn.remove(space);
        }
        return applied[0];
    }

    /** Whether the replica holds the item of {@code resource} with this natural key (a short read of its own). */
    public boolean holds(ResourceDefinition resource, String naturalKey) throws SQLException {
        return Transactions.read(dataSource, c -> store.exists(c, resource.key(), naturalKey));
    }

    /**
     * Read-your-writes: asks the source directly for an item not (yet) in the replica and stores what it answers,
     * in a transaction of its own once the answer is in (no connection is held while the source is asked, so this
     * is never called inside another transaction: a write refused later keeps what was fetched). True when the
     * source has the item.
     */
    public boolean fetchIntoReplica(ResourceDefinition resource, Map<String, String> keyValues)
            throws IOException, SQLException {
        Optional<JsonNode> item = feed.find(resource.key(), keyValues);
        if (item.isEmpty()
                || !item.get().isObject()
                || Ids.parse(item.get().path("id").asText()) == null) {
            return false;
        }
        Transactions.inTransaction(dataSource, Transactions.doing(c -> apply(c, resource, item.get())));
        return true;
    }

    /** The job's name in the log and the skipped-records counts. */
    public String job() {
        return "replication from " + source;
    }

    /** What is done with one record of a page, on the connection of the page's transaction. */
    @FunctionalInterface
    private interface RecordWork {
        void apply(java.sql.Connection c, JsonNode record) throws SQLException;
    }

    /**
     * Applies a page in one transaction, each record under its own savepoint ({@link Transactions#perRecord}); a
     * record that fails because of its data is skipped with {@code why}. Returns how many were applied.
     */
    private int applyEach(String resource, List<JsonNode> page, String why, RecordWork work) throws SQLException {
        return Transactions.inTransaction(dataSource, c -> {
            int applied = 0;
            for (JsonNode record : page) {
                Optional<Exception> failure = Transactions.perRecord(c, x -> {
                    work.apply(x, record);
                    return null;
                });
                if (failure.isEmpty()) {
                    applied++;
                } else {
                    skip(resource, record, why, failure.get());
                }
            }
            return applied;
        });
    }

    private void skip(String resource, JsonNode item, String why, Exception cause) {
        String id = item.path("id").isTextual() ? item.path("id").asText() : "(no id)";
        skipped.skipped(job(), resource + " " + (id.length() > 80 ? id.substring(0, 80) + "..." : id), why, cause);
    }

    private void apply(java.sql.Connection c, ResourceDefinition resource, JsonNode item) throws SQLException {
        if (!item.isObject()) {
            throw new IllegalArgumentException("The item is not a JSON object");
        }
        UUID id = Ids.parse(item.path("id").asText());
        if (id == null) {
            throw new IllegalArgumentException("The item has no valid id");
        }
        long changeVersion = item.path("_etag").asLong(0);
        ObjectNode body = item.deepCopy();
        body.remove("id");
        body.remove("_etag");
        body.remove("_lastModifiedDate");
        // the source adds links to references on read; the replica keeps the item as stored
        ResourceDefinition.withoutLinks(body);
        store.upsert(c, resource.key(), id, NaturalKeys.of(resource, body), body.toString(), changeVersion);
    }
}
