package org.statehub.edfi.core.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.config.EdFiConfig;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.edfi.core.store.DocumentStore;
import org.statehub.edfi.core.store.YearCopyStore;
import org.statehub.http.Problem;
import org.statehub.http.Problems;
import org.statehub.http.SchoolYears;
import org.statehub.jdbc.StoreException;
import org.statehub.jdbc.Transactions;
import org.statehub.jdbc.UncheckedTransactions;

/**
 * A new school year from a previous one (docs/decisions/0020, part 5, step 20): copies, from one year this service
 * serves into another, the items of the resources it owns that a new year carries over, the descriptors and the
 * resources {@code hub-rules.json} names {@code newYear} (school years, the SEA, ESCs, LEAs and schools), in the
 * contract's load order. Each item is written as a new item of the year (a new id, the year's next change version,
 * its natural key and body as they were), with the engine's own insert, so the year's triggers keep the organization
 * hierarchy and its change queries carry the items to the other services' replicas; an item the year has already
 * (by natural key) is left as it is. Nothing of students, enrollments or attendance is copied. The job runs on a
 * thread of its own, a page of 500 items per transaction, and records its progress per resource in the service's
 * own schema ({@code year_copy}); a copy that failed half-way is started again and finishes what is missing.
 */
@Singleton
public class YearCopies {

    private static final Logger LOG = Logger.getLogger(YearCopies.class);
    private static final int PAGE = 500;

    /** A copy as an administrator reads it. */
    public record Status(
            String schoolYear,
            String fromYear,
            String state,
            Map<String, JsonNode> resources,
            List<JsonNode> errors,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt) {

        /** The state of a year served into which no copy was asked for. */
        public static final String NONE = "none";

        /** No copy into {@code year} was asked for. */
        public static Status none(String year) {
            return new Status(year, null, NONE, Map.of(), List.of(), null, null);
        }
    }

    /** What asking for a copy came to. */
    public sealed interface Outcome {}

    /** The copy started (or started again): its status. */
    public record Started(Status status) implements Outcome {}

    /** A copy into the year is running already: its status. */
    public record Running(Status status) implements Outcome {}

    /** The request names a year this service does not serve, or the same year twice. */
    public record Refused(Problem problem) implements Outcome {}

    private final DataSpaces spaces;
    private final AgroalDataSource dataSource;
    private final ResourceCatalog catalog;
    private final ObjectMapper mapper;
    private final List<ResourceDefinition> carried;
    private final YearCopyStore store = new YearCopyStore();
    private final DocumentStore documents = new DocumentStore();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "year-copy");
        thread.setDaemon(true);
        return thread;
    });

    public YearCopies(
            DataSpaces spaces,
            AgroalDataSource dataSource,
            ResourceCatalog catalog,
            ObjectMapper mapper,
            EdFiConfig config) {
        this.spaces = spaces;
        this.dataSource = dataSource;
        this.catalog = catalog;
        this.mapper = mapper;
        List<String> keys = catalog.ownedBy(config.serviceName()).stream()
                .filter(r -> r.descriptor() || r.has(ResourceDefinition.Rule.NEW_YEAR))
                .map(ResourceDefinition::key)
                .toList();
        this.carried =
                catalog.loadOrder().sorted(keys).stream().map(catalog::find).toList();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** The resources a new year carries over, in the order they are copied. */
    public List<String> carried() {
        return carried.stream().map(ResourceDefinition::key).toList();
    }

    /**
     * Starts copying {@code from} into {@code year} (both years this service serves, not the same); the copy runs
     * in the background.
     */
    public Outcome start(String year, String fromYear) {
        Optional<String> refusal = SchoolYears.copyRefusal(year, fromYear, spaces::serves, spaces::served);
        if (refusal.isPresent()) {
            return new Refused(Problems.dataValidation(Map.of("$.fromYear", List.of(refusal.get()))));
        }
        String from = fromYear.trim();
        Optional<YearCopyStore.Row> claimed =
                UncheckedTransactions.inTransaction(dataSource, c -> store.claim(c, year, from));
        if (claimed.isEmpty()) {
            return new Running(status(year).orElseThrow());
        }
        worker.execute(() -> copy(year, from));
        return new Started(status(claimed.get()));
    }

    /** The copy into {@code year}, as it stands (empty when none was asked for). */
    public Optional<Status> status(String year) {
        Optional<YearCopyStore.Row> row = UncheckedTransactions.read(dataSource, c -> store.find(c, year));
        return row.isEmpty() ? Optional.empty() : Optional.of(status(row.get()));
    }

    /**
     * The copy itself, on the worker: resource by resource, page by page, recording each page's counts (so the
     * heartbeat moves with every page, however long a resource).
     */
    private void copy(String year, String from) {
        String failure = null;
        for (ResourceDefinition resource : carried) {
            try {
                copy(resource.key(), year, from);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Copying %s from school year %s into %s failed", resource.key(), from, year);
                failure = problem(resource.key(), from, e);
                break;
            }
        }
        String errors = failure == null ? "[]" : "[" + failure + "]";
        String state = failure == null ? "succeeded" : "failed";
        try {
            UncheckedTransactions.inTransaction(
                    dataSource, Transactions.doing(c -> store.finish(c, year, state, errors)));
            LOG.infof("Copy of school year %s into %s %s", from, year, state);
        } catch (StoreException e) {
            LOG.errorf(e, "The end of the copy of school year %s into %s cannot be recorded", from, year);
        }
    }

    /**
     * Copies one resource's items, recording after each page how many were new in the year and how many it had
     * already.
     */
    private void copy(String resource, String year, String from) {
        long copied = 0;
        long present = 0;
        long after = 0;
        store(year, resource, 0, 0);
        while (true) {
            long position = after;
            List<YearCopyStore.Item> page = DataSpaces.within(
                    Optional.of(from),
                    () -> UncheckedTransactions.read(dataSource, c -> store.page(c, resource, position, PAGE)));
            if (page.isEmpty()) {
                return;
            }
            List<DocumentStore.UpsertItem> items = new ArrayList<>(page.size());
            for (YearCopyStore.Item item : page) {
                items.add(new DocumentStore.UpsertItem(resource, item.naturalKey(), item.body(), null));
            }
            int inserted = DataSpaces.within(
                    Optional.of(year),
                    () -> UncheckedTransactions.inTransaction(dataSource, c -> documents.insertMissing(c, items)));
            copied += inserted;
            present += page.size() - inserted;
            after = page.get(page.size() - 1).sid();
            store(year, resource, copied, present);
        }
    }

    /** Records a resource's counts so far, and that the copy is alive. */
    private void store(String year, String resource, long copied, long present) {
        UncheckedTransactions.inTransaction(
                dataSource, Transactions.doing(c -> store.progress(c, year, resource, copied, present)));
    }

    private String problem(String resource, String from, Exception e) {
        Problem problem = Problems.of(
                "urn:ed-fi:api:system-failure",
                "Copy Failed",
                500,
                "Copying " + resource + " from school year " + from + " failed; run the copy again to finish it.",
                e.getClass().getSimpleName());
        try {
            return mapper.writeValueAsString(problem);
        } catch (Exception json) {
            return "{}";
        }
    }

    private Status status(YearCopyStore.Row row) {
        try {
            Map<String, JsonNode> resources = new LinkedHashMap<>();
            JsonNode counts = mapper.readTree(row.resources());
            for (String key : carried()) {
                if (counts.has(key)) {
                    resources.put(key, counts.get(key));
                }
            }
            List<JsonNode> errors = new ArrayList<>();
            mapper.readTree(row.errors()).forEach(errors::add);
            return new Status(
                    row.schoolYear(),
                    row.fromYear(),
                    row.state(),
                    resources,
                    errors,
                    row.startedAt(),
                    row.finishedAt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("year_copy holds JSON that does not read", e);
        }
    }
}
