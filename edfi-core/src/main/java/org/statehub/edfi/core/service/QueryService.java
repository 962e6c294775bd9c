package org.statehub.edfi.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.SchemaNavigator;
import org.statehub.edfi.core.store.DocumentStore;
import org.statehub.edfi.core.store.Filter;
import org.statehub.edfi.core.store.Ids;
import org.statehub.edfi.core.store.QueryCriteria;
import org.statehub.edfi.core.validation.Limits;
import org.statehub.http.Problem;
import org.statehub.http.Problems;
import org.statehub.jdbc.Transactions;

/**
 * The read side: GET by id, GET by example with offset or keyset paging, and the change queries. Parameters are
 * matched case-insensitively; every query field becomes part of one JSONB containment document, so any
 * combination of fields is answered from the same GIN index.
 */
public final class QueryService {

    public static final int MAX_LIMIT = 500;

    private final DataSource dataSource;
    private final DocumentStore store = new DocumentStore();
    private final ObjectMapper mapper;
    private final RemoteReferences remote;
    private final ReferenceLinks links;

    /** Items are served with the {@code link} objects of their references (see {@link ReferenceLinks}). */
    public QueryService(DataSource dataSource, ObjectMapper mapper, RemoteReferences remote, ReferenceLinks links) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.remote = remote;
        this.links = links;
    }

    /** Items are served as stored, without links (the engine's own tests of stored bodies). */
    public QueryService(DataSource dataSource, ObjectMapper mapper, RemoteReferences remote) {
        this(dataSource, mapper, remote, null);
    }

    private List<String> linked(java.sql.Connection c, ResourceDefinition resource, List<String> items)
            throws SQLException {
        return links == null ? items : links.add(c, resource, items);
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

    /** Paging and change-version parameters, parsed and checked. */
    private record Paging(
            long offset,
            int limit,
            boolean totalCount,
            Long afterSid,
            Long beforeSid,
            Integer pageSize,
            Long minChangeVersion,
            Long maxChangeVersion) {}

    /**
     * A position in a collection's order: the items after {@code afterSid} and, for a partition other than the
     * last, before {@code beforeSid} (null: to the end of the collection).
     */
    record Position(long afterSid, Long beforeSid) {}

    /** A GET by id: the item, or whether it is missing or outside the caller's scope. */
    public sealed interface Lookup {
        record Found(DocumentStore.Rendered item) implements Lookup {}

        record Missing() implements Lookup {}

        record Forbidden() implements Lookup {}
    }

    public Lookup findById(AccessScope scope, ResourceDefinition resource, UUID id) throws SQLException {
        Filter access = Relationships.filter(resource, scope, "d");
        Lookup lookup = Transactions.read(dataSource, c -> lookup(c, resource, id, access));
        if (lookup instanceof Lookup.Forbidden
                && Relationships.dependsOnRelationships(resource)
                && remote.refreshRelationships()) {
            lookup = Transactions.read(dataSource, c -> lookup(c, resource, id, access));
        }
        return lookup;
    }

    private Lookup lookup(java.sql.Connection c, ResourceDefinition resource, UUID id, Filter access)
            throws SQLException {
        DocumentStore.Rendered item = store.render(c, resource.key(), id, access);
        if (item != null) {
            return new Lookup.Found(new DocumentStore.Rendered(
                    linked(c, resource, List.of(item.json())).get(0), item.etag()));
        }
        return access != null && store.exists(c, resource.key(), id) ? new Lookup.Forbidden() : new Lookup.Missing();
    }

    public QueryResult query(AccessScope scope, ResourceDefinition resource, Map<String, String> parameters)
            throws SQLException {
        List<String> errors = new ArrayList<>();
        Paging paging = paging(parameters, errors);
        Object criteria = criteria(scope, resource, parameters, paging, errors);
        if (criteria instanceof QueryResult.BadRequest bad) {
            return bad;
        }
        QueryCriteria where = (QueryCriteria) criteria;
        return Transactions.read(dataSource, c -> {
            Long total = paging.totalCount() ? store.count(c, where) : null;
            if (paging.pageSize() != null) {
                int size = paging.pageSize();
                DocumentStore.Page page = store.keysetPage(
                        c, where, paging.afterSid() == null ? 0L : paging.afterSid(), paging.beforeSid(), size + 1);
                List<String> items = page.items();
                List<UUID> ids = page.ids();
                String next = null;
                if (items.size() > size) {
                    items = items.subList(0, size);
                    ids = ids.subList(0, size);
                    // a page of 0 items has no position to go on from
                    next = size > 0 ? token(new Position(page.sids().get(size - 1), paging.beforeSid())) : null;
                }
                return new QueryResult.Items(linked(c, resource, items), total, next, ids);
            }
            DocumentStore.Page page = store.page(c, where, paging.offset(), paging.limit());
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
    public QueryResult partitions(AccessScope scope, ResourceDefinition resource, Map<String, String> parameters)
            throws SQLException {
        List<String> errors = new ArrayList<>();
        int number = 1;
        String numberText = get(parameters, "number");
        if (numberText != null) {
            Long v = parseLong(numberText);
            if (v == null || v < 1 || v > MAX_PARTITIONS) {
                errors.add("Number must be a value between 1 and " + MAX_PARTITIONS + ".");
            } else {
                number = v.intValue();
            }
        }
        for (String paging : List.of("offset", "limit", "pageToken", "pageSize", "totalCount")) {
            if (get(parameters, paging) != null) {
                errors.add("The partitions of a collection are asked for without " + paging + ".");
            }
        }
        Paging paging = paging(parameters, errors);
        Object criteria = criteria(scope, resource, parameters, paging, errors);
        if (criteria instanceof QueryResult.BadRequest bad) {
            return bad;
        }
        int partitions = number;
        List<Long> starts =
                Transactions.read(dataSource, c -> store.partitionStarts(c, (QueryCriteria) criteria, partitions));
        List<String> tokens = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            long after = i == 0 ? 0L : starts.get(i) - 1;
            Long before = i == starts.size() - 1 ? null : starts.get(i + 1);
            tokens.add(token(new Position(after, before)));
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
            JsonNode value = typed(resource, field, parameter.getValue(), errors);
            if (value != null) {
                field.path().put(containment, value);
            }
        }
        if (!errors.isEmpty()) {
            return new QueryResult.BadRequest(Problems.parameterValidation(errors));
        }
        return new QueryCriteria(
                resource.key(),
                containment.isEmpty() ? null : containment.toString(),
                id,
                paging.minChangeVersion(),
                paging.maxChangeVersion(),
                Relationships.filter(resource, scope, "d"));
    }

    public QueryResult deletes(AccessScope scope, ResourceDefinition resource, Map<String, String> parameters)
            throws SQLException {
        return changes(scope, resource, parameters, true);
    }

    public QueryResult keyChanges(AccessScope scope, ResourceDefinition resource, Map<String, String> parameters)
            throws SQLException {
        return changes(scope, resource, parameters, false);
    }

    private QueryResult changes(
            AccessScope scope, ResourceDefinition resource, Map<String, String> parameters, boolean deletes)
            throws SQLException {
        Filter access = deletes ? deletesFilter(scope, resource) : keyChangesFilter(scope, resource);
        List<String> errors = new ArrayList<>();
        Paging paging = paging(parameters, errors);
        if (!errors.isEmpty()) {
            return new QueryResult.BadRequest(Problems.parameterValidation(errors));
        }
        return Transactions.read(dataSource, c -> {
            Long min = paging.minChangeVersion();
            Long max = paging.maxChangeVersion();
            Long total = !paging.totalCount()
                    ? null
                    : deletes
                            ? store.countDeletes(c, resource.key(), min, max, access)
                            : store.countKeyChanges(c, resource.key(), min, max, access);
            List<String> items = deletes
                    ? store.deletes(c, resource.key(), min, max, paging.offset(), paging.limit(), access)
                    : store.keyChanges(c, resource.key(), min, max, paging.offset(), paging.limit(), access);
            return new QueryResult.Items(items, total, null, List.of());
        });
    }

    /**
     * What each education organization last reported of the resource's items, by change version
     * ({@code offset}/{@code limit}, {@code minChangeVersion}/{@code maxChangeVersion}); a scoped caller sees only
     * its own organizations' reports.
     */
    public QueryResult reports(AccessScope scope, ResourceDefinition resource, Map<String, String> parameters)
            throws SQLException {
        List<String> errors = new ArrayList<>();
        Paging paging = paging(parameters, errors);
        if (paging.pageSize() != null) {
            errors.add("Reports are paged with offset and limit.");
        }
        if (!errors.isEmpty()) {
            return new QueryResult.BadRequest(Problems.parameterValidation(errors));
        }
        Long[] organizations =
                scope.unrestricted() ? null : scope.educationOrganizationIds().toArray(Long[]::new);
        return Transactions.read(
                dataSource,
                c -> new QueryResult.Items(
                        store.reports(
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

    /** Tombstones are in scope as the item was when it was deleted (alias {@code d}). */
    private static Filter deletesFilter(AccessScope scope, ResourceDefinition resource) {
        Filter before = Relationships.filter(resource, scope, "d");
        return before == null ? null : Relationships.changes(resource, scope, "d", before);
    }

    /** Key changes are in scope as the item was when it was re-keyed (alias {@code k}). */
    private static Filter keyChangesFilter(AccessScope scope, ResourceDefinition resource) {
        Filter item = Relationships.filter(resource, scope, "d");
        if (item == null) {
            return null;
        }
        // records from before V1_7: the item as it is now
        Filter before =
                new Filter("EXISTS (SELECT 1 FROM document d WHERE d.id = k.id AND " + item.sql() + ")", item.values());
        return Relationships.changes(resource, scope, "k", before);
    }

    /**
     * The resources with an item, tombstone or key change in the window that the caller's scope reaches (the
     * same filters as the collections, {@code /deletes} and {@code /keyChanges}).
     */
    public List<String> changedResources(AccessScope scope, ResourceCatalog catalog, long min, long max)
            throws SQLException {
        return Transactions.read(dataSource, c -> {
            List<String> changed = store.changedResources(c, min, max);
            if (scope.unrestricted()) {
                return changed;
            }
            List<String> visible = new ArrayList<>();
            for (String key : changed) {
                ResourceDefinition resource = catalog.find(key);
                if (resource != null
                        && store.changedIn(
                                c,
                                key,
                                min,
                                max,
                                Relationships.filter(resource, scope, "d"),
                                deletesFilter(scope, resource),
                                keyChangesFilter(scope, resource))) {
                    visible.add(key);
                }
            }
            return visible;
        });
    }

    /** How long a checkpoint waits for the transactions that hold change versions before giving up. */
    private static final int CHECKPOINT_WAIT_MS = 500;

    /**
     * A change-version checkpoint at or above {@code atLeast} (see {@link DocumentStore#checkpoint}); empty when
     * writes did not pause within half a second (a long write transaction), so the caller may try again.
     */
    public OptionalLong checkpoint(long atLeast) throws SQLException {
        try {
            return OptionalLong.of(Transactions.inTransaction(dataSource, c -> {
                try (Statement s = c.createStatement()) {
                    // shorter than deadlock_timeout: a writer queued behind this lock is never held up for long
                    s.execute("SET LOCAL lock_timeout = " + CHECKPOINT_WAIT_MS);
                }
                return store.checkpoint(c, atLeast);
            }));
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    public long newestChangeVersion() throws SQLException {
        return Transactions.read(dataSource, store::newestChangeVersion);
    }

    private Paging paging(Map<String, String> parameters, List<String> errors) {
        String offsetText = get(parameters, "offset");
        String limitText = get(parameters, "limit");
        String pageToken = get(parameters, "pageToken");
        String pageSizeText = get(parameters, "pageSize");
        long offset = 0;
        int limit = MAX_LIMIT;
        if (offsetText != null) {
            Long v = parseLong(offsetText);
            if (v == null || v < 0) {
                errors.add("Offset cannot be a negative value.");
            } else {
                offset = v;
            }
        }
        if (limitText != null) {
            Long v = parseLong(limitText);
            if (v == null || v < 0 || v > MAX_LIMIT) {
                errors.add("Limit must be omitted or set to a value between 0 and " + MAX_LIMIT + ".");
            } else {
                limit = v.intValue();
            }
        }
        Integer pageSize = null;
        Long afterSid = null;
        Long beforeSid = null;
        if (pageToken != null || pageSizeText != null) {
            if (offsetText != null || limitText != null) {
                errors.add("Both offset/limit and key set paging parameters are provided, but only one type of paging "
                        + "can be used.");
            }
            pageSize = MAX_LIMIT;
            if (pageSizeText != null) {
                Long v = parseLong(pageSizeText);
                if (v == null || v < 0 || v > MAX_LIMIT) {
                    errors.add("PageSize must be omitted or set to a value between 0 and " + MAX_LIMIT + ".");
                } else {
                    pageSize = v.intValue();
                }
            }
            if (pageToken != null) {
                Position position = untoken(pageToken);
                if (position == null) {
                    errors.add("The pageToken is not valid. Use a token of /partitions or the value of the "
                            + "Next-Page-Token header.");
                } else {
                    afterSid = position.afterSid();
                    beforeSid = position.beforeSid();
                }
            }
        }
        boolean totalCount = false;
        String totalText = get(parameters, "totalCount");
        if (totalText != null) {
            if (totalText.equalsIgnoreCase("true") || totalText.equalsIgnoreCase("false")) {
                totalCount = Boolean.parseBoolean(totalText.toLowerCase(Locale.ROOT));
            } else {
                errors.add("TotalCount must be true or false.");
            }
        }
        if (totalCount && pageToken != null) {
            // "The totalCount query string parameter is not supported with cursor paging (i.e. when using
            // pageToken)": Ed-Fi's client developers' guide, "Improve Paging Performance with Partitioned Cursor
            // Paging"; the text is the ODS/API's own
            errors.add("Total count cannot be determined while using cursor paging (when pageToken is specified).");
        }
        Long min = changeVersion(parameters, "minChangeVersion", errors);
        Long max = changeVersion(parameters, "maxChangeVersion", errors);
        if (min != null && max != null && min > max) {
            errors.add("MinChangeVersion cannot be greater than MaxChangeVersion.");
        }
        return new Paging(offset, limit, totalCount, afterSid, beforeSid, pageSize, min, max);
    }

    private static Long changeVersion(Map<String, String> parameters, String name, List<String> errors) {
        String text = get(parameters, name);
        if (text == null) {
            return null;
        }
        Long v = parseLong(text);
        if (v == null || v < 0) {
            errors.add("The value '" + text + "' is not valid for " + name + ". A non-negative whole number is "
                    + "expected.");
        }
        return v;
    }

    private JsonNode typed(
            ResourceDefinition resource, ResourceDefinition.QueryParameter field, String text, List<String> errors) {
        JsonNode schema = SchemaNavigator.at(resource.schema(), field.path());
        String shown = Limits.shown(text);
        if (SchemaNavigator.hasType(schema, "integer")) {
            Long v = parseLong(text);
            if (v == null) {
                errors.add("The value '" + shown + "' is not valid for " + field.name() + ". A whole number is "
                        + "expected.");
                return null;
            }
            return inRange(schema, field, BigDecimal.valueOf(v), shown, errors)
                    ? mapper.getNodeFactory().numberNode(v)
                    : null;
        }
        if (SchemaNavigator.hasType(schema, "number")) {
            BigDecimal v;
            try {
                v = new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                errors.add("The value '" + shown + "' is not valid for " + field.name() + ". A number is expected.");
                return null;
            }
            if (Math.abs((long) v.precision() - v.scale()) > MAX_DIGITS || Math.abs(v.scale()) > MAX_DIGITS) {
                errors.add("The value '" + shown + "' is not valid for " + field.name() + ". It has too many "
                        + "digits.");
                return null;
            }
            return inRange(schema, field, v, shown, errors)
                    ? mapper.getNodeFactory().numberNode(v)
                    : null;
        }
        if (Limits.isDate(schema) && !Limits.validDate(text)) {
            errors.add("The value '" + shown + "' is not a valid date for " + field.name() + ". " + Limits.dateRule());
            return null;
        }
        if (SchemaNavigator.hasType(schema, "boolean")) {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return mapper.getNodeFactory().booleanNode(Boolean.parseBoolean(text.toLowerCase(Locale.ROOT)));
            }
            errors.add("The value '" + text + "' is not valid for " + field.name() + ". Use true or false.");
            return null;
        }
        return mapper.getNodeFactory().textNode(text);
    }

    /** Most digits before or after the decimal point a number parameter may have. */
    private static final int MAX_DIGITS = 100;

    /** Whether a numeric parameter lies within its member's range (format int32/int64, minimum, maximum). */
    private static boolean inRange(
            JsonNode schema,
            ResourceDefinition.QueryParameter field,
            BigDecimal value,
            String shown,
            List<String> errors) {
        BigDecimal minimum = Limits.minimum(schema);
        BigDecimal maximum = Limits.maximum(schema);
        if ((minimum != null && value.compareTo(minimum) < 0) || (maximum != null && value.compareTo(maximum) > 0)) {
            errors.add("The value '" + shown + "' is not valid for " + field.name() + ". It must be "
                    + (minimum == null
                            ? "at most " + maximum.toPlainString()
                            : maximum == null
                                    ? "at least " + minimum.toPlainString()
                                    : "between " + minimum.toPlainString() + " and " + maximum.toPlainString())
                    + ".");
            return false;
        }
        return true;
    }

    private static String get(Map<String, String> parameters, String name) {
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A page token: where a page starts and, within a partition, where its partition ends. */
    static String token(Position position) {
        String text = "after:" + position.afterSid()
                + (position.beforeSid() == null ? "" : ";before:" + position.beforeSid());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a page token names, or null when it is not a token this API made. */
    static Position untoken(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
            if (!text.startsWith("after:")) {
                return null;
            }
            String[] parts = text.substring(6).split(";before:", -1);
            if (parts.length > 2) {
                return null;
            }
            long after = Long.parseLong(parts[0]);
            Long before = parts.length == 2 ? Long.parseLong(parts[1]) : null;
            if (after < 0 || (before != null && before <= after)) {
                return null;
            }
            return new Position(after, before);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
