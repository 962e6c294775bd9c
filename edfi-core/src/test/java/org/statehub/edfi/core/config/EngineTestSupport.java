package org.statehub.edfi.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.statehub.edfi.core.service.RemoteReferences;

/** Access to package-private engine parts for tests that build the engine without Quarkus. */
public final class EngineTestSupport {

    /** edfi-core's migrations, in order (what Flyway applies in a service). */
    private static final List<String> MIGRATIONS = List.of(
            "V1_0__document_store.sql",
            "V1_1__seed_load.sql",
            "V1_2__replication.sql",
            "V1_3__access_audit.sql",
            "V1_4__relationship_authorization.sql",
            "V1_5__change_version_checkpoints.sql",
            "V1_6__reported_values.sql",
            "V1_7__change_record_audience.sql",
            "V1_8__education_organization_hierarchy.sql",
            "V1_9__education_organization_ancestors.sql",
            "V1_10__reach_from_ancestors.sql",
            "V1_11__claimed_organizations.sql",
            "V1_12__named_organizations.sql");

    private EngineTestSupport() {}

    public static RemoteReferences noRemoteReferences() {
        return new NoRemoteReferences();
    }

    /** Answers a stand-in service's request with a JSON body. */
    public static void answerJson(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /**
     * Answers a stand-in source service's request as a client without a checkpoint sees it: its change queries
     * ({@code availableChangeVersions} from 0 to {@code newest}, {@code changedResources} naming {@code changed}),
     * any other path with 200 and the body {@code items} gives for the path, or 404 {@code {}} when it gives null.
     */
    public static void answerAsSource(
            com.sun.net.httpserver.HttpExchange exchange,
            long newest,
            List<String> changed,
            java.util.function.Function<String, String> items)
            throws IOException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/changeQueries/v1/availableChangeVersions" ->
                answerJson(exchange, 200, "{\"oldestChangeVersion\": 0, \"newestChangeVersion\": " + newest + "}");
            case "/changeQueries/v1/changedResources" ->
                answerJson(exchange, 200, "[\"" + String.join("\", \"", changed) + "\"]");
            default -> {
                String body = items.apply(path);
                answerJson(exchange, body == null ? 404 : 200, body == null ? "{}" : body);
            }
        }
    }

    /** Creates edfi-core's tables in the database's default schema, the catalog's organization paths last. */
    public static void migrate(DataSource dataSource) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String migration : MIGRATIONS) {
                try (InputStream in = EngineTestSupport.class.getResourceAsStream("/db/edfi-core/" + migration)) {
                    s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            s.execute(new org.statehub.edfi.core.service.NamedOrganizationPaths().sql());
        }
    }
}
