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
        Templates templates = new Templates(new ObjectMapper());
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
}
