package org.statehub.edfi.core.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.statehub.jdbc.Sql;

/**
 * SQL over {@code reported_value} (V1_6): what each education organization last reported of an item, for
 * resources reported per organization. Every method works on the connection it is given.
 */
public final class ReportStore {

    /**
     * Records what one education organization reported of an item (V1_6); a body equal to its last report changes
     * nothing (so {@code reported_at} says since when the organization has reported it).
     */
    public void report(
            Connection c,
            String resource,
            String naturalKey,
            long educationOrganizationId,
            String clientId,
            String body)
            throws SQLException {
        Sql.update(
                c,
                "INSERT INTO reported_value AS r (resource, natural_key, education_organization_id, client_id, body,"
                        + " change_version, reported_at) VALUES (?, ?, ?, ?::text, ?::jsonb, next_change_version(),"
                        + " clock_timestamp()) ON CONFLICT (resource, natural_key, education_organization_id)"
                        + " DO UPDATE SET client_id = EXCLUDED.client_id, body = EXCLUDED.body,"
                        + " change_version = EXCLUDED.change_version, reported_at = EXCLUDED.reported_at"
                        + " WHERE r.body IS DISTINCT FROM EXCLUDED.body",
                resource,
                naturalKey,
                educationOrganizationId,
                clientId,
                body);
    }

    /** The reports of a deleted item lose their bodies (with a new change version, so followers learn of it). */
    public void withdrawReports(Connection c, String resource, String naturalKey) throws SQLException {
        Sql.update(
                c,
                "UPDATE reported_value SET body = NULL, change_version = next_change_version(),"
                        + " reported_at = clock_timestamp() WHERE resource = ? AND natural_key = ? AND body IS NOT NULL",
                resource,
                naturalKey);
    }

    /**
     * Reports in a window of change versions, oldest first, as {@code {naturalKey, educationOrganizationId,
     * clientId, reportedAt, changeVersion, values}} JSON ({@code values} null once the item was deleted); only
     * those of {@code organizations} when it is not null.
     */
    public List<String> reports(
            Connection c, String resource, Long min, Long max, long offset, int limit, Long[] organizations)
            throws SQLException {
        Array orgs = Sql.array(c, "bigint", organizations);
        return Sql.list(
                c,
                "SELECT json_build_object('naturalKey', r.natural_key::jsonb, 'educationOrganizationId',"
                        + " r.education_organization_id, 'clientId', r.client_id, 'reportedAt', r.reported_at,"
                        + " 'changeVersion', r.change_version, 'values', r.body)::text FROM reported_value r"
                        + " WHERE r.resource = ? AND r.change_version >= ? AND r.change_version <= ?"
                        + " AND (?::bigint[] IS NULL OR r.education_organization_id = ANY(?::bigint[]))"
                        + " ORDER BY r.change_version LIMIT ? OFFSET ?",
                rs -> rs.getString(1),
                resource,
                min == null ? 0L : min,
                max == null ? Long.MAX_VALUE : max,
                orgs,
                orgs,
                limit,
                offset);
    }
}
