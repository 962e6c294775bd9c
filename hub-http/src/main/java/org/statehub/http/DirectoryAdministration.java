package org.statehub.http;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import lombok.RequiredArgsConstructor;

/**
 * {@link Administration} as the gateway's client directory says it: the claim set's document
 * ({@code /internal/v1/claimSets/{name}}) names {@link Administration#CLAIM} among its {@code functions}. Kept and
 * revalidated as the directory keeps every claim set, so a change through the Admin API applies within the
 * directory's freshness (5 s).
 */
@DefaultBean
@ApplicationScoped
@RequiredArgsConstructor
public class DirectoryAdministration implements Administration {

    private final ClientDirectory directory;

    @Override
    public boolean administers(TokenClaims claims) {
        return directory.functions(claims.claimSet()).contains(CLAIM);
    }
}
