package org.statehub.edfi.contract.security;

/**
 * The authorization strategies a claim set's grant may carry (docs/decisions/0020, part 3), spelt as the Ed-Fi
 * ODS/API names them (so {@link #name()} is the Ed-Fi name), and the hub's own {@code CreatorUntilRelated}. Several
 * strategies on one grant: the relationship-based ones combine with OR, namespace and ownership with AND, as in the
 * ODS/API.
 */
public enum Strategy {
    NoFurtherAuthorizationRequired,
    NamespaceBased,
    OwnershipBased,
    RelationshipsWithEdOrgsAndPeople,
    RelationshipsWithEdOrgsAndPeopleIncludingDeletes,
    RelationshipsWithEdOrgsOnly,
    RelationshipsWithPeopleOnly,
    RelationshipsWithStudentsOnly,
    RelationshipsWithStudentsOnlyIncludingDeletes,
    /** The hub's: the client that created a student or contact reaches it until it is related to an organization. */
    CreatorUntilRelated
}
