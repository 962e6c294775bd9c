package org.statehub.gateway.service;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.gateway.persistence.ApiClient;
import org.statehub.gateway.persistence.Application;
import org.statehub.gateway.persistence.ApplicationRepository;
import org.statehub.gateway.persistence.ProfileRepository;
import org.statehub.gateway.persistence.Vendor;
import org.statehub.gateway.persistence.VendorRepository;

/**
 * The Admin API's applications and vendors over the gateway's clients (docs/decisions/0020, part 4): an
 * application is one API client, its key the client id; it takes its vendor's namespace prefixes. What changes a
 * client's standing (disabled, deleted, its vendor deleted) is forgotten by {@link ClientStanding} at once, so its
 * tokens are refused here from the next call.
 */
@Singleton
@RequiredArgsConstructor
public class AdminApiApplications {

    private final ApplicationRepository applications;
    private final VendorRepository vendors;
    private final ProfileRepository profiles;
    private final ClientService clients;
    private final ClientStanding standing;

    /** An application's key and secret, shown when it is created or its credentials are reset. */
    public record Credentials(int id, String key, String secret) {}

    /** What the Admin API says of an application (a POST's or PUT's body, checked). */
    public record Description(
            String applicationName,
            Vendor vendor,
            String claimSetName,
            List<String> profileNames,
            List<Long> educationOrganizationIds,
            List<Integer> odsInstanceIds,
            boolean enabled) {}

    public Credentials create(Description d) {
        ClientService.Created created = clients.newClient(
                d.applicationName(),
                d.claimSetName(),
                d.educationOrganizationIds(),
                d.vendor().namespacePrefixes(),
                d.enabled());
        int id = applications.insert(created.client(), d.vendor().id(), d.odsInstanceIds());
        profiles.assign(created.client().clientId(), d.profileNames());
        return new Credentials(id, created.client().clientId(), created.secret());
    }

    /** Replaces an application's description; false when there is no such application. */
    public boolean update(int id, Description d) {
        Optional<Application> stored = applications.find(id);
        if (stored.isEmpty()) {
            return false;
        }
        ApiClient before = stored.get().client();
        ApiClient after = new ApiClient(
                before.clientId(),
                d.applicationName(),
                before.secretHash(),
                d.claimSetName(),
                List.copyOf(d.educationOrganizationIds()),
                d.vendor().namespacePrefixes(),
                before.createdAt(),
                before.secretRotatedAt(),
                null,
                d.enabled());
        if (!applications.update(new Application(id, d.vendor().id(), List.copyOf(d.odsInstanceIds()), after))) {
            return false;
        }
        profiles.assign(before.clientId(), d.profileNames());
        standing.forget(before.clientId());
        return true;
    }

    /** A new secret for the application's key; empty when there is no such application. */
    public Optional<Credentials> resetCredentials(int id) {
        return applications
                .find(id)
                .flatMap(a -> clients.rotate(a.client().clientId())
                        .map(secret -> new Credentials(id, a.client().clientId(), secret)));
    }

    /** Deletes (revokes) the application's client; false when there is no such application. */
    public boolean delete(int id) {
        return applications
                .find(id)
                .map(a -> clients.revoke(a.client().clientId()))
                .orElse(false);
    }

    /** Deletes the vendor and revokes its applications' clients; false when there is no such vendor. */
    public boolean deleteVendor(int id) {
        Optional<List<String>> revoked = vendors.delete(id);
        revoked.ifPresent(ids -> ids.forEach(standing::forget));
        return revoked.isPresent();
    }
}
