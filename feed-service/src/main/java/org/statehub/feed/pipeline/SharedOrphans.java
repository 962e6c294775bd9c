package org.statehub.feed.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lombok.RequiredArgsConstructor;

/**
 * Whose an orphan of a student-scoped resource is. The LEA's client reaches students, their contact
 * associations and their contacts through any relationship of the student to the district (the LEA and its
 * schools), so an item it sees may belong to another organization that serves the same student. Such an item
 * is not the district's to delete: a student or a contact association is <em>shared</em> when an enrollment
 * or an SEOA relates the student to an organization outside the district; a contact is shared when any of its
 * students (through every organization's contact associations) is shared or related to no organization at
 * all (then whose it is cannot be told; a contact the district wrote alone is deleted by a later resync, once
 * its associations are gone). Organization-scoped items are the district's own: never shared.
 */
@RequiredArgsConstructor
final class SharedOrphans {

    /** The resources the LEA's client reaches through a student rather than through an organization. */
    static final Set<String> RESOURCES = Set.of("students", "studentContactAssociations", "contacts");

    /** What the hub holds, as an unrestricted reader sees it. */
    interface Lookup {
        /** The organizations the student's enrollments (their schools) and SEOAs name. */
        Set<Long> organizationsOf(String studentUniqueId) throws IOException, InterruptedException;

        /** The students of every contact association of the contact. */
        Set<String> studentsOf(String contactUniqueId) throws IOException, InterruptedException;

        /** The LEA of the school with this id; null when no school has it or the school names no LEA. */
        Long leaOf(long schoolId) throws IOException, InterruptedException;
    }

    /** The hub would not tell about this item (a refusal of the look-up, an unreadable answer). */
    static final class CannotTell extends IOException {
        CannotTell(String message) {
            super(message);
        }

        CannotTell(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An item kept because whether it is shared could not be told. */
    record Unchecked(String resource, JsonNode keyValues, String why) {}

    private final long lea;
    private final Lookup lookup;
    private final Map<String, Set<Long>> organizations = new HashMap<>();
    private final Map<Long, Boolean> inDistrict = new HashMap<>();
    private final List<Unchecked> unchecked = new ArrayList<>();

    /**
     * Whether the item is kept: shared, or the hub would not tell for this item (then it is kept, to be safe,
     * and listed in {@link #unchecked}); the other items are decided all the same.
     */
    boolean keep(String resource, JsonNode keyValues) throws IOException, InterruptedException {
        try {
            return shared(resource, keyValues);
        } catch (CannotTell e) {
            unchecked.add(new Unchecked(resource, keyValues, e.getMessage()));
            return true;
        }
    }

    /** The items kept because whether they are shared could not be told. */
    List<Unchecked> unchecked() {
        return unchecked;
    }

    /** Whether the item (its resource and key values) is shared, and so kept. */
    boolean shared(String resource, JsonNode keyValues) throws IOException, InterruptedException {
        return switch (resource) {
            case "students", "studentContactAssociations" ->
                outside(organizationsOf(keyValues.path("studentUniqueId").asText()));
            case "contacts" -> {
                for (String student :
                        lookup.studentsOf(keyValues.path("contactUniqueId").asText())) {
                    Set<Long> related = organizationsOf(student);
                    if (related.isEmpty() || outside(related)) {
                        yield true;
                    }
                }
                yield false;
            }
            default -> false;
        };
    }

    private Set<Long> organizationsOf(String student) throws IOException, InterruptedException {
        Set<Long> found = organizations.get(student);
        if (found == null) {
            found = lookup.organizationsOf(student);
            organizations.put(student, found);
        }
        return found;
    }

    /** Whether any of the organizations is outside the district (neither the LEA nor one of its schools). */
    private boolean outside(Set<Long> related) throws IOException, InterruptedException {
        for (long organization : related) {
            Boolean in = inDistrict.get(organization);
            if (in == null) {
                Long schoolsLea = organization == lea ? null : lookup.leaOf(organization);
                in = organization == lea || schoolsLea != null && schoolsLea == lea;
                inDistrict.put(organization, in);
            }
            if (!in) {
                return true;
            }
        }
        return false;
    }
}
