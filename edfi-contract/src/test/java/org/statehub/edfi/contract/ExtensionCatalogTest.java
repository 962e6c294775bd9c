package org.statehub.edfi.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extension projects merged into the core resources (docs/decisions/0020, step 1). */
class ExtensionCatalogTest {

    @Test
    void withoutExtensionsAStudentHasNoExtMember() {
        ResourceDefinition students = ResourceCatalog.load(List.of()).find("students");

        assertThat(students.schema().path("properties").has("_ext")).isFalse();
        assertThat(ResourceCatalog.load(List.of()).extensions()).isEmpty();
    }

    @Test
    void theSampleProjectAddsItsStudentMembersUnderExtSampleAndItsCollectionsWithTheirKeys() {
        ResourceCatalog catalog = ResourceCatalog.load(ExtensionProject.named("sample"));
        ResourceDefinition students = catalog.find("students");

        var ext = students.schema().path("properties").path("_ext");
        assertThat(ext.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(ext.path("properties").path("sample").path("properties").has("pets"))
                .isTrue();
        assertThat(students.collections())
                .anySatisfy(c -> {
                    assertThat(c.path().toString()).isEqualTo("$._ext.sample.pets");
                    assertThat(c.itemKey()).containsExactly("petName");
                })
                .anySatisfy(c -> {
                    assertThat(c.path().toString()).isEqualTo("$._ext.sample.aquaticPets");
                    assertThat(c.itemKey()).containsExactly("mimimumTankVolume", "petName");
                });
        // the core declarations are kept, and other resources are as they were
        assertThat(students.collections()).anyMatch(c -> c.path().toString().equals("$.otherNames"));
        assertThat(catalog.find("schools").schema())
                .isEqualTo(ResourceCatalog.load(List.of()).find("schools").schema());
        assertThat(catalog.extensions())
                .extracting(ExtensionProject::endpointName)
                .containsExactly("sample");
    }

    @Test
    void aProjectInAFolderIsMergedLikeAShippedOne(@TempDir Path folder) throws Exception {
        project(folder, "\"collections\": [{\"path\": \"$._ext.state.stages\", \"itemKey\": [\"stage\"]}]");

        ResourceDefinition associations =
                ResourceCatalog.load(ExtensionProject.named(folder.toString())).find("studentSchoolAssociations");

        assertThat(associations.schema().at("/properties/_ext/properties/state/properties/stages"))
                .isNotNull();
        assertThat(associations.collections()).anyMatch(c -> c.path().toString().equals("$._ext.state.stages"));
    }

    @Test
    void aProjectThatExtendsAnUnknownResourceStopsTheLoad(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("project.json"), """
                {"projectName": "State", "projectEndpointName": "state",
                 "extends": {"buses": {"schema": "x.json"}}}""");

        assertThatThrownBy(() -> ResourceCatalog.load(ExtensionProject.named(folder.toString())))
                .hasMessageContaining("extends 'buses', which is not a resource of the contract");
    }

    @Test
    void aDeclarationOutsideTheProjectsOwnExtMemberStopsTheLoad(@TempDir Path folder) throws Exception {
        project(folder, "\"collections\": [{\"path\": \"$.otherNames\", \"itemKey\": [\"x\"]}]");

        assertThatThrownBy(() -> ResourceCatalog.load(ExtensionProject.named(folder.toString())))
                .hasMessageContaining("the path $.otherNames is outside $._ext.state");
    }

    @Test
    void aDescriptorMemberMustNameADescriptorOfTheCatalog(@TempDir Path folder) throws Exception {
        project(
                folder,
                "\"descriptors\": [{\"path\": \"$._ext.state.stages[*].stage\", \"descriptor\": \"StageDescriptor\"}]");

        assertThatThrownBy(() -> ResourceCatalog.load(ExtensionProject.named(folder.toString())))
                .hasMessageContaining("no descriptor resource StageDescriptor");
    }

    @Test
    void anUnknownShippedProjectOrTwoProjectsOfOneNameStopTheLoad(@TempDir Path folder) throws Exception {
        project(folder, "\"collections\": []");

        assertThatThrownBy(() -> ExtensionProject.named("nosuch")).hasMessageContaining("no file project.json");
        assertThatThrownBy(() -> ResourceCatalog.load(ExtensionProject.named(folder + "," + folder)))
                .hasMessageContaining("is named twice");
    }

    /** A project {@code state} extending studentSchoolAssociations with a collection of stages. */
    private static void project(Path folder, String declarations) throws Exception {
        Files.writeString(folder.resolve("project.json"), """
                {"projectName": "State", "projectEndpointName": "state", "version": "1.0.0",
                 "extends": {"studentSchoolAssociations": {"schema": "ssa.ext.schema.json", %s}}}""".formatted(declarations));
        Files.writeString(folder.resolve("ssa.ext.schema.json"), """
                {"type": ["object", "null"], "additionalProperties": false,
                 "properties": {"stages": {"type": ["array", "null"], "items": {"type": "object",
                   "properties": {"stage": {"type": "string"}, "stageDate": {"type": "string", "format": "date"}}}}}}""");
    }
}
