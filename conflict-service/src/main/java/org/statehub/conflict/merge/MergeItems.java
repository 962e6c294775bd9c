package org.statehub.conflict.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.store.Ids;

/**
 * What a merge moves and in which order, and its items as the before-image keeps them: without the members the
 * services add, and for another student. Pure.
 */
final class MergeItems {

    static final String STUDENTS = "students";
    static final String SEOAS = "studentEducationOrganizationAssociations";
    static final String CONTACT_ASSOCIATIONS = "studentContactAssociations";
    static final String ENROLLMENTS = "studentSchoolAssociations";
    static final String ATTENDANCE = "studentSchoolAttendanceEvents";
    /** What a split restores, in the contract's load order: the enrollments before what depends on them. */
    static final List<String> RESTORE_ORDER = ResourceCatalog.contract()
            .loadOrder()
            .sorted(List.of(SEOAS, CONTACT_ASSOCIATIONS, ENROLLMENTS, ATTENDANCE));
    /** What a merge moves, in the reverse (delete) order: attendance before the enrollments. */
    static final List<String> MOVE_ORDER = RESTORE_ORDER.reversed();
    /** The seq of a merge's last step, deleting the retired student (items found late are planned before it). */
    static final int STUDENT_SEQ = 1_000_000_000;

    private MergeItems() {}

    /** The item as stored in the before-image and sent back: without the members the services add. */
    static ObjectNode strip(JsonNode item) {
        ObjectNode body = item.deepCopy();
        body.remove(List.of("id", "_etag", "_lastModifiedDate"));
        return ResourceDefinition.withoutLinks(body);
    }

    /** The same item for another student. */
    static ObjectNode rekey(ObjectNode body, String studentUniqueId) {
        ObjectNode copy = body.deepCopy();
        copy.withObject("studentReference").put("studentUniqueId", studentUniqueId);
        copy.withObject("studentReference").remove("link");
        return copy;
    }

    static UUID id(JsonNode item) {
        UUID id = Ids.parse(item.path("id").asText());
        if (id == null) {
            throw new IllegalStateException("An item without an id: " + item);
        }
        return id;
    }

    static String etag(JsonNode item) {
        return item.path("_etag").asText();
    }
}
