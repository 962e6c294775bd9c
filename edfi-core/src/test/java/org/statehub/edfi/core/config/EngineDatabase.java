package org.statehub.edfi.core.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL of a test class's own with edfi-core's tables, for tests that build the engine without Quarkus.
 * Registered on a static field ({@code @RegisterExtension}), it is started before the class's {@code @BeforeAll}
 * methods and closed after its tests; fsync is off, as a test's data need not survive a crash.
 */
public final class EngineDatabase implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
        EngineTestSupport.migrate(postgres.getPostgresDatabase());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        postgres.close();
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }
}
