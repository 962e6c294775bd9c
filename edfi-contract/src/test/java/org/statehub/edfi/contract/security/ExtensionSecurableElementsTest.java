package org.statehub.edfi.contract.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statehub.edfi.contract.ExtensionProject;
import org.statehub.edfi.contract.InvalidDefinitionException;
import org.statehub.edfi.contract.ResourceCatalog;

/**
 * Securable elements declared by an extension project for its own resources (docs/decisions/0020, part 3): read
 * into the catalog beside the core's, and checked when the catalog is loaded, every finding at once.
 */
class ExtensionSecurableElementsTest {

    @Test
    void aProjectsOwnResourceIsSecuredByTheSchoolItReferences(@TempDir Path folder) throws Exception {
        project(folder, """
                {"resources": {"schoolAccreditations": {
                  "educationOrganizations": ["$.schoolReference.schoolId"],
                  "students": ["$.studentReference.studentUniqueId"]}}}""");

        ResourceCatalog catalog = ResourceCatalog.load(ExtensionProject.named(folder.toString()));
        SecurableElements elements = catalog.securableElements().get("state/schoolAccreditations");

        assertThat(elements.educationOrganizations())
                .extracting(Object::toString)
                .containsExactly("$.schoolReference.schoolId");
        assertThat(elements.students())
                .extracting(Object::toString)
                .containsExactly("$.studentReference.studentUniqueId");
        // the core's are kept as they are
        assertThat(catalog.securableElements().get("schools"))
                .isEqualTo(ResourceCatalog.load(List.of()).securableElements().get("schools"));
    }

    @Test
    void withoutItsFileAProjectsResourceHasNoElements(@TempDir Path folder) throws Exception {
        project(folder, null);

        assertThat(ResourceCatalog.load(ExtensionProject.named(folder.toString()))
                        .securableElements())
                .doesNotContainKey("state/schoolAccreditations")
                .containsKey("schools");
        // the Sample's buses name no organization, and its bus routes only through a reference the hub does not
        // serve (docs/SECURITY.md section 4)
        assertThat(ResourceCatalog.load(ExtensionProject.named("sample")).securableElements())
                .doesNotContainKeys("sample/buses", "sample/busRoutes");
    }

    @Test
    void anElementThatIsNoReferenceOfTheKindOrNamesACoreResourceStopsTheLoad(@TempDir Path folder) throws Exception {
        project(folder, """
                {"resources": {
                  "schoolAccreditations": {
                    "educationOrganizations": ["$.schoolRef.schoolId", "$.accreditationBody",
                                               "$.studentReference.studentUniqueId"],
                    "contacts": ["$.schoolReference.schoolId"]},
                  "students": {"educationOrganizations": ["$._ext.state.schoolReference.schoolId"]},
                  "schoolInspections": {}}}""");

        assertThatThrownBy(() -> ResourceCatalog.load(ExtensionProject.named(folder.toString())))
                .isInstanceOfSatisfying(
                        InvalidDefinitionException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "Extension project State (state), securable-elements.json: 'students' is not a"
                                                + " resource of the project: a project declares elements for its own"
                                                + " resources only (a member under _ext is secured by its resource's"
                                                + " elements).",
                                        "Extension project State (state), securable-elements.json: 'schoolInspections'"
                                                + " is not a resource of the project: a project declares elements for its"
                                                + " own resources only (a member under _ext is secured by its resource's"
                                                + " elements).",
                                        "Extension project State (state), securable-elements.json: state/schoolAccreditations:"
                                                + " the securable element $.schoolRef.schoolId is not a member of one of its"
                                                + " references ($.schoolReference, $.studentReference).",
                                        "Extension project State (state), securable-elements.json: state/schoolAccreditations:"
                                                + " the securable element $.accreditationBody is not a member of its identity"
                                                + " (a one-member element is the item's own id).",
                                        "Extension project State (state), securable-elements.json: state/schoolAccreditations:"
                                                + " the securable element $.studentReference.studentUniqueId must name an"
                                                + " education organization, but its reference points at students.",
                                        "Extension project State (state), securable-elements.json: state/schoolAccreditations:"
                                                + " the securable element $.schoolReference.schoolId must name a contact, but"
                                                + " its reference points at schools."));
    }

    /**
     * A project {@code state} with one resource of its own, {@code schoolAccreditations} (a school's accreditation
     * in a year, with the student who represented it), and {@code elements} as its securable elements (none when
     * null).
     */
    private static void project(Path folder, String elements) throws Exception {
        Files.writeString(folder.resolve("project.json"), """
                {"projectName": "State", "projectEndpointName": "state", "resources": "resources.json"%s}""".formatted(
                        elements == null ? "" : ", \"securableElements\": \"securable-elements.json\""));
        if (elements != null) {
            Files.writeString(folder.resolve("securable-elements.json"), elements);
        }
        Files.writeString(folder.resolve("resources.json"), """
                {"resources": {"schoolAccreditations": {"resourceName": "SchoolAccreditation",
                  "schema": "schoolAccreditations.schema.json", "ownerService": "enrollment-service",
                  "identityKeyValues": [
                    {"name": "schoolId", "path": "$.schoolReference.schoolId", "type": "int64"},
                    {"name": "accreditationYear", "path": "$.accreditationYear", "type": "int32"}],
                  "references": [
                    {"path": "$.schoolReference", "required": true, "target": "schools", "targetResourceName": "School",
                     "inSubset": true, "targetOwnerService": "enrollment-service",
                     "fieldMap": {"schoolId": "$.schoolId"}},
                    {"path": "$.studentReference", "required": false, "target": "students",
                     "targetResourceName": "Student", "inSubset": true, "targetOwnerService": "student-service",
                     "fieldMap": {"studentUniqueId": "$.studentUniqueId"}}],
                  "queryParameters": {}}}}""");
        Files.writeString(folder.resolve("schoolAccreditations.schema.json"), """
                {"type": "object", "properties": {"accreditationYear": {"type": "integer"},
                  "accreditationBody": {"type": "string"},
                  "schoolReference": {"type": "object", "properties": {"schoolId": {"type": "integer"}}},
                  "studentReference": {"type": "object", "properties": {"studentUniqueId": {"type": "string"}}}}}""");
    }
}
