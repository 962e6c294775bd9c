package org.statehub.gateway.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.statehub.gateway.config.GatewayConfig;
import org.statehub.gateway.service.SigningKeys;

/**
 * The keys services verify tokens with, and an OIDC discovery document pointing at them, so a service's
 * {@code quarkus-oidc} can use the gateway (or, by configuration alone, another provider such as Keycloak).
 */
@Path("/.well-known")
@Produces(MediaType.APPLICATION_JSON)
public class WellKnownResource {

    @Inject
    SigningKeys keys;

    @Inject
    GatewayConfig config;

    @GET
    @Path("jwks.json")
    public Map<String, Object> jwks() {
        return keys.jwks();
    }

    @GET
    @Path("openid-configuration")
    public Map<String, Object> discovery() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", config.issuer());
        document.put("jwks_uri", config.issuer() + "/.well-known/jwks.json");
        document.put("token_endpoint", config.issuer() + "/oauth/token");
        document.put("grant_types_supported", List.of("client_credentials"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put("response_types_supported", List.of("token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        return document;
    }
}
