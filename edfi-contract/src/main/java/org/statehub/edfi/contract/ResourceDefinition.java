package org.statehub.edfi.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lombok.RequiredArgsConstructor;

/**
 * The declaration of one Ed-Fi resource, read from the contract data ({@code edfi/schema/resources.json} and the
 * resource's JSON Schema). The engine needs nothing else to serve it.
 *
 * @param key              catalog key, under which its items are stored: the URL segment for the core
 *                         ({@code students}), {@code {project}/{segment}} for an extension project's own resources
 *                         ({@code sample/buses}), so that no two projects' resources share one
 * @param project          the project that declares it: {@link #CORE} ({@code ed-fi}) or an extension project's
 *                         endpoint name ({@code sample}); the first segment of its URL under {@code /data/v3}
 * @param path             contract path, {@code /{project}/{segment}}, e.g. {@code /ed-fi/students}
 * @param resourceName     entity name used in error texts and links, e.g. {@code Student}
 * @param ownerService     the service that stores it
 * @param identity         natural-key columns in storage order
 * @param allowKeyChanges  whether PUT may change the natural key
 * @param queryParameters  GET-by-example parameter name to JSON path, keyed in lower case
 * @param rules            the hub's own rules for the resource ({@code edfi/schema/hub-rules.json})
 */
public record ResourceDefinition(
        String key,
        String project,
        String path,
        String resourceName,
        String ownerService,
        boolean descriptor,
        JsonNode schema,
        List<KeyField> identity,
        boolean allowKeyChanges,
        List<ReferenceDeclaration> references,
        List<DescriptorMember> descriptors,
        List<CollectionDeclaration> collections,
        List<EqualityConstraint> equalityConstraints,
        Map<String, QueryParameter> queryParameters,
        java.util.Set<Rule> rules) {

    /** The project of the Ed-Fi core resources, the first segment of their URLs ({@code /data/v3/ed-fi/...}). */
    public static final String CORE = "ed-fi";

    /** The URL segment of the resource under its project ({@code students}, {@code buses}). */
    public String segment() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * The contract path of the resource with this catalog key ({@code students} gives {@code /ed-fi/students},
     * {@code sample/buses} gives {@code /sample/buses}): the inverse of how {@link #key} is formed.
     */
    public static String pathOf(String key) {
        return "/" + (key.indexOf('/') < 0 ? CORE + "/" : "") + key;
    }

    /**
     * The hub's own rules a resource may be declared with in {@code edfi/schema/hub-rules.json} (each the name of a
     * member there, in camel case), so that the engine names no resource in code.
     */
    @RequiredArgsConstructor
    public enum Rule {
        /** What each education organization reports of an item is kept as well ({@code /{resource}/reports}). */
        REPORTED_PER_ORGANIZATION("reportedPerOrganization"),
        /** Its items relate students and organizations (their replicas catch up before a refusal is decided again). */
        RELATIONSHIP("relationship"),
        /** A student record: accesses to it, and to every resource that references it, are audited. */
        STUDENT_RECORD("studentRecord"),
        /**
         * A new school year copied from a previous one carries its items over (docs/decisions/0020, part 5): the
         * education organizations and school years; descriptors are carried by being descriptors.
         */
        NEW_YEAR("newYear");

        private final String member;

        /** The member of {@code hub-rules.json} that lists the resources with this rule. */
        public String member() {
            return member;
        }
    }

    /** Whether the resource is declared with the rule. */
    public boolean has(Rule rule) {
        return rules.contains(rule);
    }

    /** The same declaration with these rules. */
    public ResourceDefinition withRules(java.util.Set<Rule> rules) {
        return new ResourceDefinition(
                key,
                project,
                path,
                resourceName,
                ownerService,
                descriptor,
                schema,
                identity,
                allowKeyChanges,
                references,
                descriptors,
                collections,
                equalityConstraints,
                queryParameters,
                java.util.Set.copyOf(rules));
    }

    /** A GET-by-example parameter: its canonical name and the JSON path it filters on. */
    public record QueryParameter(String name, JsonPath path) {}

    public QueryParameter queryParameter(String name) {
        return queryParameters.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The item without the {@code link} objects a read adds inside its references (every object member named
     * {@code ...Reference}, at any depth, in collections too): what is stored, for comparing items or keeping a
     * copy. Changes {@code item} and returns it.
     */
    public static <T extends JsonNode> T withoutLinks(T item) {
        if (item instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            object.properties().forEach(member -> {
                if (member.getKey().endsWith("Reference")
                        && member.getValue() instanceof com.fasterxml.jackson.databind.node.ObjectNode reference) {
                    reference.remove("link");
                }
                withoutLinks(member.getValue());
            });
        } else if (item != null && item.isArray()) {
            item.forEach(ResourceDefinition::withoutLinks);
        }
        return item;
    }

    /** The identity paths of all key columns, including unified duplicates. */
    public boolean isIdentityPath(String concretePath) {
        for (KeyField field : identity) {
            if (field.path().toString().equals(concretePath)) {
                return true;
            }
        }
        return false;
    }
}
