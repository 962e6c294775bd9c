package org.statehub.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * This service's own access token for calls to other services, by OAuth 2 client credentials at the token
 * endpoint; kept until a minute before it expires, or until a call is refused.
 */
public final class ClientCredentials {

    private final String tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private final Duration timeout;
    private String token;
    private long renewAt;

    public ClientCredentials(
            String tokenUrl, String clientId, String clientSecret, ObjectMapper mapper, Duration timeout) {
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.mapper = mapper;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The current token (fetching one when needed), or empty when no credentials are configured. */
    public synchronized Optional<String> token() throws IOException {
        if (clientId == null || clientId.isBlank()) {
            return Optional.empty();
        }
        if (token != null && System.nanoTime() < renewAt) {
            return Optional.of(token);
        }
        String basic =
                Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl))
                .timeout(timeout)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while asking " + tokenUrl + " for a token", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("The token endpoint " + tokenUrl + " answered " + response.statusCode());
        }
        JsonNode body = mapper.readTree(response.body());
        token = body.path("access_token").asText();
        long lifetime = Math.max(60, body.path("expires_in").asLong(1800));
        renewAt = System.nanoTime() + Duration.ofSeconds(lifetime - 60).toNanos();
        return Optional.of(token);
    }

    /** Forgets the token (after a 401), so the next call fetches a new one. */
    public synchronized void invalidate() {
        token = null;
    }
}
