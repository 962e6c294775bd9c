package org.statehub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ClientDirectory} against a real local HTTP server standing in for the gateway's directory: entries and
 * profile definitions are kept while fresh, then revalidated with their ETag (decision 0009), and what was last
 * read holds while the directory cannot be reached.
 */
class ClientDirectoryTest {

    private HttpServer server;
    /** What the stand-in answers, by path: the body and its ETag. */
    private final Map<String, String[]> documents = new ConcurrentHashMap<>();
    /** Each request's path and If-None-Match. */
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/v1/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getRawPath();
                String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
                seen.add(path + " " + ifNoneMatch);
                String[] document = documents.get(path);
                if (document == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("ETag", document[1]);
                if (document[1].equals(ifNoneMatch)) {
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                byte[] body = document[0].getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private ClientDirectory directory(Duration fresh) {
        ClientDirectory directory = new ClientDirectory();
        directory.url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        directory.fresh = fresh;
        directory.timeout = Duration.ofSeconds(2);
        directory.tokenUrl = "http://127.0.0.1:1/oauth/token";
        directory.clientId = Optional.empty();
        directory.clientSecret = Optional.empty();
        directory.mapper = new ObjectMapper();
        directory.start();
        return directory;
    }

    @Test
    void aClientsProfilesAndAProfilesDefinitionAreKeptWhileFreshThenRevalidatedByETag() {
        documents.put("/internal/v1/clients/vendor-1", new String[] {
            "{\"clientId\":\"vendor-1\",\"active\":true,\"educationOrganizationIds\":[255901],"
                    + "\"profiles\":[\"Schools-Only\",\"Students-Only\"]}",
            "\"c1\""
        });
        documents.put(
                "/internal/v1/profiles/Schools-Only", new String[] {"<Profile name=\"Schools-Only\"/>", "\"p1\""});
        ClientDirectory kept = directory(Duration.ofMinutes(5));

        assertThat(kept.profiles("vendor-1")).containsExactly("Schools-Only", "Students-Only");
        assertThat(kept.organizations("vendor-1")).isEqualTo(Set.of(255901L));
        assertThat(kept.profile("Schools-Only")).contains("<Profile name=\"Schools-Only\"/>");
        assertThat(kept.profile("Schools-Only")).contains("<Profile name=\"Schools-Only\"/>");
        assertThat(kept.profile("No-Such")).isEmpty();
        // one request each while fresh (the entry read once serves both organizations and profiles)
        assertThat(seen)
                .containsExactly(
                        "/internal/v1/clients/vendor-1 null",
                        "/internal/v1/profiles/Schools-Only null",
                        "/internal/v1/profiles/No-Such null");

        seen.clear();
        ClientDirectory revalidating = directory(Duration.ZERO);
        assertThat(revalidating.profile("Schools-Only")).contains("<Profile name=\"Schools-Only\"/>");
        assertThat(revalidating.profile("Schools-Only")).contains("<Profile name=\"Schools-Only\"/>");
        documents.put(
                "/internal/v1/profiles/Schools-Only",
                new String[] {"<Profile name=\"Schools-Only\">2</Profile>", "\"p2\""});
        assertThat(revalidating.profile("Schools-Only")).contains("<Profile name=\"Schools-Only\">2</Profile>");
        assertThat(seen)
                .containsExactly(
                        "/internal/v1/profiles/Schools-Only null",
                        "/internal/v1/profiles/Schools-Only \"p1\"",
                        "/internal/v1/profiles/Schools-Only \"p1\"");

        documents.put("/internal/v1/clients/vendor-1", new String[] {
            "{\"clientId\":\"vendor-1\",\"active\":false,\"educationOrganizationIds\":[],\"profiles\":[]}", "\"c2\""
        });
        assertThat(revalidating.profiles("vendor-1")).isEmpty();
        documents.remove("/internal/v1/profiles/Schools-Only");
        assertThat(revalidating.profile("Schools-Only")).isEmpty();
    }

    @Test
    void whatWasLastReadHoldsWhileTheDirectoryCannotBeReached() {
        documents.put("/internal/v1/profiles/Kept", new String[] {"<Profile name=\"Kept\"/>", "\"k\""});
        ClientDirectory directory = directory(Duration.ZERO);
        assertThat(directory.profile("Kept")).contains("<Profile name=\"Kept\"/>");

        server.stop(0);
        server = null;
        assertThat(directory.profile("Kept")).contains("<Profile name=\"Kept\"/>");
        assertThatThrownBy(() -> directory.profile("Never-Read"))
                .isInstanceOf(ClientDirectory.UnavailableException.class);
        assertThatThrownBy(() -> directory.profiles("never-read"))
                .isInstanceOf(ClientDirectory.UnavailableException.class);
    }
}
