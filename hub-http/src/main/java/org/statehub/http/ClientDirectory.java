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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import lombok.RequiredArgsConstructor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.statehub.http.client.Credentials;
import org.statehub.http.client.ServiceClient;
import org.statehub.http.client.TokenCache;

/**
 * What the gateway's directory says of an API client, since tokens carry only the client and its claim set
 * (decision 0009): its education organizations and the names of its profiles
 * ({@code GET /internal/v1/clients/{clientId}}), and each profile's definition, the ODS/API's profile XML
 * ({@code GET /internal/v1/profiles/{name}}, docs/decisions/0020, part 2), the school years it is granted (its
 * entry's {@code schoolYears}: the years of the ODS instances its application names, resolved by the gateway, part
 * 5), each claim set resolved for every resource ({@code GET /internal/v1/claimSets/{name}}, part 3), and the
 * school years the gateway serves ({@code GET /internal/v1/schoolYears}). Each entry is kept for
 * {@code hub.client-directory.fresh} (5 s by default) and then revalidated with its ETag (a bodiless 304 while
 * nothing changed), so an administrator's change reaches every service within that time. The call carries this
 * service's own token (OAuth 2 client credentials, the client the service uses for its other service-to-service
 * calls), through {@link ServiceClient}. A client the directory does not know, or a revoked one, reaches no
 * organization and has no profile. When the directory cannot be reached, what was last read holds; with nothing
 * read yet, {@link UnavailableException}.
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

    /** A client's entry: its organizations, the names of its profiles and the school years it is granted. */
    private record Client(Set<Long> organizations, List<String> profiles, Set<String> dataSpaces) {
        static final Client NONE = new Client(Set.of(), List.of(), Set.of());
    }

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

    private ServiceClient http;
    private Documents<Client> clients;
    private Documents<Optional<String>> profileDefinitions;
    private Documents<Optional<ClaimSetDocument>> claimSets;

    /** A claim set's document as the gateway answers it, and the hub functions it names ({@code functions}). */
    private record ClaimSetDocument(String json, Set<String> functions) {}

    private Documents<List<String>> schoolYears;

    @PostConstruct
    void start() {
        http = new ServiceClient(
                ServiceClient.Settings.of(timeout),
                new Credentials(tokenUrl, clientId.orElse(null), clientSecret.orElse("")),
                TokenCache.shared());
        url = url.replaceAll("/+$", "");
        clients = new Documents<>("/internal/v1/clients/", "client", Client.NONE, this::client);
        profileDefinitions = new Documents<>(
                "/internal/v1/profiles/", "profile", Optional.empty(), reply -> Optional.of(reply.text()));
        claimSets = new Documents<>("/internal/v1/claimSets/", "claim set", Optional.empty(), this::claimSet);
        schoolYears = new Documents<>("/internal/v1/", "school years", List.of(), reply -> {
            List<String> years = new ArrayList<>();
            mapper.readTree(reply.body()).path("years").forEach(year -> years.add(year.asText()));
            return List.copyOf(years);
        });
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
        return client(clientId).organizations();
    }

    /** The names of the client's profiles (empty for a client the directory does not know or has revoked). */
    public List<String> profiles(String clientId) {
        return client(clientId).profiles();
    }

    /**
     * The school years (data spaces) the client is granted: the directory entry's {@code schoolYears}, the years of
     * the ODS instances its application names (empty for a client the directory does not know or has revoked).
     */
    public Set<String> dataSpaces(String clientId) {
        return client(clientId).dataSpaces();
    }

    /**
     * The school years the gateway serves (those of its ODS instances), a year created after this service started
     * among them; empty when the gateway has none.
     */
    public List<String> schoolYears() {
        return schoolYears.get("schoolYears");
    }

    /**
     * The school years the gateway serves, asked now whatever the freshness (a 304 when unchanged), and
     * {@link UnavailableException} when the gateway cannot be asked: for a decision that must not rest on what was
     * read seconds ago, such as dropping a year's data.
     */
    public List<String> schoolYearsNow() {
        return schoolYears.get("schoolYears", true);
    }

    /** A profile's definition (its XML as the gateway keeps it), or empty when the gateway has none of the name. */
    public Optional<String> profile(String name) {
        return name == null || name.isEmpty() ? Optional.empty() : profileDefinitions.get(name);
    }

    /**
     * A claim set as the gateway resolves it for every resource (its JSON: {@code claimSet} and by resource, each
     * granted action's strategies; docs/decisions/0020, part 3), or empty when the gateway has none of the name.
     */
    public Optional<String> claimSet(String name) {
        return claimSetDocument(name).map(ClaimSetDocument::json);
    }

    /**
     * The hub functions the claim set of this name has (its document's {@code functions}, such as
     * {@code hubAdministration}; docs/decisions/0023), none for a name the gateway does not know.
     */
    public Set<String> functions(String claimSetName) {
        return claimSetDocument(claimSetName).map(ClaimSetDocument::functions).orElse(Set.of());
    }

    private Optional<ClaimSetDocument> claimSetDocument(String name) {
        return name == null || name.isEmpty() ? Optional.empty() : claimSets.get(name);
    }

    /** A claim set's document, read once per version. */
    private Optional<ClaimSetDocument> claimSet(ServiceClient.Reply reply) throws IOException {
        String json = reply.text();
        Set<String> functions = new HashSet<>();
        mapper.readTree(json).path("functions").forEach(name -> functions.add(name.asText()));
        return Optional.of(new ClaimSetDocument(json, Set.copyOf(functions)));
    }

    private Client client(String clientId) {
        return clientId == null || clientId.isEmpty() ? Client.NONE : clients.get(clientId);
    }

    private Client client(ServiceClient.Reply reply) throws IOException {
        JsonNode body = mapper.readTree(reply.body());
        if (!body.path("active").asBoolean(false)) {
            return Client.NONE;
        }
        List<String> profiles = new ArrayList<>();
        body.path("profiles").forEach(name -> profiles.add(name.asText()));
        Set<String> dataSpaces = new HashSet<>();
        body.path("schoolYears").forEach(year -> dataSpaces.add(year.asText()));
        return new Client(
                Set.copyOf(TokenClaims.ids(body.path("educationOrganizationIds"))),
                List.copyOf(profiles),
                Set.copyOf(dataSpaces));
    }

    /** Reads a directory answer of status 200. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(ServiceClient.Reply reply) throws IOException;
    }

    /**
     * One kind of directory document ({@code path} + key), each kept for {@link #fresh} and then revalidated with
     * its ETag; a 404 is {@code absent}.
     */
    @RequiredArgsConstructor
    private final class Documents<T> {

        private record Entry<T>(T value, String etag, long checkedAt) {}

        private final ConcurrentHashMap<String, Entry<T>> entries = new ConcurrentHashMap<>();
        private final String path;
        private final String what;
        private final T absent;
        private final Reader<T> reader;

        T get(String key) {
            return get(key, false);
        }

        /** The document, read again first when {@code revalidate} or when what was read is older than fresh. */
        T get(String key, boolean revalidate) {
            long now = System.nanoTime();
            Entry<T> entry = entries.get(key);
            if (!revalidate && entry != null && now - entry.checkedAt() < fresh.toNanos()) {
                return entry.value();
            }
            try {
                Entry<T> read = read(key, entry);
                if (entries.size() > 10_000) {
                    entries.clear();
                }
                entries.put(key, read);
                return read.value();
            } catch (IOException e) {
                if (entry != null && !revalidate) {
                    // the directory is unreachable: what was last read holds until it can be asked again
                    LOG.warnf(
                            "The client directory cannot be reached (%s); %s %s keeps what was last read",
                            e.getMessage(), what, key);
                    entries.put(key, new Entry<>(entry.value(), entry.etag(), now));
                    return entry.value();
                }
                throw new UnavailableException("The client directory cannot be reached: " + e.getMessage(), e);
            }
        }

        private Entry<T> read(String key, Entry<T> known) throws IOException {
            ServiceClient.Reply response = http.send(ServiceClient.Call.get(url
                            + path
                            + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20"))
                    .header("Accept", "*/*")
                    .header("If-None-Match", known == null ? null : known.etag()));
            long now = System.nanoTime();
            return switch (response.status()) {
                case 304 -> {
                    if (known == null) {
                        throw new IOException("The client directory answered 304 to an unconditional request");
                    }
                    yield new Entry<>(known.value(), known.etag(), now);
                }
                case 404 -> new Entry<>(absent, null, now);
                case 200 ->
                    new Entry<>(reader.read(response), response.header("ETag").orElse(null), now);
                default -> throw new IOException("The client directory answered " + response.status());
            };
        }
    }
}
