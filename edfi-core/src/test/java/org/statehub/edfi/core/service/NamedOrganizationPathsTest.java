package org.statehub.edfi.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.statehub.edfi.core.config.EngineDatabase;

/**
 * V1_12's named organizations read at the paths of the catalog ({@link NamedOrganizationPaths}): an extension
 * project's resource secured by its school, added to a database that holds its items already, has their schools
 * named by the migration and every later item's by the trigger; a resource the catalog does not secure names none.
 */
class NamedOrganizationPathsTest {

    @RegisterExtension
    static final EngineDatabase DATABASE = new EngineDatabase();

    private static final String ACCREDITATIONS = "state/schoolAccreditations";

    @Test
    void anExtensionResourcesSchoolIsNamedOnceTheCatalogSecuresIt() throws Exception {
        try (Connection c = DATABASE.dataSource().getConnection();
                var s = c.createStatement()) {
            replicaItem(c, ACCREDITATIONS, 77001);
            assertThat(named(c, "77001")).as("not secured yet").isFalse();

            Map<String, List<String>> paths = new LinkedHashMap<>(Relationships.organizationPaths());
            paths.put(ACCREDITATIONS, List.of("{schoolReference,schoolId}"));
            NamedOrganizationPaths withProject = new NamedOrganizationPaths(paths);
            s.execute(withProject.sql());

            assertThat(named(c, "77001"))
                    .as("held before the project was added")
                    .isTrue();
            replicaItem(c, ACCREDITATIONS, 77002);
            replicaItem(c, "state/schoolVisits", 77003);
            assertThat(named(c, "77002")).as("written after").isTrue();
            assertThat(named(c, "77003"))
                    .as("a resource the catalog does not secure")
                    .isFalse();
            // the core's paths are still read
            replicaItem(c, "sessions", 77004);
            assertThat(named(c, "77004")).isTrue();
            // run again exactly when the paths change
            assertThat(withProject.getChecksum())
                    .isEqualTo(new NamedOrganizationPaths(paths).getChecksum())
                    .isNotEqualTo(new NamedOrganizationPaths().getChecksum());
            assertThat(withProject.getVersion()).as("repeatable").isNull();
        }
    }

    private static void replicaItem(Connection c, String resource, long school) throws Exception {
        try (var ps = c.prepareStatement("INSERT INTO replica_item (resource, id, natural_key, body, change_version)"
                + " VALUES (?, ?, ?, ?::jsonb, 1)")) {
            ps.setString(1, resource);
            ps.setObject(2, UUID.randomUUID());
            ps.setString(3, "[" + school + "]");
            ps.setString(4, "{\"schoolReference\": {\"schoolId\": " + school + "}}");
            ps.executeUpdate();
        }
    }

    private static boolean named(Connection c, String organization) throws Exception {
        try (var ps = c.prepareStatement(
                "SELECT count(*) FROM auth_named_organization WHERE education_organization_id = ?")) {
            ps.setString(1, organization);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }
}
