package org.statehub.gateway.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.statehub.gateway.config.GatewayConfig;
import org.statehub.gateway.persistence.SigningKeyRepository;
import org.statehub.gateway.persistence.SigningKeyRepository.StoredKey;

/**
 * The RSA key the gateway signs tokens with (RS256), created at the first start and kept in the gateway's
 * schema so every instance and every restart signs with the same key. Published as a JWKS for the services.
 */
@Singleton
public class SigningKeys {

    @Inject
    SigningKeyRepository stored;

    @Inject
    GatewayConfig config;

    private volatile String kid;
    private volatile PrivateKey privateKey;
    private volatile RSAPublicKey publicKey;
    private volatile JwtConsumer consumer;

    void load(@Observes StartupEvent event) throws GeneralSecurityException {
        StoredKey key = stored.newestOr(SigningKeys::newKey);
        use(key.kid(), key.privateKey(), key.publicKey());
    }

    private static StoredKey newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new StoredKey(
                    UUID.randomUUID().toString(),
                    Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                    Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is missing from this JDK", e);
        }
    }

    private void use(String id, String privateText, String publicText) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("RSA");
        privateKey = factory.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateText)));
        publicKey = (RSAPublicKey) factory.generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(publicText)));
        kid = id;
        consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setExpectedIssuer(config.issuer())
                .setVerificationKey(publicKey)
                .setSkipDefaultAudienceValidation()
                .build();
    }

    public String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(kid).sign(privateKey);
    }

    /** The claims of a token this gateway signed, or null when it is not one (bad signature, expired, ...). */
    public JwtClaims verify(String token) {
        try {
            return consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            return null;
        }
    }

    /** The JSON Web Key Set of the signing key. */
    public Map<String, Object> jwks() {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("kty", "RSA");
        key.put("use", "sig");
        key.put("alg", "RS256");
        key.put("kid", kid);
        key.put("n", base64Url(publicKey.getModulus()));
        key.put("e", base64Url(publicKey.getPublicExponent()));
        return Map.of("keys", List.of(key));
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
