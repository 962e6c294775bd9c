package org.statehub.edfi.core.config;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import java.util.Arrays;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.statehub.edfi.core.service.NamedOrganizationPaths;

/**
 * Adds {@link NamedOrganizationPaths} (the organization paths of the service's catalog) to the service's Flyway
 * migrations, after edfi-core's own; the school years' schemas get it too, as they are migrated with the service's
 * configuration. A Flyway without edfi-core's migrations is left as it is.
 */
@Singleton
public class NamedOrganizationMigration implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        if (Arrays.stream(configuration.getLocations())
                .anyMatch(location -> location.getPath().equals("db/edfi-core"))) {
            configuration.javaMigrations(new NamedOrganizationPaths());
        }
    }
}
