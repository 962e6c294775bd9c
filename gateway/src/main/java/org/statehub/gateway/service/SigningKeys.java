package org.statehub.gateway.service;

import io.agroal.api.AgroalDataSource;
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
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

/**
 * The RSA key the gateway signs tokens with (RS256), created at the first start and kept in the gateway's
 * schema so every instance and every restart signs with the same key. Published as a JWKS for the services.
 */
@Singleton
public class SigningKeys {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    GatewayConfig config;

    private volatile String kid;
    private volatile PrivateKey privateKey;
    private volatile RSAPublicKey publicKey;
    private volatile JwtConsumer consumer;

    void load(@Observes StartupEvent event) throws SQLException, GeneralSecurityException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('signing_key'))")) {
                lock.execute();
            }
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT kid, private_key, public_key FROM signing_key ORDER BY created_at DESC LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    use(rs.getString(1), rs.getString(2), rs.getString(3));
                    c.commit();
                    return;
                }
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String newKid = UUID.randomUUID().toString();
            String privateText =
                    Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
            String publicText =
                    Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO signing_key (kid, private_key, public_key,"
                    + " created_at) VALUES (?, ?, ?, clock_timestamp())")) {
                ps.setString(1, newKid);
                ps.setString(2, privateText);
                ps.setString(3, publicText);
                ps.executeUpdate();
            }
            c.commit();
            use(newKid, privateText, publicText);
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
