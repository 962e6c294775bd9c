package org.statehub.edfi.contract.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.statehub.edfi.contract.InvalidDefinitionException;
import org.statehub.edfi.contract.ResourceCatalog;

/**
 * The claims hierarchy and the shipped claim sets as data, resolved per resource and action (docs/decisions/0020,
 * step 12): the Ed-Fi ODS/API's grants and defaults, the parent walk, overrides, and the hub's own claim sets.
 */
class ClaimSetResolutionTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ResourceCatalog CATALOG = ResourceCatalog.load(List.of());
    private static final ClaimsHierarchy HIERARCHY = ClaimsHierarchy.shipped();

    private static ClaimSetMatrix shipped(String name) {
        return ClaimSet.shipped(HIERARCHY).stream()
                .filter(set -> set.name().equals(name))
                .findFirst()
                .map(set -> ClaimSetMatrix.of(set, HIERARCHY, CATALOG))
                .orElseThrow();
    }

    /** The strategies of a grant as written in the tables below: names joined by '+', '-' when not granted. */
    private static String cell(ClaimSetMatrix matrix, String resource, Action action) {
        return matrix.of(resource, action)
                .map(strategies -> strategies.stream().map(Strategy::name).collect(Collectors.joining("+")))
                .orElse("-");
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void everyResourceOfTheContractHasAClaimAndEveryDescriptorIsASystemDescriptor() {
        assertThat(HIERARCHY.unclaimed(CATALOG)).isEmpty();
        assertThat(HIERARCHY
                        .claimOf(CATALOG.find("sexDescriptors"))
                        .orElseThrow()
                        .lineage())
                .extracting(ClaimsHierarchy.Claim::name)
                .containsExactly("systemDescriptors");
        assertThat(HIERARCHY
                        .claimOf(CATALOG.find("studentContactAssociations"))
                        .orElseThrow()
                        .lineage())
                .extracting(ClaimsHierarchy.Claim::name)
                .containsExactly("studentContactAssociation", "primaryRelationships");
    }

    @Test
    void everyShippedClaimSetResolvesOverTheWholeContract() {
        assertThat(ClaimSet.shipped(HIERARCHY))
                .extracting(ClaimSet::name)
                .containsExactly(
                        "SIS Vendor",
                        "Ed-Fi Sandbox",
                        "District Hosted SIS Vendor",
                        "Assessment Vendor",
                        "Bootstrap Descriptors and EdOrgs",
                        "StateAdmin",
                        "StateSystemReader",
                        "SISVendor");
        ClaimSet.shipped(HIERARCHY).forEach(set -> {
            assertThat(set.systemReserved()).isTrue();
            assertThat(ClaimSetMatrix.of(set, HIERARCHY, CATALOG).strategies())
                    .hasSize(CATALOG.all().size());
        });
    }

    /** System descriptors as the ODS's security metadata grants them (decision 0020's example). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            SIS Vendor                       | -                              | NoFurtherAuthorizationRequired | -              | -              | -
            Ed-Fi Sandbox                    | NamespaceBased                 | NoFurtherAuthorizationRequired | NamespaceBased | NamespaceBased | NoFurtherAuthorizationRequired
            Bootstrap Descriptors and EdOrgs | NoFurtherAuthorizationRequired | -                              | -              | -              | -
            StateSystemReader                | -                              | NoFurtherAuthorizationRequired | -              | -              | NoFurtherAuthorizationRequired
            """)
    void systemDescriptors(String claimSet, String create, String read, String update, String delete, String changes) {
        ClaimSetMatrix matrix = shipped(claimSet);
        assertThat(Arrays.stream(Action.values()).map(action -> cell(matrix, "sexDescriptors", action)))
                .containsExactly(create, read, update, delete, changes);
    }

    /**
     * The ODS's SIS Vendor over the hub's resources: grants made on domains, strategies from the nearest default,
     * a leaf's own default first (studentContactAssociation).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            schoolYearTypes            | -                             | NoFurtherAuthorizationRequired   | -                                | -                                | -
            schools                    | -                             | NoFurtherAuthorizationRequired   | -                                | -                                | -
            students                   | NoFurtherAuthorizationRequired | RelationshipsWithEdOrgsAndPeople | RelationshipsWithEdOrgsAndPeople | NoFurtherAuthorizationRequired   | -
            studentSchoolAssociations  | RelationshipsWithEdOrgsOnly   | RelationshipsWithEdOrgsAndPeople | RelationshipsWithEdOrgsAndPeople | RelationshipsWithEdOrgsAndPeople | -
            studentContactAssociations | RelationshipsWithStudentsOnly | RelationshipsWithStudentsOnly    | RelationshipsWithStudentsOnly    | RelationshipsWithStudentsOnly    | -
            calendars                  | RelationshipsWithEdOrgsAndPeople | RelationshipsWithEdOrgsAndPeople | RelationshipsWithEdOrgsAndPeople | RelationshipsWithEdOrgsAndPeople | -
            """)
    void theOdsSisVendor(String resource, String create, String read, String update, String delete, String changes) {
        ClaimSetMatrix matrix = shipped("SIS Vendor");
        assertThat(Arrays.stream(Action.values()).map(action -> cell(matrix, resource, action)))
                .containsExactly(create, read, update, delete, changes);
    }

    /**
     * The hub's own SISVendor, every resource: the rules of docs/SECURITY.md as strategies (its organizations under
     * RelationshipsWithEdOrgsOnly, never a write of a state education agency or a school year, descriptors in its
     * namespaces, the creator rule beside the relationships of people).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            stateEducationAgencies                  | -                                                    | RelationshipsWithEdOrgsOnly                          | -                                                    | -                                                    | RelationshipsWithEdOrgsOnly
            educationServiceCenters                 | RelationshipsWithEdOrgsOnly                          | RelationshipsWithEdOrgsOnly                          | RelationshipsWithEdOrgsOnly                          | RelationshipsWithEdOrgsOnly                          | RelationshipsWithEdOrgsOnly
            localEducationAgencies                  | RelationshipsWithEdOrgsOnly                          | RelationshipsWithEdOrgsOnly                          | RelationshipsWithEdOrgsOnly                          | RelationshipsWithEdOrgsOnly                          | RelationshipsWithEdOrgsOnly
            schools                                 | RelationshipsWithEdOrgsOnly                          | RelationshipsWithEdOrgsOnly                          | RelationshipsWithEdOrgsOnly                          | RelationshipsWithEdOrgsOnly                          | RelationshipsWithEdOrgsOnly
            schoolYearTypes                         | -                                                    | NoFurtherAuthorizationRequired                       | -                                                    | -                                                    | NoFurtherAuthorizationRequired
            sexDescriptors                          | NamespaceBased                                       | NoFurtherAuthorizationRequired                       | NamespaceBased                                       | NamespaceBased                                       | NoFurtherAuthorizationRequired
            sessions                                | RelationshipsWithEdOrgsAndPeople                     | RelationshipsWithEdOrgsAndPeople                     | RelationshipsWithEdOrgsAndPeople                     | RelationshipsWithEdOrgsAndPeople                     | RelationshipsWithEdOrgsAndPeopleIncludingDeletes
            calendars                               | RelationshipsWithEdOrgsAndPeople                     | RelationshipsWithEdOrgsAndPeople                     | RelationshipsWithEdOrgsAndPeople                     | RelationshipsWithEdOrgsAndPeople                     | RelationshipsWithEdOrgsAndPeopleIncludingDeletes
            students                                | NoFurtherAuthorizationRequired                       | RelationshipsWithEdOrgsAndPeople+CreatorUntilRelated | RelationshipsWithEdOrgsAndPeople+CreatorUntilRelated | RelationshipsWithEdOrgsAndPeople+CreatorUntilRelated | RelationshipsWithEdOrgsAndPeopleIncludingDeletes
            contacts                                | NoFurtherAuthorizationRequired                       | RelationshipsWithEdOrgsAndPeople+CreatorUntilRelated | RelationshipsWithEdOrgsAndPeople+CreatorUntilRelated | RelationshipsWithEdOrgsAndPeople+CreatorUntilRelated | RelationshipsWithEdOrgsAndPeopleIncludingDeletes
            studentEducationOrganizationAssociations | RelationshipsWithEdOrgsAndPeople                    | RelationshipsWithEdOrgsAndPeople                     | RelationshipsWithEdOrgsAndPeople                     | RelationshipsWithEdOrgsAndPeople                     | RelationshipsWithEdOrgsAndPeopleIncludingDeletes
            studentSchoolAssociations               | RelationshipsWithEdOrgsOnly                          | RelationshipsWithEdOrgsAndPeople                     | RelationshipsWithEdOrgsAndPeople                     | RelationshipsWithEdOrgsAndPeople                     | RelationshipsWithEdOrgsAndPeopleIncludingDeletes
            studentSchoolAttendanceEvents           | RelationshipsWithEdOrgsAndPeople                     | RelationshipsWithEdOrgsAndPeople                     | RelationshipsWithEdOrgsAndPeople                     | RelationshipsWithEdOrgsAndPeople                     | RelationshipsWithEdOrgsAndPeopleIncludingDeletes
            studentContactAssociations              | RelationshipsWithPeopleOnly+CreatorUntilRelated      | RelationshipsWithPeopleOnly+CreatorUntilRelated      | RelationshipsWithPeopleOnly+CreatorUntilRelated      | RelationshipsWithPeopleOnly+CreatorUntilRelated      | RelationshipsWithStudentsOnlyIncludingDeletes
            """)
    void theHubsSisVendor(String resource, String create, String read, String update, String delete, String changes) {
        ClaimSetMatrix matrix = shipped("SISVendor");
        assertThat(Arrays.stream(Action.values()).map(action -> cell(matrix, resource, action)))
                .containsExactly(create, read, update, delete, changes);
    }

    @Test
    void theHubsSisVendorCoversEveryResourceOfTheContract() {
        // the table above lists the 13 resources and one descriptor; every other descriptor resolves as that one
        ClaimSetMatrix matrix = shipped("SISVendor");
        CATALOG.all().stream()
                .filter(r -> r.descriptor())
                .forEach(descriptor -> assertThat(matrix.strategies().get(descriptor.key()))
                        .isEqualTo(matrix.strategies().get("sexDescriptors")));
        assertThat(CATALOG.all().stream().filter(r -> !r.descriptor())).hasSize(13);
    }

    @Test
    void anActionTakenAwayOnAClaimWinsOverItsDomainsGrantAndAnOverrideOnlyItsOwn() {
        ClaimSet set = ClaimSet.of(json("""
                        {"name": "Districts",
                         "resourceClaims": [
                           {"name": "educationOrganizations",
                            "actions": [{"name": "Read", "enabled": true}, {"name": "Update", "enabled": true}],
                            "children": [
                              {"name": "http://ed-fi.org/identity/claims/ed-fi/school",
                               "actions": [{"name": "Update", "enabled": false}]},
                              {"name": "localEducationAgency",
                               "actions": [{"name": "update", "enabled": true}],
                               "authorizationStrategyOverridesForCRUD": [
                                 {"actionName": "Update",
                                  "authorizationStrategies": [{"authStrategyName": "RelationshipsWithEdOrgsOnly"}]}]}]}]}
                        """), HIERARCHY);
        ClaimSetMatrix matrix = ClaimSetMatrix.of(set, HIERARCHY, CATALOG);

        assertThat(cell(matrix, "schools", Action.Read)).isEqualTo("NoFurtherAuthorizationRequired");
        assertThat(cell(matrix, "schools", Action.Update)).isEqualTo("-");
        assertThat(cell(matrix, "localEducationAgencies", Action.Update)).isEqualTo("RelationshipsWithEdOrgsOnly");
        assertThat(cell(matrix, "educationServiceCenters", Action.Update)).isEqualTo("NoFurtherAuthorizationRequired");
        assertThat(cell(matrix, "students", Action.Read)).isEqualTo("-");
        assertThat(set.systemReserved()).isFalse();
    }

    @Test
    void administrationIsAHubFunctionClaimGrantedWithItsFourActionsNotAClaimSetsName() {
        assertThat(HIERARCHY.functions())
                .extracting(ClaimsHierarchy.Claim::name)
                .containsExactly("hubAdministration");
        assertThat(shipped("StateAdmin").administers()).isTrue();
        assertThat(shipped("StateSystemReader").administers()).isFalse();
        assertThat(shipped("SISVendor").functions()).isEmpty();
        String crud = """
                {"name": "%s", "resourceClaims": [{"name": "hubAdministration", "actions": [
                  {"name": "Create", "enabled": true}, {"name": "Read", "enabled": true},
                  {"name": "Update", "enabled": true}, {"name": "Delete", "enabled": %s}]}]}""";
        assertThat(ClaimSetMatrix.of(ClaimSet.of(json(crud.formatted("Any name", true)), HIERARCHY), HIERARCHY, CATALOG)
                        .administers())
                .isTrue();
        // a partial grant gives nothing
        assertThat(ClaimSetMatrix.of(ClaimSet.of(json(crud.formatted("Partial", false)), HIERARCHY), HIERARCHY, CATALOG)
                        .functions())
                .isEmpty();
        // a function claim is no resource: it grants nothing on data
        assertThat(ClaimSetMatrix.of(ClaimSet.of(json(crud.formatted("Any name", true)), HIERARCHY), HIERARCHY, CATALOG)
                        .strategies()
                        .values())
                .allMatch(Map::isEmpty);
    }

    @Test
    void aClaimSetThatNamesWhatThisApiDoesNotKnowIsRefusedWithEveryFinding() {
        assertThatThrownBy(() -> ClaimSet.of(json("""
                                {"name": " ",
                                 "resourceClaims": [
                                   {"name": "buses", "actions": [{"name": "Read", "enabled": true}]},
                                   {"name": "people",
                                    "actions": [{"name": "Read", "enabled": true}, {"name": "Audit", "enabled": true}],
                                    "authorizationStrategyOverridesForCRUD": [
                                      {"actionName": "Read",
                                       "authorizationStrategies": [{"authStrategyName": "Everything"}]},
                                      {"actionName": "Delete",
                                       "authorizationStrategies": [{"authStrategyName": "NamespaceBased"}]}]}]}
                                """), HIERARCHY))
                .isInstanceOfSatisfying(
                        InvalidDefinitionException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "A claim set needs a name.",
                                        "The resource claim 'buses' is not one this API knows.",
                                        "The resource claim 'people' names an unknown action 'Audit'.",
                                        "The override of Read on 'people' names an unknown authorization strategy 'Everything'.",
                                        "The resource claim 'people' overrides the strategies of Delete without enabling it."));
    }

    @Test
    void aGrantWithoutAnyStrategyIsRefusedWhenResolved() {
        // edFiTypes has a default for Read only: ReadChanges granted there has no strategy
        ClaimSet set = ClaimSet.of(json("""
                        {"name": "Years", "resourceClaims": [
                          {"name": "edFiTypes", "actions": [{"name": "ReadChanges", "enabled": true}]}]}
                        """), HIERARCHY);

        assertThatThrownBy(() -> ClaimSetMatrix.of(set, HIERARCHY, CATALOG))
                .isInstanceOfSatisfying(
                        InvalidDefinitionException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("The claim set 'Years' grants ReadChanges on 'schoolYearTypes' but no "
                                        + "strategy authorizes it (no override, no default)."));
    }

    /**
     * The securable elements the relationship strategies test (securable-elements.json): a resource's own
     * organization before the references, the person an item is secured by, and nothing for school years.
     */
    @Test
    void theSecurableElementsAreReadForTheResourcesTheyName() {
        var elements = SecurableElements.shipped(CATALOG);

        assertThat(elements.get("schools").educationOrganizations())
                .extracting(Object::toString)
                .containsExactly("$.schoolId", "$.localEducationAgencyReference.localEducationAgencyId");
        assertThat(SecurableElements.own(
                        elements.get("schools").educationOrganizations().get(0)))
                .isTrue();
        assertThat(SecurableElements.own(
                        elements.get("schools").educationOrganizations().get(1)))
                .isFalse();
        assertThat(elements.get("studentContactAssociations").students())
                .extracting(Object::toString)
                .containsExactly("$.studentReference.studentUniqueId");
        assertThat(elements.get("studentContactAssociations").contacts())
                .extracting(Object::toString)
                .containsExactly("$.contactReference.contactUniqueId");
        assertThat(elements.get("schoolYearTypes").educationOrganizations()).isEmpty();
        assertThat(elements).doesNotContainKey("sexDescriptors");
        assertThatThrownBy(() -> SecurableElements.of(json("""
                                {"resources": {
                                  "buses": {"educationOrganizations": ["$.schoolId"]},
                                  "schools": {"educationOrganizations": ["$.addresses[*].schoolId"], "students": ["x"]}}}
                                """), CATALOG))
                .isInstanceOfSatisfying(
                        InvalidDefinitionException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "Securable elements name the unknown resource 'buses'.",
                                        "A securable element is one member of the item, not '$.addresses[*].schoolId'.",
                                        "A JSON path starts with '$': x"));
    }

    @Test
    void aHierarchyWithAnUnknownStrategyOrATwiceNamedClaimIsRefused() {
        assertThatThrownBy(() -> ClaimsHierarchy.of(json("""
                        {"claims": [
                          {"name": "http://ed-fi.org/identity/claims/domains/people",
                           "defaultAuthorization": {"actions": [
                             {"name": "Read", "authorizationStrategies": [{"name": "Anyone"}]}]},
                           "claims": [{"name": "http://ed-fi.org/identity/claims/ed-fi/student"},
                                      {"name": "http://ed-fi.org/identity/claims/ed-fi/Student"}]}]}
                        """)))
                .isInstanceOfSatisfying(
                        InvalidDefinitionException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "The claim 'people' names an unknown authorization strategy 'Anyone'.",
                                        "The claim 'Student' appears twice in the hierarchy."));
    }
}
