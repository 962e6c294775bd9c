package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.statehub.student.ApiTestSupport.BASE;
import static org.statehub.student.ApiTestSupport.MAPPER;
import static org.statehub.testing.EdFiBodies.contact;
import static org.statehub.testing.EdFiBodies.enrollment;
import static org.statehub.testing.EdFiBodies.lea;
import static org.statehub.testing.EdFiBodies.school;
import static org.statehub.testing.EdFiBodies.student;
import static org.statehub.testing.EdFiBodies.studentContactAssociation;
import static org.statehub.testing.EdFiBodies.studentEducationOrganizationAssociation;
import static org.statehub.testing.EdFiRequests.postAs;
import static org.statehub.testing.ScopeMatrix.changeIds;
import static org.statehub.testing.ScopeMatrix.created;
import static org.statehub.testing.ScopeMatrix.createdAndDeleted;
import static org.statehub.testing.ScopeMatrix.newestChangeVersion;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.ScopeMatrix;
import org.statehub.testing.ScopeOracle;
import org.statehub.testing.ScopeOracle.Securable;
import org.statehub.testing.StrategyMatrix;
import org.statehub.testing.TestTokens;
import org.statehub.testing.TwoLeaScopeFixture;

/**
 * The scope matrix of student-service's resources (students, contacts, studentContactAssociations, SEOAs):
 * a state admin, a SIS vendor for each of two LEAs and a school's client, against items of each LEA, through
 * every way to read and write them (see {@link ScopeMatrix}). The schools and enrollments that relate students to
 * organizations are enrollment-service's; they are put in the replica here, as replication would deliver them.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class ScopeMatrixTest extends TwoLeaScopeFixture {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ResourceCatalog catalog;

    @Test
    void noClientReachesAnythingOutsideItsScope() throws Exception {
        replica("schools", school(school1, lea1));
        replica("schools", school(schoolB, lea2));
        String s1 = "S1-" + run;
        String s2 = "S2-" + run;
        replica("studentSchoolAssociations", enrollment(s1, school1));
        replica("studentSchoolAssociations", enrollment(s2, schoolB));

        long since = newestChangeVersion();
        Set<String> lea1Side = Set.of(ADMIN, LEA1, SCHOOL1);
        Set<String> lea2Side = Set.of(ADMIN, LEA2);
        String c1 = "C1-" + run;
        List<ScopeMatrix.Item> first = side(s1, c1, lea1, lea1Side, Set.of(ADMIN, LEA1));
        long afterFirst = newestChangeVersion();
        List<ScopeMatrix.Item> second = side(s2, "C2-" + run, lea2, lea2Side, lea2Side);
        long afterSecond = newestChangeVersion();

        ScopeMatrix matrix = matrix(BASE, since, first, afterFirst, second, afterSecond);

        // tombstones: a student enrolled at each LEA's school, a contact association, an SEOA, and a contact that
        // no organization saw when it was deleted (only the state's)
        String gone1 = "G1-" + run;
        String gone2 = "G2-" + run;
        replica("studentSchoolAssociations", enrollment(gone1, school1));
        replica("studentSchoolAssociations", enrollment(gone2, schoolB));
        matrix.deleted(createdAndDeleted(BASE, "students", student(gone1), lea1Side));
        matrix.deleted(createdAndDeleted(BASE, "students", student(gone2), lea2Side));
        String cx = "CX-" + run;
        ApiTestSupport.create("contacts", MAPPER.readTree(contact(cx)));
        matrix.deleted(
                createdAndDeleted(BASE, "studentContactAssociations", studentContactAssociation(s1, cx), lea1Side));
        matrix.deleted(createdAndDeleted(BASE, "contacts", contact(cx), Set.of(ADMIN)));
        matrix.deleted(createdAndDeleted(
                BASE,
                "studentEducationOrganizationAssociations",
                studentEducationOrganizationAssociation(s2, schoolB),
                lea2Side));

        String unknownContact = "CU-" + run;
        matrix.refused(new ScopeMatrix.Refused(
                        LEA2,
                        "POST",
                        BASE + "studentContactAssociations",
                        studentContactAssociation(s2, c1),
                        "links LEA 1's contact to LEA 2's student"))
                .refused(new ScopeMatrix.Refused(
                        LEA2,
                        "POST",
                        BASE + "studentContactAssociations",
                        studentContactAssociation(s2, unknownContact),
                        "links a contact it does not see"))
                .refused(new ScopeMatrix.Refused(
                        LEA2,
                        "POST",
                        BASE + "studentEducationOrganizationAssociations",
                        studentEducationOrganizationAssociation(s1, lea2),
                        "claims LEA 1's student by an SEOA"))
                .refused(new ScopeMatrix.Refused(
                        SCHOOL1,
                        "POST",
                        BASE + "studentEducationOrganizationAssociations",
                        studentEducationOrganizationAssociation(s2, school1),
                        "claims LEA 2's student by an SEOA at its school"))
                .refused(new ScopeMatrix.Refused(
                        LEA1,
                        "POST",
                        BASE + "students",
                        student(s2).replace("\"Lisa\"", "\"Hijacked\""),
                        "changes LEA 2's student"));

        matrix.assertNoLeaks(300);
    }

    @Test
    void aContactLinkedToAStudentWithoutEnrollmentStaysVisibleToTheClientThatCreatedIt() throws Exception {
        replica("schools", school(schoolB, lea2));
        String token = vendor("creator", lea1);
        String student = "S6-" + run;
        String contact = "C6-" + run;
        postAs(token, "students", student(student)).statusCode(201);
        String location = postAs(token, "contacts", contact(contact))
                .statusCode(201)
                .extract()
                .header("Location");
        postAs(token, "studentContactAssociations", studentContactAssociation(student, contact))
                .statusCode(201);
        given().auth().oauth2(token).get(location).then().statusCode(200);
        postAs(token, "contacts", contact(contact).replace("Ann", "Annie")).statusCode(200);
        given().auth().oauth2(vendor("someone-else", lea1)).get(location).then().statusCode(403);
        // once the student is enrolled, the relationship decides: LEA 2's now
        replica("studentSchoolAssociations", enrollment(student, schoolB));
        given().auth().oauth2(token).get(location).then().statusCode(403);
        given().auth().oauth2(vendor(LEA2, lea2)).get(location).then().statusCode(200);
    }

    /**
     * ODS/API 7.3: tracked deletes are authorized on the relationships the item had when it was deleted, not on who
     * created it; a student or contact that no organization saw leaves a tombstone no scoped client is shown
     * (https://edfi.atlassian.net/wiki/spaces/EFTD/pages/24807016/Change+Query+Enhancements, "authorization-based
     * filtering of tracked deletes"; https://docs.ed-fi.org/reference/ods-api/platform-dev-guide/features/changed-record-queries).
     */
    @Test
    void aStudentItsCreatorDeletedBeforeRelatingItToAnOrganizationLeavesNoTombstoneForTheCreator() throws Exception {
        String token = vendor("short-lived", lea1);
        String student = "S7-" + run;
        String contact = "C7-" + run;
        long since = newestChangeVersion();
        String studentAt = postAs(token, "students", student(student))
                .statusCode(201)
                .extract()
                .header("Location");
        String contactAt = postAs(token, "contacts", contact(contact))
                .statusCode(201)
                .extract()
                .header("Location");
        given().auth().oauth2(token).delete(studentAt).then().statusCode(204);
        given().auth().oauth2(token).delete(contactAt).then().statusCode(204);
        String studentId = studentAt.substring(studentAt.lastIndexOf('/') + 1);
        String contactId = contactAt.substring(contactAt.lastIndexOf('/') + 1);
        for (String[] gone : List.of(new String[] {"students", studentId}, new String[] {"contacts", contactId})) {
            assertThat(changeIds(token, BASE + gone[0] + "/deletes", since))
                    .as("the creator's " + gone[0] + "/deletes")
                    .doesNotContain(gone[1]);
            assertThat(changeIds(TestTokens.stateAdmin(), BASE + gone[0] + "/deletes", since))
                    .as("the state's " + gone[0] + "/deletes")
                    .contains(gone[1]);
        }
        // the same client sees the tombstone of a student that was enrolled at its LEA's school when deleted
        replica("schools", school(school1, lea1));
        String enrolled = "S8-" + run;
        String enrolledAt = postAs(token, "students", student(enrolled))
                .statusCode(201)
                .extract()
                .header("Location");
        replica("studentSchoolAssociations", enrollment(enrolled, school1));
        given().auth().oauth2(token).delete(enrolledAt).then().statusCode(204);
        assertThat(changeIds(token, BASE + "students/deletes", since))
                .contains(enrolledAt.substring(enrolledAt.lastIndexOf('/') + 1));
    }

    /**
     * stateEducationAgencies and educationServiceCenters are enrollment-service's resources, replicated here with
     * the LEAs and schools: a client of an SEA or an ESC reaches the students enrolled below it through the
     * replicated references (ESC to SEA, LEA to ESC, school to LEA); a client of another SEA does not
     * (https://docs.ed-fi.org/reference/ods-api/platform-dev-guide/security/relationship-based-authorization).
     */
    @Test
    void clientsOfAReplicatedSeaOrEscReachTheStudentsEnrolledBelowThem() throws Exception {
        long sea = lea1 * 10 + 7;
        long esc = lea1 * 10 + 8;
        long otherSea = lea1 * 10 + 9;
        replica("stateEducationAgencies", """
                {"stateEducationAgencyId":%d,"nameOfInstitution":"SEA",
                 "categories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#State Education Agency"}]}
                """.formatted(sea));
        replica("educationServiceCenters", """
                {"educationServiceCenterId":%d,"nameOfInstitution":"ESC","stateEducationAgencyReference":{"stateEducationAgencyId":%d},
                 "categories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#Education Service Center"}]}
                """.formatted(esc, sea));
        replica("localEducationAgencies", """
                {"localEducationAgencyId":%d,"nameOfInstitution":"LEA","educationServiceCenterReference":{"educationServiceCenterId":%d},
                 "localEducationAgencyCategoryDescriptor":"uri://ed-fi.org/LocalEducationAgencyCategoryDescriptor#Independent",
                 "categories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#Local Education Agency"}]}
                """.formatted(lea1, esc));
        replica("schools", school(school1, lea1));
        String student = "SE-" + run;
        String studentAt = BASE + "students/" + ApiTestSupport.create("students", MAPPER.readTree(student(student)));
        replica("studentSchoolAssociations", enrollment(student, school1));

        for (long reaching : List.of(sea, esc)) {
            given().auth()
                    .oauth2(vendor("above-" + reaching, reaching))
                    .get(studentAt)
                    .then()
                    .statusCode(200);
        }
        given().auth()
                .oauth2(vendor("elsewhere", otherSea))
                .get(studentAt)
                .then()
                .statusCode(403);
    }

    /**
     * Every strategy the engine implements, alone and as it combines them ({@link StrategyMatrix}), over students,
     * contacts, contact associations and SEOAs of two LEAs of one SEA, some created by a client of LEA 2's school
     * (one student and its contact related to no organization yet): each claim set is given to a client of LEA 1
     * (inside), of LEA 1's school (below), of LEA 2 (outside), of the SEA (above) and to the creator, and every answer
     * is compared with the documented rule ({@link ScopeOracle}).
     */
    @Test
    void everyStrategyReachesWhatItsRuleSays() throws Exception {
        long sea = lea1 * 10 + 7;
        replica("stateEducationAgencies", """
                {"stateEducationAgencyId":%d,"nameOfInstitution":"SEA",
                 "categories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#State Education Agency"}]}
                """.formatted(sea));
        replica("localEducationAgencies", lea(lea1, sea, null));
        replica("localEducationAgencies", lea(lea2, sea, null));
        replica("schools", school(school1, lea1));
        replica("schools", school(schoolB, lea2));
        ScopeOracle oracle = new ScopeOracle()
                .below(lea1, sea)
                .below(lea2, sea)
                .below(school1, lea1)
                .below(schoolB, lea2);
        String s1 = "S1-" + run;
        String s2 = "S2-" + run;
        String s3 = "S3-" + run;
        String s4 = "S4-" + run;
        String g1 = "G1-" + run;
        String g2 = "G2-" + run;
        for (String[] enrolled : List.of(
                new String[] {s1, "1"},
                new String[] {s2, "B"},
                new String[] {s4, "1"},
                new String[] {g1, "1"},
                new String[] {g2, "B"})) {
            long at = enrolled[1].equals("1") ? school1 : schoolB;
            replica("studentSchoolAssociations", enrollment(enrolled[0], at));
            oracle.related(enrolled[0], at);
        }
        oracle.related(s1, lea1).related(s2, lea2).related(s4, school1);
        String c1 = "C1-" + run;
        String c2 = "C2-" + run;
        String c3 = "C3-" + run;
        oracle.linked(s1, c1).linked(s2, c2).linked(s3, c3);
        String creator = "creator-" + run;
        StrategyMatrix matrix = new StrategyMatrix(oracle, newestChangeVersion())
                .client(new ScopeOracle.Client("inside", "lea1-" + run, Set.of(lea1), List.of()))
                .client(new ScopeOracle.Client("below", "school1-" + run, Set.of(school1), List.of()))
                .client(new ScopeOracle.Client("outside", "lea2-" + run, Set.of(lea2), List.of()))
                .client(new ScopeOracle.Client("above", "sea-" + run, Set.of(sea), List.of()))
                .client(new ScopeOracle.Client("creator", creator, Set.of(schoolB), List.of()));
        StrategyMatrix.Writer admin = matrix.as(given(), BASE);
        for (String[] side : List.of(new String[] {s1, c1}, new String[] {s2, c2})) {
            String student = side[0];
            String contact = side[1];
            long lea = student.equals(s1) ? lea1 : lea2;
            Map<String, String> byStudent = Map.of("studentUniqueId", student);
            admin.item("students", student(student), byStudent, Securable.student(student));
            admin.item("contacts", contact(contact), Map.of("contactUniqueId", contact), Securable.contact(contact));
            admin.item(
                    "studentContactAssociations",
                    studentContactAssociation(student, contact),
                    byStudent,
                    Securable.association(student, contact));
            admin.item(
                    "studentEducationOrganizationAssociations",
                    studentEducationOrganizationAssociation(student, lea),
                    byStudent,
                    Securable.seoa(student, lea));
        }
        StrategyMatrix.Writer byCreator = matrix.as(
                given().auth().oauth2(TestTokens.token(creator, "StateAdmin", List.of(schoolB), List.of(), 1800)),
                BASE);
        Map<String, String> byS3 = Map.of("studentUniqueId", s3);
        Map<String, String> byS4 = Map.of("studentUniqueId", s4);
        byCreator.item("students", student(s3), byS3, Securable.student(s3).createdBy(creator));
        byCreator.item("students", student(s4), byS4, Securable.student(s4).createdBy(creator));
        byCreator.item(
                "contacts",
                contact(c3),
                Map.of("contactUniqueId", c3),
                Securable.contact(c3).createdBy(creator));
        Securable association = Securable.association(s3, c3).createdBy(creator);
        byCreator.item("studentContactAssociations", studentContactAssociation(s3, c3), byS3, association);
        Securable seoa = Securable.seoa(s4, school1).createdBy(creator);
        String seoaBody = studentEducationOrganizationAssociation(s4, school1);
        byCreator.item("studentEducationOrganizationAssociations", seoaBody, byS4, seoa);
        matrix.window(BASE, newestChangeVersion());

        // tombstones: students enrolled at each LEA's school, a contact association, a contact related to no
        // organization when it was deleted, an SEOA
        for (String gone : List.of(g1, g2)) {
            matrix.tombstone(BASE, "students", student(gone), Securable.student(gone));
        }
        String cx = "CX-" + run;
        ApiTestSupport.create("contacts", MAPPER.readTree(contact(cx)));
        oracle.linked(s1, cx);
        matrix.tombstone(
                BASE, "studentContactAssociations", studentContactAssociation(s1, cx), Securable.association(s1, cx));
        oracle.unlinked(s1, cx);
        matrix.tombstone(BASE, "contacts", contact(cx), Securable.contact(cx))
                .tombstone(
                        BASE,
                        "studentEducationOrganizationAssociations",
                        studentEducationOrganizationAssociation(s2, schoolB),
                        Securable.seoa(s2, schoolB));

        matrix.assertNoLeaks(5000);
    }

    /**
     * A student, a contact of it and its association with the LEA, which {@code seenBy} reach (the association:
     * {@code associationSeenBy}).
     */
    private static List<ScopeMatrix.Item> side(
            String student, String contact, long lea, Set<String> seenBy, Set<String> associationSeenBy) {
        Map<String, String> byStudent = Map.of("studentUniqueId", student);
        return List.of(
                created(BASE, "students", student(student), byStudent, seenBy),
                created(BASE, "contacts", contact(contact), Map.of("contactUniqueId", contact), seenBy),
                created(
                        BASE,
                        "studentContactAssociations",
                        studentContactAssociation(student, contact),
                        byStudent,
                        seenBy),
                created(
                        BASE,
                        "studentEducationOrganizationAssociations",
                        studentEducationOrganizationAssociation(student, lea),
                        byStudent,
                        associationSeenBy));
    }

    /** Puts an item of enrollment-service into this service's replica. */
    private void replica(String resource, String body) throws Exception {
        ApiTestSupport.replicate(dataSource, catalog, resource, body);
    }
}
