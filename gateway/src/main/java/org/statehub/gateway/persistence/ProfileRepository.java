package org.statehub.gateway.persistence;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.statehub.jdbc.Sql;

/** The {@code profile} and {@code client_profile} tables (V3). */
@Singleton
public class ProfileRepository {

    /** A profile as stored; {@code id} is its number in the Admin API (an application's {@code profileIds}). */
    public record StoredProfile(
            String name, String definition, List<String> resources, Instant updatedAt, Integer id) {}

    private static final String COLUMNS = "name, definition, resources, updated_at, id";

    @Inject
    GatewayDatabase database;

    /** Stores a new profile; false when its name is taken (also by a concurrent request). */
    public boolean insert(StoredProfile p) {
        return database.call(c -> Sql.update(
                        c,
                        "INSERT INTO profile (name_key, name, definition, resources, created_at, updated_at)"
                                + " VALUES (?, ?, ?, ?, clock_timestamp(), clock_timestamp())"
                                + " ON CONFLICT (name_key) DO NOTHING",
                        key(p.name()),
                        p.name(),
                        p.definition(),
                        c.createArrayOf("text", p.resources().toArray())))
                == 1;
    }

    /** Replaces a profile's definition; false when there is none of that name. */
    public boolean replace(StoredProfile profile) {
        return database.call(c -> Sql.update(
                        c,
                        "UPDATE profile SET name = ?, definition = ?, resources = ?, updated_at = clock_timestamp()"
                                + " WHERE name_key = ?",
                        profile.name(),
                        profile.definition(),
                        c.createArrayOf("text", profile.resources().toArray()),
                        key(profile.name())))
                == 1;
    }

    public Optional<StoredProfile> find(String name) {
        return database.call(c -> Sql.first(
                c, "SELECT " + COLUMNS + " FROM profile WHERE name_key = ?", ProfileRepository::read, key(name)));
    }

    /** The profile of this Admin API id. */
    public Optional<StoredProfile> find(int id) {
        return database.call(
                c -> Sql.first(c, "SELECT " + COLUMNS + " FROM profile WHERE id = ?", ProfileRepository::read, id));
    }

    /** What a list of profiles may be ordered by, and the SQL of each. */
    public static final java.util.Map<String, String> ORDERS = java.util.Map.of("id", "id", "name", "name_key");

    /** A page of the profiles of this Admin API id and name (in any case), each when given. */
    public List<StoredProfile> page(Integer id, String name, ListPage page) {
        org.statehub.jdbc.Conditions where = org.statehub.jdbc.Conditions.all()
                .andIfGiven("id = ?", id)
                .andIfGiven("name_key = ?", name == null ? null : key(name));
        return database.call(c -> where.page(
                c,
                "SELECT " + COLUMNS + " FROM profile",
                page.sql(ORDERS, "id"),
                ProfileRepository::read,
                page.limit(),
                page.offset()));
    }

    /** Whether another profile than the one of Admin API id {@code id} has this name (in any case). */
    public boolean nameTaken(String name, int id) {
        return database.call(c -> Sql.exists(c, "SELECT 1 FROM profile WHERE name_key = ? AND id <> ?", key(name), id));
    }

    /**
     * Replaces the profile of Admin API id {@code id}, its name too (a profile assigned to clients keeps its name:
     * the assignments name it); false when there is none of that id.
     */
    public boolean replace(int id, StoredProfile profile) {
        return database.call(c -> Sql.update(
                        c,
                        """
                        UPDATE profile SET name_key = ?, name = ?, definition = ?, resources = ?,
                            updated_at = clock_timestamp()
                        WHERE id = ?""",
                        key(profile.name()),
                        profile.name(),
                        profile.definition(),
                        c.createArrayOf("text", profile.resources().toArray()),
                        id))
                == 1;
    }

    public List<StoredProfile> list() {
        return database.call(
                c -> Sql.list(c, "SELECT " + COLUMNS + " FROM profile ORDER BY name_key", ProfileRepository::read));
    }

    /** The clients the profile is assigned to. */
    public List<String> clientsOf(String name) {
        return database.call(c -> Sql.list(
                c,
                "SELECT client_id FROM client_profile WHERE name_key = ? ORDER BY client_id",
                rs -> rs.getString(1),
                key(name)));
    }

    /** Deletes a profile no client has; false when there is none of that name. */
    public boolean delete(String name) {
        return database.call(c -> Sql.update(c, "DELETE FROM profile WHERE name_key = ?", key(name))) == 1;
    }

    /** The names of the profiles assigned to the client, sorted. */
    public List<String> assignedTo(String clientId) {
        return database.call(c -> Sql.list(
                c,
                "SELECT p.name FROM client_profile cp JOIN profile p ON p.name_key = cp.name_key"
                        + " WHERE cp.client_id = ? ORDER BY p.name_key",
                rs -> rs.getString(1),
                clientId));
    }

    /** The names of the profiles assigned to each client that has any, sorted (one statement for a list). */
    public java.util.Map<String, List<String>> assignments() {
        return byClient("p.name", rs -> rs.getString(2), org.statehub.jdbc.Conditions.all());
    }

    /**
     * The ids of the profiles assigned to each of these clients that has any, in their names' order (the Admin
     * API's view of a page of applications).
     */
    public java.util.Map<String, List<Integer>> assignedIds(List<String> clientIds) {
        return byClient(
                "p.id",
                rs -> rs.getInt(2),
                org.statehub.jdbc.Conditions.where("cp.client_id = ANY (?)", Sql.array("text", clientIds)));
    }

    /** The ids of the profiles assigned to the client, in their names' order. */
    public List<Integer> idsAssignedTo(String clientId) {
        return database.call(c -> Sql.list(c, """
                SELECT p.id FROM client_profile cp JOIN profile p ON p.name_key = cp.name_key
                WHERE cp.client_id = ? ORDER BY p.name_key""", rs -> rs.getInt(1), clientId));
    }

    /** The names of the stored profiles with these ids, by id (an id no profile has is missing). */
    public java.util.Map<Integer, String> namesById(List<Integer> ids) {
        java.util.Map<Integer, String> names = new java.util.HashMap<>();
        database.call(c -> Sql.list(
                        c,
                        "SELECT id, name FROM profile WHERE id = ANY (?)",
                        rs -> java.util.Map.entry(rs.getInt(1), rs.getString(2)),
                        Sql.array("integer", ids)))
                .forEach(e -> names.put(e.getKey(), e.getValue()));
        return names;
    }

    private <T> java.util.Map<String, List<T>> byClient(
            String column, Sql.Row<T> value, org.statehub.jdbc.Conditions where) {
        java.util.Map<String, List<T>> byClient = new java.util.HashMap<>();
        database.call(c -> Sql.list(
                        c,
                        "SELECT cp.client_id, " + column
                                + " FROM client_profile cp JOIN profile p ON p.name_key = cp.name_key" + where.sql()
                                + " ORDER BY cp.client_id, p.name_key",
                        rs -> java.util.Map.entry(rs.getString(1), value.read(rs)),
                        where.values()))
                .forEach(row -> byClient.computeIfAbsent(row.getKey(), k -> new java.util.ArrayList<>())
                        .add(row.getValue()));
        return byClient;
    }

    /** Replaces the profiles assigned to the client (names of stored profiles) in one transaction. */
    public void assign(String clientId, List<String> names) {
        database.inTransaction(c -> {
            Sql.update(c, "DELETE FROM client_profile WHERE client_id = ?", clientId);
            for (String name : names) {
                Sql.update(
                        c,
                        "INSERT INTO client_profile (client_id, name_key) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        clientId,
                        key(name));
            }
            return null;
        });
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static StoredProfile read(ResultSet rs) throws SQLException {
        return new StoredProfile(
                rs.getString(1),
                rs.getString(2),
                Arrays.asList((String[]) rs.getArray(3).getArray()),
                rs.getTimestamp(4).toInstant(),
                rs.getObject(5, Integer.class));
    }
}
