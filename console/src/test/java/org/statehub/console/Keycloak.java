package org.statehub.console;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Keycloak for the console's tests: the distribution Maven unpacked into {@code target/keycloak} (the
 * {@code keycloak.home} property), started as its own process in development mode on free ports, with the realm the
 * hub ships ({@code console/keycloak/statehub-realm.json}) imported at start with generated passwords. Every test
 * class that uses it gets a Keycloak of its own, stopped afterwards.
 */
public class Keycloak implements QuarkusTestResourceLifecycleManager {

    /** The realm's users and their passwords, generated for this run. */
    public static final Map<String, String> PASSWORDS = new HashMap<>();

    /** The LEA of the realm's LEA data manager. */
    public static final String LEA = "255901";

    /** Where Keycloak answers, once started. */
    public static String url;

    private static final SecureRandom RANDOM = new SecureRandom();
    private Process process;

    @Override
    public Map<String, String> start() {
        Path home = Path.of(System.getProperty("keycloak.home"));
        Path realm = Path.of(System.getProperty("keycloak.realm"));
        try {
            int port = freePort();
            int management = freePort();
            int console = freePort();
            url = "http://localhost:" + port;
            Path data = home.resolve("data");
            deleteTree(data);
            Files.createDirectories(data.resolve("import"));
            Files.copy(realm, data.resolve("import/statehub-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            String secret = secret();
            for (String user : List.of("stateadmin", "leamanager", "reader")) {
                PASSWORDS.put(user, secret());
            }
            ProcessBuilder builder = new ProcessBuilder(
                            home.resolve("bin/kc.sh").toString(),
                            "start-dev",
                            "--http-port=" + port,
                            "--http-management-port=" + management,
                            "--health-enabled=true",
                            "--import-realm")
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("keycloak.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("CONSOLE_URL", "http://localhost:" + console);
            env.put("CONSOLE_OIDC_SECRET", secret);
            env.put("CONSOLE_STATE_ADMIN_PASSWORD", PASSWORDS.get("stateadmin"));
            env.put("CONSOLE_LEA_MANAGER_PASSWORD", PASSWORDS.get("leamanager"));
            env.put("CONSOLE_READER_PASSWORD", PASSWORDS.get("reader"));
            env.put("CONSOLE_LEA_ID", LEA);
            process = builder.start();
            awaitReady(URI.create("http://localhost:" + management + "/health/ready"), home.resolve("keycloak.log"));
            return Map.of(
                    "quarkus.oidc.auth-server-url",
                    url + "/realms/statehub",
                    "quarkus.oidc.credentials.secret",
                    secret,
                    "quarkus.http.test-port",
                    String.valueOf(console));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }

    private void awaitReady(URI ready, Path log) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped at start; its log: " + log);
            }
            try {
                HttpResponse<Void> answer =
                        http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException("Keycloak was not ready within 4 minutes; its log: " + log);
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
