package org.statehub.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL: the one configured through {@code QUARKUS_DATASOURCE_JDBC_URL}
 * (with {@code QUARKUS_DATASOURCE_USERNAME}/{@code _PASSWORD}) when set, otherwise a fresh database on an embedded
 * server. No Docker is involved.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "statehub_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        if (System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null) {
            return Map.of();
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", EmbeddedPostgres.freshDatabase(database),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        // the server stops with the JVM; the next suite creates its own database
    }
}
