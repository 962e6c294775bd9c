package org.statehub.edfi.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadOrderTest {

    private static final ResourceCatalog CATALOG = ResourceCatalog.contract();
    private final LoadOrder order = CATALOG.loadOrder();

    @Test
    void everyResourceOfTheContractHasAPlace() {
        assertThat(order.places()).hasSize(CATALOG.all().size());
    }

    @Test
    void everyReferenceAndDescriptorPointsToAnEarlierGroup() {
        for (ResourceDefinition resource : CATALOG.all()) {
            int group = order.group(resource.key()).orElseThrow();
            for (ReferenceDeclaration reference : resource.references()) {
                for (ReferenceTarget target : reference.targets()) {
                    ResourceDefinition referenced = CATALOG.byResourceName(target.resourceName());
                    if (referenced != null && referenced != resource) {
                        assertThat(order.group(referenced.key()).orElseThrow())
                                .as("%s references %s", resource.key(), referenced.key())
                                .isLessThan(group);
                    }
                }
            }
            for (DescriptorMember member : resource.descriptors()) {
                ResourceDefinition descriptor = CATALOG.byResourceName(member.descriptor());
                assertThat(order.group(descriptor.key()).orElseThrow()).isLessThan(group);
            }
        }
    }

    @Test
    void studentRecordsComeAfterTheEnrollmentThatRelatesTheStudent() {
        assertThat(order.sorted(List.of(
                        "studentSchoolAttendanceEvents",
                        "studentEducationOrganizationAssociations",
                        "studentContactAssociations",
                        "studentSchoolAssociations",
                        "contacts",
                        "students")))
                .containsExactly(
                        "contacts",
                        "students",
                        "studentSchoolAssociations",
                        "studentContactAssociations",
                        "studentEducationOrganizationAssociations",
                        "studentSchoolAttendanceEvents");
        int enrollments = order.group("studentSchoolAssociations").orElseThrow();
        assertThat(order.group("studentEducationOrganizationAssociations")).hasValue(enrollments + 1);
        assertThat(order.group("studentContactAssociations")).hasValue(enrollments + 1);
    }

    @Test
    void organizationsLoadFromTheStateDown() {
        Map<String, Integer> groups = order.groups(
                List.of("schools", "localEducationAgencies", "educationServiceCenters", "stateEducationAgencies"));
        assertThat(groups.keySet())
                .containsExactly(
                        "stateEducationAgencies", "educationServiceCenters", "localEducationAgencies", "schools");
        assertThat(groups.values()).doesNotHaveDuplicates();
    }

    @Test
    void resourcesWithoutDependenciesFormTheFirstGroupListedByPathAsTheOdsDoes() {
        List<LoadOrder.Place> first =
                order.places().stream().filter(p -> p.group() == 1).toList();
        assertThat(first).extracting(LoadOrder.Place::resource).contains("schoolYearTypes", "sexDescriptors");
        assertThat(first)
                .extracting(LoadOrder.Place::path)
                .isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER)
                .allMatch(path -> path.endsWith("Descriptors") || path.equals("/ed-fi/schoolYearTypes"));
        assertThat(order.places()).extracting(LoadOrder.Place::group).isSorted();
    }

    @Test
    void aResourceOutsideTheContractIsRefused() {
        assertThat(order.group("widgets")).isEmpty();
        assertThatThrownBy(() -> order.sorted(List.of("students", "widgets")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("widgets");
    }

    @Test
    void aCycleOfReferencesIsReportedNotLooped() {
        ResourceDefinition a = CATALOG.find("sessions");
        ResourceDefinition b = CATALOG.find("schools");
        ResourceDefinition schoolPointingBack = new ResourceDefinition(
                b.key(),
                b.project(),
                b.path(),
                b.resourceName(),
                b.ownerService(),
                false,
                b.schema(),
                b.identity(),
                false,
                List.of(new ReferenceDeclaration(
                        JsonPath.parse("$.sessionReference"),
                        true,
                        a.resourceName(),
                        List.of(new ReferenceTarget(a.key(), a.resourceName(), true, null, Map.of())),
                        false)),
                List.of(),
                List.of(),
                List.of(),
                Map.of(),
                java.util.Set.of());
        assertThatThrownBy(() -> LoadOrder.of(List.of(a, schoolPointingBack)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cycle");
    }
}
