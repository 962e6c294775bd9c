package org.statehub.testing;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Access tokens for services under test, shaped like the gateway's and signed with the test key whose public
 * half the test classpath configures ({@code META-INF/microprofile-config.properties} of this module).
 */
public final class TestTokens {

    public static final String ISSUER = "http://localhost:8080";
    private static PrivateKey key;

    private TestTokens() {}

    public static String stateAdmin() {
        return token("test-state-admin", "StateAdmin", List.of(), List.of(), 1800);
    }

    /** A SISVendor client's token, of one education organization and no namespace prefixes. */
    public static String vendor(String clientId, long educationOrganizationId) {
        return token(clientId, "SISVendor", List.of(educationOrganizationId), List.of(), 1800);
    }

    /**
     * A token of the client, which the {@link TestDirectory} lists with these education organizations: like the
     * gateway's, the token itself names the client and its claim set, not its organizations (decision 0009).
     */
    public static String token(
            String clientId,
            String claimSet,
            List<Long> educationOrganizationIds,
            List<String> namespacePrefixes,
            long lifetimeSeconds) {
        TestDirectory.register(clientId, claimSet, educationOrganizationIds);
        return signed(clientId, claimSet, namespacePrefixes, lifetimeSeconds);
    }

    /**
     * A token of the client, which the {@link TestDirectory} lists with these organizations and these profiles
     * (names of profiles given to {@link TestDirectory#profile}); no namespace prefixes, half an hour.
     */
    public static String withProfiles(
            String clientId, String claimSet, List<Long> educationOrganizationIds, List<String> profiles) {
        TestDirectory.register(clientId, claimSet, educationOrganizationIds, profiles);
        return signed(clientId, claimSet, List.of(), 1800);
    }

    private static String signed(
            String clientId, String claimSet, List<String> namespacePrefixes, long lifetimeSeconds) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER)
                .subject(clientId)
                .claim("client_id", clientId)
                .claim("claim_set", claimSet)
                .claim("namespace_prefixes", namespacePrefixes)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now.minusSeconds(lifetimeSeconds < 0 ? 3600 : 0))
                .expiresAt(now.plusSeconds(lifetimeSeconds))
                .jws()
                .sign(privateKey());
    }

    private static synchronized PrivateKey privateKey() {
        if (key == null) {
            try (InputStream in = TestTokens.class.getResourceAsStream("/test-signing-key.pem")) {
                String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                        .replaceAll("-----[A-Z ]+-----", "")
                        .replaceAll("\\s", "");
                key = KeyFactory.getInstance("RSA")
                        .generatePrivate(
                                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("The test signing key cannot be read", e);
            }
        }
        return key;
    }
}
