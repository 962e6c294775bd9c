package org.statehub.edfi.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.statehub.testing.EdFiBodies.contact;
import static org.statehub.testing.EdFiBodies.enrollment;
import static org.statehub.testing.EdFiBodies.lea;
import static org.statehub.testing.EdFiBodies.school;
import static org.statehub.testing.EdFiBodies.session;
import static org.statehub.testing.EdFiBodies.student;
import static org.statehub.testing.EdFiBodies.studentContactAssociation;
import static org.statehub.testing.EdFiBodies.studentEducationOrganizationAssociation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.config.EngineDatabase;
import org.statehub.edfi.core.config.EngineTestSupport;
import org.statehub.edfi.core.store.Ids;
import org.statehub.edfi.core.validation.DocumentValidator;

/**
 * The scope matrix of relationship-based authorization, on the engine over a real PostgreSQL: the state admin,
 * a client for LEA A, one for LEA B and one for a school of A, each reading (by id, by query with totals, change
 * queries), writing and deleting. Both services' resources live in one schema here, which is what the views of
 * {@code V1_4} see in a service too (its own items plus its replicas). The tests run in order: the first ones read
 * the fixture as it was set up, the later ones change it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RelationshipAuthorizationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AccessScope ADMIN = AccessScope.unrestricted("state-admin");
    private static final AccessScope LEA_A = AccessScope.organizations("lea-a-sis", Set.of(255901L));
    private static final AccessScope LEA_B = AccessScope.organizations("lea-b-sis", Set.of(255902L));
    private static final AccessScope SCHOOL_A1 = AccessScope.organizations("school-a1-sis", Set.of(255901001L));
    private static final AccessScope NOTHING = AccessScope.organizations("no-orgs", Set.of());

    @RegisterExtension
    static final EngineDatabase DATABASE = new EngineDatabase();

    private static DocumentService enrollment;
    private static DocumentService students;
    private static QueryService queries;
    private static ResourceCatalog catalog;
    private static javax.sql.DataSource dataSource;
    /** Keys every scope of at least one organization (V1_11), to compare with the same ids sent. */
    private static ClaimedOrganizations claimed;

    @BeforeAll
    static void start() throws Exception {
        dataSource = DATABASE.dataSource();
        claimed = new ClaimedOrganizations(dataSource, 1);
        catalog = ResourceCatalog.load();
        enrollment = EngineDatabaseTest.documentService("enrollment-service", dataSource, catalog);
        students = EngineDatabaseTest.documentService("student-service", dataSource, catalog);
        queries = new QueryService(dataSource, MAPPER, EngineTestSupport.noRemoteReferences());

        write(
                ADMIN,
                "schoolYearTypes",
                "{\"schoolYear\":2025,\"currentSchoolYear\":true,\"schoolYearDescription\":\"2024-2025\"}");
        write(ADMIN, "localEducationAgencies", lea(255901));
        write(ADMIN, "localEducationAgencies", lea(255902));
        write(ADMIN, "schools", school(255901001, 255901));
        write(ADMIN, "schools", school(255901002, 255901));
        write(ADMIN, "schools", school(255902001, 255902));
        write(ADMIN, "sessions", session(255901001, "Fall A1"));
        write(ADMIN, "sessions", session(255902001, "Fall B1"));
        for (String student : List.of("S-A1", "S-A2", "S-B", "S-SEOA")) {
            write(ADMIN, "students", student(student));
        }
        write(ADMIN, "studentSchoolAssociations", enrollment("S-A1", 255901001));
        write(ADMIN, "studentSchoolAssociations", enrollment("S-A2", 255901002));
        write(ADMIN, "studentSchoolAssociations", enrollment("S-B", 255902001));
        write(
                ADMIN,
                "studentEducationOrganizationAssociations",
                studentEducationOrganizationAssociation("S-SEOA", 255901));
        write(ADMIN, "gradeLevelDescriptors", """
                {"codeValue":"Ninth grade","namespace":"uri://ed-fi.org/GradeLevelDescriptor","shortDescription":"Ninth grade"}
                """);
        write(ADMIN, "contacts", contact("C-A"));
        write(ADMIN, "contacts", contact("C-B"));
        write(ADMIN, "studentContactAssociations", studentContactAssociation("S-A1", "C-A"));
        write(ADMIN, "studentContactAssociations", studentContactAssociation("S-B", "C-B"));
    }

    @Test
    @Order(1)
    void queriesAndTotalsShowOnlyWhatIsInScope() throws Exception {
        assertThat(keys(ADMIN, "students", "studentUniqueId")).contains("S-A1", "S-A2", "S-B", "S-SEOA");
        assertThat(keys(LEA_A, "students", "studentUniqueId")).containsExactlyInAnyOrder("S-A1", "S-A2", "S-SEOA");
        assertThat(keys(LEA_B, "students", "studentUniqueId")).containsExactly("S-B");
        assertThat(keys(SCHOOL_A1, "students", "studentUniqueId")).containsExactly("S-A1");
        assertThat(keys(NOTHING, "students", "studentUniqueId")).isEmpty();
        assertThat(total(LEA_A, "students", Map.of())).isEqualTo(3);
        assertThat(total(LEA_B, "students", Map.of())).isEqualTo(1);
        // a query for a student outside the scope finds nothing, and its total says nothing either
        assertThat(total(LEA_A, "students", Map.of("studentUniqueId", "S-B"))).isZero();

        assertThat(keys(LEA_A, "schools", "schoolId")).containsExactlyInAnyOrder("255901001", "255901002");
        assertThat(keys(SCHOOL_A1, "schools", "schoolId")).containsExactly("255901001");
        assertThat(keys(LEA_A, "localEducationAgencies", "localEducationAgencyId"))
                .containsExactly("255901");
        assertThat(keys(SCHOOL_A1, "localEducationAgencies", "localEducationAgencyId"))
                .isEmpty();
        assertThat(keys(LEA_B, "sessions", "sessionName")).containsExactly("Fall B1");
        assertThat(total(LEA_A, "studentSchoolAssociations", Map.of())).isEqualTo(2);
        assertThat(total(SCHOOL_A1, "studentSchoolAssociations", Map.of())).isEqualTo(1);
        assertThat(total(LEA_A, "studentEducationOrganizationAssociations", Map.of()))
                .isEqualTo(1);
        assertThat(total(SCHOOL_A1, "studentEducationOrganizationAssociations", Map.of()))
                .isZero();
        assertThat(keys(LEA_A, "contacts", "contactUniqueId")).containsExactly("C-A");
        assertThat(keys(LEA_B, "contacts", "contactUniqueId")).containsExactly("C-B");
        assertThat(total(LEA_B, "studentContactAssociations", Map.of())).isEqualTo(1);

        // open to every client: school years and descriptors
        assertThat(total(NOTHING, "schoolYearTypes", Map.of())).isEqualTo(1);
        assertThat(keys(NOTHING, "gradeLevelDescriptors", "codeValue")).containsExactly("Ninth grade");
        // keyset pages filter the same way
        QueryService.QueryResult.Items page = items(LEA_B, "students", Map.of("pageSize", "10"));
        assertThat(page.items()).hasSize(1);
    }

    @Test
    @Order(2)
    void getByIdOutsideTheScopeIsForbiddenAndAnUnknownIdIsMissing() throws Exception {
        UUID other = idOf("students", "studentUniqueId", "S-B");
        assertThat(queries.findById(LEA_A, resource("students"), other))
                .isInstanceOf(QueryService.Lookup.Forbidden.class);
        assertThat(queries.findById(SCHOOL_A1, resource("students"), other))
                .isInstanceOf(QueryService.Lookup.Forbidden.class);
        assertThat(queries.findById(LEA_B, resource("students"), other)).isInstanceOf(QueryService.Lookup.Found.class);
        assertThat(queries.findById(ADMIN, resource("students"), other)).isInstanceOf(QueryService.Lookup.Found.class);
        assertThat(queries.findById(LEA_A, resource("students"), UUID.randomUUID()))
                .isInstanceOf(QueryService.Lookup.Missing.class);
        UUID schoolA2 = idOf("schools", "schoolId", "255901002");
        assertThat(queries.findById(SCHOOL_A1, resource("schools"), schoolA2))
                .isInstanceOf(QueryService.Lookup.Forbidden.class);
        assertThat(queries.findById(LEA_A, resource("schools"), schoolA2))
                .isInstanceOf(QueryService.Lookup.Found.class);
    }

    @Test
    @Order(3)
    void writesWhoseItemsFallOutsideTheScopeAreForbiddenAndChangeNothing() throws Exception {
        assertThat(upsert(LEA_A, "studentSchoolAssociations", enrollment("S-A1", 255902001)))
                .isInstanceOf(WriteResult.Forbidden.class);
        assertThat(upsert(SCHOOL_A1, "studentSchoolAssociations", enrollment("S-A1", 255901002)))
                .isInstanceOf(WriteResult.Forbidden.class);
        assertThat(upsert(LEA_A, "sessions", session(255902001, "Spring B1")))
                .isInstanceOf(WriteResult.Forbidden.class);
        assertThat(upsert(
                        LEA_A,
                        "studentEducationOrganizationAssociations",
                        studentEducationOrganizationAssociation("S-A1", 255902)))
                .isInstanceOf(WriteResult.Forbidden.class);
        // updating a student outside the scope (same key, new body) is refused and leaves it as it was
        ObjectNode renamed = (ObjectNode) MAPPER.readTree(student("S-B"));
        renamed.put("firstName", "Hijacked");
        assertThat(students.upsert(LEA_A, resource("students"), renamed, null))
                .isInstanceOf(WriteResult.Forbidden.class);
        assertThat(keys(ADMIN, "students", "firstName", Map.of("studentUniqueId", "S-B")))
                .containsExactly("Lisa");
        // taking over another LEA's school by pointing it at one's own LEA is refused
        assertThat(upsert(LEA_A, "schools", school(255902001, 255901))).isInstanceOf(WriteResult.Forbidden.class);
        // PUT: neither moving an item out of the scope nor touching one outside it
        UUID sessionA1 = idOf("sessions", "sessionName", "Fall A1");
        assertThat(enrollment.replace(
                        LEA_A, resource("sessions"), sessionA1, json(session(255902001, "Fall A1")), null))
                .isInstanceOf(WriteResult.Forbidden.class);
        UUID sessionB1 = idOf("sessions", "sessionName", "Fall B1");
        assertThat(enrollment.replace(
                        LEA_A, resource("sessions"), sessionB1, json(session(255902001, "Fall B1")), null))
                .isInstanceOf(WriteResult.Forbidden.class);
        // inside the scope: a new school of LEA A, a session at its school
        assertThat(upsert(LEA_A, "schools", school(255901003, 255901))).isInstanceOf(WriteResult.Created.class);
        assertThat(upsert(LEA_A, "sessions", session(255901003, "Fall A3"))).isInstanceOf(WriteResult.Created.class);
        assertThat(upsert(SCHOOL_A1, "sessions", session(255901001, "Spring A1")))
                .isInstanceOf(WriteResult.Created.class);
    }

    @Test
    @Order(4)
    void deletesOutsideTheScopeAreForbiddenAndTombstonesAreScopedToo() throws Exception {
        write(ADMIN, "students", student("S-GONE"));
        UUID enrollmentId = ((WriteResult.Created)
                        upsert(LEA_B, "studentSchoolAssociations", enrollment("S-GONE", 255902001)))
                .id();
        ResourceDefinition ssa = resource("studentSchoolAssociations");
        assertThat(enrollment.delete(LEA_A, ssa, enrollmentId, null)).isInstanceOf(WriteResult.Forbidden.class);
        assertThat(queries.findById(ADMIN, ssa, enrollmentId)).isInstanceOf(QueryService.Lookup.Found.class);
        assertThat(enrollment.delete(LEA_B, ssa, enrollmentId, null)).isInstanceOf(WriteResult.Deleted.class);

        List<String> seenByB = changeIds(queries.deletes(LEA_B, ssa, Map.of()));
        List<String> seenByA = changeIds(queries.deletes(LEA_A, ssa, Map.of()));
        List<String> seenByAdmin = changeIds(queries.deletes(ADMIN, ssa, Map.of()));
        String deleted = enrollmentId.toString().replace("-", "");
        assertThat(seenByB).contains(deleted);
        assertThat(seenByAdmin).contains(deleted);
        assertThat(seenByA).doesNotContain(deleted);
        assertThat(((QueryService.QueryResult.Items) queries.deletes(LEA_A, ssa, Map.of("totalCount", "true")))
                        .totalCount())
                .isEqualTo(seenByA.size());
    }

    @Test
    @Order(5)
    void keyChangesAreShownOnlyForItemsInScope() throws Exception {
        UUID id = ((WriteResult.Created) upsert(LEA_B, "sessions", session(255902001, "Winter B1"))).id();
        assertThat(enrollment.replace(
                        LEA_B, resource("sessions"), id, json(session(255902001, "Winter B1 renamed")), null))
                .isInstanceOf(WriteResult.Updated.class);
        String changed = id.toString().replace("-", "");
        assertThat(changeIds(queries.keyChanges(LEA_B, resource("sessions"), Map.of())))
                .contains(changed);
        assertThat(changeIds(queries.keyChanges(ADMIN, resource("sessions"), Map.of())))
                .contains(changed);
        assertThat(changeIds(queries.keyChanges(LEA_A, resource("sessions"), Map.of())))
                .doesNotContain(changed);
    }

    @Test
    @Order(6)
    void aStudentJustCreatedStaysVisibleToItsCreatorUntilARelationshipExists() throws Exception {
        WriteResult created = upsert(LEA_A, "students", student("S-NEW"));
        assertThat(created).isInstanceOf(WriteResult.Created.class);
        UUID id = ((WriteResult.Created) created).id();
        assertThat(queries.findById(LEA_A, resource("students"), id)).isInstanceOf(QueryService.Lookup.Found.class);
        assertThat(queries.findById(LEA_B, resource("students"), id)).isInstanceOf(QueryService.Lookup.Forbidden.class);
        assertThat(keys(LEA_A, "students", "studentUniqueId")).contains("S-NEW");
        // the creator may go on updating it
        ObjectNode updated = (ObjectNode) MAPPER.readTree(student("S-NEW"));
        updated.put("middleName", "Ann");
        assertThat(students.upsert(LEA_A, resource("students"), updated, null)).isInstanceOf(WriteResult.Updated.class);
        // LEA B enrolls the student: from then on the relationship decides, and it is LEA B's
        assertThat(upsert(LEA_B, "studentSchoolAssociations", enrollment("S-NEW", 255902001)))
                .isInstanceOf(WriteResult.Created.class);
        assertThat(queries.findById(LEA_B, resource("students"), id)).isInstanceOf(QueryService.Lookup.Found.class);
        assertThat(queries.findById(LEA_A, resource("students"), id)).isInstanceOf(QueryService.Lookup.Forbidden.class);
        // another client cannot take an existing student by posting it
        assertThat(upsert(SCHOOL_A1, "students", student("S-NEW"))).isInstanceOf(WriteResult.Forbidden.class);

        // contacts the same way, and one becomes visible to LEA A through a student in its scope
        assertThat(upsert(LEA_A, "contacts", contact("C-NEW"))).isInstanceOf(WriteResult.Created.class);
        assertThat(keys(LEA_A, "contacts", "contactUniqueId")).contains("C-NEW");
        assertThat(keys(LEA_B, "contacts", "contactUniqueId")).doesNotContain("C-NEW");
        assertThat(upsert(LEA_B, "studentContactAssociations", studentContactAssociation("S-A1", "C-B")))
                .isInstanceOf(WriteResult.Forbidden.class);
        assertThat(upsert(ADMIN, "studentContactAssociations", studentContactAssociation("S-A2", "C-B")))
                .isInstanceOf(WriteResult.Created.class);
        assertThat(keys(LEA_A, "contacts", "contactUniqueId")).contains("C-B");
    }

    @Test
    @Order(7)
    void eachOrganizationsReportOfAStudentIsKeptAndSeenByItAndTheStateOnly() throws Exception {
        // S-BOTH is enrolled in both LEAs; each LEA sends its own first name
        write(ADMIN, "students", student("S-BOTH"));
        write(ADMIN, "studentSchoolAssociations", enrollment("S-BOTH", 255901001));
        write(ADMIN, "studentSchoolAssociations", enrollment("S-BOTH", 255902001));
        write(LEA_A, "students", student("S-BOTH").replace("Lisa", "Elisabeth"));
        write(LEA_B, "students", student("S-BOTH").replace("Lisa", "Liz"));
        List<JsonNode> all = reports(ADMIN, Map.of());
        assertThat(all.stream()
                        .filter(r -> r.get("naturalKey").toString().equals("[\"S-BOTH\"]"))
                        .map(r -> r.get("educationOrganizationId").asLong() + "="
                                + r.get("values").get("firstName").asText()))
                .containsExactlyInAnyOrder("255901=Elisabeth", "255902=Liz");
        // the document keeps the last write; a state-wide write is no organization's report
        assertThat(keys(ADMIN, "students", "firstName", Map.of("studentUniqueId", "S-BOTH")))
                .containsExactly("Liz");
        long newest = queries.newestChangeVersion();
        write(ADMIN, "students", student("S-BOTH").replace("Lisa", "Elizabeth"));
        // sending the same again changes no report
        write(LEA_A, "students", student("S-BOTH").replace("Lisa", "Elisabeth"));
        assertThat(reports(ADMIN, Map.of("minChangeVersion", Long.toString(newest + 1))))
                .isEmpty();
        // a vendor sees only its own organization's reports
        assertThat(reports(LEA_A, Map.of()).stream()
                        .map(r -> r.get("educationOrganizationId").asLong()))
                .containsOnly(255901L);
        // a deleted student's reports lose their values, with a new change version
        for (String school : List.of("255901001", "255902001")) {
            for (JsonNode e : MAPPER.readTree("["
                    + String.join(
                            ",",
                            items(
                                            ADMIN,
                                            "studentSchoolAssociations",
                                            Map.of("studentUniqueId", "S-BOTH", "schoolId", school))
                                    .items())
                    + "]")) {
                enrollment.delete(
                        ADMIN,
                        resource("studentSchoolAssociations"),
                        Ids.parse(e.get("id").asText()),
                        null);
            }
        }
        String id = MAPPER.readTree(items(ADMIN, "students", Map.of("studentUniqueId", "S-BOTH"))
                        .items()
                        .get(0))
                .get("id")
                .asText();
        assertThat(students.delete(ADMIN, resource("students"), Ids.parse(id), null))
                .isInstanceOf(WriteResult.Deleted.class);
        List<JsonNode> withdrawn = reports(ADMIN, Map.of("minChangeVersion", Long.toString(newest + 1)));
        assertThat(withdrawn).hasSize(2).allMatch(r -> r.get("values").isNull());
    }

    @Test
    @Order(8)
    void aSchoolCannotBeMovedToAnLeaOutsideTheWritersReach() throws Exception {
        UUID schoolA2 = idOf("schools", "schoolId", "255901002");
        // PUT and POST of the school with another LEA's reference: refused, whether by the LEA's or the school's client
        assertThat(enrollment.replace(LEA_A, resource("schools"), schoolA2, json(school(255901002, 255902)), null))
                .isInstanceOf(WriteResult.Forbidden.class);
        assertThat(upsert(LEA_A, "schools", school(255901002, 255902))).isInstanceOf(WriteResult.Forbidden.class);
        UUID schoolA1 = idOf("schools", "schoolId", "255901001");
        assertThat(enrollment.replace(SCHOOL_A1, resource("schools"), schoolA1, json(school(255901001, 255902)), null))
                .isInstanceOf(WriteResult.Forbidden.class);
        assertThat(upsert(SCHOOL_A1, "schools", school(255901001, 255902))).isInstanceOf(WriteResult.Forbidden.class);
        // the schools stay LEA A's, and their students stay out of LEA B's sight
        assertThat(keys(ADMIN, "schools", "schoolId", Map.of("localEducationAgencyId", "255902")))
                .containsExactly("255902001");
        assertThat(keys(LEA_B, "students", "studentUniqueId")).doesNotContain("S-A1", "S-A2");
        // a school's client may still update its school where it stays (its LEA reference unchanged)
        ObjectNode renamed = json(school(255901001, 255901));
        renamed.put("nameOfInstitution", "School A1 renamed");
        assertThat(enrollment.replace(SCHOOL_A1, resource("schools"), schoolA1, renamed, null))
                .isInstanceOf(WriteResult.Updated.class);
        // the state may move a school
        write(ADMIN, "schools", school(255901003, 255902));
        write(ADMIN, "schools", school(255901003, 255901));
    }

    @Test
    @Order(9)
    void aContactAssociationMayLinkOnlyAContactTheClientSeesOrHasJustCreated() throws Exception {
        // C-A is LEA A's (through S-A1): LEA B may not link it to its own student S-B
        assertThat(upsert(LEA_B, "studentContactAssociations", studentContactAssociation("S-B", "C-A")))
                .isInstanceOf(WriteResult.Forbidden.class);
        assertThat(keys(LEA_B, "contacts", "contactUniqueId")).doesNotContain("C-A");
        // nor can it find out whether a contact exists by linking it: an unknown one is refused the same way
        assertThat(upsert(LEA_B, "studentContactAssociations", studentContactAssociation("S-B", "C-NOBODY")))
                .isInstanceOf(WriteResult.Forbidden.class);
        // a contact it has just created, and one it already sees, it may link
        assertThat(upsert(LEA_B, "contacts", contact("C-B2"))).isInstanceOf(WriteResult.Created.class);
        assertThat(upsert(LEA_B, "studentContactAssociations", studentContactAssociation("S-B", "C-B2")))
                .isInstanceOf(WriteResult.Created.class);
        write(ADMIN, "students", student("S-B2"));
        write(ADMIN, "studentSchoolAssociations", enrollment("S-B2", 255902001));
        assertThat(upsert(LEA_B, "studentContactAssociations", studentContactAssociation("S-B2", "C-B")))
                .isInstanceOf(WriteResult.Created.class);
        assertThat(keys(LEA_B, "contacts", "contactUniqueId")).contains("C-B", "C-B2");
    }

    @Test
    @Order(10)
    void anSeoaForAStudentNotRelatedToTheClientFollowsTheStatePolicy() throws Exception {
        ResourceDefinition seoa = resource("studentEducationOrganizationAssociations");
        // by default refused: LEA B cannot claim LEA A's student S-A2 by an SEOA
        assertThat(students.upsert(LEA_B, seoa, json(studentEducationOrganizationAssociation("S-A2", 255902)), null))
                .isInstanceOf(WriteResult.Forbidden.class);
        assertThat(keys(LEA_B, "students", "studentUniqueId")).doesNotContain("S-A2");
        // for its own students, and those it has just created, an SEOA is fine
        assertThat(students.upsert(LEA_B, seoa, json(studentEducationOrganizationAssociation("S-B", 255902)), null))
                .isInstanceOf(WriteResult.Created.class);
        assertThat(upsert(LEA_B, "students", student("S-B3"))).isInstanceOf(WriteResult.Created.class);
        assertThat(students.upsert(LEA_B, seoa, json(studentEducationOrganizationAssociation("S-B3", 255902)), null))
                .isInstanceOf(WriteResult.Created.class);
        // a state that allows it: the SEOA is written and relates the student to LEA B
        DocumentService allowing = new DocumentService(
                "student-service",
                DATABASE.dataSource(),
                catalog,
                new DocumentValidator(),
                new EngineDatabaseTest.StandardSet(),
                EngineTestSupport.noRemoteReferences(),
                MAPPER,
                2,
                new Relationships.Policy(true));
        assertThat(allowing.upsert(LEA_B, seoa, json(studentEducationOrganizationAssociation("S-A2", 255902)), null))
                .isInstanceOf(WriteResult.Created.class);
        assertThat(keys(LEA_B, "students", "studentUniqueId")).contains("S-A2");
    }

    @Test
    @Order(11)
    void changedResourcesNamesOnlyResourcesWithChangesInTheClientsScope() throws Exception {
        long before = queries.newestChangeVersion();
        write(ADMIN, "contacts", contact("C-A").replace("Ann", "Anne"));
        long after = queries.newestChangeVersion();
        assertThat(queries.changedResources(ADMIN, catalog, before + 1, after)).containsExactly("contacts");
        assertThat(queries.changedResources(LEA_A, catalog, before + 1, after)).containsExactly("contacts");
        assertThat(queries.changedResources(LEA_B, catalog, before + 1, after)).isEmpty();
        assertThat(queries.changedResources(SCHOOL_A1, catalog, before + 1, after))
                .containsExactly("contacts");
        // a tombstone counts the same way
        long beforeDelete = queries.newestChangeVersion();
        write(ADMIN, "contacts", contact("C-GONE"));
        write(ADMIN, "studentContactAssociations", studentContactAssociation("S-A1", "C-GONE"));
        UUID link = idOf("studentContactAssociations", "contactUniqueId", "C-GONE");
        assertThat(students.delete(ADMIN, resource("studentContactAssociations"), link, null))
                .isInstanceOf(WriteResult.Deleted.class);
        long afterDelete = queries.newestChangeVersion();
        assertThat(queries.changedResources(LEA_A, catalog, beforeDelete + 1, afterDelete))
                .contains("studentContactAssociations");
        assertThat(queries.changedResources(LEA_B, catalog, beforeDelete + 1, afterDelete))
                .isEmpty();
    }

    @Test
    @Order(12)
    void tombstonesAndKeyChangesStayVisibleAfterTheirSchoolIsDeleted() throws Exception {
        write(ADMIN, "schools", school(255901009, 255901));
        ResourceDefinition ssa = resource("studentSchoolAssociations");
        UUID id =
                ((WriteResult.Created) upsert(LEA_A, "studentSchoolAssociations", enrollment("S-A1", 255901009))).id();
        assertThat(enrollment.replace(
                        LEA_A, ssa, id, json(enrollment("S-A1", 255901009).replace("2024-08-19", "2024-08-26")), null))
                .isInstanceOf(WriteResult.Updated.class);
        assertThat(enrollment.delete(LEA_A, ssa, id, null)).isInstanceOf(WriteResult.Deleted.class);
        assertThat(enrollment.delete(ADMIN, resource("schools"), idOf("schools", "schoolId", "255901009"), null))
                .isInstanceOf(WriteResult.Deleted.class);
        String changed = id.toString().replace("-", "");
        for (AccessScope scope : List.of(ADMIN, LEA_A, LEA_B, SCHOOL_A1)) {
            boolean sees = scope == ADMIN || scope == LEA_A;
            for (var changes :
                    List.of(queries.deletes(scope, ssa, Map.of()), queries.keyChanges(scope, ssa, Map.of()))) {
                var ids = assertThat(changeIds(changes)).as(scope.clientId());
                if (sees) {
                    ids.contains(changed);
                } else {
                    ids.doesNotContain(changed);
                }
            }
        }
        // the school's own tombstone is LEA A's too
        assertThat(changeIds(queries.deletes(LEA_A, resource("schools"), Map.of())))
                .hasSize(1);
        assertThat(changeIds(queries.deletes(LEA_B, resource("schools"), Map.of())))
                .isEmpty();
    }

    @Test
    @Order(13)
    void aContactLinkedToAStudentWithoutEnrollmentStaysVisibleToItsCreator() throws Exception {
        assertThat(upsert(LEA_A, "students", student("S-UNENROLLED"))).isInstanceOf(WriteResult.Created.class);
        assertThat(upsert(LEA_A, "contacts", contact("C-6"))).isInstanceOf(WriteResult.Created.class);
        assertThat(upsert(LEA_A, "studentContactAssociations", studentContactAssociation("S-UNENROLLED", "C-6")))
                .isInstanceOf(WriteResult.Created.class);
        assertThat(keys(LEA_A, "contacts", "contactUniqueId")).contains("C-6");
        assertThat(queries.findById(LEA_A, resource("contacts"), idOf("contacts", "contactUniqueId", "C-6")))
                .isInstanceOf(QueryService.Lookup.Found.class);
        assertThat(upsert(LEA_A, "contacts", contact("C-6").replace("Ann", "Annie")))
                .isInstanceOf(WriteResult.Updated.class);
        assertThat(keys(LEA_B, "contacts", "contactUniqueId")).doesNotContain("C-6");
        // once the student is enrolled, the relationship decides
        write(ADMIN, "studentSchoolAssociations", enrollment("S-UNENROLLED", 255902001));
        assertThat(keys(LEA_B, "contacts", "contactUniqueId")).contains("C-6");
        assertThat(keys(LEA_A, "contacts", "contactUniqueId")).doesNotContain("C-6");
    }

    /**
     * A client of 10,000 organizations (LEA A and 9,999 ids of no organization here) reaches what a client of LEA A
     * alone reaches: its organizations expand to the same reach (V1_9, V1_10; issue 15 item 7).
     */
    @Test
    @Order(1)
    void aClientOfTenThousandOrganizationsReachesWhatItsOneRealOrganizationReaches() throws Exception {
        AccessScope many = AccessScope.organizations("many-sis", leaAAndIdsOfNothing());
        for (String[] resource : new String[][] {
            {"students", "studentUniqueId"},
            {"schools", "schoolId"},
            {"localEducationAgencies", "localEducationAgencyId"},
            {"sessions", "sessionName"},
            {"contacts", "contactUniqueId"},
            {"studentSchoolAssociations", "entryDate"}
        }) {
            assertThat(keys(many, resource[0], resource[1]))
                    .as(resource[0])
                    .containsExactlyInAnyOrderElementsOf(keys(LEA_A, resource[0], resource[1]));
        }
        assertThat(keys(many, "students", "studentUniqueId")).doesNotContain("S-B");
        assertThat(queries.findById(many, resource("students"), idOf("students", "studentUniqueId", "S-B")))
                .isInstanceOf(QueryService.Lookup.Forbidden.class);
    }

    /**
     * The hierarchy as authorization sees it follows every write at once: an LEA placed under an ESC is reached by
     * the ESC's client in the very next read, a school moved to another LEA leaves the first LEA's reach and enters
     * the second's, and a removed link removes the reach (the ancestors kept by V1_9's triggers).
     */
    @Test
    @Order(14)
    void aHierarchyChangeCountsForTheVeryNextRead() throws Exception {
        AccessScope esc = AccessScope.organizations("esc-sis", Set.of(255950L));
        write(ADMIN, "stateEducationAgencies", """
                {"stateEducationAgencyId":255900,"nameOfInstitution":"SEA 255900",
                 "categories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#State Education Agency"}]}
                """);
        write(ADMIN, "educationServiceCenters", """
                {"educationServiceCenterId":255950,"nameOfInstitution":"ESC 255950",
                 "stateEducationAgencyReference":{"stateEducationAgencyId":255900},
                 "categories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#Education Service Center"}]}
                """);
        write(ADMIN, "schools", school(255901009, 255901));
        write(ADMIN, "students", student("S-MOVED"));
        write(ADMIN, "studentSchoolAssociations", enrollment("S-MOVED", 255901009));
        assertThat(keys(esc, "students", "studentUniqueId")).isEmpty();

        ObjectNode underEsc = json(lea(255902));
        underEsc.putObject("educationServiceCenterReference").put("educationServiceCenterId", 255950);
        write(ADMIN, "localEducationAgencies", underEsc.toString());
        List<String> leaB = keys(LEA_B, "students", "studentUniqueId");
        assertThat(leaB).contains("S-B");
        assertThat(keys(esc, "students", "studentUniqueId")).containsExactlyInAnyOrderElementsOf(leaB);
        assertThat(keys(esc, "schools", "schoolId"))
                .containsExactlyInAnyOrderElementsOf(keys(LEA_B, "schools", "schoolId"));
        AccessScope sea = AccessScope.organizations("sea-sis", Set.of(255900L));
        assertThat(keys(sea, "students", "studentUniqueId")).containsExactlyInAnyOrderElementsOf(leaB);
        // the same through organizations stored under a key (V1_11): the hierarchy is read by every statement
        assertThat(keys(claimed.keyed(esc), "students", "studentUniqueId")).containsExactlyInAnyOrderElementsOf(leaB);
        keyedReachesWhatSentReaches(esc);

        write(ADMIN, "schools", school(255901009, 255902));
        assertThat(keys(esc, "schools", "schoolId")).contains("255901009");
        assertThat(keys(esc, "students", "studentUniqueId")).contains("S-MOVED");
        assertThat(keys(LEA_B, "students", "studentUniqueId")).contains("S-MOVED");
        assertThat(keys(LEA_A, "students", "studentUniqueId")).doesNotContain("S-MOVED");

        assertThat(keys(claimed.keyed(esc), "students", "studentUniqueId")).contains("S-MOVED");
        assertThat(keys(claimed.keyed(LEA_A), "students", "studentUniqueId")).doesNotContain("S-MOVED");

        write(ADMIN, "localEducationAgencies", lea(255902));
        assertThat(keys(esc, "students", "studentUniqueId")).isEmpty();
        assertThat(keys(sea, "schools", "schoolId")).isEmpty();
        assertThat(keys(claimed.keyed(esc), "students", "studentUniqueId")).isEmpty();
        keyedReachesWhatSentReaches(sea);
        write(ADMIN, "schools", school(255901009, 255901));
        assertThat(keys(LEA_A, "students", "studentUniqueId")).contains("S-MOVED");
        assertThat(keys(LEA_B, "students", "studentUniqueId")).doesNotContain("S-MOVED");
    }

    /**
     * A client's organizations stored once and bound by key (V1_11, decision 0018) reach exactly what the same ids
     * sent with each statement reach (V1_10), in both shapes: pages and totals (the reach computed once per
     * statement), and each item alone by id and by its natural key (looked up from the item), change queries, and
     * writes. Checked for one organization, several, one of each level and 10,000, over the fixture as it stands
     * after every test before.
     */
    @Test
    @Order(15)
    void organizationsStoredUnderAKeyReachWhatTheSameIdsSentReach() throws Exception {
        for (AccessScope scope : List.of(
                LEA_A,
                LEA_B,
                SCHOOL_A1,
                NOTHING,
                AccessScope.organizations("sea-sis", Set.of(255900L)),
                AccessScope.organizations("esc-sis", Set.of(255950L)),
                AccessScope.organizations("two-sis", Set.of(255901L, 255902001L)))) {
            keyedReachesWhatSentReaches(scope);
        }
        // 10,000 organizations (LEA A's client's and 9,999 ids of nothing) stored: what LEA A's ids sent reach
        sameReach(claimed.keyed(AccessScope.organizations(LEA_A.clientId(), leaAAndIdsOfNothing())), LEA_A);
        AccessScope keyedA = claimed.keyed(LEA_A);
        assertThat(upsert(keyedA, "studentSchoolAssociations", enrollment("S-A1", 255902001)))
                .isInstanceOf(WriteResult.Forbidden.class);
        assertThat(upsert(keyedA, "schools", school(255902001, 255901))).isInstanceOf(WriteResult.Forbidden.class);
        assertThat(upsert(keyedA, "sessions", session(255901001, "Summer A1"))).isInstanceOf(WriteResult.Created.class);
        assertThat(upsert(claimed.keyed(SCHOOL_A1), "sessions", session(255901002, "Summer A2")))
                .isInstanceOf(WriteResult.Forbidden.class);
    }

    /**
     * A set is stored once under the digest of its ids, whichever client names it and however many services or
     * threads store it at the same time; a scope below the threshold keeps V1_10's statements unchanged; sets
     * unused for a day are removed.
     */
    @Test
    @Order(16)
    void aSetOfOrganizationsIsStoredOnceUnderTheDigestOfItsIds() throws Exception {
        assertThat(claimed.keyed(AccessScope.organizations("another-sis", Set.of(255901L)))
                        .claimedKey())
                .isEqualTo(claimed.keyed(LEA_A).claimedKey())
                .isNotEqualTo(claimed.keyed(LEA_B).claimedKey());

        Set<Long> three = Set.of(255901L, 255902L, 42L);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<String>> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            AccessScope scope = AccessScope.organizations("client-" + i, new java.util.HashSet<>(three));
            keys.add(pool.submit(
                    () -> new ClaimedOrganizations(dataSource, 1).keyed(scope).claimedKey()));
        }
        Set<String> distinct = new java.util.HashSet<>();
        for (var key : keys) {
            distinct.add(key.get());
        }
        pool.shutdown();
        assertThat(distinct).hasSize(1);
        String key = distinct.iterator().next();
        assertThat(count("SELECT count(*) FROM auth_claimed WHERE claimed_key = ? AND organizations = 3", key))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM auth_claimed_organization WHERE claimed_key = ?", key))
                .isEqualTo(3);

        // below the threshold nothing is stored and the statements are V1_10's
        AccessScope few = new ClaimedOrganizations(dataSource, ClaimedOrganizations.KEYED_FROM).keyed(LEA_A);
        assertThat(few.claimedKey()).isNull();
        assertThat(Relationships.itemFilter(resource("students"), few, "d").sql())
                .isEqualTo(Relationships.filter(resource("students"), few, "d").sql());
        assertThat(Relationships.filter(resource("students"), few, "d").sql())
                .contains("auth_education_organizations(")
                .doesNotContain("auth_claimed");
        AccessScope keyed = claimed.keyed(LEA_A);
        assertThat(Relationships.itemFilter(resource("students"), keyed, "d").sql())
                .contains("auth_claimed_reaches(");
        assertThat(Relationships.filter(resource("students"), keyed, "d").sql()).contains("auth_claimed_named_reach(");

        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement(
                        "UPDATE auth_claimed SET registered_at = now() - interval '2 days' WHERE claimed_key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
        new ClaimedOrganizations(dataSource, 1).keyed(AccessScope.organizations("new-sis", Set.of(7L, 8L)));
        assertThat(count("SELECT count(*) FROM auth_claimed WHERE claimed_key = ?", key))
                .isZero();
        assertThat(count("SELECT count(*) FROM auth_claimed_organization WHERE claimed_key = ?", key))
                .isZero();
    }

    /**
     * V1_12's named organizations, which cut a stored set's reach down for pages, hold every id an item names at
     * a path the organization rules read: each such path of each such resource is read by the trigger, every id of
     * the items held is there, and so is every id of the items deleted by the tests before (the table only grows).
     */
    @Test
    @Order(17)
    void everyOrganizationAnItemNamesStaysNamed() throws Exception {
        try (var c = dataSource.getConnection()) {
            String triggers;
            try (var rs = c.createStatement()
                    .executeQuery("SELECT string_agg(pg_get_triggerdef(oid), ' ') FROM pg_trigger"
                            + " WHERE tgname IN ('document_named_organization', 'replica_item_named_organization')")) {
                rs.next();
                triggers = rs.getString(1);
            }
            for (var rule : Relationships.organizationPaths().entrySet()) {
                assertThat(triggers.split("'" + rule.getKey() + "'", -1))
                        .as(rule.getKey())
                        .hasSize(3);
                for (String path : rule.getValue()) {
                    ObjectNode body = MAPPER.createObjectNode();
                    ObjectNode at = body;
                    String[] members = path.substring(1, path.length() - 1).split(",");
                    for (int i = 0; i < members.length - 1; i++) {
                        at = at.putObject(members[i]);
                    }
                    at.put(members[members.length - 1], 4242);
                    try (var ps = c.prepareStatement("SELECT array_agg(education_organization_id)::text"
                            + " FROM auth_named_organizations(?::jsonb)")) {
                        ps.setString(1, body.toString());
                        try (var rs = ps.executeQuery()) {
                            rs.next();
                            assertThat(rs.getString(1))
                                    .as(rule.getKey() + " " + path)
                                    .isEqualTo("{4242}");
                        }
                    }
                }
            }
            String resources =
                    "'" + String.join("', '", Relationships.organizationPaths().keySet()) + "'";
            try (var rs = c.createStatement()
                    .executeQuery("SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM"
                            + " auth_named_organization o WHERE o.education_organization_id = n.education_organization_id))"
                            + " FROM (SELECT body FROM document WHERE resource IN (" + resources + ")"
                            + " UNION ALL SELECT body FROM replica_item WHERE resource IN (" + resources + ")"
                            + " UNION ALL SELECT body FROM deleted_document WHERE resource IN (" + resources + ")) i,"
                            + " auth_named_organizations(i.body) n")) {
                rs.next();
                assertThat(rs.getLong(1)).isGreaterThan(10);
                assertThat(rs.getLong(2)).isZero();
            }
            try (var rs = c.createStatement()
                    .executeQuery("SELECT count(*) FROM deleted_document WHERE resource IN (" + resources + ")")) {
                rs.next();
                assertThat(rs.getLong(1))
                        .as("items deleted by the tests before")
                        .isPositive();
            }
        }
    }

    private static long count(String sql, String key) throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** 10,000 organizations: LEA A and 9,999 ids of no organization here. */
    private static Set<Long> leaAAndIdsOfNothing() {
        Set<Long> organizations = new java.util.HashSet<>(Set.of(255901L));
        for (long id = 10_000_000L; organizations.size() < 10_000; id++) {
            organizations.add(id);
        }
        return organizations;
    }

    private static void keyedReachesWhatSentReaches(AccessScope sent) throws Exception {
        AccessScope keyed = claimed.keyed(sent);
        if (!sent.educationOrganizationIds().isEmpty()) {
            assertThat(keyed.claimedKey()).as(sent.clientId()).isNotNull();
        }
        sameReach(keyed, sent);
    }

    private static void sameReach(AccessScope keyed, AccessScope sent) throws Exception {
        for (String[] resource : new String[][] {
            {"students", "studentUniqueId"},
            {"contacts", "contactUniqueId"},
            {"schools", "schoolId"},
            {"localEducationAgencies", "localEducationAgencyId"},
            {"sessions", "sessionName"},
            {"studentSchoolAssociations", "entryDate"},
            {"studentEducationOrganizationAssociations", "sexDescriptor"},
            {"studentContactAssociations", "id"}
        }) {
            String as = sent.clientId() + " " + resource[0];
            ResourceDefinition definition = resource(resource[0]);
            assertThat(keys(keyed, resource[0], "id")).as(as).containsExactlyElementsOf(keys(sent, resource[0], "id"));
            assertThat(total(keyed, resource[0], Map.of())).as(as).isEqualTo(total(sent, resource[0], Map.of()));
            assertThat(changeIds(queries.deletes(keyed, definition, Map.of())))
                    .as(as + " deletes")
                    .isEqualTo(changeIds(queries.deletes(sent, definition, Map.of())));
            assertThat(changeIds(queries.keyChanges(keyed, definition, Map.of())))
                    .as(as + " key changes")
                    .isEqualTo(changeIds(queries.keyChanges(sent, definition, Map.of())));
            if (!List.of("students", "contacts", "schools", "studentSchoolAssociations")
                    .contains(resource[0])) {
                continue; // each item alone: for one resource of each rule (organization, student, contact)
            }
            for (String item : items(ADMIN, resource[0], Map.of()).items()) {
                JsonNode node = MAPPER.readTree(item);
                UUID id = UUID.fromString(node.get("id")
                        .asText()
                        .replaceFirst("(\\w{8})(\\w{4})(\\w{4})(\\w{4})(\\w{12})", "$1-$2-$3-$4-$5"));
                assertThat(queries.findById(keyed, definition, id).getClass())
                        .as(as + " " + id)
                        .isEqualTo(queries.findById(sent, definition, id).getClass());
                if (resource[0].equals("students") || resource[0].equals("contacts")) {
                    Map<String, String> byKey =
                            Map.of(resource[1], node.get(resource[1]).asText());
                    assertThat(keys(keyed, resource[0], "id", byKey))
                            .as(as + " by natural key")
                            .isEqualTo(keys(sent, resource[0], "id", byKey));
                }
            }
        }
    }

    private static List<JsonNode> reports(AccessScope scope, Map<String, String> query) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (String item :
                ((QueryService.QueryResult.Items) queries.reports(scope, resource("students"), query)).items()) {
            found.add(MAPPER.readTree(item));
        }
        return found;
    }

    private static ResourceDefinition resource(String key) {
        return catalog.find(key);
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) MAPPER.readTree(text);
    }

    private static WriteResult upsert(AccessScope scope, String resource, String body) throws Exception {
        ResourceDefinition definition = resource(resource);
        DocumentService engine = definition.ownerService().equals("student-service") ? students : enrollment;
        return engine.upsert(scope, definition, json(body), null);
    }

    private static void write(AccessScope scope, String resource, String body) throws Exception {
        assertThat(upsert(scope, resource, body))
                .as(resource)
                .isInstanceOfAny(WriteResult.Created.class, WriteResult.Updated.class);
    }

    private static QueryService.QueryResult.Items items(AccessScope scope, String resource, Map<String, String> query)
            throws Exception {
        return (QueryService.QueryResult.Items) queries.query(scope, resource(resource), query);
    }

    private static List<String> keys(AccessScope scope, String resource, String field) throws Exception {
        return keys(scope, resource, field, Map.of());
    }

    private static List<String> keys(AccessScope scope, String resource, String field, Map<String, String> query)
            throws Exception {
        List<String> keys = new ArrayList<>();
        for (String item : items(scope, resource, query).items()) {
            keys.add(MAPPER.readTree(item).get(field).asText());
        }
        return keys;
    }

    private static long total(AccessScope scope, String resource, Map<String, String> query) throws Exception {
        Map<String, String> withTotal = new java.util.HashMap<>(query);
        withTotal.put("totalCount", "true");
        return items(scope, resource, withTotal).totalCount();
    }

    private static UUID idOf(String resource, String field, String value) throws Exception {
        String item = items(ADMIN, resource, Map.of(field, value)).items().get(0);
        String hex = MAPPER.readTree(item).get("id").asText();
        return UUID.fromString(hex.replaceFirst("(\\w{8})(\\w{4})(\\w{4})(\\w{4})(\\w{12})", "$1-$2-$3-$4-$5"));
    }

    private static List<String> changeIds(QueryService.QueryResult result) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String item : ((QueryService.QueryResult.Items) result).items()) {
            JsonNode change = MAPPER.readTree(item);
            ids.add(change.get("id").asText());
        }
        return ids;
    }
}
