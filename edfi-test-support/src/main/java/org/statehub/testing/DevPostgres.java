package org.statehub.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * A PostgreSQL for running the system on a machine that has none: the embedded binaries, on a fixed port, with
 * its data kept in a directory between runs. Creates the role and database the services use by default
 * ({@code statehub}/{@code statehub}) and the database of the console's Keycloak ({@code keycloak}, owned by the same
 * role), then runs until stopped. Used by {@code run.sh} when no database is
 * configured.
 *
 * <p>Durable: the embedded binaries start PostgreSQL with {@code fsync} and {@code synchronous_commit} off (right
 * for tests, wrong for data anyone keeps), so this server turns {@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} back on; an acknowledged write survives a power cut or an OS crash.
 *
 * <p>Settings: {@code STATEHUB_PG_PORT} (default 15432), {@code STATEHUB_PG_DATA} (default {@code .data/postgres}),
 * {@code STATEHUB_PG_SETTINGS}: further server settings, {@code name=value} separated by spaces, applied after the
 * durable defaults (the benchmarks use it to load {@code pg_stat_statements}).
 */
public final class DevPostgres {

    /** Server settings that make every acknowledged commit durable; later {@code -c} options win over {@code -F}. */
    static final java.util.Map<String, String> DURABLE =
            java.util.Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");

    private DevPostgres() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("STATEHUB_PG_PORT", "15432"));
        Path data = Path.of(System.getenv().getOrDefault("STATEHUB_PG_DATA", ".data/postgres"))
                .toAbsolutePath();
        Files.createDirectories(data);
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder =
                io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .setPort(port)
                        .setDataDirectory(data)
                        .setCleanDataDirectory(false)
                        .setServerConfig("max_connections", "300");
        DURABLE.forEach(builder::setServerConfig);
        for (String setting :
                System.getenv().getOrDefault("STATEHUB_PG_SETTINGS", "").trim().split("\\s+")) {
            int equals = setting.indexOf('=');
            if (equals > 0) {
                builder.setServerConfig(setting.substring(0, equals), setting.substring(equals + 1));
            } else if (!setting.isEmpty()) {
                throw new IllegalArgumentException("STATEHUB_PG_SETTINGS: expected name=value, got " + setting);
            }
        }
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres server = builder.start();
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = 'statehub'")) {
                if (!rs.next()) {
                    s.execute("CREATE ROLE statehub LOGIN PASSWORD 'statehub'");
                }
            }
            // the hub's data, and the console's identity provider's (Keycloak: people, roles, sessions)
            for (String database : java.util.List.of("statehub", "keycloak")) {
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                    if (!rs.next()) {
                        s.execute("CREATE DATABASE " + database + " OWNER statehub");
                    }
                }
            }
        }
        System.out.println(
                "PostgreSQL ready: jdbc:postgresql://localhost:" + port + "/statehub (data in " + data + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // exiting
            }
            stopped.countDown();
        }));
        stopped.await();
    }
}
