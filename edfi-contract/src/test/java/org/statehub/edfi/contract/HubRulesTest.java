package org.statehub.edfi.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The hub's own rules are read from {@code edfi/schema/hub-rules.json} onto the resources it names, and only those. */
class HubRulesTest {

    private static final ResourceCatalog CATALOG = ResourceCatalog.contract();

    private static List<String> with(ResourceDefinition.Rule rule) {
        return CATALOG.all().stream()
                .filter(r -> r.has(rule))
                .map(ResourceDefinition::key)
                .toList();
    }

    @Test
    void eachRuleHoldsForTheResourcesTheFileNames() {
        assertThat(with(ResourceDefinition.Rule.REPORTED_PER_ORGANIZATION)).containsExactly("students");
        assertThat(with(ResourceDefinition.Rule.STUDENT_RECORD)).containsExactly("students");
        assertThat(with(ResourceDefinition.Rule.RELATIONSHIP))
                .containsExactlyInAnyOrder(
                        "stateEducationAgencies",
                        "educationServiceCenters",
                        "localEducationAgencies",
                        "schools",
                        "studentSchoolAssociations",
                        "studentEducationOrganizationAssociations",
                        "studentContactAssociations");
    }
}
