package org.statehub.gateway.persistence;

import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.jdbc.Conditions;
import org.statehub.jdbc.Rows;
import org.statehub.jdbc.Sql;

/**
 * The {@code claim_set} table (V5): each claim set's name, whether it is system reserved, and its resource claims
 * (the Admin API's claim-set entries kept flat, as JSON text), and which active clients name it.
 */
@Singleton
@RequiredArgsConstructor
public class ClaimSetRepository {

    /** A claim set as stored; {@code resourceClaims} is the JSON array of its entries. */
    public record StoredClaimSet(int id, String name, boolean systemReserved, String resourceClaims) {}

    private static final String SELECT = "SELECT id, name, system_reserved, resource_claims::text FROM claim_set";
    private static final Sql.Row<StoredClaimSet> READ = Rows.of(StoredClaimSet.class);

    private final GatewayDatabase database;

    /** What a list of claim sets may be ordered by, and the SQL of each. */
    public static final Map<String, String> ORDERS = Map.of("id", "id", "name", "lower(name)");

    /** A page of the claim sets of this id and name (in any case), each when given. */
    public List<StoredClaimSet> page(Integer id, String name, ListPage page) {
        Conditions where = Conditions.all().andIfGiven("id = ?", id).andIfGiven("lower(name) = lower(?)", name);
        return database.call(c -> where.page(c, SELECT, page.sql(ORDERS, "id"), READ, page.limit(), page.offset()));
    }

    public Optional<StoredClaimSet> find(int id) {
        return database.call(c -> Sql.first(c, SELECT + " WHERE id = ?", READ, id));
    }

    /** The claim set of this name, compared without regard to case. */
    public Optional<StoredClaimSet> find(String name) {
        return database.call(c -> Sql.first(c, SELECT + " WHERE lower(name) = lower(?)", READ, name));
    }

    /** Stores a new claim set and gives its id; empty when its name is taken (also by a concurrent request). */
    public Optional<Integer> insert(String name, String resourceClaims) {
        return database.call(c -> Sql.first(c, """
                INSERT INTO claim_set (name, resource_claims) VALUES (?, ?::jsonb)
                ON CONFLICT ((lower(name))) DO NOTHING RETURNING id""", rs -> rs.getInt(1), name, resourceClaims));
    }

    /**
     * Stores a claim set the contract ships, system reserved: a new one, or the new grants of a reserved one of that
     * name (an administrator cannot change those, so what ships is all they are); a state's own claim set of that
     * name is left as it is. True when a row was written.
     */
    public boolean seed(String name, String resourceClaims) {
        return database.call(c -> Sql.update(c, """
                INSERT INTO claim_set (name, system_reserved, resource_claims) VALUES (?, TRUE, ?::jsonb)
                ON CONFLICT ((lower(name))) DO UPDATE
                    SET resource_claims = EXCLUDED.resource_claims, updated_at = clock_timestamp()
                    WHERE claim_set.system_reserved AND claim_set.resource_claims <> EXCLUDED.resource_claims""", name, resourceClaims)) == 1;
    }

    /** Whether another claim set than {@code id} has this name (without regard to case). */
    public boolean nameTaken(String name, int id) {
        return database.call(
                c -> Sql.exists(c, "SELECT 1 FROM claim_set WHERE lower(name) = lower(?) AND id <> ?", name, id));
    }

    /** Renames a claim set; false when there is none of that id. */
    public boolean rename(int id, String name) {
        return database.call(c -> Sql.update(
                        c, "UPDATE claim_set SET name = ?, updated_at = clock_timestamp() WHERE id = ?", name, id))
                == 1;
    }

    /** Replaces a claim set's resource claims; false when there is none of that id. */
    public boolean replaceResourceClaims(int id, String resourceClaims) {
        return database.call(c -> Sql.update(c, """
                        UPDATE claim_set SET resource_claims = ?::jsonb, updated_at = clock_timestamp()
                        WHERE id = ?""", resourceClaims, id)) == 1;
    }

    /** Deletes a claim set; false when there is none of that id. */
    public boolean delete(int id) {
        return database.call(c -> Sql.update(c, "DELETE FROM claim_set WHERE id = ?", id)) == 1;
    }

    /** The names of the active clients (the Admin API's applications) of each of these claim sets, by the name given. */
    public Map<String, List<String>> applications(List<String> claimSets) {
        Map<String, List<String>> byClaimSet = new HashMap<>();
        database.call(c -> Sql.list(
                        c, """
                        SELECT n.name, a.display_name FROM unnest(?) AS n (name)
                        JOIN api_client a ON lower(a.claim_set) = lower(n.name) AND a.revoked_at IS NULL
                        ORDER BY a.display_name, a.client_id""", rs -> Map.entry(rs.getString(1), rs.getString(2)), Sql.array("text", claimSets)))
                .forEach(row -> byClaimSet
                        .computeIfAbsent(row.getKey(), k -> new java.util.ArrayList<>())
                        .add(row.getValue()));
        return byClaimSet;
    }

    /** The names of the active clients of the claim set. */
    public List<String> applications(String claimSet) {
        return applications(List.of(claimSet)).getOrDefault(claimSet, List.of());
    }
}
