package org.statehub.edfi.core.service;

import java.util.List;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.security.Action;
import org.statehub.edfi.contract.security.Strategy;

/**
 * The strategies a claim set grants an action on a resource with, in the terms of the engine's SQL conditions
 * ({@link Relationships}); docs/SECURITY.md, section 2. The relationship strategies and the creator rule combine with
 * OR, namespace and ownership with AND, as the ODS/API combines them. {@code NamespaceBased} is checked on a
 * written descriptor's namespace before the engine too ({@code WritePreflight}).
 *
 * @param granted       the claim set grants the action (else nothing is reached)
 * @param everything    {@code NoFurtherAuthorizationRequired}: every item, whatever the relationship strategies
 * @param organizations the item's education organizations ({@code RelationshipsWithEdOrgsOnly},
 *                      {@code ...EdOrgsAndPeople})
 * @param people        the item's people, students and contacts ({@code RelationshipsWithPeopleOnly},
 *                      {@code ...EdOrgsAndPeople})
 * @param students      the item's students ({@code RelationshipsWithStudentsOnly} and the people strategies)
 * @param personAlways  a strategy of people only ({@code RelationshipsWithPeopleOnly}, {@code ...StudentsOnly}):
 *                      the person tested even on an item that names an organization (under
 *                      {@code ...EdOrgsAndPeople} the organization decides there)
 * @param creator       {@code CreatorUntilRelated}: the hub's creator rule
 * @param owner         {@code OwnershipBased}: the item was created by the caller
 * @param namespace     {@code NamespaceBased}: the item is a descriptor whose namespace starts with one of the
 *                      token's prefixes
 */
record Granted(
        boolean granted,
        boolean everything,
        boolean organizations,
        boolean people,
        boolean students,
        boolean personAlways,
        boolean creator,
        boolean owner,
        boolean namespace) {

    private static final Granted NOT = new Granted(false, false, false, false, false, false, false, false, false);

    static Granted of(AccessScope scope, ResourceDefinition resource, Action action) {
        return of(scope, resource.key(), action);
    }

    static Granted of(AccessScope scope, String resourceKey, Action action) {
        return scope.strategies(resourceKey, action).map(Granted::of).orElse(NOT);
    }

    static Granted of(List<Strategy> strategies) {
        boolean everything = false;
        boolean organizations = false;
        boolean people = false;
        boolean students = false;
        boolean personAlways = false;
        boolean creator = false;
        boolean owner = false;
        boolean namespace = false;
        for (Strategy strategy : strategies) {
            switch (strategy) {
                case NoFurtherAuthorizationRequired -> everything = true;
                case NamespaceBased -> namespace = true;
                case OwnershipBased -> owner = true;
                case RelationshipsWithEdOrgsAndPeople, RelationshipsWithEdOrgsAndPeopleIncludingDeletes -> {
                    organizations = true;
                    people = true;
                    students = true;
                }
                case RelationshipsWithEdOrgsOnly -> organizations = true;
                case RelationshipsWithPeopleOnly -> {
                    people = true;
                    students = true;
                    personAlways = true;
                }
                case RelationshipsWithStudentsOnly, RelationshipsWithStudentsOnlyIncludingDeletes -> {
                    students = true;
                    personAlways = true;
                }
                case CreatorUntilRelated -> creator = true;
            }
        }
        return new Granted(true, everything, organizations, people, students, personAlways, creator, owner, namespace);
    }

    /** Whether no item condition follows: every item, with no ownership or namespace to test. */
    boolean unconditional() {
        return granted && !owner && !namespace && (everything || !(organizations || students || people || creator));
    }
}
