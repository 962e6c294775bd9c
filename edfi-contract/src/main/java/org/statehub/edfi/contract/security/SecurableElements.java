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
import org.statehub.edfi.contract.InvalidDefinitionException;
import org.statehub.edfi.contract.JsonPath;
import org.statehub.edfi.contract.ResourceCatalog;

/**
 * Where an item of a resource names what the relationship strategies test (docs/decisions/0020, part 3), read from
 * {@code edfi/security/securable-elements.json}: the education organizations it belongs to, and the students and
 * contacts it names. A path of one member is the item's own identity ({@code $.schoolId}); a longer one is a
 * reference ({@code $.localEducationAgencyReference.localEducationAgencyId}).
 *
 * @param educationOrganizations the organizations, own identity first
 * @param students               the students it names (its own id for a student)
 * @param contacts               the contacts it names (its own id for a contact)
 */
public record SecurableElements(
        List<JsonPath> educationOrganizations, List<JsonPath> students, List<JsonPath> contacts) {

    /** The elements of the resources this library ships, by resource key, checked against {@code catalog}. */
    public static Map<String, SecurableElements> shipped(ResourceCatalog catalog) {
        try (InputStream in = SecurableElements.class.getResourceAsStream("/edfi/security/securable-elements.json")) {
            return of(new ObjectMapper().readTree(in), catalog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The elements of {@code document} ({@code {"resources": {key: {...}}}}); every finding at once. */
    public static Map<String, SecurableElements> of(JsonNode document, ResourceCatalog catalog) {
        Map<String, SecurableElements> elements = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        document.path("resources").properties().forEach(entry -> {
            if (catalog.find(entry.getKey()) == null) {
                problems.add("Securable elements name the unknown resource '" + entry.getKey() + "'.");
                return;
            }
            elements.put(
                    entry.getKey(),
                    new SecurableElements(
                            paths(entry.getValue(), "educationOrganizations", problems),
                            paths(entry.getValue(), "students", problems),
                            paths(entry.getValue(), "contacts", problems)));
        });
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return Map.copyOf(elements);
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
