package org.statehub.edfi.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.statehub.testing.EdFiBodies.enrollment;
import static org.statehub.testing.EdFiBodies.lea;
import static org.statehub.testing.EdFiBodies.school;
import static org.statehub.testing.EdFiBodies.student;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.security.ClaimSet;
import org.statehub.edfi.contract.security.ClaimSetMatrix;
import org.statehub.edfi.contract.security.ClaimsHierarchy;
import org.statehub.edfi.core.config.EngineDatabase;
import org.statehub.edfi.core.config.EngineTestSupport;

/**
 * The engine deciding from a claim set's strategies (docs/decisions/0020, part 3), for claim sets other than the
 * hub's three: the ODS's Ed-Fi Sandbox and Bootstrap Descriptors and EdOrgs as shipped, and a claim set of the
 * test's own under {@code OwnershipBased}. The hub's SISVendor, StateAdmin and StateSystemReader are
 * RelationshipAuthorizationTest's.
 */
class ClaimSetStrategiesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AccessScope ADMIN = AccessScope.unrestricted("state-admin");

    @RegisterExtension
    static final EngineDatabase DATABASE = new EngineDatabase();

    private static ResourceCatalog catalog;
    private static ClaimSets claimSets;
    private static DocumentService enrollment;
    private static DocumentService students;
    private static QueryService queries;

    @BeforeAll
    static void start() throws Exception {
        catalog = ResourceCatalog.load();
        claimSets = ClaimSets.shipped(catalog);
        enrollment = EngineDatabaseTest.documentService("enrollment-service", DATABASE.dataSource(), catalog);
        students = EngineDatabaseTest.documentService("student-service", DATABASE.dataSource(), catalog);
        queries = new QueryService(DATABASE.dataSource(), MAPPER, EngineTestSupport.noRemoteReferences());
        write(ADMIN, "localEducationAgencies", lea(255901));
        write(ADMIN, "localEducationAgencies", lea(255902));
        write(ADMIN, "schools", school(255901001, 255901));
        write(ADMIN, "schools", school(255902001, 255902));
        write(ADMIN, "students", student("S-A"));
        write(ADMIN, "students", student("S-B"));
        write(ADMIN, "studentSchoolAssociations", enrollment("S-A", 255901001));
        write(ADMIN, "studentSchoolAssociations", enrollment("S-B", 255902001));
    }

    private static AccessScope shipped(String claimSet, String client, Set<Long> organizations) {
        return AccessScope.of(client, organizations, claimSets.matrix(claimSet).orElseThrow());
    }

    @Test
    void theClaimSetsTheHubKnowsAreItsShippedOnesByExactName() {
        assertThat(claimSets.matrix("SISVendor")).isPresent();
        assertThat(claimSets.matrix("Ed-Fi Sandbox")).isPresent();
        assertThat(claimSets.matrix("sisvendor")).isEmpty();
        assertThat(claimSets.matrix("Nobody")).isEmpty();
        // state-wide claim sets reach every item they are granted, whatever the client's organizations
        assertThat(shipped("StateAdmin", "admin", Set.of(255901L)).unrestricted())
                .isTrue();
        assertThat(shipped("StateSystemReader", "reader", Set.of(255901L)).unrestricted())
                .isTrue();
        assertThat(shipped("StateSystemReader", "reader", Set.of(255901L)).educationOrganizationIds())
                .isEmpty();
        assertThat(shipped("SISVendor", "vendor", Set.of(255901L)).unrestricted())
                .isFalse();
    }

    /**
     * Ed-Fi Sandbox: education organizations without further authorization, people by their relationships only
     * (no creator rule): a student it creates is stored, and out of its sight until an enrollment relates it.
     */
    @Test
    void theSandboxReachesEveryOrganizationAndOnlyTheStudentsRelatedToItsOwn() throws Exception {
        AccessScope sandbox = shipped("Ed-Fi Sandbox", "sandbox-a", Set.of(255901L));

        assertThat(keys(sandbox, "schools", "schoolId")).contains("255901001", "255902001");
        assertThat(keys(sandbox, "students", "studentUniqueId")).containsExactly("S-A");
        assertThat(upsert(sandbox, "students", student("S-SANDBOX"))).isInstanceOf(WriteResult.Created.class);
        assertThat(keys(sandbox, "students", "studentUniqueId")).containsExactly("S-A");
        // updating another LEA's student needs a relationship; enrolling one at its school makes it
        ObjectNode renamed = (ObjectNode) MAPPER.readTree(student("S-B"));
        renamed.put("firstName", "Renamed");
        assertThat(students.upsert(sandbox, catalog.find("students"), renamed, null))
                .isInstanceOf(WriteResult.Forbidden.class);
        assertThat(upsert(sandbox, "studentSchoolAssociations", enrollment("S-SANDBOX", 255901001)))
                .isInstanceOf(WriteResult.Created.class);
        assertThat(keys(sandbox, "students", "studentUniqueId")).containsExactlyInAnyOrder("S-A", "S-SANDBOX");
    }

    /**
     * Bootstrap Descriptors and EdOrgs: Create without further authorization on descriptors, school years and
     * education organizations, and nothing else: it never updates what exists and reads nothing.
     */
    @Test
    void bootstrapCreatesOrganizationsAndNeverUpdatesOrReadsThem() throws Exception {
        AccessScope bootstrap = shipped("Bootstrap Descriptors and EdOrgs", "bootstrap", Set.of());

        assertThat(upsert(bootstrap, "schools", school(255901002, 255901))).isInstanceOf(WriteResult.Created.class);
        ObjectNode renamed = (ObjectNode) MAPPER.readTree(school(255902001, 255902));
        renamed.put("nameOfInstitution", "Renamed");
        assertThat(enrollment.upsert(bootstrap, catalog.find("schools"), renamed, null))
                .isInstanceOf(WriteResult.Forbidden.class);
        assertThat(keys(bootstrap, "schools", "schoolId")).isEmpty();
        assertThat(upsert(bootstrap, "students", student("S-BOOT"))).isInstanceOf(WriteResult.Forbidden.class);
        assertThat(keys(ADMIN, "schools", "schoolId")).contains("255901002");
        assertThat(keys(ADMIN, "students", "studentUniqueId")).doesNotContain("S-BOOT");
    }

    /** A claim set of one's own under OwnershipBased: a client reaches the students it created, and no others. */
    @Test
    void underOwnershipAClientReachesWhatItCreatedOnly() throws Exception {
        ClaimsHierarchy hierarchy = ClaimsHierarchy.shipped();
        ClaimSet owners = ClaimSet.of(MAPPER.readTree("""
                        {"name": "Owners", "resourceClaims": [
                          {"name": "people",
                           "actions": [{"name": "Create"}, {"name": "Read"}, {"name": "Update"}, {"name": "Delete"}],
                           "authorizationStrategyOverridesForCRUD": [
                             {"actionName": "Read", "authorizationStrategies": [{"authStrategyName": "OwnershipBased"}]},
                             {"actionName": "Update", "authorizationStrategies": [{"authStrategyName": "OwnershipBased"}]},
                             {"actionName": "Delete", "authorizationStrategies": [{"authStrategyName": "OwnershipBased"}]}]}]}
                        """), hierarchy);
        ClaimSetMatrix matrix = ClaimSetMatrix.of(owners, hierarchy, catalog);
        AccessScope first = AccessScope.of("owner-1", Set.of(), matrix);
        AccessScope second = AccessScope.of("owner-2", Set.of(), matrix);

        assertThat(upsert(first, "students", student("S-OWN"))).isInstanceOf(WriteResult.Created.class);
        assertThat(keys(first, "students", "studentUniqueId")).containsExactly("S-OWN");
        assertThat(keys(second, "students", "studentUniqueId")).isEmpty();
        ObjectNode renamed = (ObjectNode) MAPPER.readTree(student("S-OWN"));
        renamed.put("firstName", "Renamed");
        assertThat(students.upsert(second, catalog.find("students"), renamed, null))
                .isInstanceOf(WriteResult.Forbidden.class);
        assertThat(students.upsert(first, catalog.find("students"), renamed, null))
                .isInstanceOf(WriteResult.Updated.class);
        // granted nothing on organizations
        assertThat(keys(first, "schools", "schoolId")).isEmpty();
    }

    private static WriteResult upsert(AccessScope scope, String resource, String body) throws Exception {
        DocumentService service =
                catalog.find(resource).ownerService().equals("student-service") ? students : enrollment;
        return service.upsert(scope, catalog.find(resource), (ObjectNode) MAPPER.readTree(body), null);
    }

    private static void write(AccessScope scope, String resource, String body) throws Exception {
        assertThat(upsert(scope, resource, body))
                .as(resource)
                .isInstanceOfAny(WriteResult.Created.class, WriteResult.Updated.class);
    }

    private static List<String> keys(AccessScope scope, String resource, String field) throws Exception {
        List<String> keys = new ArrayList<>();
        QueryService.QueryResult.Items items =
                (QueryService.QueryResult.Items) queries.query(scope, catalog.find(resource), Map.of());
        for (String item : items.items()) {
            keys.add(MAPPER.readTree(item).get(field).asText());
        }
        return keys;
    }
}
