package org.statehub.http.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one cache of access tokens the hub's services call with: one OAuth 2 client-credentials token per
 * {@link Credentials}, fetched when first needed, kept until a minute before it expires and dropped when a call is
 * answered 401 (revoked, or the issuer's key changed). {@link #shared()} is the process's cache, so every client of
 * a service that calls as the same client shares one token.
 */
public final class TokenCache {

    private static final TokenCache SHARED = new TokenCache();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long RENEW_BEFORE_NANOS = Duration.ofSeconds(60).toNanos();

    private record Token(String value, long renewAt) {}

    private final Map<Credentials, Token> tokens = new ConcurrentHashMap<>();
    private final Map<Credentials, Object> locks = new ConcurrentHashMap<>();

    /** The process's cache. */
    public static TokenCache shared() {
        return SHARED;
    }

    /** The current token of these credentials, fetched with {@code client} when none is kept. */
    String token(Credentials credentials, ServiceClient client) throws IOException {
        Token token = tokens.get(credentials);
        if (token != null && System.nanoTime() < token.renewAt()) {
            return token.value();
        }
        synchronized (locks.computeIfAbsent(credentials, c -> new Object())) {
            token = tokens.get(credentials);
            if (token == null || System.nanoTime() >= token.renewAt()) {
                token = fetch(credentials, client);
                tokens.put(credentials, token);
            }
            return token.value();
        }
    }

    /** Forgets the token of these credentials (after a 401), so the next call fetches a new one. */
    void invalidate(Credentials credentials) {
        tokens.remove(credentials);
    }

    private static Token fetch(Credentials credentials, ServiceClient client) throws IOException {
        String basic = Base64.getEncoder()
                .encodeToString(
                        (credentials.clientId() + ":" + credentials.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(credentials.tokenUrl()))
                .timeout(client.settings().timeout())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<byte[]> response = client.exchange(request, HttpResponse.BodyHandlers.ofByteArray(), true);
        if (response.statusCode() != 200) {
            String body = new String(response.body(), StandardCharsets.UTF_8);
            throw new IOException("The token endpoint " + credentials.tokenUrl() + " refused a token for client "
                    + credentials.clientId() + " (" + response.statusCode() + "): "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }
        JsonNode body = MAPPER.readTree(response.body());
        String value = body.path("access_token").asText("");
        if (value.isEmpty()) {
            throw new IOException("The token endpoint " + credentials.tokenUrl() + " answered without an access_token");
        }
        long lifetimeNanos = Duration.ofSeconds(
                        Math.max(60, body.path("expires_in").asLong(300)))
                .toNanos();
        return new Token(value, System.nanoTime() + Math.max(lifetimeNanos - RENEW_BEFORE_NANOS, lifetimeNanos / 2));
    }
}
