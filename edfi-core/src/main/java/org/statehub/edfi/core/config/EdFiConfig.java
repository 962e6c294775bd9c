package org.statehub.edfi.core.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the Ed-Fi engine in a service. */
@ConfigMapping(prefix = "edfi")
public interface EdFiConfig {

    /** The name this service has in the contract's {@code ownerService}; it serves the resources it owns. */
    String serviceName();

    /**
     * The extension projects served (docs/decisions/0020): shipped names ({@code sample}) or folders,
     * comma-separated. edfi-contract's catalog reads it from the system property {@code edfi.extensions} or the
     * environment variable {@code EDFI_EXTENSIONS}, which every service and the gateway must be given alike;
     * declared here so the setting is known, and checked at start against what the catalog loaded.
     */
    java.util.Optional<String> extensions();

    /** Largest request body accepted, in bytes; larger ones get 413 with a problem-details body. */
    @WithDefault("1048576")
    long maxBodyBytes();

    /** Most items one bulk upsert ({@code POST /bulk/v1/ed-fi/{resource}}) may carry; more get 413. */
    @WithDefault("1000")
    int bulkMaxItems();

    /** Largest bulk upsert body accepted, in bytes; larger ones get 413. */
    @WithDefault("8388608")
    long bulkMaxBodyBytes();

    /**
     * How many upsert groups write at once. Concurrent POSTs that need no reference check are written together,
     * one statement and one commit per group; more groups mean more parallel statements, fewer items in each.
     * Measured best on 2 cores at 2 (docs/BENCHMARKS.md).
     */
    @WithDefault("2")
    int upsertGroups();

    /**
     * Whether reads add a {@code link} object to every reference whose item is known (as the ODS/API does by
     * default, with its ResourceLinks feature); off, items are served as stored.
     */
    @WithDefault("true")
    boolean resourceLinks();

    /** The state's authorization choices (docs/SECURITY.md). */
    Authorization authorization();

    /** The state's authorization choices. */
    interface Authorization {

        /**
         * Whether a SISVendor client may create a studentEducationOrganizationAssociation for a student it does not
         * reach yet (neither related to its organizations nor created by it), which then relates the student to
         * its organization. Off: 403, the student must first be enrolled or created by the client.
         */
        @WithDefault("false")
        boolean seoaForUnrelatedStudents();
    }
}
