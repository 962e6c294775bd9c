package org.statehub.feed.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lombok.RequiredArgsConstructor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whose an orphan of a student-scoped resource is, as a resync decides it before deleting: the district (LEA
 * 255901 and its school 255901001) owns what only it serves; what another organization serves too is kept.
 */
class ResyncSharedOrphansTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LEA = 255_901;
    private static final long SCHOOL = 255_901_001;
    private static final long OTHER_LEA = 255_902;
    private static final long OTHER_SCHOOL = 255_902_001;
    private static final long STATE = 255;

    /** The hub's relationships: each student's organizations, each contact's students, each school's LEA. */
    @RequiredArgsConstructor
    private static final class Hub implements SharedOrphans.Lookup {
        final Map<String, Set<Long>> organizations;
        final Map<String, Set<String>> students;
        final List<String> calls = new ArrayList<>();

        @Override
        public Set<Long> organizationsOf(String studentUniqueId) {
            calls.add("student " + studentUniqueId);
            return organizations.getOrDefault(studentUniqueId, Set.of());
        }

        @Override
        public Set<String> studentsOf(String contactUniqueId) {
            calls.add("contact " + contactUniqueId);
            return students.getOrDefault(contactUniqueId, Set.of());
        }

        @Override
        public Long leaOf(long schoolId) {
            calls.add("school " + schoolId);
            return schoolId == SCHOOL ? Long.valueOf(LEA) : schoolId == OTHER_SCHOOL ? Long.valueOf(OTHER_LEA) : null;
        }
    }

    private static final Hub HUB = new Hub(
            Map.of(
                    "district-only", Set.of(LEA, SCHOOL),
                    "also-enrolled-elsewhere", Set.of(LEA, SCHOOL, OTHER_SCHOOL),
                    "seoa-elsewhere", Set.of(SCHOOL, OTHER_LEA),
                    "state-seoa", Set.of(SCHOOL, STATE)),
            Map.of(
                    "district-parent",
                    Set.of("district-only"),
                    "shared-parent",
                    Set.of("district-only", "also-enrolled-elsewhere"),
                    "parent-of-unrelated",
                    Set.of("district-only", "unrelated")));

    private static JsonNode keys(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static boolean shared(Hub hub, String resource, String keyValues) throws Exception {
        return new SharedOrphans(LEA, hub).shared(resource, keys(keyValues));
    }

    /** Whether the student of the fixture's hub is shared with another organization (kept by a resync). */
    private static boolean studentShared(String studentUniqueId) throws Exception {
        return shared(HUB, "students", "{\"studentUniqueId\": \"" + studentUniqueId + "\"}");
    }

    /** Whether the contact of the fixture's hub is shared with another organization (kept by a resync). */
    private static boolean contactShared(String contactUniqueId) throws Exception {
        return shared(HUB, "contacts", "{\"contactUniqueId\": \"" + contactUniqueId + "\"}");
    }

    @Test
    void aStudentOnlyTheDistrictServesIsTheDistrictsToDelete() throws Exception {
        assertThat(studentShared("district-only")).isFalse();
        assertThat(shared(
                        HUB,
                        "studentContactAssociations",
                        "{\"contactUniqueId\": \"p\", \"studentUniqueId\": \"district-only\"}"))
                .isFalse();
    }

    @Test
    void aStudentTheDistrictsClientCreatedAndNothingRelatesIsTheDistrictsToDelete() throws Exception {
        // the LEA's client sees such a student only because it created it
        assertThat(studentShared("unrelated")).isFalse();
    }

    @Test
    void anEnrollmentOrSeoaOutsideTheDistrictKeepsTheStudentAndItsContactAssociations() throws Exception {
        assertThat(studentShared("also-enrolled-elsewhere")).isTrue();
        assertThat(studentShared("seoa-elsewhere")).isTrue();
        assertThat(studentShared("state-seoa"))
                .as("an organization that is no school of the LEA is outside the district")
                .isTrue();
        assertThat(shared(
                        HUB,
                        "studentContactAssociations",
                        "{\"contactUniqueId\": \"p\", \"studentUniqueId\": \"also-enrolled-elsewhere\"}"))
                .isTrue();
    }

    @ParameterizedTest(name = "{0} kept: {1}")
    @CsvSource(
            quoteCharacter = '"',
            value = {
                "district-parent, false, \"\"",
                "shared-parent, true, \"\"",
                "parent-of-unrelated, true, whose the unrelated student's association is cannot be told",
                "no-students, false, \"\""
            })
    void aContactIsKeptWhenAnyOfItsStudentsIsSharedOrRelatedToNoOrganization(String contact, boolean kept, String why)
            throws Exception {
        assertThat(contactShared(contact)).as(why).isEqualTo(kept);
    }

    @Test
    void organizationScopedItemsAreTheDistrictsOwnAndNeedNoLookUp() throws Exception {
        Hub hub = new Hub(Map.of(), Map.of());
        assertThat(shared(
                        hub,
                        "studentEducationOrganizationAssociations",
                        "{\"educationOrganizationId\": 255901, \"studentUniqueId\": \"also-enrolled-elsewhere\"}"))
                .isFalse();
        assertThat(shared(
                        hub,
                        "studentSchoolAssociations",
                        "{\"schoolId\": 255901001, \"studentUniqueId\": \"x\", \"entryDate\": \"2024-08-20\"}"))
                .isFalse();
        assertThat(hub.calls).isEmpty();
    }

    @Test
    void anOrphanTheHubWillNotTellAboutIsKeptAndReportedAndTheOthersAreStillDecided() throws Exception {
        SharedOrphans.Lookup refusing = new SharedOrphans.Lookup() {
            @Override
            public Set<Long> organizationsOf(String studentUniqueId) throws java.io.IOException {
                if (studentUniqueId.startsWith("too-long")) {
                    throw new SharedOrphans.CannotTell("the hub answered 400");
                }
                return HUB.organizationsOf(studentUniqueId);
            }

            @Override
            public Set<String> studentsOf(String contactUniqueId) {
                return HUB.studentsOf(contactUniqueId);
            }

            @Override
            public Long leaOf(long schoolId) {
                return HUB.leaOf(schoolId);
            }
        };
        SharedOrphans sharing = new SharedOrphans(LEA, refusing);
        assertThat(sharing.keep("students", keys("{\"studentUniqueId\": \"too-long-for-the-hub\"}")))
                .isTrue();
        assertThat(sharing.keep("students", keys("{\"studentUniqueId\": \"district-only\"}")))
                .isFalse();
        assertThat(sharing.keep("students", keys("{\"studentUniqueId\": \"also-enrolled-elsewhere\"}")))
                .isTrue();
        assertThat(sharing.unchecked())
                .extracting(SharedOrphans.Unchecked::why)
                .containsExactly("the hub answered 400");
        assertThat(sharing.unchecked()
                        .get(0)
                        .keyValues()
                        .path("studentUniqueId")
                        .asText())
                .isEqualTo("too-long-for-the-hub");
    }

    @Test
    void eachStudentAndOrganizationIsAskedOnce() throws Exception {
        Hub hub = new Hub(HUB.organizations, HUB.students);
        SharedOrphans sharing = new SharedOrphans(LEA, hub);
        sharing.shared("students", keys("{\"studentUniqueId\": \"also-enrolled-elsewhere\"}"));
        sharing.shared(
                "studentContactAssociations",
                keys("{\"contactUniqueId\": \"shared-parent\", \"studentUniqueId\": \"also-enrolled-elsewhere\"}"));
        sharing.shared("contacts", keys("{\"contactUniqueId\": \"shared-parent\"}"));
        assertThat(hub.calls)
                .doesNotHaveDuplicates()
                .contains("student also-enrolled-elsewhere", "contact shared-parent", "school " + OTHER_SCHOOL);
    }
}
