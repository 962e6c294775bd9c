package org.statehub.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.statehub.edfi.contract.security.Strategy;

/**
 * The strategy matrix's oracle ({@link StrategyMatrix}): which items each authorization strategy lets a client reach,
 * computed from the rules as docs/SECURITY.md writes them (section 2's table of strategies, section 4's reach, section
 * 7's change records) over the facts a test declares about its fixture (which organization is below which, which
 * student an enrollment or SEOA relates to which organization, which contact an association links to which student).
 * It shares nothing with the engine but the strategies' names, so the matrix compares the engine's answers with an
 * independent reading of the documented rules.
 */
public final class ScopeOracle {

    /**
     * What the strategies test on a fixture item: the education organizations it belongs to (its own id and those its
     * references name), the student and contact it names, the client that created it (null: none of the matrix's) and
     * a descriptor's namespace (null: not a descriptor).
     */
    public record Securable(
            List<Long> organizations, String student, String contact, String creator, String namespace) {

        /** An item of these organizations (its own id first, then the ones it references). */
        public static Securable organizations(Long... ids) {
            return new Securable(List.of(ids), null, null, null, null);
        }

        /** A student, or an item secured by its student alone. */
        public static Securable student(String id) {
            return new Securable(List.of(), id, null, null, null);
        }

        /** A contact. */
        public static Securable contact(String id) {
            return new Securable(List.of(), null, id, null, null);
        }

        /** A studentContactAssociation: its student, then its contact. */
        public static Securable association(String student, String contact) {
            return new Securable(List.of(), student, contact, null, null);
        }

        /** A studentEducationOrganizationAssociation: its organization and its student. */
        public static Securable seoa(String student, long organization) {
            return new Securable(List.of(organization), student, null, null, null);
        }

        /** A descriptor of this namespace. */
        public static Securable descriptor(String namespace) {
            return new Securable(List.of(), null, null, null, namespace);
        }

        /** An item that names no organization, person or namespace (an extension's bus). */
        public static Securable nothing() {
            return new Securable(List.of(), null, null, null, null);
        }

        /** The same item, created by the client {@code clientId}. */
        public Securable createdBy(String clientId) {
            return new Securable(organizations, student, contact, clientId, namespace);
        }
    }

    /** A client of the matrix: its name in findings, its client id, organizations and namespace prefixes. */
    public record Client(String name, String clientId, Set<Long> organizations, List<String> namespacePrefixes) {}

    private final Map<Long, Set<Long>> parents = new HashMap<>();
    private final Map<String, Set<Long>> studentOrganizations = new HashMap<>();
    private final Map<String, Set<String>> contactStudents = new HashMap<>();

    /** {@code organization} is directly below {@code above} (a school below its LEA, an LEA below its SEA or ESC). */
    public ScopeOracle below(long organization, long... above) {
        Set<Long> set = parents.computeIfAbsent(organization, k -> new HashSet<>());
        for (long parent : above) {
            set.add(parent);
        }
        return this;
    }

    /** An enrollment or an SEOA relates the student to the organization. */
    public ScopeOracle related(String student, long organization) {
        studentOrganizations.computeIfAbsent(student, k -> new HashSet<>()).add(organization);
        return this;
    }

    /** An association links the contact to the student. */
    public ScopeOracle linked(String student, String contact) {
        contactStudents.computeIfAbsent(contact, k -> new HashSet<>()).add(student);
        return this;
    }

    /** The association of the contact with the student is gone. */
    public ScopeOracle unlinked(String student, String contact) {
        contactStudents.getOrDefault(contact, new HashSet<>()).remove(student);
        return this;
    }

    /**
     * Whether a claim set granting an action with {@code strategies} lets {@code client} reach {@code item}
     * (SECURITY.md section 2): the relationship strategies and {@code CreatorUntilRelated} combine with OR (and
     * {@code NoFurtherAuthorizationRequired} among them reaches every item), {@code NamespaceBased} and
     * {@code OwnershipBased} with AND.
     */
    public boolean reaches(List<Strategy> strategies, Securable item, Client client) {
        boolean alternatives = false;
        boolean any = false;
        for (Strategy strategy : strategies) {
            switch (strategy) {
                case NamespaceBased, OwnershipBased -> {}
                default -> {
                    alternatives = true;
                    any |= reachedBy(strategy, item, client);
                }
            }
        }
        return (!alternatives || any) && conjuncts(strategies, item, client);
    }

    /**
     * Whether {@code client} is shown a tombstone or key change of {@code item} that recorded {@code audience}
     * (SECURITY.md section 7): under {@code NoFurtherAuthorizationRequired} every record; under a relationship
     * strategy that reaches items of the resource by an element it names, a record whose organizations include one
     * of the client's; under the creator rule, nothing; a record keeps no creator, so under {@code OwnershipBased}
     * nothing.
     */
    public boolean seesRecord(List<Strategy> strategies, Securable item, Set<Long> audience, Client client) {
        if (strategies.contains(Strategy.OwnershipBased)) {
            return false;
        }
        boolean alternatives = false;
        boolean any = false;
        for (Strategy strategy : strategies) {
            switch (strategy) {
                case NamespaceBased, OwnershipBased -> {}
                case NoFurtherAuthorizationRequired -> {
                    alternatives = true;
                    any = true;
                }
                default -> {
                    alternatives = true;
                    any |= applies(strategy, item) && audience.stream().anyMatch(client.organizations()::contains);
                }
            }
        }
        return (!alternatives || any) && conjuncts(strategies, item, client);
    }

    /**
     * The organizations a record of {@code item} keeps when it is made (SECURITY.md section 7): the organizations it
     * belongs to and every one above them, or those of its student's relationships (a contact's students'), and every
     * one above them.
     */
    public Set<Long> audience(Securable item) {
        List<Long> organizations = new ArrayList<>(item.organizations());
        if (organizations.isEmpty()) {
            organizations.addAll(personOrganizations(item));
        }
        Set<Long> audience = new HashSet<>();
        organizations.forEach(organization -> audience.addAll(upwards(organization)));
        return audience;
    }

    private boolean conjuncts(List<Strategy> strategies, Securable item, Client client) {
        if (strategies.contains(Strategy.NamespaceBased)
                && (item.namespace() == null
                        || client.namespacePrefixes().stream()
                                .noneMatch(prefix ->
                                        !prefix.isEmpty() && item.namespace().startsWith(prefix)))) {
            return false;
        }
        return !strategies.contains(Strategy.OwnershipBased)
                || client.clientId().equals(item.creator());
    }

    private boolean reachedBy(Strategy strategy, Securable item, Client client) {
        return switch (strategy) {
            case NoFurtherAuthorizationRequired -> true;
            case RelationshipsWithEdOrgsOnly -> organizationReached(item, client);
            case RelationshipsWithEdOrgsAndPeople, RelationshipsWithEdOrgsAndPeopleIncludingDeletes ->
                item.organizations().isEmpty() ? personReached(item, client, true) : organizationReached(item, client);
            case RelationshipsWithPeopleOnly -> personReached(item, client, true);
            case RelationshipsWithStudentsOnly, RelationshipsWithStudentsOnlyIncludingDeletes ->
                personReached(item, client, false);
            case CreatorUntilRelated ->
                item.organizations().isEmpty()
                        && (item.student() != null || item.contact() != null)
                        && client.clientId().equals(item.creator())
                        && personOrganizations(item).isEmpty();
            case NamespaceBased, OwnershipBased -> false;
        };
    }

    /** Whether the strategy reaches items like {@code item} by an element they name (SECURITY.md section 2). */
    private static boolean applies(Strategy strategy, Securable item) {
        boolean person = item.student() != null || item.contact() != null;
        return switch (strategy) {
            case RelationshipsWithEdOrgsOnly -> !item.organizations().isEmpty();
            case RelationshipsWithEdOrgsAndPeople, RelationshipsWithEdOrgsAndPeopleIncludingDeletes ->
                !item.organizations().isEmpty() || person;
            case RelationshipsWithPeopleOnly -> person;
            case RelationshipsWithStudentsOnly, RelationshipsWithStudentsOnlyIncludingDeletes -> item.student() != null;
            default -> false;
        };
    }

    private boolean organizationReached(Securable item, Client client) {
        return item.organizations().stream().anyMatch(organization -> reached(organization, client));
    }

    /** The person the item is secured by (its student; else, when {@code contacts}, its contact) is reached. */
    private boolean personReached(Securable item, Client client, boolean contacts) {
        if (item.student() == null && !(contacts && item.contact() != null)) {
            return false;
        }
        return personOrganizations(item).stream().anyMatch(organization -> reached(organization, client));
    }

    /** The organizations the item's person (its student, else its contact through its students) is related to. */
    private Set<Long> personOrganizations(Securable item) {
        Set<Long> organizations = new HashSet<>();
        if (item.student() != null) {
            organizations.addAll(studentOrganizations.getOrDefault(item.student(), Set.of()));
        } else if (item.contact() != null) {
            contactStudents
                    .getOrDefault(item.contact(), Set.of())
                    .forEach(student -> organizations.addAll(studentOrganizations.getOrDefault(student, Set.of())));
        }
        return organizations;
    }

    /** A client reaches its organizations and every one below them (SECURITY.md section 4). */
    private boolean reached(long organization, Client client) {
        return upwards(organization).stream().anyMatch(client.organizations()::contains);
    }

    /** The organization and every one above it. */
    private Set<Long> upwards(long organization) {
        Set<Long> found = new HashSet<>();
        List<Long> next = new ArrayList<>(List.of(organization));
        while (!next.isEmpty()) {
            long current = next.remove(next.size() - 1);
            if (found.add(current)) {
                next.addAll(parents.getOrDefault(current, Set.of()));
            }
        }
        return found;
    }
}
