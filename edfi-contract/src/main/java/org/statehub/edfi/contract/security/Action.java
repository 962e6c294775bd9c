package org.statehub.edfi.contract.security;

/**
 * The actions a claim set grants on a resource claim. The constants are spelt as Ed-Fi's security metadata and the
 * Admin API spell them, so {@link #name()} is the Ed-Fi name.
 */
public enum Action {
    Create,
    Read,
    Update,
    Delete,
    /** Change queries: change-version windows, {@code /deletes}, {@code /keyChanges}. */
    ReadChanges
}
