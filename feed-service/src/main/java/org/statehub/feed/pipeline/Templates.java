package org.statehub.feed.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;

/**
 * The state's daily collection templates (demographic, contacts, enrollment, attendance), one flat row each, turned
 * into the Ed-Fi-shaped records a pull prepares (with the vendor's codes still in them). A demographic row gives a
 * student and its SEOA at the LEA; a contacts row a contact and its association with the student; an enrollment
 * row an enrollment; an attendance row an attendance event. A connection's {@link ExtensionColumns} add extension
 * members from further columns.
 */
@RequiredArgsConstructor
final class Templates {

    /** A record of one resource made from a row. */
    record Made(String resource, ObjectNode record) {}

    /** The templates in the order they are read, and the resources each gives. */
    static final Map<String, List<String>> RESOURCES = Map.of(
            "demographic", List.of("students", "studentEducationOrganizationAssociations"),
            "contacts", List.of("contacts", "studentContactAssociations"),
            "enrollment", List.of("studentSchoolAssociations"),
            "attendance", List.of("studentSchoolAttendanceEvents"));

    static final List<String> ORDER = List.of("demographic", "contacts", "enrollment", "attendance");

    private final ObjectMapper mapper;

    /** The connection's extension columns, put into the records each row makes. */
    private final ExtensionColumns extensionColumns;

    /**
     * The records of one row of {@code template} (columns by header name; empty cells are absent), with the
     * connection's extension columns filled in.
     */
    List<Made> records(String template, Map<String, String> row) {
        List<Made> made = core(template, row);
        made.forEach(m -> extensionColumns.fill(m.resource(), row, m.record()));
        return made;
    }

    private List<Made> core(String template, Map<String, String> row) {
        return switch (template) {
            case "demographic" -> demographic(row);
            case "contacts" -> contacts(row);
            case "enrollment" -> List.of(new Made("studentSchoolAssociations", enrollment(row)));
            case "attendance" -> List.of(new Made("studentSchoolAttendanceEvents", attendance(row)));
            default -> throw new IllegalArgumentException("Unknown template " + template);
        };
    }

    private List<Made> demographic(Map<String, String> row) {
        ObjectNode student = mapper.createObjectNode();
        put(student, "sourceId", row.get("SourceId"));
        put(student, "studentUniqueId", row.get("StudentUniqueId"));
        put(student, "firstName", row.get("FirstName"));
        put(student, "middleName", row.get("MiddleName"));
        put(student, "lastSurname", row.get("LastName"));
        put(student, "generationCodeSuffix", row.get("Suffix"));
        put(student, "preferredFirstName", row.get("PreferredFirstName"));
        put(student, "birthDate", row.get("BirthDate"));
        if (blank(row.get("LeaId"))) {
            return List.of(new Made("students", student));
        }
        ObjectNode seoa = mapper.createObjectNode();
        put(seoa, "sourceId", blank(row.get("SourceId")) ? null : row.get("SourceId") + "#seoa");
        seoa.putObject("studentReference").put("studentUniqueId", row.get("StudentUniqueId"));
        seoa.putObject("educationOrganizationReference").set("educationOrganizationId", number(row.get("LeaId")));
        put(seoa, "sexDescriptor", row.get("Sex"));
        if (!blank(row.get("HispanicLatino"))) {
            seoa.put("hispanicLatinoEthnicity", "Y".equalsIgnoreCase(row.get("HispanicLatino")));
        }
        if (!blank(row.get("Race"))) {
            ArrayNode races = seoa.putArray("races");
            for (String race : row.get("Race").split(";")) {
                if (!race.isBlank()) {
                    races.addObject().put("raceDescriptor", race.trim());
                }
            }
        }
        return List.of(new Made("students", student), new Made("studentEducationOrganizationAssociations", seoa));
    }

    private List<Made> contacts(Map<String, String> row) {
        ObjectNode contact = mapper.createObjectNode();
        put(contact, "sourceId", blank(row.get("ContactUniqueId")) ? null : "CON:" + row.get("ContactUniqueId"));
        put(contact, "contactUniqueId", row.get("ContactUniqueId"));
        put(contact, "firstName", row.get("ContactFirstName"));
        put(contact, "lastSurname", row.get("ContactLastName"));
        put(contact, "sexDescriptor", row.get("ContactSex"));
        ObjectNode association = mapper.createObjectNode();
        put(association, "sourceId", row.get("SourceId"));
        association.putObject("studentReference").put("studentUniqueId", row.get("StudentUniqueId"));
        association.putObject("contactReference").put("contactUniqueId", row.get("ContactUniqueId"));
        put(association, "relationDescriptor", row.get("Relation"));
        flag(association, "emergencyContactStatus", row.get("Emergency"));
        flag(association, "primaryContactStatus", row.get("Primary"));
        return List.of(new Made("contacts", contact), new Made("studentContactAssociations", association));
    }

    private ObjectNode enrollment(Map<String, String> row) {
        ObjectNode enrollment = mapper.createObjectNode();
        put(enrollment, "sourceId", row.get("SourceId"));
        enrollment.putObject("studentReference").put("studentUniqueId", row.get("StudentUniqueId"));
        enrollment.putObject("schoolReference").set("schoolId", number(row.get("SchoolId")));
        put(enrollment, "entryDate", row.get("EntryDate"));
        put(enrollment, "entryGradeLevelDescriptor", row.get("EntryGrade"));
        put(enrollment, "entryTypeDescriptor", row.get("EntryType"));
        put(enrollment, "exitWithdrawDate", row.get("ExitDate"));
        put(enrollment, "exitWithdrawTypeDescriptor", row.get("ExitType"));
        return enrollment;
    }

    private ObjectNode attendance(Map<String, String> row) {
        ObjectNode event = mapper.createObjectNode();
        put(event, "sourceId", row.get("SourceId"));
        event.putObject("studentReference").put("studentUniqueId", row.get("StudentUniqueId"));
        event.putObject("schoolReference").set("schoolId", number(row.get("SchoolId")));
        ObjectNode session = event.putObject("sessionReference");
        session.set("schoolId", number(row.get("SchoolId")));
        session.set("schoolYear", number(row.get("SchoolYear")));
        session.put("sessionName", row.get("SessionName"));
        put(event, "eventDate", row.get("EventDate"));
        put(event, "attendanceEventCategoryDescriptor", row.get("Category"));
        put(event, "attendanceEventReason", row.get("Reason"));
        return event;
    }

    /** A whole number when the cell is one; otherwise the text, for validation to refuse. */
    private com.fasterxml.jackson.databind.JsonNode number(String text) {
        if (text == null) {
            return mapper.nullNode();
        }
        try {
            return mapper.getNodeFactory().numberNode(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return mapper.getNodeFactory().textNode(text);
        }
    }

    private static void put(ObjectNode node, String field, String value) {
        if (!blank(value)) {
            node.put(field, value);
        }
    }

    private static void flag(ObjectNode node, String field, String value) {
        if (!blank(value)) {
            node.put(field, "Y".equalsIgnoreCase(value.trim()));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
