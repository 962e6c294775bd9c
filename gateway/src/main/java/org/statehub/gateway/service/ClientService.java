package org.statehub.gateway.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.statehub.gateway.config.GatewayConfig;
import org.statehub.gateway.persistence.ApiClient;
import org.statehub.gateway.persistence.ClientRepository;

/** API clients: creation, secrets (shown once, stored hashed), revocation, and the tokens they get. */
@Singleton
public class ClientService {

    private static final Logger LOG = Logger.getLogger(ClientService.class);

    @Inject
    ClientStanding standing;

    @Inject
    ClientRepository clients;

    @Inject
    SigningKeys keys;

    @Inject
    GatewayConfig config;

    /** A new client and its secret, which is not stored and cannot be shown again. */
    public record Created(ApiClient client, String secret) {}

    /** An issued access token. */
    public record Token(String accessToken, long expiresIn, String scope) {}

    void bootstrapAdmin(@Observes StartupEvent event) {
        Optional<String> id = config.admin().clientId();
        Optional<String> secret = config.admin().clientSecret();
        if (id.isPresent() && secret.isPresent()) {
            clients.upsert(stateAdmin(id.get(), secret.get(), "Bootstrap state administrator"));
            LOG.infof("Bootstrap state-admin client '%s' is ready", id.get());
        }
    }

    public Created create(
            String displayName, String claimSet, List<Long> educationOrganizationIds, List<String> namespacePrefixes) {
        Created created = newClient(displayName, claimSet, educationOrganizationIds, namespacePrefixes, true);
        clients.insert(created.client());
        return created;
    }

    /**
     * Registers a StateAdmin client of the id and secret its owner chose (the Admin API's self-registration);
     * false when the id is taken.
     */
    public boolean register(String clientId, String secret, String displayName) {
        return clients.insertNew(stateAdmin(clientId, secret, displayName));
    }

    /** A new StateAdmin client of this id and secret, enabled, of no organization. */
    private static ApiClient stateAdmin(String clientId, String secret, String displayName) {
        Instant now = Instant.now();
        return new ApiClient(
                clientId,
                displayName,
                SecretHasher.hash(secret),
                "StateAdmin",
                List.of(),
                List.of(),
                now,
                now,
                null,
                true);
    }

    /** A new client with a new key and secret, not yet stored. */
    public Created newClient(
            String displayName,
            String claimSet,
            List<Long> educationOrganizationIds,
            List<String> namespacePrefixes,
            boolean enabled) {
        String secret = SecretHasher.newSecret();
        Instant now = Instant.now();
        ApiClient client = new ApiClient(
                UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                displayName,
                SecretHasher.hash(secret),
                claimSet,
                List.copyOf(educationOrganizationIds),
                List.copyOf(namespacePrefixes),
                now,
                now,
                null,
                enabled);
        return new Created(client, secret);
    }

    public Optional<String> rotate(String clientId) {
        String secret = SecretHasher.newSecret();
        return clients.updateSecret(clientId, SecretHasher.hash(secret)) ? Optional.of(secret) : Optional.empty();
    }

    /** Replaces the client's education organizations (the services see the change within seconds). */
    public boolean updateOrganizations(String clientId, List<Long> educationOrganizationIds) {
        return clients.updateOrganizations(clientId, List.copyOf(educationOrganizationIds));
    }

    public boolean revoke(String clientId) {
        boolean revoked = clients.revoke(clientId);
        standing.forget(clientId);
        return revoked;
    }

    public Optional<ApiClient> find(String clientId) {
        return clients.find(clientId);
    }

    public List<ApiClient> list() {
        return clients.list();
    }

    /** The active client with this id and secret. */
    public Optional<ApiClient> authenticate(String clientId, String secret) {
        return clients.find(clientId).filter(c -> c.usable() && SecretHasher.matches(secret, c.secretHash()));
    }

    /**
     * A token for the client, narrowed to one of its education organizations when {@code scope} is given. It
     * names the client, its claim set and namespace prefixes, not its organizations: the services read those from
     * the client directory (decision 0009), so a token's size does not grow with them.
     */
    public Token issue(ApiClient client, Long scope) {
        long lifetime = config.tokenLifetime().toSeconds();
        Instant now = Instant.now();
        var claims = Jwt.issuer(config.issuer())
                .subject(client.clientId())
                .claim("client_id", client.clientId())
                .claim("claim_set", client.claimSet())
                .claim("namespace_prefixes", client.namespacePrefixes())
                .claim("jti", UUID.randomUUID().toString());
        if (scope != null) {
            claims.claim("scope", scope.toString());
        }
        String token = keys.sign(claims.issuedAt(now).expiresAt(now.plusSeconds(lifetime)));
        return new Token(token, lifetime, scope == null ? null : scope.toString());
    }
}
