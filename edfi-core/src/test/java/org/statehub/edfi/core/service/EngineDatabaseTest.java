package org.statehub.edfi.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.descriptor.StandardDescriptors;
import org.statehub.edfi.core.config.EngineDatabase;
import org.statehub.edfi.core.config.EngineTestSupport;
import org.statehub.edfi.core.descriptor.DescriptorLookup;
import org.statehub.edfi.core.validation.DocumentValidator;

/**
 * The engine against a real PostgreSQL without a Quarkus boot, serving enrollment-service's resources: key
 * changes (sessions allow them, schools do not), /keyChanges collapsing, references and dependents.
 */
class EngineDatabaseTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AccessScope ADMIN = AccessScope.unrestricted("engine-test");

    @RegisterExtension
    static final EngineDatabase DATABASE = new EngineDatabase();

    private static DocumentService documents;
    private static QueryService queries;
    private static ResourceCatalog catalog;

    /** The standard descriptor set, held in memory. */
    static final class StandardSet implements DescriptorLookup {
        private final Set<DescriptorValue> values = new HashSet<>();

        StandardSet() {
            StandardDescriptors.forEach(e -> values.add(new DescriptorValue(e.descriptor(), e.uri())));
        }

        @Override
        public Set<DescriptorValue> missing(Collection<DescriptorValue> candidates) {
            Set<DescriptorValue> missing = new HashSet<>(candidates);
            missing.removeAll(values);
            return missing;
        }
    }

    /** The engine of {@code service} over {@code dataSource}: the standard descriptors, no other service to ask. */
    static DocumentService documentService(String service, DataSource dataSource, ResourceCatalog catalog) {
        return new DocumentService(
                service,
                dataSource,
                catalog,
                new DocumentValidator(),
                new StandardSet(),
                EngineTestSupport.noRemoteReferences(),
                MAPPER,
                2,
                Relationships.Policy.DEFAULT);
    }

    @BeforeAll
    static void start() throws Exception {
        DataSource dataSource = DATABASE.dataSource();
        catalog = ResourceCatalog.load();
        documents = documentService("enrollment-service", dataSource, catalog);
        queries = new QueryService(dataSource, MAPPER, EngineTestSupport.noRemoteReferences());
        organizations();
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) MAPPER.readTree(text);
    }

    private static UUID post(String resource, String body) throws Exception {
        WriteResult result = documents.upsert(ADMIN, catalog.find(resource), json(body), null);
        assertThat(result)
                .as(resource + " " + result)
                .isInstanceOfAny(WriteResult.Created.class, WriteResult.Updated.class);
        return result instanceof WriteResult.Created c ? c.id() : ((WriteResult.Updated) result).id();
    }

    private static String session(String name) {
        return """
                {"sessionName":"%s","schoolReference":{"schoolId":255901001},
                 "schoolYearTypeReference":{"schoolYear":2025},"beginDate":"2024-08-19","endDate":"2024-12-20",
                 "termDescriptor":"uri://ed-fi.org/TermDescriptor#Fall Semester","totalInstructionalDays":82}
                """.formatted(name);
    }

    private static void organizations() throws Exception {
        post(
                "schoolYearTypes",
                "{\"schoolYear\":2025,\"currentSchoolYear\":true,\"schoolYearDescription\":\"2024-2025\"}");
        post("localEducationAgencies", """
                {"localEducationAgencyId":255901,"nameOfInstitution":"Grand Bend ISD",
                 "localEducationAgencyCategoryDescriptor":"uri://ed-fi.org/LocalEducationAgencyCategoryDescriptor#Independent",
                 "categories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#Local Education Agency"}]}
                """);
        post("schools", """
                {"schoolId":255901001,"nameOfInstitution":"Grand Bend High School",
                 "localEducationAgencyReference":{"localEducationAgencyId":255901},
                 "educationOrganizationCategories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School"}],
                 "gradeLevels":[{"gradeLevelDescriptor":"uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"}]}
                """);
    }

    @Test
    void sessionKeyChangeKeepsTheIdAndIsRecordedWithOldAndNewValues() throws Exception {
        long before = queries.newestChangeVersion();
        UUID id = post("sessions", session("Fall A"));
        ResourceDefinition sessions = catalog.find("sessions");
        WriteResult first = documents.replace(ADMIN, sessions, id, json(session("Fall B")), null);
        assertThat(first).isInstanceOf(WriteResult.Updated.class);
        assertThat(((WriteResult.Updated) first).id()).isEqualTo(id);
        documents.replace(ADMIN, sessions, id, json(session("Fall C")), null);

        QueryService.QueryResult.Items changes = (QueryService.QueryResult.Items)
                queries.keyChanges(ADMIN, sessions, Map.of("minChangeVersion", Long.toString(before + 1)));
        assertThat(changes.items()).hasSize(1);
        JsonNode change = MAPPER.readTree(changes.items().get(0));
        assertThat(change.get("id").asText()).isEqualTo(id.toString().replace("-", ""));
        assertThat(change.get("oldKeyValues").toString())
                .isEqualTo("{\"schoolId\":255901001,\"schoolYear\":2025,\"sessionName\":\"Fall A\"}");
        assertThat(change.get("newKeyValues").get("sessionName").asText()).isEqualTo("Fall C");
        assertThat(change.get("changeVersion").asLong()).isEqualTo(queries.newestChangeVersion());

        QueryService.QueryResult.Items found =
                (QueryService.QueryResult.Items) queries.query(ADMIN, sessions, Map.of("sessionName", "Fall C"));
        assertThat(found.items()).hasSize(1);
        assertThat(MAPPER.readTree(found.items().get(0)).get("id").asText())
                .isEqualTo(id.toString().replace("-", ""));
    }

    @Test
    void aCheckpointRaisesTheChangeVersionsAndEveryLaterChangeIsAboveIt() throws Exception {
        post("sessions", session("Checkpoint A"));
        long newest = queries.newestChangeVersion();
        assertThat(queries.checkpoint(0)).hasValue(newest);
        long target = newest + 1_000_000;
        assertThat(queries.checkpoint(target)).hasValue(target);
        // a lower target leaves the versions where they are
        assertThat(queries.checkpoint(newest)).hasValue(target);
        post("sessions", session("Checkpoint B"));
        QueryService.QueryResult.Items later = (QueryService.QueryResult.Items)
                queries.query(ADMIN, catalog.find("sessions"), Map.of("minChangeVersion", Long.toString(target + 1)));
        assertThat(later.items()).hasSize(1);
        assertThat(MAPPER.readTree(later.items().get(0)).get("sessionName").asText())
                .isEqualTo("Checkpoint B");
    }

    @Test
    void aCheckpointIsNotMadeWhileAChangeIsStillCommitting() throws Exception {
        DataSource dataSource = DATABASE.dataSource();
        long held;
        try (Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            try (var s = writer.createStatement();
                    var rs = s.executeQuery("SELECT next_change_version()")) {
                rs.next();
                held = rs.getLong(1);
            }
            // the version is handed out but not committed: no checkpoint can promise what is below it
            assertThat(queries.checkpoint(0)).isEmpty();
            var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                java.util.OptionalLong made;
                do {
                    made = queries.checkpoint(0);
                } while (made.isEmpty());
                return made.getAsLong();
            });
            Thread.sleep(700);
            assertThat(waiting).isNotDone();
            writer.commit();
            assertThat(waiting.get(10, java.util.concurrent.TimeUnit.SECONDS)).isGreaterThanOrEqualTo(held);
        }
    }

    @Test
    void keyChangeOntoAnExistingKeyIsRefused() throws Exception {
        post("sessions", session("Taken"));
        UUID id = post("sessions", session("Mine"));
        assertThat(documents.replace(ADMIN, catalog.find("sessions"), id, json(session("Taken")), null))
                .isInstanceOf(WriteResult.NonUniqueIdentity.class);
    }

    @Test
    void schoolsRefuseKeyChanges() throws Exception {
        UUID id = post("schools", """
                {"schoolId":255901002,"nameOfInstitution":"Other School",
                 "educationOrganizationCategories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School"}],
                 "gradeLevels":[{"gradeLevelDescriptor":"uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"}]}
                """);
        WriteResult result = documents.replace(ADMIN, catalog.find("schools"), id, json("""
                {"schoolId":255901003,"nameOfInstitution":"Other School",
                 "educationOrganizationCategories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School"}],
                 "gradeLevels":[{"gradeLevelDescriptor":"uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"}]}
                """), null);
        assertThat(result).isEqualTo(new WriteResult.KeyChangeNotSupported("School"));
    }

    @Test
    void referencesMustResolveAndReferencedItemsCannotBeDeleted() throws Exception {
        WriteResult unresolved = documents.upsert(
                ADMIN, catalog.find("sessions"), json(session("Orphan").replace("255901001", "999")), null);
        assertThat(unresolved).isEqualTo(new WriteResult.UnresolvedReference("School"));

        post("sessions", session("Keeps the school"));
        QueryService.QueryResult.Items schools = (QueryService.QueryResult.Items)
                queries.query(ADMIN, catalog.find("schools"), Map.of("schoolId", "255901001"));
        UUID schoolId = UUID.fromString(MAPPER.readTree(schools.items().get(0))
                .get("id")
                .asText()
                .replaceFirst("(\\w{8})(\\w{4})(\\w{4})(\\w{4})(\\w{12})", "$1-$2-$3-$4-$5"));
        assertThat(documents.delete(ADMIN, catalog.find("schools"), schoolId, null))
                .isIn(new WriteResult.DependentItemExists("Session"), new WriteResult.DependentItemExists("Calendar"));
    }

    @Test
    void concurrentUpsertsAreGroupedAndEachGetsItsOwnResult() throws Exception {
        ResourceDefinition years = catalog.find("schoolYearTypes");
        int threads = 12;
        int perThread = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<List<WriteResult>>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<WriteResult> results = new java.util.ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        // distinct years per thread, plus one year every thread writes at the same time
                        int year = i == 0 ? 3000 : 3001 + thread * perThread + i;
                        results.add(documents.upsert(
                                ADMIN,
                                years,
                                json("{\"schoolYear\":" + year
                                        + ",\"currentSchoolYear\":false,\"schoolYearDescription\":\"T" + thread
                                        + "\"}"),
                                null));
                    }
                    return results;
                }));
            }
            Set<UUID> ids = new HashSet<>();
            int created = 0;
            int sharedCreated = 0;
            for (java.util.concurrent.Future<List<WriteResult>> future : futures) {
                List<WriteResult> results = future.get();
                for (int i = 0; i < results.size(); i++) {
                    WriteResult result = results.get(i);
                    assertThat(result).isInstanceOfAny(WriteResult.Created.class, WriteResult.Updated.class);
                    if (result instanceof WriteResult.Created c) {
                        created++;
                        ids.add(c.id());
                        if (i == 0) {
                            sharedCreated++;
                        }
                    }
                }
            }
            assertThat(sharedCreated).isEqualTo(1);
            assertThat(created).isEqualTo(threads * (perThread - 1) + 1);
            assertThat(ids).hasSize(created);
        } finally {
            pool.shutdownNow();
        }
        QueryService.QueryResult.Items shared = (QueryService.QueryResult.Items)
                queries.query(ADMIN, years, Map.of("schoolYear", "3000", "totalCount", "true"));
        assertThat(shared.totalCount()).isEqualTo(1L);
    }

    @Test
    void multiRowUpsertReturnsOneResultPerItemInOrder() throws Exception {
        org.statehub.edfi.core.store.DocumentStore store = new org.statehub.edfi.core.store.DocumentStore();
        try (Connection c = DATABASE.dataSource().getConnection()) {
            var first = store.upsertMany(
                    c,
                    List.of(
                            new org.statehub.edfi.core.store.DocumentStore.UpsertItem(
                                    "things", "[1]", "{\"a\":1}", null),
                            new org.statehub.edfi.core.store.DocumentStore.UpsertItem(
                                    "things", "[2]", "{\"a\":2}", null)));
            assertThat(first).extracting(r -> r.inserted()).containsExactly(true, true);
            var second = store.upsertMany(
                    c,
                    List.of(
                            new org.statehub.edfi.core.store.DocumentStore.UpsertItem(
                                    "things", "[2]", "{\"a\":2}", null),
                            new org.statehub.edfi.core.store.DocumentStore.UpsertItem(
                                    "things", "[1]", "{\"a\":10}", null),
                            new org.statehub.edfi.core.store.DocumentStore.UpsertItem(
                                    "things", "[3]", "{\"a\":3}", null)));
            assertThat(second.get(0).id()).isEqualTo(first.get(1).id());
            assertThat(second.get(0).changed()).isFalse();
            assertThat(second.get(0).changeVersion()).isEqualTo(first.get(1).changeVersion());
            assertThat(second.get(1).id()).isEqualTo(first.get(0).id());
            assertThat(second.get(1).inserted()).isFalse();
            assertThat(second.get(1).changed()).isTrue();
            assertThat(second.get(1).changeVersion()).isGreaterThan(first.get(1).changeVersion());
            assertThat(second.get(2).inserted()).isTrue();
        }
    }

    @Test
    void descriptorValuesAreCheckedAgainstTheStandardSet() throws Exception {
        WriteResult result = documents.upsert(
                ADMIN, catalog.find("sessions"), json(session("Bad term").replace("#Fall Semester", "#Autumn")), null);
        assertThat(result).isInstanceOf(WriteResult.Invalid.class);
        assertThat(((WriteResult.Invalid) result).problem().validationErrors())
                .containsEntry(
                        "$.termDescriptor",
                        List.of("TermDescriptor value 'uri://ed-fi.org/TermDescriptor#Autumn' does not exist."));
    }
}
