package org.statehub.gateway.persistence;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.jdbc.Conditions;
import org.statehub.jdbc.Rows;
import org.statehub.jdbc.Sql;

/** The {@code ods_instance_derivative} table (V7): the Admin API's read replicas and snapshots of ODS instances. */
@Singleton
@RequiredArgsConstructor
public class OdsInstanceDerivativeRepository {

    private static final String SELECT = "SELECT id, ods_instance_id, derivative_type FROM ods_instance_derivative";
    private static final Sql.Row<OdsInstanceDerivative> READ = Rows.of(OdsInstanceDerivative.class);

    /** What a list of derivatives may be ordered by, and the SQL of each. */
    public static final Map<String, String> ORDERS = Map.of(
            "id", "id",
            "odsInstanceId", "ods_instance_id",
            "derivativeType", "lower(derivative_type) COLLATE \"C\"");

    private final GatewayDatabase database;

    /** A page of every derivative. */
    public List<OdsInstanceDerivative> page(ListPage page) {
        return database.call(
                c -> Conditions.all().page(c, SELECT, page.sql(ORDERS, "id"), READ, page.limit(), page.offset()));
    }

    public Optional<OdsInstanceDerivative> find(int id) {
        return database.call(c -> Sql.first(c, SELECT + " WHERE id = ?", READ, id));
    }

    /** The derivatives of one instance, by id. */
    public List<OdsInstanceDerivative> ofInstance(int instanceId) {
        return database.call(c -> Sql.list(c, SELECT + " WHERE ods_instance_id = ? ORDER BY id", READ, instanceId));
    }

    /** Whether a derivative other than {@code id} of the instance has this type (in any case). */
    public boolean typeTaken(int instanceId, String type, int id) {
        return database.call(c -> Sql.exists(
                c,
                "SELECT 1 FROM ods_instance_derivative WHERE ods_instance_id = ? AND lower(derivative_type) = lower(?)"
                        + " AND id <> ?",
                instanceId,
                type,
                id));
    }

    /** Stores a new derivative; its id, or empty when the instance has one of the type (also by a concurrent request). */
    public Optional<Integer> insert(int instanceId, String type, String connectionString) {
        return database.call(c -> Sql.first(c, """
                INSERT INTO ods_instance_derivative (ods_instance_id, derivative_type, connection_string)
                VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING id""", rs -> rs.getInt(1), instanceId, type, connectionString));
    }

    /**
     * Replaces a derivative's instance and type, and its connection string when one is given (null keeps it); false
     * when there is no such derivative.
     */
    public boolean update(int id, int instanceId, String type, String connectionString) {
        return database.call(c -> Sql.update(c, """
                        UPDATE ods_instance_derivative SET ods_instance_id = ?, derivative_type = ?,
                            connection_string = coalesce(?, connection_string)
                        WHERE id = ?""", instanceId, type, connectionString, id) == 1);
    }

    /** Deletes a derivative; false when there is no such derivative. */
    public boolean delete(int id) {
        return database.call(c -> Sql.update(c, "DELETE FROM ods_instance_derivative WHERE id = ?", id) == 1);
    }
}
