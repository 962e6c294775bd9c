package org.statehub.edfi.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import lombok.RequiredArgsConstructor;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.security.Action;
import org.statehub.edfi.core.service.QueryParameters.Paging;
import org.statehub.edfi.core.service.QueryParameters.Position;
import org.statehub.edfi.core.store.ChangeStore;
import org.statehub.edfi.core.store.DocumentStore;
import org.statehub.edfi.core.store.Filter;
import org.statehub.edfi.core.store.Ids;
import org.statehub.edfi.core.store.QueryCriteria;
import org.statehub.edfi.core.store.QueryStore;
import org.statehub.edfi.core.store.ReportStore;
import org.statehub.edfi.core.validation.Limits;
import org.statehub.http.Problem;
import org.statehub.http.Problems;
import org.statehub.jdbc.StoreException;
import org.statehub.jdbc.Transactions;

/**
 * The read side: GET by id, GET by example with offset or keyset paging, and the change queries. Parameters are
 * matched case-insensitively; every query field becomes part of one JSONB containment document, so any
 * combination of fields is answered from the same GIN index.
 */
@RequiredArgsConstructor
public final class QueryService {

    public static final int MAX_LIMIT = 500;

    private final DataSource dataSource;
    private final DocumentStore store = new DocumentStore();
    private final QueryStore reads = new QueryStore();
    private final ChangeStore changes = new ChangeStore();
    private final ReportStore reported = new ReportStore();
    private final ObjectMapper mapper;
    private final RemoteReferences remote;
    /** Adds the {@code link} objects of items' references; null serves items as stored (see {@link ReferenceLinks}). */
    private final ReferenceLinks links;

    /** Items are served as stored, without links (the engine's own tests of stored bodies). */
    public QueryService(DataSource dataSource, ObjectMapper mapper, RemoteReferences remote) {
        this(dataSource, mapper, remote, null);
    }

    private List<String> linked(java.sql.Connection c, ResourceDefinition resource, List<String> items)
            throws SQLException {
        return links == null ? items : links.add(c, resource, items);
    }

    /** Reads on one connection; a database failure comes out as a {@link StoreException}. */
    private <T> T read(Transactions.Work<T> work) {
        return StoreException.unchecked(() -> Transactions.read(dataSource, work));
    }

    /** The outcome of a list query. */
    public sealed interface QueryResult {
        /** {@code ids}: the ids of the items, when they are resource items (not change records). */
        record Items(List<String> items, Long totalCount, String nextPageToken, List<UUID> ids)
                implements QueryResult {}

        record BadRequest(Problem problem) implements QueryResult {}

        /** The answer of {@code /partitions}: one page token per partition, in collection order. */
        record Partitions(List<String> pageTokens) implements QueryResult {}
    }

    /** Most partitions a {@code /partitions} call may ask for. */
    public static final int MAX_PARTITIONS = 200;

    /** A GET by id: the item, or whether it is missing or outside the caller's scope. */
    public sealed interface Lookup {
        record Found(QueryStore.Rendered item) implements Lookup {}

        record Missing() implements Lookup {}

        record Forbidden() implements Lookup {}
    }

    public Lookup findById(AccessScope scope, ResourceDefinition resource, UUID id) {
        Filter access = Relationships.itemFilter(resource, scope, "d");
        Lookup lookup = read(c -> lookup(c, resource, id, access));
        if (lookup instanceof Lookup.Forbidden
                && Relationships.dependsOnRelationships(resource)
                && remote.refreshRelationships()) {
            lookup = read(c -> lookup(c, resource, id, access));
        }
        return lookup;
    }

    private Lookup lookup(java.sql.Connection c, ResourceDefinition resource, UUID id, Filter access)
            throws SQLException {
        QueryStore.Rendered item = reads.render(c, resource.key(), id, access);
        if (item != null) {
            return new Lookup.Found(new QueryStore.Rendered(
                    linked(c, resource, List.of(item.json())).get(0), item.etag()));
        }
        return access != null && store.exists(c, resource.key(), id) ? new Lookup.Forbidden() : new Lookup.Missing();
    }

    public QueryResult query(AccessScope scope, ResourceDefinition resource, Map<String, String> parameters) {
        List<String> errors = new ArrayList<>();
        Paging paging = QueryParameters.paging(parameters, errors);
        Object criteria = criteria(scope, resource, parameters, paging, errors);
        if (criteria instanceof QueryResult.BadRequest bad) {
            return bad;
        }
        QueryCriteria where = (QueryCriteria) criteria;
        return read(c -> {
            Long total = paging.totalCount() ? reads.count(c, where) : null;
            if (paging.pageSize() != null) {
                int size = paging.pageSize();
                QueryStore.Page page = reads.keysetPage(
                        c, where, paging.afterSid() == null ? 0L : paging.afterSid(), paging.beforeSid(), size + 1);
                List<String> items = page.items();
                List<UUID> ids = page.ids();
                String next = null;
                if (items.size() > size) {
                    items = items.subList(0, size);
                    ids = ids.subList(0, size);
                    // a page of 0 items has no position to go on from
                    next = size > 0
                            ? QueryParameters.token(new Position(page.sids().get(size - 1), paging.beforeSid()))
                            : null;
                }
                return new QueryResult.Items(linked(c, resource, items), total, next, ids);
            }
            QueryStore.Page page = reads.page(c, where, paging.offset(), paging.limit());
            return new QueryResult.Items(linked(c, resource, page.items()), total, null, page.ids());
        });
    }

    /**
     * {@code /partitions?number=N}: splits the items a GET of the collection with the same parameters would page
     * through (the same filters and the same authorization) into at most N contiguous partitions of about equal
     * size, and answers one page token for each. Together the partitions cover the whole collection, including
     * items added later (the last partition has no end), and no item is in two of them. Fewer items than N give
     * one partition per item; no item gives no token.
     */
    public QueryResult partitions(AccessScope scope, ResourceDefinition resource, Map<String, String> parameters) {
        List<String> errors = new ArrayList<>();
        int number = 1;
        String numberText = QueryParameters.get(parameters, "number");
        if (numberText != null) {
            Long v = QueryParameters.parseLong(numberText);
            if (v == null || v < 1 || v > MAX_PARTITIONS) {
                errors.add("Number must be a value between 1 and " + MAX_PARTITIONS + ".");
            } else {
                number = v.intValue();
            }
        }
        for (String paging : List.of("offset", "limit", "pageToken", "pageSize", "totalCount")) {
            if (QueryParameters.get(parameters, paging) != null) {
                errors.add("The partitions of a collection are asked for without " + paging + ".");
            }
        }
        Paging paging = QueryParameters.paging(parameters, errors);
        Object criteria = criteria(scope, resource, parameters, paging, errors);
        if (criteria instanceof QueryResult.BadRequest bad) {
            return bad;
        }
        int partitions = number;
        List<Long> starts = read(c -> reads.partitionStarts(c, (QueryCriteria) criteria, partitions));
        List<String> tokens = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            long after = i == 0 ? 0L : starts.get(i) - 1;
            Long before = i == starts.size() - 1 ? null : starts.get(i + 1);
            tokens.add(QueryParameters.token(new Position(after, before)));
        }
        return new QueryResult.Partitions(tokens);
    }

    /**
     * The criteria of a GET by example: a {@link QueryCriteria}, or a {@link QueryResult.BadRequest} for invalid
     * parameters (with {@code errors} found before; an {@code id} that is no GUID is one, as in the ODS/API).
     */
    private Object criteria(
            AccessScope scope,
            ResourceDefinition resource,
            Map<String, String> parameters,
            Paging paging,
            List<String> errors) {
        ObjectNode containment = mapper.createObjectNode();
        UUID id = null;
        Set<String> named = new HashSet<>();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            ResourceDefinition.QueryParameter field = resource.queryParameter(parameter.getKey());
            if (field == null) {
                continue;
            }
            String unstorable = Limits.unstorable(parameter.getValue());
            if (unstorable != null) {
                errors.add("The value of " + field.name() + " " + unstorable + ".");
                continue;
            }
            if (field.name().equals("id")) {
                id = Ids.parse(parameter.getValue());
                if (id == null) {
                    errors.add(Ids.invalid(parameter.getValue()));
                }
                continue;
            }
            JsonNode value = QueryParameters.typed(mapper, resource, field, parameter.getValue(), errors);
            if (value != null) {
                field.path().put(containment, value);
                named.add(field.path().toString());
            }
        }
        if (!errors.isEmpty()) {
            return new QueryResult.BadRequest(Problems.parameterValidation(errors));
        }
        // at most one item (by id or its whole natural key): checked in the shape whose cost is the same for any scope
        boolean oneItem = id != null
                || (!resource.identity().isEmpty()
                        && resource.identity().stream()
                                .allMatch(key -> named.contains(key.path().toString())));
        return new QueryCriteria(
                resource.key(),
                containment.isEmpty() ? null : containment.toString(),
                id,
                paging.minChangeVersion(),
                paging.maxChangeVersion(),
                oneItem ? Relationships.itemFilter(resource, scope, "d") : Relationships.filter(resource, scope, "d"));
    }

    public QueryResult deletes(AccessScope scope, ResourceDefinition resource, Map<String, String> parameters) {
        return changes(scope, resource, parameters, true);
    }

    public QueryResult keyChanges(AccessScope scope, ResourceDefinition resource, Map<String, String> parameters) {
        return changes(scope, resource, parameters, false);
    }

    private QueryResult changes(
            AccessScope scope, ResourceDefinition resource, Map<String, String> parameters, boolean deletes) {
        Filter access = deletes ? deletesFilter(scope, resource) : keyChangesFilter(scope, resource);
        List<String> errors = new ArrayList<>();
        Paging paging = QueryParameters.paging(parameters, errors);
        if (!errors.isEmpty()) {
            return new QueryResult.BadRequest(Problems.parameterValidation(errors));
        }
        return read(c -> {
            Long min = paging.minChangeVersion();
            Long max = paging.maxChangeVersion();
            Long total = !paging.totalCount()
                    ? null
                    : deletes
                            ? changes.countDeletes(c, resource.key(), min, max, access)
                            : changes.countKeyChanges(c, resource.key(), min, max, access);
            List<String> items = deletes
                    ? changes.deletes(c, resource.key(), min, max, paging.offset(), paging.limit(), access)
                    : changes.keyChanges(c, resource.key(), min, max, paging.offset(), paging.limit(), access);
            return new QueryResult.Items(items, total, null, List.of());
        });
    }

    /**
     * What each education organization last reported of the resource's items, by change version
     * ({@code offset}/{@code limit}, {@code minChangeVersion}/{@code maxChangeVersion}); a scoped caller sees only
     * its own organizations' reports.
     */
    public QueryResult reports(AccessScope scope, ResourceDefinition resource, Map<String, String> parameters) {
        List<String> errors = new ArrayList<>();
        Paging paging = QueryParameters.paging(parameters, errors);
        if (paging.pageSize() != null) {
            errors.add("Reports are paged with offset and limit.");
        }
        if (!errors.isEmpty()) {
            return new QueryResult.BadRequest(Problems.parameterValidation(errors));
        }
        Long[] organizations =
                scope.unrestricted() ? null : scope.educationOrganizationIds().toArray(Long[]::new);
        return read(c -> new QueryResult.Items(
                reported.reports(
                        c,
                        resource.key(),
                        paging.minChangeVersion(),
                        paging.maxChangeVersion(),
                        paging.offset(),
                        paging.limit(),
                        organizations),
                null,
                null,
                List.of()));
    }

    private static final Filter EVERY_RECORD = new Filter("TRUE", List.of());

    /** Tombstones are in scope as the item was when it was deleted (alias {@code d}). */
    private static Filter deletesFilter(AccessScope scope, ResourceDefinition resource) {
        Filter before = Relationships.filter(resource, scope, "d");
        return Relationships.changes(resource, scope, "d", before == null ? EVERY_RECORD : before);
    }

    /** Key changes are in scope as the item was when it was re-keyed (alias {@code k}). */
    private static Filter keyChangesFilter(AccessScope scope, ResourceDefinition resource) {
        Filter item = Relationships.filter(resource, scope, "d");
        // records from before V1_7: the item as it is now
        Filter before = item == null
                ? EVERY_RECORD
                : new Filter(
                        "EXISTS (SELECT 1 FROM document d WHERE d.id = k.id AND " + item.sql() + ")", item.values());
        return Relationships.changes(resource, scope, "k", before);
    }

    /**
     * The resources with an item, tombstone or key change in the window that the caller's scope reaches (the
     * same filters as the collections, {@code /deletes} and {@code /keyChanges}).
     */
    public List<String> changedResources(AccessScope scope, ResourceCatalog catalog, long min, long max) {
        return read(c -> {
            List<String> changed = changes.changedResources(c, min, max);
            if (scope.grants() == null) {
                return changed;
            }
            List<String> visible = new ArrayList<>();
            for (String key : changed) {
                ResourceDefinition resource = catalog.find(key);
                if (resource == null
                        || scope.strategies(resource, Action.ReadChanges).isEmpty()) {
                    continue;
                }
                Filter items = Relationships.filter(resource, scope, "d");
                Filter deletes = deletesFilter(scope, resource);
                Filter keyChanges = keyChangesFilter(scope, resource);
                if ((items == null && deletes == null && keyChanges == null)
                        || changes.changedIn(c, key, min, max, items, deletes, keyChanges)) {
                    visible.add(key);
                }
            }
            return visible;
        });
    }

    /** How long a checkpoint waits for the transactions that hold change versions before giving up. */
    private static final int CHECKPOINT_WAIT_MS = 500;

    /**
     * A change-version checkpoint at or above {@code atLeast} (see {@link ChangeStore#checkpoint}); empty when
     * writes did not pause within half a second (a long write transaction), so the caller may try again.
     */
    public OptionalLong checkpoint(long atLeast) {
        try {
            return OptionalLong.of(StoreException.unchecked(() -> Transactions.inTransaction(dataSource, c -> {
                try (Statement s = c.createStatement()) {
                    // shorter than deadlock_timeout: a writer queued behind this lock is never held up for long
                    s.execute("SET LOCAL lock_timeout = " + CHECKPOINT_WAIT_MS);
                }
                return changes.checkpoint(c, atLeast);
            })));
        } catch (StoreException e) {
            if ("55P03".equals(e.sqlException().getSQLState())) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    public long newestChangeVersion() {
        return read(changes::newestChangeVersion);
    }
}
