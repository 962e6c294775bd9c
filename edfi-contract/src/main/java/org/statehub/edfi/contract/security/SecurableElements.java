package org.statehub.edfi.contract.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.statehub.edfi.contract.ExtensionProject;
import org.statehub.edfi.contract.InvalidDefinitionException;
import org.statehub.edfi.contract.JsonPath;
import org.statehub.edfi.contract.ReferenceDeclaration;
import org.statehub.edfi.contract.ReferenceTarget;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;

/**
 * Where an item of a resource names what the relationship strategies test (docs/decisions/0020, part 3), read from
 * {@code edfi/security/securable-elements.json} for the core and from the file an extension project's
 * {@code project.json} names under {@code securableElements} for the project's own resources: the education
 * organizations it belongs to, and the students and contacts it names. A path of one member is the item's own
 * identity ({@code $.schoolId}); a longer one is a reference ({@code $.localEducationAgencyReference.localEducationAgencyId})
 * whose target is of the element's kind (an education organization, {@code students}, {@code contacts}).
 *
 * @param educationOrganizations the organizations, own identity first
 * @param students               the students it names (its own id for a student)
 * @param contacts               the contacts it names (its own id for a contact)
 */
public record SecurableElements(
        List<JsonPath> educationOrganizations, List<JsonPath> students, List<JsonPath> contacts) {

    /** The member of {@code project.json} that names the project's file of securable elements. */
    public static final String PROJECT_MEMBER = "securableElements";

    /** The people an element of that kind names: its reference must point at this resource. */
    private static final String STUDENTS = "students";

    private static final String CONTACTS = "contacts";

    /**
     * The elements of every resource of {@code catalog} that has any: the core's and those its extension projects
     * declare, by resource key; every finding at once.
     */
    public static Map<String, SecurableElements> of(ResourceCatalog catalog) {
        Map<String, SecurableElements> all = new LinkedHashMap<>(shipped(catalog));
        List<String> problems = new ArrayList<>();
        Set<String> organizations = organizationResources(all);
        for (ExtensionProject project : catalog.extensions()) {
            String file = project.declaration().path(PROJECT_MEMBER).asText("");
            if (file.isEmpty()) {
                continue;
            }
            String where =
                    "Extension project " + project.projectName() + " (" + project.endpointName() + "), " + file + ": ";
            List<String> found = new ArrayList<>();
            Map<String, SecurableElements> declared = read(
                    project.files().apply(file),
                    name -> catalog.find(project.endpointName(), name),
                    name -> "'" + name + "' is not a resource of the project: a project declares elements for its"
                            + " own resources only (a member under _ext is secured by its resource's elements).",
                    organizations,
                    found);
            found.forEach(problem -> problems.add(where + problem));
            all.putAll(declared);
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return Map.copyOf(all);
    }

    /** The elements of the core resources this library ships, by resource key, checked against {@code catalog}. */
    public static Map<String, SecurableElements> shipped(ResourceCatalog catalog) {
        try (InputStream in = SecurableElements.class.getResourceAsStream("/edfi/security/securable-elements.json")) {
            return of(new ObjectMapper().readTree(in), catalog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The elements of {@code document} ({@code {"resources": {key: {...}}}}), an organization's reference
     * pointing at the core's education organizations; every finding at once.
     */
    public static Map<String, SecurableElements> of(JsonNode document, ResourceCatalog catalog) {
        List<String> problems = new ArrayList<>();
        Map<String, SecurableElements> elements = read(
                document,
                catalog::find,
                name -> "Securable elements name the unknown resource '" + name + "'.",
                null,
                problems);
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return Map.copyOf(elements);
    }

    /**
     * Reads {@code document}, adding what is wrong to {@code problems}; {@code resources} finds the resource a
     * name in it names, {@code unknown} says what is wrong with a name that names none. {@code organizations}: the resources an
     * organization's reference may point at; null to take those of {@code document} itself (the core's file,
     * where each organization names its own id).
     */
    private static Map<String, SecurableElements> read(
            JsonNode document,
            Function<String, ResourceDefinition> resources,
            UnaryOperator<String> unknown,
            Set<String> organizations,
            List<String> problems) {
        Map<String, SecurableElements> elements = new LinkedHashMap<>();
        Map<String, ResourceDefinition> named = new LinkedHashMap<>();
        document.path("resources").properties().forEach(entry -> {
            ResourceDefinition resource = resources.apply(entry.getKey());
            if (resource == null || resource.descriptor()) {
                problems.add(unknown.apply(entry.getKey()));
                return;
            }
            named.put(resource.key(), resource);
            elements.put(
                    resource.key(),
                    new SecurableElements(
                            paths(entry.getValue(), "educationOrganizations", problems),
                            paths(entry.getValue(), STUDENTS, problems),
                            paths(entry.getValue(), CONTACTS, problems)));
        });
        Set<String> organizationTargets = organizations == null ? organizationResources(elements) : organizations;
        elements.forEach((key, found) -> {
            ResourceDefinition resource = named.get(key);
            found.educationOrganizations()
                    .forEach(path ->
                            checkPath(resource, path, organizationTargets, "an education organization", problems));
            found.students().forEach(path -> checkPath(resource, path, Set.of(STUDENTS), "a student", problems));
            found.contacts().forEach(path -> checkPath(resource, path, Set.of(CONTACTS), "a contact", problems));
        });
        return elements;
    }

    /** The resources that are education organizations: those whose own identity is one of their organizations. */
    private static Set<String> organizationResources(Map<String, SecurableElements> elements) {
        Set<String> organizations = new TreeSet<>();
        elements.forEach((key, found) -> {
            if (found.educationOrganizations().stream().anyMatch(SecurableElements::own)) {
                organizations.add(key);
            }
        });
        return organizations;
    }

    /**
     * Adds a problem unless {@code path} is a member of the resource's identity (its own id) or a field of one of
     * its references every target of which is one of {@code kinds}.
     */
    private static void checkPath(
            ResourceDefinition resource, JsonPath path, Set<String> kinds, String kind, List<String> problems) {
        if (own(path)) {
            if (resource.identity().stream().noneMatch(field -> field.path().equals(path))) {
                problems.add(resource.key() + ": the securable element " + path + " is not a member of its identity"
                        + " (a one-member element is the item's own id).");
            }
            return;
        }
        ReferenceDeclaration reference = resource.references().stream()
                .filter(r -> r.path().equals(path.parent()))
                .findFirst()
                .orElse(null);
        if (reference == null
                || reference.targets().stream()
                        .anyMatch(target -> !target.fieldMap().containsKey(path.leaf()))) {
            problems.add(resource.key() + ": the securable element " + path + " is not a member of one of its"
                    + " references (" + referencePaths(resource) + ").");
            return;
        }
        List<String> others = reference.targets().stream()
                .map(ReferenceTarget::resource)
                .filter(target -> !kinds.contains(target))
                .toList();
        if (!others.isEmpty()) {
            problems.add(resource.key() + ": the securable element " + path + " must name " + kind + ", but its"
                    + " reference points at " + String.join(", ", others) + ".");
        }
    }

    private static String referencePaths(ResourceDefinition resource) {
        List<String> paths = resource.references().stream()
                .filter(r -> !r.path().hasWildcard())
                .map(r -> r.path().toString())
                .toList();
        return paths.isEmpty() ? "it has none" : String.join(", ", paths);
    }

    private static List<JsonPath> paths(JsonNode resource, String member, List<String> problems) {
        List<JsonPath> paths = new ArrayList<>();
        resource.path(member).forEach(path -> {
            try {
                JsonPath parsed = JsonPath.parse(path.asText());
                if (parsed.hasWildcard() || parsed.segments().isEmpty()) {
                    problems.add("A securable element is one member of the item, not '" + path.asText() + "'.");
                } else {
                    paths.add(parsed);
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        });
        return List.copyOf(paths);
    }

    /** Whether the path is the item's own identity (one member) rather than a reference to another item. */
    public static boolean own(JsonPath path) {
        return path.segments().size() == 1;
    }
}
