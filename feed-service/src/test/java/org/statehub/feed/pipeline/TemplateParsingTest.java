package org.statehub.feed.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.statehub.edfi.contract.ExtensionProject;
import org.statehub.edfi.contract.ResourceCatalog;

/** The CSV reader (RFC 4180) and the collection templates turned into Ed-Fi-shaped records. */
class TemplateParsingTest {

    private static List<List<String>> rows(String text) throws IOException {
        CsvReader reader = new CsvReader(new StringReader(text));
        List<List<String>> rows = new ArrayList<>();
        List<String> row;
        while ((row = reader.next()) != null) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void quotedCellsHoldCommasQuotesAndLineBreaks() throws IOException {
        assertThat(rows("a,b,c\r\n\"Smith, Jr.\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n,,\n"))
                .containsExactly(
                        List.of("a", "b", "c"),
                        List.of("Smith, Jr.", "say \"hi\"", "two\r\nlines"),
                        List.of("", "", ""));
        assertThat(rows("x\ny")).containsExactly(List.of("x"), List.of("y"));
    }

    @Test
    void aFileCutOffInsideAQuotedCellIsAnError() {
        assertThatThrownBy(() -> rows("a,b\r\n1,\"unfinished"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cut off");
    }

    /** A template row as its reader gives it: the header's names with the row's cells (both comma-separated). */
    private static Map<String, String> row(String header, String cells) {
        String[] names = header.split(",");
        String[] values = cells.split(",");
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            row.put(names[i], values[i]);
        }
        return row;
    }

    @Test
    void templateRowsBecomeTheRecordsOfTheirResources() {
        Templates templates = new Templates(new ObjectMapper(), ExtensionColumns.NONE);
        Map<String, String> demographic = row(
                "SourceId,StudentUniqueId,LastName,FirstName,BirthDate,Sex,HispanicLatino,Race,LeaId",
                "STU-1,601,Garcia Lopez,Ana,2010-01-02,F,Y,WH;AS,255901");
        List<Templates.Made> made = templates.records("demographic", demographic);
        assertThat(made)
                .extracting(Templates.Made::resource)
                .containsExactly("students", "studentEducationOrganizationAssociations");
        assertThat(made.get(0).record().toString())
                .isEqualTo("{\"sourceId\":\"STU-1\",\"studentUniqueId\":\"601\","
                        + "\"firstName\":\"Ana\",\"lastSurname\":\"Garcia Lopez\",\"birthDate\":\"2010-01-02\"}");
        assertThat(made.get(1).record().toString())
                .isEqualTo("{\"sourceId\":\"STU-1#seoa\",\"studentReference\":"
                        + "{\"studentUniqueId\":\"601\"},\"educationOrganizationReference\":{\"educationOrganizationId\":255901},"
                        + "\"sexDescriptor\":\"F\",\"hispanicLatinoEthnicity\":true,\"races\":[{\"raceDescriptor\":\"WH\"},"
                        + "{\"raceDescriptor\":\"AS\"}]}");
        Map<String, String> attendance = row(
                "SourceId,StudentUniqueId,SchoolId,SessionName,SchoolYear,EventDate,Category",
                "ATT-3,601,255901001,2024-2025 Fall Semester,2025,2024-09-03,AU");
        assertThat(templates
                        .records("attendance", attendance)
                        .get(0)
                        .record()
                        .path("sessionReference")
                        .toString())
                .isEqualTo("{\"schoolId\":255901001,\"schoolYear\":2025,\"sessionName\":\"2024-2025 Fall Semester\"}");
    }

    private static final ResourceCatalog SAMPLE = ResourceCatalog.load(ExtensionProject.named("sample"));

    @Test
    void extensionColumnsFillMembersUnderExtOfTheRecordsOfTheirResource() throws Exception {
        ExtensionColumns columns = ExtensionColumns.of(
                SAMPLE,
                Map.of(
                        "students",
                        new LinkedHashMap<>(Map.of(
                                "PetName", "_ext.sample.pets[].petName",
                                "PetFixed", "_ext.sample.pets[].isFixed",
                                "PetMin", "_ext.sample.petPreference.minimumWeight")),
                        "studentSchoolAssociations",
                        Map.of("MembershipType", "_ext.sample.membershipTypeDescriptor")));
        Templates templates = new Templates(new ObjectMapper(), columns);
        List<Templates.Made> made = templates.records(
                "demographic",
                row(
                        "SourceId,StudentUniqueId,LastName,FirstName,BirthDate,LeaId,PetName,PetFixed,PetMin",
                        "STU-1,601,Lee,Ana,2010-01-02,255901,Rex;Tom,Y;n,4"));
        assertThat(made.get(0).record().path("_ext")).isEqualTo(new ObjectMapper().readTree("""
                        {"sample": {"pets": [{"petName": "Rex", "isFixed": true}, {"petName": "Tom", "isFixed": false}],
                                    "petPreference": {"minimumWeight": 4}}}
                        """));
        assertThat(made.get(1).record().has("_ext"))
                .as("the SEOA has no extension columns")
                .isFalse();
        // empty cells add nothing; a cell that is not of the member's type is sent as text, for the hub to refuse
        Map<String, String> empty = row("SourceId,StudentUniqueId,PetName,PetMin", "STU-2,602,,x");
        empty.put("PetName", null);
        assertThat(templates
                        .records("demographic", empty)
                        .get(0)
                        .record()
                        .path("_ext")
                        .toString())
                .isEqualTo("{\"sample\":{\"petPreference\":{\"minimumWeight\":\"x\"}}}");
        assertThat(templates
                        .records("enrollment", row("SourceId,StudentUniqueId,MembershipType", "ENR-1,601,RES"))
                        .get(0)
                        .record()
                        .at("/_ext/sample/membershipTypeDescriptor")
                        .asText())
                .isEqualTo("RES");
    }

    @Test
    void extensionColumnsAreCheckedAgainstTheContract() throws Exception {
        var problems = ExtensionColumns.problems(SAMPLE, new ObjectMapper().readTree("""
                {"students": {"A": "pets[].petName", "B": "_ext.tpdm.x", "C": "_ext.sample.cats[].name",
                              "D": "_ext.sample.pets", "E": "_ext.sample.petPreference", "F": "_ext.sample.pets.petName",
                              "G": "_ext.sample.pets[].petName"},
                 "schools": {"H": "_ext.sample.isExemplary"}}
                """));
        assertThat(problems)
                .containsOnlyKeys(
                        "$.extensionColumns.students.A",
                        "$.extensionColumns.students.B",
                        "$.extensionColumns.students.C",
                        "$.extensionColumns.students.D",
                        "$.extensionColumns.students.E",
                        "$.extensionColumns.students.F",
                        "$.extensionColumns.schools");
        assertThat(problems.get("$.extensionColumns.students.A"))
                .containsExactly(
                        "'pets[].petName' is not a path under _ext.{project}, such as _ext.sample.pets[].petName.");
        assertThat(problems.get("$.extensionColumns.students.B"))
                .containsExactly("'tpdm' is not an extension project the hub serves for students (served: sample).");
        assertThat(problems.get("$.extensionColumns.students.C"))
                .containsExactly("'_ext.sample.cats[].name': students's _ext.sample has no member 'cats'.");
        assertThat(problems.get("$.extensionColumns.students.D"))
                .containsExactly("'_ext.sample.pets' names a collection; a column fills a member that holds a value"
                        + " (write [] after the collection's name).");
        assertThat(problems.get("$.extensionColumns.students.E"))
                .containsExactly("'_ext.sample.petPreference' names an object; a column fills a member that holds a"
                        + " value.");
        assertThat(problems.get("$.extensionColumns.students.F"))
                .containsExactly("'_ext.sample.pets.petName': students's _ext.sample.pets has no member 'petName'.");
        assertThat(problems.get("$.extensionColumns.schools").get(0))
                .startsWith("Extension columns fill records of the resources the templates give: [students,");
    }
}
