package org.statehub.gateway.persistence;

/**
 * A derivative of an ODS instance as the Admin API shows it (V7): a read replica or a snapshot of the instance's
 * database; its connection string is kept and never shown.
 */
public record OdsInstanceDerivative(int id, int odsInstanceId, String derivativeType) {

    /** The derivative types of the Admin API 2.x, as it spells them. */
    public static final java.util.List<String> TYPES = java.util.List.of("ReadReplica", "Snapshot");
}
