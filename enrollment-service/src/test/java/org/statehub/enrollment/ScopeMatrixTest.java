package org.statehub.enrollment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.statehub.testing.EdFiBodies.attendance;
import static org.statehub.testing.EdFiBodies.calendar;
import static org.statehub.testing.EdFiBodies.enrollment;
import static org.statehub.testing.EdFiBodies.lea;
import static org.statehub.testing.EdFiBodies.school;
import static org.statehub.testing.EdFiBodies.session;
import static org.statehub.testing.ScopeMatrix.changeIds;
import static org.statehub.testing.ScopeMatrix.create;
import static org.statehub.testing.ScopeMatrix.created;
import static org.statehub.testing.ScopeMatrix.createdAndDeleted;
import static org.statehub.testing.ScopeMatrix.newestChangeVersion;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.ScopeMatrix;
import org.statehub.testing.ScopeOracle;
import org.statehub.testing.ScopeOracle.Securable;
import org.statehub.testing.StrategyMatrix;
import org.statehub.testing.TestTokens;
import org.statehub.testing.TwoLeaScopeFixture;

/**
 * The scope matrix of enrollment-service's resources (LEAs, schools, sessions, calendars, enrollments, attendance
 * events): a state admin, a SIS vendor for each of two LEAs and a school's client, against items of each LEA,
 * through every way to read and write them (see {@link ScopeMatrix}), with key changes, tombstones (also of what
 * was at a school deleted since) and writes that would move items out of a scope.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class ScopeMatrixTest extends TwoLeaScopeFixture {

    private static final String BASE = "/data/v3/ed-fi/";
    private static final String SAMPLE = "/data/v3/sample/";
    /** The tests' state project: its schoolAccreditations are secured by their school. */
    private static final String STATE = ExtensionResourceScopeTest.STATE;

    @Test
    void noClientReachesAnythingOutsideItsScope() throws Exception {
        create(BASE, "schoolYearTypes", """
                {"schoolYear":2025,"currentSchoolYear":true,"schoolYearDescription":"2024-2025"}""");
        Set<String> lea1Side = Set.of(ADMIN, LEA1, SCHOOL1);
        Set<String> lea2Side = Set.of(ADMIN, LEA2);
        String s1 = "S1-" + run;
        String s2 = "S2-" + run;

        long since = newestChangeVersion();
        List<ScopeMatrix.Item> first = side(lea1, school1, s1, Set.of(ADMIN, LEA1), lea1Side);
        long afterFirst = newestChangeVersion();
        List<ScopeMatrix.Item> second = side(lea2, schoolB, s2, lea2Side, lea2Side);
        long afterSecond = newestChangeVersion();

        ScopeMatrix matrix = matrix(BASE, since, first, afterFirst, second, afterSecond);

        // key changes: a session renamed at LEA 2's school, an enrollment's entry date at LEA 1's
        String winter = session(schoolB, "Winter " + run);
        String renamed = create(BASE, "sessions", winter);
        replace("sessions", renamed, winter.replace("Winter ", "Winter term "));
        matrix.keyChanged(new ScopeMatrix.Change("renamed session at school B", "sessions", renamed, lea2Side));
        String rekeyed = create(BASE, "studentSchoolAssociations", enrollment("SK-" + run, school1, "2024-08-19"));
        replace("studentSchoolAssociations", rekeyed, enrollment("SK-" + run, school1, "2024-08-26"));
        matrix.keyChanged(new ScopeMatrix.Change(
                "re-dated enrollment at school 1", "studentSchoolAssociations", rekeyed, lea1Side));

        // tombstones, and a school of LEA 1 deleted after the enrollment there was re-dated and deleted: LEA 1 still
        // sees what happened at it
        matrix.deleted(createdAndDeleted(BASE, "sessions", session(school1, "Gone " + run), lea1Side));
        matrix.deleted(createdAndDeleted(BASE, "calendars", calendar(schoolB, "GONE-" + run), lea2Side));
        long school9 = lea1 * 1000 + 9;
        String closing = create(BASE, "schools", school(school9, lea1));
        String atClosing = create(BASE, "studentSchoolAssociations", enrollment("S9-" + run, school9, "2024-08-19"));
        replace("studentSchoolAssociations", atClosing, enrollment("S9-" + run, school9, "2024-09-02"));
        given().delete(BASE + "studentSchoolAssociations/" + atClosing).then().statusCode(204);
        given().delete(BASE + "schools/" + closing).then().statusCode(204);
        Set<String> lea1Only = Set.of(ADMIN, LEA1);
        matrix.deleted(new ScopeMatrix.Change(
                "enrollment at a deleted school of LEA 1", "studentSchoolAssociations", atClosing, lea1Only));
        matrix.keyChanged(new ScopeMatrix.Change(
                "re-dated enrollment at a deleted school of LEA 1", "studentSchoolAssociations", atClosing, lea1Only));
        matrix.deleted(new ScopeMatrix.Change("deleted school of LEA 1", "schools", closing, lea1Only));

        String schoolId = first.stream()
                .filter(item -> item.resource().equals("schools"))
                .findFirst()
                .orElseThrow()
                .id();
        String moved = school(school1, lea2);
        matrix.refused(new ScopeMatrix.Refused(
                        LEA1, "PUT", BASE + "schools/" + schoolId, moved, "moves its school to LEA 2"))
                .refused(new ScopeMatrix.Refused(
                        SCHOOL1, "PUT", BASE + "schools/" + schoolId, moved, "moves its school to LEA 2"))
                .refused(new ScopeMatrix.Refused(LEA1, "POST", BASE + "schools", moved, "moves its school to LEA 2"))
                .refused(new ScopeMatrix.Refused(
                        SCHOOL1,
                        "POST",
                        BASE + "schools",
                        school(lea1 * 1000 + 5, lea1),
                        "creates another school of its LEA"))
                .refused(new ScopeMatrix.Refused(
                        LEA2, "POST", BASE + "schools", school(school1, lea2), "takes LEA 1's school"))
                .refused(new ScopeMatrix.Refused(
                        LEA1,
                        "POST",
                        BASE + "studentSchoolAssociations",
                        enrollment(s1, schoolB, "2024-08-19"),
                        "enrolls at LEA 2's school"))
                .refused(new ScopeMatrix.Refused(
                        LEA2,
                        "POST",
                        BASE + "sessions",
                        session(school1, "Spring " + run),
                        "adds a session at LEA 1's school"))
                .refused(new ScopeMatrix.Refused(
                        LEA1,
                        "POST",
                        STATE + "schoolAccreditations",
                        ExtensionResourceScopeTest.accreditation(schoolB, 2027),
                        "accredits LEA 2's school (an extension project's resource)"));

        matrix.assertNoLeaks(500);
        // the refused moves changed nothing
        given().get(BASE + "schools/" + schoolId)
                .then()
                .statusCode(200)
                .body("localEducationAgencyReference.localEducationAgencyId", org.hamcrest.Matchers.equalTo((int)
                        lea1));
    }

    /**
     * ODS/API 7.3: a key change is authorized on the item's old key values (the tracked change keeps the old
     * context), so an enrollment moved from LEA 1's school to LEA 2's is a key change for LEA 1's clients; LEA 2's
     * see the item itself in its new place, not a key change
     * (https://edfi.atlassian.net/wiki/spaces/EFTD/pages/24807016/Change+Query+Enhancements, "tracking key changes";
     * https://docs.ed-fi.org/reference/ods-api/platform-dev-guide/features/changed-record-queries).
     */
    @Test
    void aKeyChangeIsShownToTheClientsOfTheOldKey() throws Exception {
        leasWithASchoolEach(BASE);
        long since = newestChangeVersion();
        String student = "SM-" + run;
        String moved = create(BASE, "studentSchoolAssociations", enrollment(student, school1, "2024-08-19"));
        replace("studentSchoolAssociations", moved, enrollment(student, schoolB, "2024-08-19"));
        String keyChanges = BASE + "studentSchoolAssociations/keyChanges";
        for (String seeing : List.of(vendor(LEA1, lea1), vendor(SCHOOL1, school1), TestTokens.stateAdmin())) {
            assertThat(changeIds(seeing, keyChanges, since)).contains(moved);
        }
        assertThat(changeIds(vendor(LEA2, lea2), keyChanges, since)).doesNotContain(moved);
        // LEA 2 reads the enrollment itself, at its school
        given().auth()
                .oauth2(vendor(LEA2, lea2))
                .get(BASE + "studentSchoolAssociations/" + moved)
                .then()
                .statusCode(200);
    }

    /**
     * Every strategy the engine implements, alone and as it combines them ({@link StrategyMatrix}), over an SEA, two
     * LEAs below it, a school of each, their sessions, enrollments and attendance events, a calendar and a descriptor
     * created by a client of LEA 2's school, a descriptor in each LEA's namespace, the Sample extension's buses (no
     * securable element) and the tests' state project's school accreditations (secured by their school):
     * each claim set is given to a client of LEA 1 (inside), of LEA 1's school (below), of LEA 2 (outside), of the
     * SEA (above) and to the creator, and every answer is compared with the documented rule ({@link ScopeOracle}).
     */
    @Test
    void everyStrategyReachesWhatItsRuleSays() throws Exception {
        create(BASE, "schoolYearTypes", """
                {"schoolYear":2025,"currentSchoolYear":true,"schoolYearDescription":"2024-2025"}""");
        long sea = lea1 * 10 + 7;
        String namespace1 = "uri://lea1-" + run + ".org";
        String namespace2 = "uri://lea2-" + run + ".org";
        String creator = "creator-" + run;
        ScopeOracle oracle = new ScopeOracle()
                .below(lea1, sea)
                .below(lea2, sea)
                .below(school1, lea1)
                .below(schoolB, lea2);
        StrategyMatrix matrix = new StrategyMatrix(oracle, newestChangeVersion())
                .client(new ScopeOracle.Client("inside", "lea1-" + run, Set.of(lea1), List.of(namespace1)))
                .client(new ScopeOracle.Client("below", "school1-" + run, Set.of(school1), List.of(namespace1)))
                .client(new ScopeOracle.Client("outside", "lea2-" + run, Set.of(lea2), List.of(namespace2)))
                .client(new ScopeOracle.Client("above", "sea-" + run, Set.of(sea), List.of()))
                .client(new ScopeOracle.Client("creator", creator, Set.of(schoolB), List.of()));
        StrategyMatrix.Writer admin = matrix.as(given(), BASE);
        admin.item(
                "stateEducationAgencies",
                """
                {"stateEducationAgencyId":%d,"nameOfInstitution":"SEA",
                 "categories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#State Education Agency"}]}
                """.formatted(sea),
                Map.of("stateEducationAgencyId", Long.toString(sea)),
                Securable.organizations(sea));
        String fall = "Fall " + run;
        for (long school : List.of(school1, schoolB)) {
            long lea = school == school1 ? lea1 : lea2;
            String student = "S" + school + "-" + run;
            String at = Long.toString(school);
            Map<String, String> atSchool = Map.of("schoolId", at);
            admin.item(
                    "localEducationAgencies",
                    lea(lea, sea, null),
                    Map.of("localEducationAgencyId", Long.toString(lea)),
                    Securable.organizations(lea, sea));
            admin.item("schools", school(school, lea), atSchool, Securable.organizations(school, lea));
            admin.item(
                    "sessions",
                    session(school, fall),
                    Map.of("schoolId", at, "sessionName", fall),
                    Securable.organizations(school));
            admin.item(
                    "studentSchoolAssociations",
                    enrollment(student, school, "2024-08-19"),
                    Map.of("schoolId", at, "studentUniqueId", student),
                    Securable.organizations(school));
            admin.item(
                    "studentSchoolAttendanceEvents",
                    attendance(student, school, fall),
                    atSchool,
                    Securable.organizations(school));
        }
        RequestSpecification creatorToken =
                given().auth().oauth2(TestTokens.token(creator, "StateAdmin", List.of(schoolB), List.of(), 1800));
        StrategyMatrix.Writer byCreator = matrix.as(creatorToken, BASE);
        byCreator.item(
                "calendars",
                calendar(school1, "OWN-" + run),
                Map.of("schoolId", Long.toString(school1), "calendarCode", "OWN-" + run),
                Securable.organizations(school1).createdBy(creator));
        String grade1 = namespace1 + "/GradeLevelDescriptor";
        String grade2 = namespace2 + "/GradeLevelDescriptor";
        admin.item(
                "gradeLevelDescriptors",
                descriptor(grade1, "Matrix"),
                Map.of("codeValue", "Matrix", "namespace", grade1),
                Securable.descriptor(grade1));
        byCreator.item(
                "gradeLevelDescriptors",
                descriptor(grade2, "Matrix"),
                Map.of("codeValue", "Matrix", "namespace", grade2),
                Securable.descriptor(grade2).createdBy(creator));
        matrix.window(BASE, newestChangeVersion());
        StrategyMatrix.Writer state = matrix.as(given(), STATE);
        for (long school : List.of(school1, schoolB)) {
            state.item(
                    "schoolAccreditations",
                    ExtensionResourceScopeTest.accreditation(school, 2025),
                    Map.of("schoolId", Long.toString(school), "accreditationYear", "2025"),
                    Securable.organizations(school));
        }
        matrix.as(given(), SAMPLE).item("buses", bus("B1-" + run), Map.of("busId", "B1-" + run), Securable.nothing());
        matrix.as(creatorToken, SAMPLE)
                .item(
                        "buses",
                        bus("B2-" + run),
                        Map.of("busId", "B2-" + run),
                        Securable.nothing().createdBy(creator));

        // key changes: an enrollment re-dated at LEA 1's school, a session renamed at LEA 2's
        String rekeyed = create(BASE, "studentSchoolAssociations", enrollment("SK-" + run, school1, "2024-08-19"));
        replace("studentSchoolAssociations", rekeyed, enrollment("SK-" + run, school1, "2024-08-26"));
        String winter = session(schoolB, "Winter " + run);
        String renamed = create(BASE, "sessions", winter);
        replace("sessions", renamed, winter.replace("Winter ", "Winter term "));
        matrix.keyChanged(
                        BASE,
                        "re-dated enrollment at school 1",
                        "studentSchoolAssociations",
                        rekeyed,
                        Securable.organizations(school1))
                .keyChanged(BASE, "renamed session at school B", "sessions", renamed, Securable.organizations(schoolB))
                // tombstones: a session at LEA 1's school, a calendar at LEA 2's, a descriptor of LEA 1's namespace,
                // a bus
                .tombstone(BASE, "sessions", session(school1, "Gone " + run), Securable.organizations(school1))
                .tombstone(BASE, "calendars", calendar(schoolB, "GONE-" + run), Securable.organizations(schoolB))
                .tombstone(BASE, "gradeLevelDescriptors", descriptor(grade1, "Gone"), Securable.descriptor(grade1))
                .tombstone(SAMPLE, "buses", bus("BX-" + run), Securable.nothing())
                .tombstone(
                        STATE,
                        "schoolAccreditations",
                        ExtensionResourceScopeTest.accreditation(school1, 2024),
                        Securable.organizations(school1));

        matrix.assertNoLeaks(5000);
    }

    /** A descriptor of {@code namespace}, {@code codeValue} also its short description. */
    private static String descriptor(String namespace, String codeValue) {
        return """
                {"namespace":"%s","codeValue":"%s","shortDescription":"%s"}""".formatted(namespace, codeValue, codeValue);
    }

    private static String bus(String busId) {
        return "{\"busId\":\"" + busId + "\"}";
    }

    /** One LEA's items: the LEA, a school, a session, a calendar, an enrollment and an attendance event. */
    private List<ScopeMatrix.Item> side(
            long lea, long school, String student, Set<String> leaSeenBy, Set<String> schoolSeenBy) throws Exception {
        List<ScopeMatrix.Item> items = new ArrayList<>();
        items.add(created(
                BASE,
                "localEducationAgencies",
                lea(lea),
                Map.of("localEducationAgencyId", Long.toString(lea)),
                leaSeenBy));
        items.add(
                created(BASE, "schools", school(school, lea), Map.of("schoolId", Long.toString(school)), schoolSeenBy));
        String sessionName = "Fall " + run;
        items.add(created(
                BASE,
                "sessions",
                session(school, sessionName),
                Map.of("schoolId", Long.toString(school), "sessionName", sessionName),
                schoolSeenBy));
        items.add(created(
                BASE,
                "calendars",
                calendar(school, "REG-" + run),
                Map.of("schoolId", Long.toString(school), "calendarCode", "REG-" + run),
                schoolSeenBy));
        items.add(created(
                BASE,
                "studentSchoolAssociations",
                enrollment(student, school, "2024-08-19"),
                Map.of("schoolId", Long.toString(school), "studentUniqueId", student),
                schoolSeenBy));
        items.add(created(
                BASE,
                "studentSchoolAttendanceEvents",
                attendance(student, school, sessionName),
                Map.of("schoolId", Long.toString(school)),
                schoolSeenBy));
        return items;
    }

    private static void replace(String resource, String id, String body) {
        given().contentType(ContentType.JSON)
                .body(body)
                .put(BASE + resource + "/" + id)
                .then()
                .statusCode(204);
    }
}
