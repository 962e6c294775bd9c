package org.statehub.gateway.persistence;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.jdbc.Conditions;
import org.statehub.jdbc.Rows;
import org.statehub.jdbc.Sql;

/**
 * The {@code ods_instance} and {@code ods_instance_context} tables (V6): the Admin API's ODS instances, a school
 * year being an instance with the context {@code schoolYearFromRoute}; and which years a client's
 * {@code odsInstanceIds} name.
 */
@Singleton
@RequiredArgsConstructor
public class OdsInstanceRepository {

    private static final String SELECT = "SELECT id, name, instance_type FROM ods_instance";
    private static final String SELECT_CONTEXT =
            "SELECT id, ods_instance_id, context_key, context_value FROM ods_instance_context";
    private static final Sql.Row<OdsInstance> READ = Rows.of(OdsInstance.class);
    private static final Sql.Row<OdsInstanceContext> READ_CONTEXT = Rows.of(OdsInstanceContext.class);

    /** What a list of instances may be ordered by, and the SQL of each. */
    public static final Map<String, String> ORDERS = Map.of(
            "id", "id", "name", "lower(name) COLLATE \"C\"", "instanceType", "lower(instance_type) COLLATE \"C\"");

    /** What a list of contexts may be ordered by, and the SQL of each. */
    public static final Map<String, String> CONTEXT_ORDERS = Map.of(
            "id", "id",
            "odsInstanceId", "ods_instance_id",
            "contextKey", "context_key COLLATE \"C\"",
            "contextValue", "context_value COLLATE \"C\"");

    private final GatewayDatabase database;

    /** The Admin API's filters of instances, each when given: the id, the name and the type in any case. */
    public record Filter(Integer id, String name, String instanceType) {}

    /** A page of the instances the filter lets through. */
    public List<OdsInstance> page(Filter filter, ListPage page) {
        Conditions where = Conditions.all()
                .andIfGiven("id = ?", filter.id())
                .andIfGiven("lower(name) = lower(?)", filter.name())
                .andIfGiven("lower(instance_type) = lower(?)", filter.instanceType());
        return database.call(c -> where.page(c, SELECT, page.sql(ORDERS, "id"), READ, page.limit(), page.offset()));
    }

    public Optional<OdsInstance> find(int id) {
        return database.call(c -> Sql.first(c, SELECT + " WHERE id = ?", READ, id));
    }

    /** Whether an instance other than {@code id} has this name (in any case). */
    public boolean nameTaken(String name, int id) {
        return database.call(
                c -> Sql.exists(c, "SELECT 1 FROM ods_instance WHERE lower(name) = lower(?) AND id <> ?", name, id));
    }

    /**
     * Stores a new instance, with the school year's context when {@code year} is given (its id then the year when
     * that id is free); its id, or empty when its name or year is taken (also by a concurrent request).
     */
    public Optional<Integer> insert(String name, String instanceType, String connectionString, Optional<String> year) {
        return database.inTransaction(c -> {
            if (year.isPresent() && yearTaken(c, year.get(), 0)) {
                return Optional.empty();
            }
            Optional<Integer> id = year.isPresent()
                            && !Sql.exists(c, "SELECT 1 FROM ods_instance WHERE id = ?", Integer.valueOf(year.get()))
                    ? Sql.first(
                            c,
                            """
                            INSERT INTO ods_instance (id, name, instance_type, connection_string) VALUES (?, ?, ?, ?)
                            ON CONFLICT DO NOTHING RETURNING id""",
                            rs -> rs.getInt(1),
                            Integer.valueOf(year.get()),
                            name,
                            instanceType,
                            connectionString)
                    : Sql.first(c, """
                            INSERT INTO ods_instance (name, instance_type, connection_string) VALUES (?, ?, ?)
                            ON CONFLICT DO NOTHING RETURNING id""", rs -> rs.getInt(1), name, instanceType, connectionString);
            if (id.isPresent() && year.isPresent()) {
                insertContext(c, id.get(), year.get());
            }
            return id;
        });
    }

    /** Replaces an instance's name, type and connection string; false when there is no such instance. */
    public boolean update(int id, String name, String instanceType, String connectionString) {
        return database.call(c -> Sql.update(
                        c,
                        "UPDATE ods_instance SET name = ?, instance_type = ?, connection_string = ? WHERE id = ?",
                        name,
                        instanceType,
                        connectionString,
                        id)
                == 1);
    }

    /** Deletes an instance and its contexts; false when there is no such instance. */
    public boolean delete(int id) {
        return database.call(c -> Sql.update(c, "DELETE FROM ods_instance WHERE id = ?", id) == 1);
    }

    /** Whether an active application names the instance among its {@code odsInstanceIds}. */
    public boolean inUse(int id) {
        return database.call(c ->
                Sql.exists(c, "SELECT 1 FROM api_client WHERE revoked_at IS NULL AND ? = ANY (ods_instance_ids)", id));
    }

    /** The ids among {@code ids} that no instance has. */
    public List<Integer> missing(List<Integer> ids) {
        return database.call(c -> Sql.list(
                c,
                "SELECT i FROM unnest(?::integer[]) i WHERE NOT EXISTS (SELECT 1 FROM ods_instance WHERE id = i)"
                        + " ORDER BY i",
                rs -> rs.getInt(1),
                Sql.array("integer", ids)));
    }

    /** The contexts of one instance, by id. */
    public List<OdsInstanceContext> contextsOf(int instanceId) {
        return database.call(
                c -> Sql.list(c, SELECT_CONTEXT + " WHERE ods_instance_id = ? ORDER BY id", READ_CONTEXT, instanceId));
    }

    /** A page of every instance's contexts. */
    public List<OdsInstanceContext> contexts(ListPage page) {
        return database.call(c -> Conditions.all()
                .page(c, SELECT_CONTEXT, page.sql(CONTEXT_ORDERS, "id"), READ_CONTEXT, page.limit(), page.offset()));
    }

    public Optional<OdsInstanceContext> findContext(int id) {
        return database.call(c -> Sql.first(c, SELECT_CONTEXT + " WHERE id = ?", READ_CONTEXT, id));
    }

    /**
     * Gives an instance its school year (a new context, or its context's new year when {@code contextId} is given);
     * the context's id, or empty when another instance has that year or the instance has a year already.
     */
    public Optional<Integer> putYear(Integer contextId, int instanceId, String year) {
        return database.inTransaction(c -> {
            if (yearTaken(c, year, instanceId)) {
                return Optional.empty();
            }
            if (Sql.exists(
                    c,
                    "SELECT 1 FROM ods_instance_context WHERE ods_instance_id = ? AND id <> ?",
                    instanceId,
                    contextId == null ? 0 : contextId)) {
                return Optional.empty();
            }
            if (contextId == null) {
                return Optional.of(insertContext(c, instanceId, year));
            }
            return Sql.first(c, """
                    UPDATE ods_instance_context SET ods_instance_id = ?, context_value = ? WHERE id = ?
                    RETURNING id""", rs -> rs.getInt(1), instanceId, year, contextId);
        });
    }

    /** Deletes a context; false when there is no such context. */
    public boolean deleteContext(int id) {
        return database.call(c -> Sql.update(c, "DELETE FROM ods_instance_context WHERE id = ?", id) == 1);
    }

    /** The school years some instance has, in order. */
    public List<String> years() {
        return database.call(c -> Sql.list(
                c,
                "SELECT context_value FROM ods_instance_context WHERE context_key = ? ORDER BY context_value",
                rs -> rs.getString(1),
                OdsInstanceContext.SCHOOL_YEAR));
    }

    /** The school years of the instances the client's application names ({@code odsInstanceIds}), in order. */
    public List<String> yearsOf(String clientId) {
        return database.call(c -> Sql.list(c, """
                SELECT DISTINCT x.context_value FROM api_client a
                JOIN ods_instance_context x ON x.ods_instance_id = ANY (a.ods_instance_ids) AND x.context_key = ?
                WHERE a.client_id = ? ORDER BY x.context_value""", rs -> rs.getString(1), OdsInstanceContext.SCHOOL_YEAR, clientId));
    }

    /**
     * The instance of a year served by configuration ({@code HUB_YEARS}), made at start when no instance has the
     * year: its id the year, its name {@code "School year 2026"}, so a grant of {@code odsInstanceIds} [2026] means
     * the year as before instances were kept.
     */
    public void seed(String year) {
        database.inTransaction(c -> {
            if (!yearTaken(c, year, 0)) {
                Sql.update(c, """
                        INSERT INTO ods_instance (id, name, instance_type) VALUES (?, ?, 'YearSpecific')
                        ON CONFLICT DO NOTHING""", Integer.valueOf(year), "School year " + year);
                if (!Sql.exists(
                        c, "SELECT 1 FROM ods_instance_context WHERE ods_instance_id = ?", Integer.valueOf(year))) {
                    insertContext(c, Integer.parseInt(year), year);
                }
            }
            return null;
        });
    }

    private static boolean yearTaken(java.sql.Connection c, String year, int instanceId) throws java.sql.SQLException {
        return Sql.exists(
                c,
                "SELECT 1 FROM ods_instance_context WHERE context_key = ? AND context_value = ? AND ods_instance_id <> ?",
                OdsInstanceContext.SCHOOL_YEAR,
                year,
                instanceId);
    }

    private static int insertContext(java.sql.Connection c, int instanceId, String year) throws java.sql.SQLException {
        return Sql.first(c, """
                        INSERT INTO ods_instance_context (ods_instance_id, context_key, context_value)
                        VALUES (?, ?, ?) RETURNING id""", rs -> rs.getInt(1), instanceId, OdsInstanceContext.SCHOOL_YEAR, year)
                .orElseThrow();
    }
}
