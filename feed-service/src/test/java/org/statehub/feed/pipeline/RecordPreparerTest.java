package org.statehub.feed.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.statehub.edfi.contract.ExtensionProject;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.SisConnection;

/** One vendor record through mapping and the state's rules. */
class RecordPreparerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ResourceCatalog CATALOG = ResourceCatalog.load();

    private static RecordPreparer preparer(boolean legalNames, List<Long> excludedSchools) {
        SisConnection connection = new SisConnection(
                "c1",
                255901,
                "Acme",
                "http://sis",
                "edfi-json",
                null,
                null,
                null,
                "0 0 14 * * ?",
                "UTC",
                List.of(),
                List.of(2025),
                legalNames,
                true,
                null,
                Instant.now(),
                Instant.now(),
                excludedSchools,
                List.of(),
                java.util.Map.of());
        return new RecordPreparer(
                MAPPER,
                connection,
                List.of(
                        new ConnectionStore.Mapping(
                                "GradeLevelDescriptor", "09", 0, "uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"),
                        new ConnectionStore.Mapping(
                                "GradeLevelDescriptor", "10", 2025, "uri://ed-fi.org/GradeLevelDescriptor#Tenth grade"),
                        new ConnectionStore.Mapping(
                                "ExitWithdrawTypeDescriptor",
                                "NS",
                                0,
                                "uri://ed-fi.org/ExitWithdrawTypeDescriptor#No show"),
                        new ConnectionStore.Mapping(
                                "MembershipTypeDescriptor",
                                "RES",
                                0,
                                "uri://sample.ed-fi.org/MembershipTypeDescriptor#Resident")));
    }

    private static ObjectNode enrollment(long school, String grade, String entry) throws Exception {
        return (ObjectNode) MAPPER.readTree("""
                {"sourceId":"ENR-1","studentReference":{"studentUniqueId":"601"},"schoolReference":{"schoolId":%d},
                 "entryDate":"%s","entryGradeLevelDescriptor":"%s"}
                """.formatted(school, entry, grade));
    }

    @Test
    void codesAreMappedByDescriptorAndSchoolYearAndAKeyAndHashAreMade() throws Exception {
        var outcome = preparer(true, List.of())
                .prepare(CATALOG.find("studentSchoolAssociations"), enrollment(255901001, "10", "2024-08-19"));
        assertThat(outcome).isInstanceOf(RecordPreparer.Ready.class);
        RecordPreparer.Ready ready = (RecordPreparer.Ready) outcome;
        assertThat(ready.body().path("entryGradeLevelDescriptor").asText())
                .isEqualTo("uri://ed-fi.org/GradeLevelDescriptor#Tenth grade");
        assertThat(ready.body().has("sourceId")).isFalse();
        assertThat(ready.keyValues().path("schoolId").asLong()).isEqualTo(255901001);
        assertThat(ready.hash()).hasSize(64);
    }

    @Test
    void theHashDoesNotDependOnTheOrderOfMembers() throws Exception {
        // the same record with its members (and a nested object's) in another order, as JSONB gives back a held one
        ObjectNode reordered = (ObjectNode) MAPPER.readTree("""
                {"entryGradeLevelDescriptor":"10","entryDate":"2024-08-19","schoolReference":{"schoolId":255901001},
                 "studentReference":{"studentUniqueId":"601"},"sourceId":"ENR-1"}
                """);
        var first = (RecordPreparer.Ready) preparer(true, List.of())
                .prepare(CATALOG.find("studentSchoolAssociations"), enrollment(255901001, "10", "2024-08-19"));
        var second = (RecordPreparer.Ready)
                preparer(true, List.of()).prepare(CATALOG.find("studentSchoolAssociations"), reordered);
        assertThat(second.hash()).isEqualTo(first.hash());
        var changed = (RecordPreparer.Ready) preparer(true, List.of())
                .prepare(CATALOG.find("studentSchoolAssociations"), enrollment(255901001, "10", "2024-08-20"));
        assertThat(changed.hash()).isNotEqualTo(first.hash());
        assertThat(RecordPreparer.canonical(MAPPER.readTree("{\"b\":[{\"y\":1,\"x\":\"q\\\"\"}],\"a\":null}")))
                .isEqualTo("{\"a\":null,\"b\":[{\"x\":\"q\\\"\",\"y\":1}]}");
    }

    @Test
    void unmappedCodesHoldAndDatesOutsideTheSchoolYearsAreLeftAlone() throws Exception {
        var held = preparer(true, List.of())
                .prepare(CATALOG.find("studentSchoolAssociations"), enrollment(255901001, "11", "2024-08-19"));
        assertThat(held).isInstanceOf(RecordPreparer.Held.class);
        assertThat(((RecordPreparer.Held) held).message())
                .contains("GradeLevelDescriptor '11'")
                .contains("2025");
        // a year-specific mapping applies to its year only
        assertThat(preparer(true, List.of())
                        .prepare(CATALOG.find("studentSchoolAssociations"), enrollment(255901001, "10", "2023-08-21")))
                .isInstanceOf(RecordPreparer.OutOfScope.class);
        var bad = preparer(true, List.of())
                .prepare(CATALOG.find("studentSchoolAssociations"), enrollment(255901001, "09", "2024-13-45"));
        assertThat(bad).isInstanceOf(RecordPreparer.Held.class);
        assertThat(((RecordPreparer.Held) bad).kind()).isEqualTo("invalid-record");
    }

    @Test
    void noShowsAndExcludedSchoolsAreNotReportedAndNamesFollowTheConnection() throws Exception {
        ObjectNode noShow = enrollment(255901001, "09", "2024-08-19");
        noShow.put("exitWithdrawDate", "2024-08-19").put("exitWithdrawTypeDescriptor", "NS");
        assertThat(preparer(true, List.of()).prepare(CATALOG.find("studentSchoolAssociations"), noShow))
                .isInstanceOf(RecordPreparer.NotReported.class);
        assertThat(preparer(true, List.of(255901009L))
                        .prepare(CATALOG.find("studentSchoolAssociations"), enrollment(255901009, "09", "2024-08-19")))
                .isInstanceOf(RecordPreparer.NotReported.class);
        String student = """
                {"sourceId":"STU-1","studentUniqueId":"601","firstName":"Jonathan","preferredFirstName":"Jack",
                 "lastSurname":"Woods","birthDate":"2010-01-02"}
                """;
        var legal = (RecordPreparer.Ready)
                preparer(true, List.of()).prepare(CATALOG.find("students"), (ObjectNode) MAPPER.readTree(student));
        var preferred = (RecordPreparer.Ready)
                preparer(false, List.of()).prepare(CATALOG.find("students"), (ObjectNode) MAPPER.readTree(student));
        assertThat(legal.body().path("firstName").asText()).isEqualTo("Jonathan");
        assertThat(preferred.body().path("firstName").asText()).isEqualTo("Jack");
    }

    @Test
    void aNulCharacterAnywhereHoldsTheRecordNamingWhereWithoutKeepingTheRecord() throws Exception {
        RecordPreparer preparer = preparer(true, List.of());
        ObjectNode nested = enrollment(255901001, "10", "2024-08-19");
        nested.putArray("notes").add("fine").addObject().put("text", "cut\u0000here");
        var outcome = preparer.prepare(CATALOG.find("studentSchoolAssociations"), nested);
        assertThat(outcome).isInstanceOf(RecordPreparer.Held.class);
        RecordPreparer.Held held = (RecordPreparer.Held) outcome;
        assertThat(held.sourceId()).isEqualTo("ENR-1");
        assertThat(held.code()).isEqualTo("nul-character");
        assertThat(held.message()).contains("$.notes[1].text");
        assertThat(held.record()).as("kept, it could only be stored altered").isNull();

        ObjectNode name = enrollment(255901001, "10", "2024-08-19");
        name.put("odd\u0000name", 1);
        assertThat(((RecordPreparer.Held) preparer.prepare(CATALOG.find("studentSchoolAssociations"), name)).message())
                .contains("member name 'odd\uFFFDname'");

        ObjectNode source = enrollment(255901001, "10", "2024-08-19");
        source.put("sourceId", "ENR-\u0000");
        RecordPreparer.Held untracked =
                (RecordPreparer.Held) preparer.prepare(CATALOG.find("studentSchoolAssociations"), source);
        assertThat(untracked.sourceId()).isNull();
        assertThat(untracked.code()).isEqualTo("nul-character");
    }

    /** The contract with the Sample extension, whatever the deployment's setting. */
    private static final ResourceCatalog SAMPLE = ResourceCatalog.load(ExtensionProject.named("sample"));

    private static RecordPreparer.Outcome prepared(ResourceCatalog catalog, String resource, String json)
            throws Exception {
        return preparer(true, List.of()).prepare(catalog.find(resource), (ObjectNode) MAPPER.readTree(json));
    }

    private static final String STUDENT = """
            {"sourceId":"STU-1","studentUniqueId":"601","firstName":"Ana","lastSurname":"Woods",
             "birthDate":"2010-01-02","_ext":%s}
            """;

    @Test
    void extensionMembersGoWithTheRecordAndTheirDescriptorsAreMapped() throws Exception {
        var student = (RecordPreparer.Ready) prepared(
                SAMPLE,
                "students",
                STUDENT.formatted("{\"sample\":{\"pets\":[{\"petName\":\"Rex\",\"isFixed\":true}],"
                        + "\"petPreference\":{\"minimumWeight\":2,\"maximumWeight\":9}}}"));
        assertThat(student.body().path("_ext").toString())
                .isEqualTo("{\"sample\":{\"pets\":[{\"petName\":\"Rex\",\"isFixed\":true}],"
                        + "\"petPreference\":{\"minimumWeight\":2,\"maximumWeight\":9}}}");

        ObjectNode enrollment = enrollment(255901001, "09", "2024-08-19");
        enrollment.putObject("_ext").putObject("sample").put("membershipTypeDescriptor", "RES");
        var mapped = (RecordPreparer.Ready)
                preparer(true, List.of()).prepare(SAMPLE.find("studentSchoolAssociations"), enrollment);
        assertThat(mapped.body().at("/_ext/sample/membershipTypeDescriptor").asText())
                .isEqualTo("uri://sample.ed-fi.org/MembershipTypeDescriptor#Resident");

        ObjectNode unmapped = enrollment(255901001, "09", "2024-08-19");
        unmapped.putObject("_ext").putObject("sample").put("membershipTypeDescriptor", "VIS");
        var held = (RecordPreparer.Held)
                preparer(true, List.of()).prepare(SAMPLE.find("studentSchoolAssociations"), unmapped);
        assertThat(held.kind()).isEqualTo("unmapped-code");
        assertThat(held.code()).isEqualTo("MembershipTypeDescriptor=VIS");
    }

    @Test
    void anExtensionProjectOrMemberTheHubDoesNotServeHoldsTheRecordWithItsReason() throws Exception {
        var project = (RecordPreparer.Held) prepared(SAMPLE, "students", STUDENT.formatted("{\"tpdm\":{\"x\":1}}"));
        assertThat(project.kind()).isEqualTo("invalid-record");
        assertThat(project.code()).isEqualTo("unknown-extension");
        assertThat(project.message())
                .isEqualTo("The record's $._ext.tpdm is not an extension project the hub serves for students"
                        + " (served: sample).");
        assertThat(project.record()).as("kept, to be prepared again").isNotNull();

        var member = (RecordPreparer.Held) prepared(
                SAMPLE,
                "students",
                STUDENT.formatted("{\"sample\":{\"pets\":[{\"petName\":\"Rex\",\"color\":\"red\"}]}}"));
        assertThat(member.code()).isEqualTo("unknown-extension-member");
        assertThat(member.message())
                .isEqualTo("The record's $._ext.sample.pets[0].color is not a member of students in the extension"
                        + " project sample.");

        var unserved = (RecordPreparer.Held)
                prepared(ResourceCatalog.load(List.of()), "students", STUDENT.formatted("{\"sample\":{\"pets\":[]}}"));
        assertThat(unserved.message()).contains("none is served (EDFI_EXTENSIONS");

        // names in any letter case, as the hub takes them; an empty _ext is nothing to check
        assertThat(prepared(SAMPLE, "students", STUDENT.formatted("{\"Sample\":{\"Pets\":[{\"PetName\":\"Rex\"}]}}")))
                .isInstanceOf(RecordPreparer.Ready.class);
        assertThat(prepared(SAMPLE, "students", STUDENT.formatted("{}"))).isInstanceOf(RecordPreparer.Ready.class);
        assertThat(((RecordPreparer.Held) prepared(SAMPLE, "students", STUDENT.formatted("[1]"))).message())
                .isEqualTo("The record's $._ext must be an object of extension projects (served: sample).");
    }
}
