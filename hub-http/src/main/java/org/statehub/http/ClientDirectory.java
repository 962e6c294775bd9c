package org.statehub.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.statehub.http.client.Credentials;
import org.statehub.http.client.ServiceClient;
import org.statehub.http.client.TokenCache;

/**
 * The education organizations of an API client, read from the gateway's client directory
 * ({@code GET /internal/v1/clients/{clientId}}), since tokens carry only the client and its claim set (decision
 * 0009). Each client's entry is kept for {@code hub.client-directory.fresh} (5 s by default) and then revalidated
 * with its ETag (a bodiless 304 while nothing changed), so an administrator's change reaches every service within
 * that time. The call carries this service's own token (OAuth 2 client credentials, the client the service uses
 * for its other service-to-service calls), through {@link ServiceClient}. A client the directory does not know, or a revoked one, reaches no
 * organization.
 */
@ApplicationScoped
public class ClientDirectory {

    private static final Logger LOG = Logger.getLogger(ClientDirectory.class);

    /** The directory could not be asked and nothing is known of the client: a 503 with Retry-After. */
    public static final class UnavailableException extends RuntimeException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Entry(Set<Long> organizations, String etag, long checkedAt) {}

    @ConfigProperty(name = "hub.client-directory.url", defaultValue = "http://localhost:8080")
    String url;

    @ConfigProperty(name = "hub.client-directory.fresh", defaultValue = "5s")
    Duration fresh;

    @ConfigProperty(name = "hub.client-directory.timeout", defaultValue = "5s")
    Duration timeout;

    @ConfigProperty(name = "hub.client-directory.token-url", defaultValue = "http://localhost:8080/oauth/token")
    String tokenUrl;

    @ConfigProperty(name = "hub.client-directory.client-id")
    Optional<String> clientId;

    @ConfigProperty(name = "hub.client-directory.client-secret")
    Optional<String> clientSecret;

    @Inject
    ObjectMapper mapper;

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private ServiceClient http;

    @PostConstruct
    void start() {
        http = new ServiceClient(
                ServiceClient.Settings.of(timeout),
                new Credentials(tokenUrl, clientId.orElse(null), clientSecret.orElse("")),
                TokenCache.shared());
        url = url.replaceAll("/+$", "");
    }

    /**
     * The organizations a token with these claims reaches: those it names itself when it carries an
     * {@code education_organization_ids} claim (a token of another OIDC provider that maps them), else its
     * client's organizations in the directory, narrowed to the token's {@code scope} when it has one.
     */
    public Set<Long> organizations(TokenClaims claims) {
        if (claims.educationOrganizationIds().isPresent()) {
            return claims.educationOrganizationIds().get();
        }
        Set<Long> organizations = organizations(claims.subject());
        if (claims.scope().isEmpty()) {
            return organizations;
        }
        Set<Long> scoped = new HashSet<>(claims.scope().get());
        scoped.retainAll(organizations);
        return scoped;
    }

    /** The client's organizations (empty for a client the directory does not know or has revoked). */
    public Set<Long> organizations(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return Set.of();
        }
        long now = System.nanoTime();
        Entry entry = entries.get(clientId);
        if (entry != null && now - entry.checkedAt() < fresh.toNanos()) {
            return entry.organizations();
        }
        try {
            Entry read = read(clientId, entry);
            if (entries.size() > 10_000) {
                entries.clear();
            }
            entries.put(clientId, read);
            return read.organizations();
        } catch (IOException e) {
            if (entry != null) {
                // the directory is unreachable: what was last read holds until it can be asked again
                LOG.warnf(
                        "The client directory cannot be reached (%s); client %s keeps its last known organizations",
                        e.getMessage(), clientId);
                entries.put(clientId, new Entry(entry.organizations(), entry.etag(), now));
                return entry.organizations();
            }
            throw new UnavailableException("The client directory cannot be reached: " + e.getMessage(), e);
        }
    }

    private Entry read(String clientId, Entry known) throws IOException {
        ServiceClient.Reply response = http.send(ServiceClient.Call.get(url + "/internal/v1/clients/"
                        + URLEncoder.encode(clientId, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("If-None-Match", known == null ? null : known.etag()));
        long now = System.nanoTime();
        return switch (response.status()) {
            case 304 -> {
                if (known == null) {
                    throw new IOException("The client directory answered 304 to an unconditional request");
                }
                yield new Entry(known.organizations(), known.etag(), now);
            }
            case 404 -> new Entry(Set.of(), null, now);
            case 200 -> {
                JsonNode body = mapper.readTree(response.body());
                Set<Long> organizations = body.path("active").asBoolean(false)
                        ? Set.copyOf(TokenClaims.ids(body.path("educationOrganizationIds")))
                        : Set.of();
                yield new Entry(organizations, response.header("ETag").orElse(null), now);
            }
            default -> throw new IOException("The client directory answered " + response.status());
        };
    }
}
