package org.statehub.gateway.persistence;

import java.util.List;

/** A vendor of the Admin API as stored: the company whose applications share its namespace prefixes. */
public record Vendor(
        int id, String company, List<String> namespacePrefixes, String contactName, String contactEmailAddress) {

    /** The hub's own vendor, created by the migration: the clients of {@code /admin/v1/clients} belong to it. */
    public static final int HUB = 1;
}
