package org.statehub.system;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;

/** One packaged service (its {@code quarkus-run.jar}) as a separate JVM process on a port of its own. */
@RequiredArgsConstructor
final class ServiceProcess {

    private final String module;
    private final Map<String, String> environment;
    private final int port;
    private Process process;

    ServiceProcess(String module, Map<String, String> environment) {
        this(module, environment, freePort());
    }

    /** Ports handed out in this JVM: the kernel may offer a port again once its probe socket is closed. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port free now and not handed out before in this run. (Seen: two services of one test given the same port;
     * the second could not bind, the first answered its readiness probe, and the gateway routed to itself.)
     */
    static int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "http://localhost:" + port;
    }

    /** A request to the service without a token. */
    io.restassured.specification.RequestSpecification withoutToken() {
        return io.restassured.RestAssured.given().auth().none().baseUri(url());
    }

    /** Stops each process that was started, in this order (any may be null: not started). */
    static void stopAll(ServiceProcess... processes) throws InterruptedException {
        for (ServiceProcess process : processes) {
            if (process != null) {
                process.stop();
            }
        }
    }

    void start() throws Exception {
        Path root = Path.of(System.getProperty("statehub.root", ".."));
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Not packaged: " + jar + " (run the build from the project root)");
        }
        Path logs = Path.of(System.getProperty("statehub.logs", "target/it-logs"));
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xmx512m",
                "-Dquarkus.http.port=" + port,
                "-jar",
                jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(new File(logs.toFile(), module + ".log")));
        process = builder.start();
        waitUntilReady();
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    /** Kills the process at once (no shutdown hooks): a crash. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    private void waitUntilReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited during start; see its log under target/it-logs");
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(module + " did not become ready in 90 s");
    }
}
