package org.statehub.edfi.core.security;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Remembers each bearer token quarkus-oidc has verified (see {@link VerifiedTokens}). */
@ApplicationScoped
public class RememberVerifiedTokens implements SecurityIdentityAugmentor {

    @Inject
    VerifiedTokens verified;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous()) {
            TokenCredential credential = identity.getCredential(TokenCredential.class);
            if (credential != null && credential.getToken() != null) {
                verified.remember(credential.getToken(), identity);
            }
        }
        return Uni.createFrom().item(identity);
    }
}
