package org.statehub.edfi.core.service;

import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * V1_12's named organizations read at the paths of the service's catalog (docs/decisions/0021; 0020, part 3): a
 * repeatable migration, run by Flyway after the versioned ones whenever the paths change (its checksum is its SQL),
 * that replaces {@code auth_named_organizations} with one reading every path at which a resource authorized by
 * organization names its organizations (the core's and an extension project's own resources), makes the triggers on
 * {@code document} and {@code replica_item} fire for exactly those resources, and adds the ids the items held
 * already name (an extension project loaded into a database that holds its items). So nothing in SQL lists
 * resources or paths by hand, and a resource an extension project secures by its school is cut down like the core's.
 */
public final class NamedOrganizationPaths implements JavaMigration {

    private final String sql;

    /** The migration for the paths of {@link Relationships#organizationPaths()}: the service's catalog. */
    public NamedOrganizationPaths() {
        this(Relationships.organizationPaths());
    }

    /** The migration for {@code paths}: PostgreSQL paths ({@code {schoolReference,schoolId}}) by resource key. */
    public NamedOrganizationPaths(Map<String, List<String>> paths) {
        this.sql = sql(paths);
    }

    /** The statements the migration runs (also run by tests that build the engine without Flyway). */
    public String sql() {
        return sql;
    }

    private static String sql(Map<String, List<String>> paths) {
        TreeSet<String> distinct = new TreeSet<>();
        paths.values().forEach(distinct::addAll);
        String values = distinct.isEmpty()
                ? "(NULL::text)"
                : String.join(
                        ",\n        ",
                        distinct.stream()
                                .map(p -> "(body #>> " + literal(p) + ")")
                                .toList());
        String resources = paths.isEmpty()
                ? "NULL"
                : String.join(
                        ", ",
                        paths.keySet().stream()
                                .map(NamedOrganizationPaths::literal)
                                .toList());
        StringBuilder sql = new StringBuilder();
        sql.append("CREATE OR REPLACE FUNCTION auth_named_organizations(body JSONB)"
                + " RETURNS TABLE (education_organization_id TEXT)\n"
                + "    LANGUAGE sql IMMUTABLE AS $$\n"
                + "    SELECT id FROM (VALUES\n        " + values + ") named(id)\n"
                + "     WHERE id IS NOT NULL\n$$;\n");
        for (String table : List.of("document", "replica_item")) {
            sql.append("DROP TRIGGER IF EXISTS ")
                    .append(table)
                    .append("_named_organization ON ")
                    .append(table)
                    .append(";\n");
            sql.append("CREATE TRIGGER ")
                    .append(table)
                    .append("_named_organization AFTER INSERT OR UPDATE OF body ON ")
                    .append(table)
                    .append(" FOR EACH ROW WHEN (NEW.resource IN (")
                    .append(resources)
                    .append(")) EXECUTE FUNCTION auth_named_organization_written();\n");
        }
        sql.append("INSERT INTO auth_named_organization (education_organization_id)\n"
                + "SELECT n.education_organization_id FROM document d, auth_named_organizations(d.body) n"
                + " WHERE d.resource IN (" + resources + ")\n"
                + "UNION\n"
                + "SELECT n.education_organization_id FROM replica_item r, auth_named_organizations(r.body) n"
                + " WHERE r.resource IN (" + resources + ")\n"
                + "UNION\n"
                + "SELECT n.education_organization_id FROM deleted_document t, auth_named_organizations(t.body) n"
                + " WHERE t.body IS NOT NULL AND t.resource IN (" + resources + ")\n"
                + "ON CONFLICT DO NOTHING;\n");
        return sql.toString();
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    public MigrationVersion getVersion() {
        return null; // repeatable
    }

    @Override
    public String getDescription() {
        return "named organization paths of the catalog";
    }

    @Override
    public Integer getChecksum() {
        return sql.hashCode();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(sql);
        }
    }
}
