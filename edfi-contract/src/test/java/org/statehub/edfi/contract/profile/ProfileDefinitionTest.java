package org.statehub.edfi.contract.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.statehub.edfi.contract.ExtensionProject;
import org.statehub.edfi.contract.InvalidDefinitionException;
import org.statehub.edfi.contract.ResourceCatalog;

/**
 * Profile definitions in the ODS/API's XML, checked against the catalog and applied to items (decision 0020, step 7).
 * The shapes are those of the ODS's own test profiles (EdFi.Ods.Profiles.Test/Profiles.xml): include-only and
 * exclude-only members, child collections with their own selection, collection items filtered by a descriptor,
 * read-only and write-only resources, extension members.
 */
class ProfileDefinitionTest {

    private static final ResourceCatalog CATALOG = ResourceCatalog.load(List.of());
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String SCHOOL = """
            {"schoolId": 255901001, "nameOfInstitution": "Grand Bend High School", "shortNameOfInstitution": "GBHS",
             "webSite": "https://gbhs.example", "localEducationAgencyReference": {"localEducationAgencyId": 255901},
             "educationOrganizationCategories": [
               {"educationOrganizationCategoryDescriptor": "uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School"}],
             "gradeLevels": [{"gradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"},
                             {"gradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Tenth grade"}],
             "addresses": [
               {"addressTypeDescriptor": "uri://ed-fi.org/AddressTypeDescriptor#Physical", "city": "Grand Bend",
                "postalCode": "78834", "streetNumberName": "1 Main St", "latitude": "28.1"},
               {"addressTypeDescriptor": "uri://ed-fi.org/AddressTypeDescriptor#Mailing", "city": "Grand Bend",
                "postalCode": "78834", "streetNumberName": "PO Box 1", "latitude": "28.1"}]}""";

    private static MemberSelection readable(String xml, String resource) {
        return ProfileXml.parse(xml, CATALOG)
                .get(0)
                .resource(resource)
                .orElseThrow()
                .readable()
                .orElseThrow();
    }

    /** A profile of schools whose readable content has this selection and these members. */
    private static MemberSelection schoolRead(String selection, String members) {
        return readable("""
                <Profile name="Schools"><Resource name="School">
                  <ReadContentType memberSelection="%s">%s</ReadContentType>
                </Resource></Profile>""".formatted(selection, members), "schools");
    }

    private static ObjectNode school() throws Exception {
        return (ObjectNode) MAPPER.readTree(SCHOOL);
    }

    /** The school as a profile of schools with this readable selection and these members shows it. */
    private static ObjectNode schoolAsRead(String selection, String members) throws Exception {
        ObjectNode school = school();
        schoolRead(selection, members).apply(school);
        return school;
    }

    /**
     * The school as a profile of schools shows it whose readable content has this selection of these properties and
     * these collections (each with all its members).
     */
    private static ObjectNode schoolAsRead(String selection, List<String> properties, List<String> collections)
            throws Exception {
        StringBuilder members = new StringBuilder();
        properties.forEach(p -> members.append("<Property name=\"").append(p).append("\"/>"));
        collections.forEach(
                c -> members.append("<Collection name=\"").append(c).append("\" memberSelection=\"IncludeAll\"/>"));
        return schoolAsRead(selection, members.toString());
    }

    @Test
    void includeOnlyKeepsTheListedMembersAndTheIdentity() throws Exception {
        ObjectNode school = schoolAsRead(
                "IncludeOnly",
                List.of("NameOfInstitution", "LocalEducationAgencyReference"),
                List.of("SchoolGradeLevels"));

        assertThat(school.properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactly("schoolId", "nameOfInstitution", "localEducationAgencyReference", "gradeLevels");
        assertThat(school.get("gradeLevels")).hasSize(2);
    }

    @Test
    void excludeOnlyLeavesOutTheListedMembersCollectionsIncluded() throws Exception {
        ObjectNode school = schoolAsRead(
                "ExcludeOnly", List.of("WebSite", "ShortNameOfInstitution"), List.of("EducationOrganizationAddresses"));

        assertThat(school.has("webSite")).isFalse();
        assertThat(school.has("shortNameOfInstitution")).isFalse();
        assertThat(school.has("addresses")).isFalse();
        assertThat(school.has("nameOfInstitution")).isTrue();
        assertThat(school.has("gradeLevels")).isTrue();
    }

    @Test
    void aChildCollectionHasItsOwnSelectionAndItsItemsKeepTheirKey() throws Exception {
        ObjectNode school = schoolAsRead("IncludeOnly", """
                <Collection name="EducationOrganizationAddresses" memberSelection="IncludeOnly">
                  <Property name="City"/>
                </Collection>""");

        assertThat(school.get("addresses").get(0).properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("addressTypeDescriptor", "city", "postalCode", "streetNumberName")
                .doesNotContain("latitude");
    }

    @Test
    void aFilterKeepsOrDropsCollectionItemsByADescriptorValue() throws Exception {
        String addresses = """
                <Collection name="EducationOrganizationAddresses" memberSelection="IncludeAll">
                  <Filter propertyName="AddressTypeDescriptor" filterMode="%s">
                    <Value>uri://ed-fi.org/AddressTypeDescriptor#Physical</Value>
                  </Filter>
                </Collection>""";
        ObjectNode included = schoolAsRead("IncludeOnly", addresses.formatted("IncludeOnly"));
        ObjectNode excluded = schoolAsRead("IncludeOnly", addresses.formatted("ExcludeOnly"));

        assertThat(included.get("addresses")).hasSize(1);
        assertThat(included.at("/addresses/0/streetNumberName").asText()).isEqualTo("1 Main St");
        assertThat(excluded.get("addresses")).hasSize(1);
        assertThat(excluded.at("/addresses/0/streetNumberName").asText()).isEqualTo("PO Box 1");
    }

    /** The writable content of a profile of schools with this selection and these members. */
    private static MemberSelection schoolWrite(String selection, String members) {
        return ProfileXml.parse("""
                        <Profile name="Schools-Write"><Resource name="School">
                          <WriteContentType memberSelection="%s">%s</WriteContentType>
                        </Resource></Profile>""".formatted(selection, members), CATALOG)
                .get(0)
                .resource("schools")
                .orElseThrow()
                .writable()
                .orElseThrow();
    }

    @Test
    void aWriteUnderAProfileKeepsWhatTheProfileHidesOfTheStoredItem() throws Exception {
        // the DMS's ProfilePutMerge scenarios: an excluded member keeps its stored value; the collection items a
        // filter drops are kept from the stored item; a collection item's hidden members are kept by its key
        MemberSelection write = schoolWrite("IncludeOnly", """
                <Property name="NameOfInstitution"/>
                <Property name="LocalEducationAgencyReference"/>
                <Collection name="EducationOrganizationCategories" memberSelection="IncludeAll"/>
                <Collection name="SchoolGradeLevels" memberSelection="IncludeAll">
                  <Filter propertyName="GradeLevelDescriptor" filterMode="IncludeOnly">
                    <Value>uri://ed-fi.org/GradeLevelDescriptor#Ninth grade</Value>
                  </Filter>
                </Collection>""");
        ObjectNode stored = school();
        ObjectNode sent = (ObjectNode) MAPPER.readTree("""
                {"schoolId": 255901001, "nameOfInstitution": "Grand Bend HS", "webSite": "https://other.example",
                 "localEducationAgencyReference": {"localEducationAgencyId": 255901},
                 "educationOrganizationCategories": [
                   {"educationOrganizationCategoryDescriptor": "uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School"}],
                 "gradeLevels": [{"gradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"},
                                 {"gradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Eleventh grade"}]}""");

        write.apply(sent);
        assertThat(sent.has("webSite")).isFalse();
        assertThat(sent.get("gradeLevels")).hasSize(1);
        write.restore(sent, stored);

        assertThat(sent.get("webSite").asText()).isEqualTo("https://gbhs.example");
        assertThat(sent.get("nameOfInstitution").asText()).isEqualTo("Grand Bend HS");
        assertThat(sent.get("gradeLevels"))
                .extracting(item -> item.get("gradeLevelDescriptor").asText())
                .containsExactly(
                        "uri://ed-fi.org/GradeLevelDescriptor#Ninth grade",
                        "uri://ed-fi.org/GradeLevelDescriptor#Tenth grade");
        assertThat(sent.get("shortNameOfInstitution").asText()).isEqualTo("GBHS");
        assertThat(sent.get("addresses")).hasSize(2);

        MemberSelection cities = schoolWrite("IncludeOnly", """
                <Collection name="EducationOrganizationAddresses" memberSelection="IncludeOnly">
                  <Property name="City"/>
                </Collection>""");
        ObjectNode moved = (ObjectNode) MAPPER.readTree("""
                {"schoolId": 255901001, "addresses": [
                   {"addressTypeDescriptor": "uri://ed-fi.org/AddressTypeDescriptor#Mailing", "city": "Grand Bend",
                    "postalCode": "78834", "streetNumberName": "PO Box 1", "latitude": "99.9"}]}""");
        cities.apply(moved);
        cities.restore(moved, school());

        assertThat(moved.get("nameOfInstitution").asText()).isEqualTo("Grand Bend High School");
        // the client left out the physical address, which it could see: removed; the mailing address it sent (same
        // key as the stored one) keeps its stored latitude, a member the profile hides (the sent one is stripped)
        assertThat(moved.get("addresses")).hasSize(1);
        assertThat(moved.at("/addresses/0/streetNumberName").asText()).isEqualTo("PO Box 1");
        assertThat(moved.at("/addresses/0/latitude").asText()).isEqualTo("28.1");
    }

    @Test
    void aProfileThatLeavesOutARequiredMemberCannotCreate() throws Exception {
        JsonNode schema = CATALOG.find("schools").schema();
        assertThat(schoolWrite("IncludeAll", "").excludedRequired(schema, school()))
                .isEmpty();
        assertThat(schoolWrite("ExcludeOnly", """
                        <Property name="NameOfInstitution"/><Property name="WebSite"/>""").excludedRequired(schema, school()))
                .containsExactly("$.nameOfInstitution");
        // the identity (schoolId) and a collection item's key (institutionTelephoneNumberTypeDescriptor) are always
        // kept; the members of an optional collection's items count only when items are sent
        MemberSelection noNumbers = schoolWrite("IncludeOnly", """
                <Collection name="EducationOrganizationCategories" memberSelection="IncludeAll"/>
                <Collection name="SchoolGradeLevels" memberSelection="IncludeAll"/>
                <Property name="NameOfInstitution"/>
                <Collection name="EducationOrganizationInstitutionTelephones" memberSelection="ExcludeOnly">
                  <Property name="TelephoneNumber"/>
                </Collection>""");
        ObjectNode withTelephones = school();
        withTelephones.set("institutionTelephones", MAPPER.readTree("""
                [{"institutionTelephoneNumberTypeDescriptor": "uri://ed-fi.org/InstitutionTelephoneNumberTypeDescriptor#Main",
                  "telephoneNumber": "555-0100"}]"""));
        assertThat(noNumbers.excludedRequired(schema, withTelephones))
                .containsExactly("$.institutionTelephones[*].telephoneNumber");
        assertThat(noNumbers.excludedRequired(schema, school())).isEmpty();
    }

    @Test
    void aResourceWithOnlyOneContentTypeIsReadOnlyOrWriteOnly() {
        ProfileDefinition profile = ProfileXml.parse("""
                <Profiles>
                  <Profile name="Read-Schools"><Resource name="School">
                    <ReadContentType memberSelection="IncludeAll"/></Resource></Profile>
                  <Profile name="Write-Students"><Resource name="Student">
                    <WriteContentType memberSelection="IncludeAll"/></Resource></Profile>
                </Profiles>""", CATALOG).get(0);
        ProfileDefinition writeOnly = ProfileXml.parse("""
                <Profile name="Write-Students"><Resource name="Student">
                  <WriteContentType memberSelection="IncludeAll"/></Resource></Profile>""", CATALOG).get(0);

        assertThat(profile.resource("schools").orElseThrow().readable()).isPresent();
        assertThat(profile.resource("schools").orElseThrow().writable()).isEmpty();
        assertThat(profile.resource("students")).isEmpty();
        assertThat(writeOnly.resource("students").orElseThrow().readable()).isEmpty();
        assertThat(writeOnly.mediaTypeName()).isEqualTo("write-students");
    }

    @Test
    void everyFindingIsReportedAtOnce() {
        assertThatThrownBy(() -> ProfileXml.parse("""
                        <Profile name="Broken">
                          <Resource name="School">
                            <ReadContentType memberSelection="ExcludeOnly">
                              <Property name="NameOfTheSchool"/>
                              <Property name="SchoolId"/>
                              <Collection name="SchoolBuses" memberSelection="IncludeAll"/>
                              <Object name="WebSite" memberSelection="IncludeAll"/>
                            </ReadContentType>
                            <WriteContentType memberSelection="ExcludeAll"/>
                          </Resource>
                          <Resource name="Bus"><ReadContentType memberSelection="IncludeAll"/></Resource>
                        </Profile>""", CATALOG))
                .isInstanceOfSatisfying(
                        InvalidDefinitionException.class,
                        e -> assertThat(e.problems())
                                .anyMatch(p -> p.contains("no member 'NameOfTheSchool'"))
                                .anyMatch(p -> p.contains("'schoolId' is part of the identity"))
                                .anyMatch(p -> p.contains("no collection 'SchoolBuses'"))
                                .anyMatch(p -> p.contains("no object 'WebSite'"))
                                .anyMatch(p -> p.contains("memberSelection 'ExcludeAll'"))
                                .anyMatch(p -> p.contains("resource Bus: the hub serves no such resource")));
    }

    @Test
    void theFindingsListedAreCapped() {
        String members = "<Property name=\"NoSuchMember\"/>".repeat(250);

        assertThatThrownBy(() -> schoolRead("IncludeOnly", members))
                .isInstanceOfSatisfying(
                        InvalidDefinitionException.class,
                        e -> assertThat(e.problems())
                                .hasSize(InvalidDefinitionException.MOST + 1)
                                .last()
                                .isEqualTo("... and 150 more findings."));
    }

    @Test
    void xmlWithADocumentTypeIsRefusedAndSoIsARootOtherThanAProfile() {
        assertThatThrownBy(() -> ProfileXml.parse("""
                        <?xml version="1.0"?>
                        <!DOCTYPE Profile [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                        <Profile name="&x;"/>""", CATALOG))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> ProfileXml.parse("<Resource name=\"School\"/>", CATALOG))
                .hasMessageContaining("not <Profiles> or <Profile>");
        assertThatThrownBy(() -> ProfileXml.parse("""
                        <Profile name="With.Dots and spaces"><Resource name="School">
                          <ReadContentType memberSelection="IncludeAll"/></Resource></Profile>""", CATALOG))
                .hasMessageContaining("a name is 1-100 letters, digits, '-' and '_'");
    }

    @Test
    void anExtensionsMembersAreSelectedUnderItsProjectName() throws Exception {
        ResourceCatalog withSample = ResourceCatalog.load(ExtensionProject.named("sample"));
        MemberSelection read = ProfileXml.parse("""
                        <Profile name="Student-Pets">
                          <Resource name="Student">
                            <ReadContentType memberSelection="IncludeOnly">
                              <Property name="FirstName"/>
                              <Extension name="Sample" memberSelection="IncludeOnly">
                                <Object name="StudentPetPreference" memberSelection="IncludeOnly">
                                  <Property name="MinimumWeight"/>
                                </Object>
                              </Extension>
                            </ReadContentType>
                          </Resource>
                        </Profile>""", withSample)
                .get(0)
                .resource("students")
                .orElseThrow()
                .readable()
                .orElseThrow();
        ObjectNode student = (ObjectNode) MAPPER.readTree("""
                {"studentUniqueId": "604854", "firstName": "Lisa", "lastSurname": "Woods", "birthDate": "2010-01-01",
                 "_ext": {"sample": {"pets": [{"petName": "Bingo"}],
                                     "petPreference": {"minimumWeight": 1, "maximumWeight": 35}}}}""");

        read.apply(student);

        assertThat(student).isEqualTo(MAPPER.readTree("""
                {"studentUniqueId": "604854", "firstName": "Lisa",
                 "_ext": {"sample": {"petPreference": {"minimumWeight": 1}}}}"""));
    }
}
