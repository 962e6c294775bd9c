package org.statehub.edfi.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.statehub.edfi.contract.descriptor.StandardDescriptors;

class ResourceCatalogTest {

    private final ResourceCatalog catalog = ResourceCatalog.load();

    @Test
    void descriptorPathSegmentsFollowTheEdFiNaming() {
        assertThat(ResourceCatalog.descriptorPathSegment("SexDescriptor")).isEqualTo("sexDescriptors");
        assertThat(ResourceCatalog.descriptorPathSegment("CTEProgramServiceDescriptor"))
                .isEqualTo("cteProgramServiceDescriptors");
        assertThat(ResourceCatalog.descriptorPathSegment("IDEAPartDescriptor")).isEqualTo("ideaPartDescriptors");
        assertThat(ResourceCatalog.descriptorPathSegment("TitleIPartASchoolDesignationDescriptor"))
                .isEqualTo("titleIPartASchoolDesignationDescriptors");
    }

    @Test
    void theRuleAgreesWithEveryDescriptorPathOfTheContract() {
        catalog.all().stream()
                .filter(ResourceDefinition::descriptor)
                .forEach(d -> assertThat("/ed-fi/" + ResourceCatalog.descriptorPathSegment(d.resourceName()))
                        .isEqualTo(d.path()));
    }

    @Test
    void everyShippedDescriptorTypeIsAResourceOfEnrollmentService() {
        for (String name : StandardDescriptors.descriptorNames()) {
            ResourceDefinition definition = catalog.byResourceName(name);
            assertThat(definition).as(name).isNotNull();
            assertThat(definition.descriptor()).isTrue();
            assertThat(definition.ownerService()).isEqualTo("enrollment-service");
        }
        assertThat(catalog.all().stream().filter(ResourceDefinition::descriptor).count())
                .isGreaterThanOrEqualTo(200);
        assertThat(catalog.find("SupporterMilitaryConnectionDescriptors")).isNotNull();
        // the file is named ...EligibilityDescriptor.xml; its values are ...EligibilityTypeDescriptor
        assertThat(catalog.find("transportationPublicExpenseEligibilityTypeDescriptors"))
                .isNotNull();
        assertThat(catalog.find("academicSubjectDescriptors").identity())
                .extracting(KeyField::name)
                .containsExactly("namespace", "codeValue");
    }
}
