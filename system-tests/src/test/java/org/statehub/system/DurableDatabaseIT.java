package org.statehub.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL that {@code ./run.sh} starts when no database is named ({@code DevPostgres}, started the same way:
 * its own JVM, a data directory, a port) keeps acknowledged writes through a power cut: {@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} are on, although the embedded binaries turn the first two
 * off by default.
 */
class DurableDatabaseIT {

    @Test
    void theDatabaseRunShStartsIsDurable() throws Exception {
        int port = ServiceProcess.freePort();
        Path data = Files.createTempDirectory("durable-pg");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.statehub.testing.DevPostgres")
                .redirectErrorStream(true);
        builder.environment().put("STATEHUB_PG_PORT", String.valueOf(port));
        builder.environment().put("STATEHUB_PG_DATA", data.toString());
        builder.environment().remove("STATEHUB_PG_SETTINGS");
        Process postgres = builder.start();
        try {
            CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(postgres.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.contains("PostgreSQL ready")) {
                            return true;
                        }
                    }
                    return false;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            assertThat(ready.get(120, TimeUnit.SECONDS))
                    .as("DevPostgres printed 'PostgreSQL ready'")
                    .isTrue();
            try (Connection c = DriverManager.getConnection(
                            "jdbc:postgresql://localhost:" + port + "/statehub", "statehub", "statehub");
                    Statement s = c.createStatement()) {
                for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                    try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                        rs.next();
                        assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                    }
                }
            }
        } finally {
            postgres.destroy();
            if (!postgres.waitFor(30, TimeUnit.SECONDS)) {
                postgres.destroyForcibly();
            }
        }
    }
}
