package org.statehub.edfi.core.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.statehub.edfi.contract.JsonPath;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.security.Action;
import org.statehub.edfi.contract.security.SecurableElements;
import org.statehub.edfi.core.store.Filter;

/**
 * Ed-Fi's authorization strategies as SQL conditions on an item ({@code body} and {@code created_by} of a row; see
 * {@code V1_4__relationship_authorization.sql}), for the strategies the caller's claim set grants the action with
 * ({@link Granted}; docs/decisions/0020, part 3). The relationship strategies start from the client's education
 * organizations and everything below them in the hierarchy (an SEA's ESCs and LEAs, an ESC's LEAs, an LEA's
 * schools; {@code V1_8}) (its <em>reach</em>) and test the item's securable elements: items that belong to an
 * organization are reached when that organization is; students when an enrollment or an SEOA relates them to a
 * reached organization; contacts through such a student. The creator rule ({@code CreatorUntilRelated}) keeps a
 * student or contact in its creator's scope while nothing relates it to any organization yet. The securable
 * elements of each resource are contract data (edfi-contract's {@code securable-elements.json}, and an extension
 * project's own file for its resources); a resource not listed has none, and the relationship strategies reach none
 * of its items. A write is checked on
 * the item as stored and as sent, with what its references set ({@link #sent}); tombstones and key changes keep the
 * organizations that saw the item ({@link #audience}, {@link #changes}). docs/SECURITY.md lists the rules.
 */
public final class Relationships {

    /**
     * The securable elements of each resource of the service's catalog, by key: the core's (edfi-contract's
     * {@code securable-elements.json}) and those of the extension projects it loads.
     */
    private static final Map<String, SecurableElements> ELEMENTS =
            ResourceCatalog.contract().securableElements();

    /** The resources of the people an element names. */
    private static final String STUDENTS = "students";

    private static final String CONTACTS = "contacts";

    private Relationships() {}

    /**
     * A state's choices in authorization. {@code seoaForUnrelatedStudents}: whether a scoped client may create a
     * studentEducationOrganizationAssociation for a student it does not reach yet (which then relates the student
     * to the client's organization); refused by default.
     */
    public record Policy(boolean seoaForUnrelatedStudents) {

        /** Refuse what a state has to allow explicitly. */
        public static final Policy DEFAULT = new Policy(false);
    }

    /** A securable element as a PostgreSQL path ({@code {schoolReference,schoolId}}). */
    private static String pg(JsonPath path) {
        return "{" + String.join(",", path.segments()) + "}";
    }

    /** Whether the resource has no securable element: descriptors and state-wide types such as school years. */
    public static boolean open(ResourceDefinition resource) {
        SecurableElements elements = ELEMENTS.get(resource.key());
        return resource.descriptor() || (elements != null && !secured(elements));
    }

    private static boolean secured(SecurableElements elements) {
        return !(elements.educationOrganizations().isEmpty()
                && elements.students().isEmpty()
                && elements.contacts().isEmpty());
    }

    /**
     * The condition an item of {@code resource} (a row aliased {@code alias}, with {@code body} and
     * {@code created_by}) must meet for the caller to read it; null when every item is.
     */
    public static Filter filter(ResourceDefinition resource, AccessScope scope, String alias) {
        return filter(
                resource.key(),
                resource.descriptor(),
                Granted.of(scope, resource, Action.Read),
                scope,
                alias,
                Shape.MANY);
    }

    /**
     * {@link #filter} for a statement about one item (by id, by its whole natural key, or an item being written):
     * the same condition, in the shape that costs a few index probes per item whatever the scope's size.
     */
    public static Filter itemFilter(ResourceDefinition resource, AccessScope scope, String alias) {
        return itemFilter(resource, scope, alias, Action.Read);
    }

    /** {@link #itemFilter} for {@code action} (a write: the item as stored and as sent must meet it). */
    public static Filter itemFilter(ResourceDefinition resource, AccessScope scope, String alias, Action action) {
        return filter(
                resource.key(), resource.descriptor(), Granted.of(scope, resource, action), scope, alias, Shape.ITEM);
    }

    /**
     * How a statement tests that an organization is reached, for a scope whose organizations are stored under a
     * key ({@link ClaimedOrganizations}); a scope whose ids are sent uses V1_10's shape for both. Both shapes
     * give the same answer; the statement's kind, not PostgreSQL's estimates, chooses between them.
     */
    private enum Shape {
        /** The organization looked up in the stored set with its ancestors ({@code auth_claimed_reaches}). */
        ITEM,
        /**
         * The set's reach among the organizations some item names, computed once per statement
         * ({@code auth_claimed_named_reach}, V1_12), matched with = ANY: ids of the set no item names cost nothing.
         */
        MANY
    }

    private static final Filter NOTHING = new Filter("FALSE", List.of());

    /**
     * The condition of what {@code granted} lets the caller reach of the resource: nothing when not granted; the
     * relationship strategies and the creator rule OR-combined over the resource's securable elements (a strategy
     * that finds no element of its kind on the resource reaches nothing by it); the namespace (a descriptor's; any
     * other resource has none, so nothing is reached) and ownership AND-combined with them.
     */
    private static Filter filter(
            String resourceKey, boolean descriptor, Granted granted, AccessScope scope, String alias, Shape shape) {
        if (!granted.granted() || (granted.namespace() && !descriptor)) {
            return NOTHING;
        }
        if (granted.unconditional()) {
            return null;
        }
        List<Object> values = new ArrayList<>();
        String sql = "TRUE";
        if (!granted.everything()
                && (granted.organizations() || granted.people() || granted.students() || granted.creator())) {
            List<String> any = new ArrayList<>();
            SecurableElements elements = ELEMENTS.get(resourceKey);
            if (elements != null) {
                related(elements, granted, scope, alias, shape, any, values);
            }
            sql = any.isEmpty() ? "FALSE" : "(" + String.join(" OR ", any) + ")";
        }
        if (granted.namespace()) {
            sql = "(" + sql + " AND EXISTS (SELECT 1 FROM unnest(?::text[]) prefix WHERE starts_with(" + alias
                    + ".body ->> 'namespace', prefix)))";
            values.add(scope.namespacePrefixTexts());
        }
        if (granted.owner()) {
            sql = "(" + sql + " AND " + alias + ".created_by = ?)";
            values.add(creator(scope));
        }
        return new Filter(sql, values);
    }

    /**
     * The alternatives of {@link #filter} that the resource's securable elements give the granted strategies: its
     * organizations under a strategy of organizations; the person it is secured by (its first student, else its
     * first contact) under a strategy of people when it names no organization, or under one of people only; the
     * creator rule for an item secured by a person.
     */
    private static void related(
            SecurableElements elements,
            Granted granted,
            AccessScope scope,
            String alias,
            Shape shape,
            List<String> any,
            List<Object> values) {
        boolean byOrganization = !elements.educationOrganizations().isEmpty();
        if (granted.organizations()) {
            for (JsonPath path : elements.educationOrganizations()) {
                any.add(reached(alias + ".body #>> '" + pg(path) + "'", scope, values, shape));
            }
        }
        boolean byPerson = !byOrganization || granted.personAlways();
        if (!elements.students().isEmpty()) {
            String student = alias + ".body #>> '" + pg(elements.students().get(0)) + "'";
            if (byPerson && granted.students()) {
                // correlated: an item costs an index look-up of its own student's relationships, whatever the
                // size of the LEA
                any.add("EXISTS (SELECT 1 FROM auth_student_education_organization r WHERE r.student_unique_id = "
                        + student + " AND " + reached("r.education_organization_id", scope, values, shape) + ")");
            }
            if (!byOrganization && granted.creator()) {
                any.add("(" + alias + ".created_by = ? AND NOT EXISTS (SELECT 1 FROM"
                        + " auth_student_education_organization r WHERE r.student_unique_id = " + student + "))");
                values.add(creator(scope));
            }
        } else if (!elements.contacts().isEmpty()) {
            String contact = alias + ".body #>> '" + pg(elements.contacts().get(0)) + "'";
            if (byPerson && granted.people()) {
                any.add("EXISTS (SELECT 1 FROM auth_student_contact sc JOIN auth_student_education_organization r"
                        + " ON r.student_unique_id = sc.student_unique_id WHERE sc.contact_unique_id = " + contact
                        + " AND " + reached("r.education_organization_id", scope, values, shape) + ")");
            }
            if (!byOrganization && granted.creator()) {
                // the creator's until a student links it to some organization (a student without any
                // relationship yet does not)
                any.add("(" + alias + ".created_by = ? AND NOT EXISTS (SELECT 1 FROM auth_student_contact sc"
                        + " JOIN auth_student_education_organization r ON r.student_unique_id = sc.student_unique_id"
                        + " WHERE sc.contact_unique_id = " + contact + "))");
                values.add(creator(scope));
            }
        }
    }

    private static String creator(AccessScope scope) {
        return scope.clientId() == null ? "" : scope.clientId();
    }
    /**
     * The condition that the organization id {@code organization} (a SQL text expression) is reached: it is in
     * the scope's reach (the scope's organizations and every one below them, read from the ancestors V1_9's
     * triggers keep). Adds its value: the scope's ids, or the key of its stored set. With the ids, the reach is
     * computed once per statement ({@code auth_education_organizations}, V1_10); with a key, in the given shape.
     */
    private static String reached(String organization, AccessScope scope, List<Object> values, Shape shape) {
        if (scope.claimedKey() == null) {
            values.add(scope.organizationIdTexts());
            return organization + " = ANY (" + REACH + ")";
        }
        values.add(scope.claimedKey());
        return switch (shape) {
            case ITEM -> "auth_claimed_reaches(?, " + organization + ")";
            case MANY -> organization + " = ANY ((SELECT auth_claimed_named_reach(?))::text[])";
        };
    }

    /** The organizations a client reaches from the ones in its token (one {@code String[]} value: the claimed). */
    private static final String REACH = "(SELECT auth_education_organizations(?::text[]))::text[]";

    /**
     * What the item as sent by a {@code Create} or {@code Update} must meet besides {@link #itemFilter}, on a row
     * aliased {@code alias} with {@code body}, {@code created_by} and {@code stored} (the body as stored, null for a
     * new item); null when nothing. Under a relationship strategy a writer may set a reference only to what it
     * reaches: under one of organizations, a school's LEA, an LEA's SEA or ESC, an ESC's SEA (so it cannot move its
     * organization under one it is not in); under one of people, a contact association's student and contact and an
     * SEOA's student (unless the state's {@code policy} allows SEOAs for students not related to the client yet).
     * A reference left as stored needs no new check (a school's client may update its school, whose LEA it does not
     * reach).
     */
    public static Filter sent(
            ResourceDefinition resource, AccessScope scope, String alias, Action action, Policy policy) {
        Granted granted = Granted.of(scope, resource, action);
        SecurableElements elements = ELEMENTS.get(resource.key());
        if (!granted.granted() || granted.everything() || elements == null) {
            return null;
        }
        List<String> all = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (granted.organizations()) {
            for (JsonPath path : elements.educationOrganizations()) {
                if (!SecurableElements.own(path)) {
                    all.add("(" + unchanged(alias, pg(path)) + " OR "
                            + reached(alias + ".body #>> '" + pg(path) + "'", scope, values, Shape.ITEM) + ")");
                }
            }
        }
        boolean seoaPolicy =
                resource.key().equals("studentEducationOrganizationAssociations") && policy.seoaForUnrelatedStudents();
        if (granted.students() && !seoaPolicy) {
            elements.students().forEach(path -> inScope(path, STUDENTS, scope, alias, all, values));
        }
        if (granted.people()) {
            elements.contacts().forEach(path -> inScope(path, CONTACTS, scope, alias, all, values));
        }
        return all.isEmpty() ? null : new Filter("(" + String.join(" AND ", all) + ")", values);
    }

    /**
     * Adds to {@code all} that the person a reference {@code path} names (an item of {@code resource}, stored by the
     * same service) is one the writer reads, unless the reference is unchanged; a path of the item's own id adds
     * nothing.
     */
    private static void inScope(
            JsonPath path, String resource, AccessScope scope, String alias, List<String> all, List<Object> values) {
        if (SecurableElements.own(path)) {
            return;
        }
        Filter inScope =
                filter(resource, false, Granted.of(scope, resource, Action.Read), scope, "reached", Shape.ITEM);
        all.add("(" + unchanged(alias, pg(path)) + " OR EXISTS (SELECT 1 FROM document reached"
                + " WHERE reached.resource = '" + resource + "' AND reached.body @> jsonb_build_object('"
                + path.leaf() + "', " + alias + ".body #> '" + pg(path) + "')"
                + (inScope == null ? "" : " AND " + inScope.sql()) + "))");
        if (inScope != null) {
            values.addAll(inScope.values());
        }
    }

    private static String unchanged(String alias, String path) {
        return alias + ".stored #> '" + path + "' IS NOT DISTINCT FROM " + alias + ".body #> '" + path + "'";
    }

    /**
     * The organizations that see an item of {@code resource} with the body of the row aliased {@code alias}, as
     * a SQL {@code text[]} (a client sees it when one of them is in its token): the organizations it belongs to
     * and every one above them (a school's LEA, the LEA's SEA and ESC, the ESC's SEA; V1_8), or those of its
     * student's (its contact's students') relationships. Recorded with tombstones
     * and key changes, so that they stay visible to those who saw the item when it changed, whatever is deleted
     * later. Null for resources every client, or no scoped client, reads.
     */
    public static String audience(ResourceDefinition resource, String alias) {
        SecurableElements elements = ELEMENTS.get(resource.key());
        if (open(resource) || elements == null) {
            return null;
        }
        if (!elements.educationOrganizations().isEmpty()) {
            List<String> ids = new ArrayList<>();
            for (JsonPath path : elements.educationOrganizations()) {
                ids.add(alias + ".body #>> '" + pg(path) + "'");
            }
            return "auth_education_organization_ancestors(ARRAY[" + String.join(", ", ids) + "])";
        }
        boolean student = !elements.students().isEmpty();
        String key = alias + ".body #>> '"
                + pg(student ? elements.students().get(0) : elements.contacts().get(0)) + "'";
        String related = student
                ? "SELECT r.education_organization_id FROM auth_student_education_organization r"
                        + " WHERE r.student_unique_id = " + key
                : "SELECT r.education_organization_id FROM auth_student_contact sc"
                        + " JOIN auth_student_education_organization r"
                        + " ON r.student_unique_id = sc.student_unique_id WHERE sc.contact_unique_id = " + key;
        return "auth_education_organization_ancestors(ARRAY(" + related + "))";
    }

    /**
     * The condition on a change record aliased {@code alias} ({@code deleted_document} or {@code key_change}, with
     * {@code education_organization_ids} from {@link #audience}): one of the recorded organizations is in the
     * token. As in the ODS/API, a record is a client's only through its organizations: an item that no
     * organization saw when it was deleted (a student created and deleted before anything related it to one) leaves
     * a tombstone that only unrestricted clients see, whoever created it; under {@code OwnershipBased} no record is
     * (ownership covers live items), and a relationship strategy shows only records of the resources whose
     * securable elements it tests (not a student's under {@code RelationshipsWithEdOrgsOnly}, nor a school's under
     * one of people). A descriptor's under {@code NamespaceBased}: its last body's namespace ({@code before}).
     * {@code before} applies to records from before V1_7, which recorded no organizations. Null when every record is
     * in scope.
     */
    public static Filter changes(ResourceDefinition resource, AccessScope scope, String alias, Filter before) {
        Granted granted = Granted.of(scope, resource, Action.ReadChanges);
        if (!granted.granted() || granted.owner()) {
            return NOTHING;
        }
        if (granted.namespace()) {
            return resource.descriptor() ? before : NOTHING;
        }
        if (granted.unconditional() || granted.everything()) {
            return null;
        }
        SecurableElements elements = ELEMENTS.get(resource.key());
        if (elements == null || open(resource) || !recordedFor(granted, elements)) {
            // the creator rule covers live items: their records are seen through organizations only
            return NOTHING;
        }
        String organizations = alias + ".education_organization_ids";
        List<Object> values = new ArrayList<>(before.values());
        String inToken;
        if (scope.claimedKey() == null) {
            values.add(scope.organizationIdTexts());
            inToken = organizations + " && ?::text[]";
        } else {
            values.add(scope.claimedKey());
            inToken = "auth_claimed_overlaps(?, " + organizations + ")";
        }
        return new Filter("((" + organizations + " IS NULL AND " + before.sql() + ") OR " + inToken + ")", values);
    }

    /** Whether a relationship strategy of {@code granted} tests one of these securable elements. */
    private static boolean recordedFor(Granted granted, SecurableElements elements) {
        return (granted.organizations() && !elements.educationOrganizations().isEmpty())
                || (granted.people()
                        && !(elements.students().isEmpty()
                                && elements.contacts().isEmpty()))
                || (granted.students() && !elements.students().isEmpty());
    }

    /**
     * The paths at which each resource authorized by organization names its organizations, as PostgreSQL paths, by
     * resource key ({@link NamedOrganizationPaths} makes V1_12's trigger and {@code auth_named_organizations} read
     * every one of them).
     */
    public static Map<String, List<String>> organizationPaths() {
        Map<String, List<String>> paths = new java.util.TreeMap<>();
        ELEMENTS.forEach((resource, elements) -> {
            if (!elements.educationOrganizations().isEmpty()) {
                paths.put(
                        resource,
                        elements.educationOrganizations().stream()
                                .map(Relationships::pg)
                                .toList());
            }
        });
        return paths;
    }

    /** Whether the resource can hold relationships whose replicas may lag (so a denial is worth a re-check). */
    static boolean dependsOnRelationships(ResourceDefinition resource) {
        SecurableElements elements = ELEMENTS.get(resource.key());
        return elements != null && secured(elements);
    }
}
