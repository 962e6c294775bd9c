package org.statehub.gateway.persistence;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.jdbc.Rows;
import org.statehub.jdbc.Sql;

/**
 * The Admin API's applications: the active rows of {@code api_client} (V4's {@code application_id},
 * {@code vendor_id}, {@code ods_instance_ids} and {@code enabled} beside what {@link ClientRepository} keeps).
 */
@Singleton
@RequiredArgsConstructor
public class ApplicationRepository {

    private static final String SELECT =
            "SELECT application_id, vendor_id, ods_instance_ids, " + ClientRepository.COLUMNS + " FROM api_client";
    private static final String ACTIVE = " WHERE revoked_at IS NULL";
    private static final Sql.Row<Application> READ = Rows.of(Application.class);

    private final GatewayDatabase database;

    /** What a list of applications may be ordered by, and the SQL of each (text in code-point order, as Java's). */
    public static final java.util.Map<String, String> ORDERS = java.util.Map.of(
            "id", "application_id",
            "applicationName", "lower(display_name) COLLATE \"C\"",
            "claimSetName", "claim_set COLLATE \"C\"",
            "vendorId", "vendor_id");

    /**
     * The Admin API's filters of applications, each when given: the id, any of the ids, the name and the claim set
     * in any case.
     */
    public record Filter(Integer id, List<Integer> ids, String applicationName, String claimSetName) {}

    /** A page of the applications the filter lets through. */
    public List<Application> page(Filter filter, ListPage page) {
        org.statehub.jdbc.Conditions where = org.statehub.jdbc.Conditions.where("revoked_at IS NULL")
                .andIfGiven("application_id = ?", filter.id())
                .andIf(!filter.ids().isEmpty(), "application_id = ANY (?)", Sql.array("integer", filter.ids()))
                .andIfGiven("lower(display_name) = lower(?)", filter.applicationName())
                .andIfGiven("lower(claim_set) = lower(?)", filter.claimSetName());
        return database.call(
                c -> where.page(c, SELECT, page.sql(ORDERS, "application_id"), READ, page.limit(), page.offset()));
    }

    /** The vendor's applications, by id. */
    public List<Application> ofVendor(int vendorId) {
        return database.call(
                c -> Sql.list(c, SELECT + ACTIVE + " AND vendor_id = ? ORDER BY application_id", READ, vendorId));
    }

    /** The applications that name the ODS instance among their {@code odsInstanceIds}, by id. */
    public List<Application> ofInstance(int instanceId) {
        return database.call(c -> Sql.list(
                c, SELECT + ACTIVE + " AND ? = ANY (ods_instance_ids) ORDER BY application_id", READ, instanceId));
    }

    public Optional<Application> find(int id) {
        return database.call(c -> Sql.first(c, SELECT + ACTIVE + " AND application_id = ?", READ, id));
    }

    /**
     * The ODS instance ids of the client's row, each a school year it is granted (docs/decisions/0020, part 5);
     * empty for a client that has none or does not exist.
     */
    public List<Integer> odsInstanceIds(String clientId) {
        return database.call(c -> Sql.first(
                        c,
                        "SELECT ods_instance_ids FROM api_client WHERE client_id = ?",
                        rs -> List.of((Integer[]) rs.getArray(1).getArray()),
                        clientId)
                .orElse(List.of()));
    }

    /** Stores the client of a new application of the vendor; its application id. */
    public int insert(ApiClient client, int vendorId, List<Integer> odsInstanceIds) {
        return database.call(c -> {
            Object[] columns = ClientRepository.columns(c, client);
            Object[] parameters = java.util.Arrays.copyOf(columns, columns.length + 2);
            parameters[columns.length] = vendorId;
            parameters[columns.length + 1] = Sql.array("integer", odsInstanceIds);
            return Sql.first(
                            c,
                            "INSERT INTO api_client (" + ClientRepository.COLUMNS + ", vendor_id, ods_instance_ids)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?, ?, ?) RETURNING application_id",
                            rs -> rs.getInt(1),
                            parameters)
                    .orElseThrow();
        });
    }

    /** Replaces what the Admin API says of an active application; false when there is none of that id. */
    public boolean update(Application application) {
        ApiClient client = application.client();
        return database.call(c -> Sql.update(
                        c,
                        """
                        UPDATE api_client SET display_name = ?, vendor_id = ?, claim_set = ?,
                            education_organization_ids = ?, namespace_prefixes = ?, ods_instance_ids = ?, enabled = ?
                        WHERE application_id = ? AND revoked_at IS NULL""",
                        client.displayName(),
                        application.vendorId(),
                        client.claimSet(),
                        Sql.array("bigint", client.educationOrganizationIds()),
                        Sql.array("text", client.namespacePrefixes()),
                        Sql.array("integer", application.odsInstanceIds()),
                        client.enabled(),
                        application.id()))
                == 1;
    }

    /** Whether an active application of the vendor other than {@code id} has this name. */
    public boolean nameTaken(int vendorId, String name, int id) {
        return database.call(c -> Sql.exists(c, """
                SELECT 1 FROM api_client
                WHERE vendor_id = ? AND display_name = ? AND application_id <> ? AND revoked_at IS NULL""", vendorId, name, id));
    }
}
