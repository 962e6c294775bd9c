package org.statehub.http.client;

/**
 * An OAuth 2 client of the hub (or of another OIDC provider) that a service calls as: the token endpoint, the
 * client id and its secret. Without a client id, calls carry no token.
 */
public record Credentials(String tokenUrl, String clientId, String clientSecret) {

    /** No client: calls go without a token. */
    public static final Credentials NONE = new Credentials("", "", "");

    public Credentials {
        tokenUrl = tokenUrl == null ? "" : tokenUrl;
        clientId = clientId == null ? "" : clientId;
        clientSecret = clientSecret == null ? "" : clientSecret;
    }

    public boolean present() {
        return !clientId.isBlank();
    }

    @Override
    public String toString() {
        return "Credentials[" + clientId + " at " + tokenUrl + "]"; // never the secret
    }
}
