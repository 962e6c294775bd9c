package org.statehub.http;

/**
 * Whether a caller is a state administrator: decided by what its claim set grants, not by the claim set's name
 * (docs/decisions/0023). A claim set administers the hub when it has the hub function claim {@link #CLAIM} (the
 * shipped {@code StateAdmin} does; so does any copy of it made through the Admin API). The one question behind
 * {@link StateAdminOnly}, the school years a client reaches without a grant, and the worklists and feeds an
 * administrator sees whole. Every service has one: by default {@link DirectoryAdministration}, the gateway's
 * client directory; the gateway answers it from the claim sets it keeps.
 */
public interface Administration {

    /** The claims hierarchy's hub function claim of administration (edfi-contract's {@code ClaimsHierarchy}). */
    String CLAIM = "hubAdministration";

    /** Whether the claim set of these claims administers the hub (false without a claim set). */
    boolean administers(TokenClaims claims);
}
