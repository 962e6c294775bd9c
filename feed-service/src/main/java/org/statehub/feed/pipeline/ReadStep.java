package org.statehub.feed.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.util.List;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.feed.store.Differ;
import org.statehub.feed.store.SisConnection;

/**
 * A pull's "read" step (docs/FEEDS.md, "A pull, step by step", 1. Read): the vendor's records of each resource in
 * load order, page by page, or the state's collection templates as CSV rows (each row the records of its
 * resources, see {@link Templates}); each record through the map step into a batch, each full batch (and the last)
 * handed on to be staged.
 */
record ReadStep(ObjectMapper mapper, ResourceCatalog catalog, VendorClient vendor, int pageSize) {

    /** Where a batch goes when it is full or the reading ends (the stage step). */
    @FunctionalInterface
    interface Flush {
        void store(Batch batch) throws SQLException;
    }

    /** Reads {@code resources} (for the templates: what the connection takes of them) through {@code map}. */
    void read(SisConnection connection, List<Differ.Pulled> resources, MapStep map, Puller.Counts counts, Flush flush)
            throws PullFailure, SQLException {
        if (connection.format().equals("csv-templates")) {
            readTemplates(connection, map, counts, flush);
        } else {
            for (Differ.Pulled resource : resources) {
                readResource(connection, catalog.find(resource.resource()), map, counts, flush);
            }
        }
    }

    private void readTemplates(SisConnection connection, MapStep map, Puller.Counts counts, Flush flush)
            throws PullFailure, SQLException {
        Templates templates = new Templates(mapper, ExtensionColumns.of(catalog, connection.extensionColumns()));
        Batch batch = new Batch();
        for (String template : Templates.ORDER) {
            List<String> wanted = Templates.RESOURCES.get(template).stream()
                    .filter(connection.resources()::contains)
                    .toList();
            if (wanted.isEmpty()) {
                continue;
            }
            vendor.readTemplate(connection, template, row -> {
                for (Templates.Made made : templates.records(template, row)) {
                    if (wanted.contains(made.resource())) {
                        map.map(catalog.find(made.resource()), made.record(), counts, batch);
                    }
                }
                if (batch.full()) {
                    flush.store(batch);
                }
            });
            flush.store(batch);
        }
    }

    private void readResource(
            SisConnection connection, ResourceDefinition resource, MapStep map, Puller.Counts counts, Flush flush)
            throws PullFailure, SQLException {
        Batch batch = new Batch();
        vendor.read(connection, resource.key(), pageSize, record -> {
            map.map(resource, record, counts, batch);
            if (batch.full()) {
                flush.store(batch);
            }
        });
        flush.store(batch);
    }
}
