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
    void theSampleProjectsMembershipTypeOfAnEnrollmentIsADescriptorOfItsOwn() {
        ResourceDefinition enrollments =
                ResourceCatalog.load(ExtensionProject.named("sample")).find("studentSchoolAssociations");
        assertThat(enrollments
                        .schema()
                        .at("/properties/_ext/properties/sample/properties/membershipTypeDescriptor/maxLength")
                        .asInt())
                .isEqualTo(306);
        assertThat(enrollments.descriptors()).anySatisfy(d -> {
            assertThat(d.path().toString()).isEqualTo("$._ext.sample.membershipTypeDescriptor");
            assertThat(d.descriptor()).isEqualTo("MembershipTypeDescriptor");
        });
    }

    @Test
    void theSampleProjectsOwnResourcesAreKeptUnderItsNameAndFoundByProjectAndSegment() {
        ResourceCatalog catalog = ResourceCatalog.load(ExtensionProject.named("sample"));

        ResourceDefinition busRoutes = catalog.find("Sample", "BusRoutes");
        assertThat(busRoutes.key()).isEqualTo("sample/busRoutes");
        assertThat(busRoutes.project()).isEqualTo("sample");
        assertThat(busRoutes.path()).isEqualTo("/sample/busRoutes");
        assertThat(busRoutes.segment()).isEqualTo("busRoutes");
        assertThat(busRoutes.ownerService()).isEqualTo("enrollment-service");
        assertThat(busRoutes.references().get(0).targets().get(0).resource()).isEqualTo("sample/buses");
        assertThat(catalog.find("sample/buses")).isSameAs(catalog.find("sample", "buses"));
        assertThat(catalog.find("sample", "artMediumDescriptors").descriptor()).isTrue();
        assertThat(catalog.find("sample", "artMediumDescriptors").key()).isEqualTo("sample/artMediumDescriptors");
        assertThat(catalog.find("sample", "favoriteBookCategoryDescriptors")).isNotNull();
        assertThat(catalog.find("sample", "membershipTypeDescriptors")).isNotNull();
        // a resource is found under its own project only
        assertThat(catalog.find("ed-fi", "buses")).isNull();
        assertThat(catalog.find("sample", "students")).isNull();
        assertThat(catalog.find("ed-fi", "sample/buses")).isNull();
        assertThat(catalog.find("ED-FI", "Students")).isSameAs(catalog.find("students"));
        assertThat(ResourceDefinition.pathOf("sample/buses")).isEqualTo("/sample/buses");
        assertThat(ResourceDefinition.pathOf("students")).isEqualTo("/ed-fi/students");
        // without the project, none of them
        assertThat(ResourceCatalog.load(List.of()).find("sample", "buses")).isNull();
        assertThat(UrlWords.of(catalog).projects()).containsExactlyInAnyOrder("ed-fi", "sample");
    }

    @Test
    void busRoutesAreLoadedAfterBuses() {
        LoadOrder order = ResourceCatalog.load(ExtensionProject.named("sample")).loadOrder();

        assertThat(order.group("sample/busRoutes").getAsInt())
                .isGreaterThan(order.group("sample/buses").getAsInt());
        assertThat(order.places()).anySatisfy(place -> assertThat(place.path()).isEqualTo("/sample/busRoutes"));
    }

    @Test
    void aReferenceOfAProjectsResourceToAnUnknownKeyStopsTheLoad(@TempDir Path folder) throws Exception {
        ownResource(folder, "Stage", "\"target\": \"stages\", \"targetResourceName\": \"Stage\"");

        assertThatThrownBy(() -> ResourceCatalog.load(ExtensionProject.named(folder.toString())))
                .hasMessageContaining("state/stageRecords references stages, which is not a resource of the catalog");
    }

    @Test
    void aProjectsResourceNamedAsACoreOneStopsTheLoad(@TempDir Path folder) throws Exception {
        ownResource(folder, "School", "\"target\": \"state/stageRecords\", \"targetResourceName\": \"School\"");

        assertThatThrownBy(() -> ResourceCatalog.load(ExtensionProject.named(folder.toString())))
                .hasMessageContaining("Two resources of the contract are named School");
    }

    /** A project {@code state} with one resource of its own, {@code stageRecords}, whose reference is {@code target}. */
    private static void ownResource(Path folder, String resourceName, String target) throws Exception {
        Files.writeString(folder.resolve("project.json"), """
                {"projectName": "State", "projectEndpointName": "state", "resources": "resources.json"}""");
        Files.writeString(folder.resolve("resources.json"), """
                {"resources": {"stageRecords": {"resourceName": "%s", "schema": "stageRecords.schema.json",
                  "ownerService": "enrollment-service",
                  "identityKeyValues": [{"name": "stage", "path": "$.stage", "type": "string"}],
                  "references": [{"path": "$.stageReference", "required": true, "inSubset": true, %s,
                    "fieldMap": {"stage": "$.stage"}}],
                  "queryParameters": {}}}}""".formatted(resourceName, target));
        Files.writeString(folder.resolve("stageRecords.schema.json"), """
                {"type": "object", "properties": {"stage": {"type": "string"}}}""");
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

    @Test
    void aDescriptorMemberMayNameADescriptorOfTheProjectsOwn(@TempDir Path folder) throws Exception {
        project(folder, """
                "collections": [{"path": "$._ext.state.stages", "itemKey": ["stage"]}],
                "descriptors": [{"path": "$._ext.state.stages[*].stage", "descriptor": "StageDescriptor"}]""");
        Files.writeString(
                folder.resolve("project.json"),
                Files.readString(folder.resolve("project.json"))
                        .replace("\"version\"", "\"resources\": \"resources.json\", \"version\""));
        Files.writeString(folder.resolve("resources.json"), """
                {"descriptorResources": {"ownerService": "enrollment-service", "items": {"StageDescriptor": {}}}}""");

        ResourceCatalog catalog = ResourceCatalog.load(ExtensionProject.named(folder.toString()));

        assertThat(catalog.find("state", "stageDescriptors").key()).isEqualTo("state/stageDescriptors");
        assertThat(catalog.find("studentSchoolAssociations").descriptors()).anySatisfy(d -> {
            assertThat(d.path().toString()).isEqualTo("$._ext.state.stages[*].stage");
            assertThat(catalog.byResourceName(d.descriptor())).isSameAs(catalog.find("state/stageDescriptors"));
        });
    }

    @Test
    void aMissingFolderOrAMalformedFileStopsTheLoadSayingWhich(@TempDir Path folder) throws Exception {
        Path missing = folder.resolve("nosuch");
        assertThatThrownBy(() -> ExtensionProject.named(missing.toString()))
                .hasMessageContaining("Extension project " + missing + ": no such folder");

        Files.writeString(folder.resolve("project.json"), "{\"projectName\": \"State\",");
        assertThatThrownBy(() -> ExtensionProject.named(folder.toString()))
                .hasMessageContaining("project.json is not valid JSON (line 1");

        project(folder, "\"collections\": []");
        Files.writeString(folder.resolve("ssa.ext.schema.json"), "");
        assertThatThrownBy(() -> ResourceCatalog.load(ExtensionProject.named(folder.toString())))
                .hasMessageContaining("ssa.ext.schema.json is not a JSON object");
        Files.writeString(folder.resolve("ssa.ext.schema.json"), "{\"type\": [\"object\" \"null\"]}");
        assertThatThrownBy(() -> ResourceCatalog.load(ExtensionProject.named(folder.toString())))
                .hasMessageContaining("ssa.ext.schema.json is not valid JSON (line 1");
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
