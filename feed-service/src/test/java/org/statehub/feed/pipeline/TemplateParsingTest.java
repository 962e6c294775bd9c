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

    @Test
    void templateRowsBecomeTheRecordsOfTheirResources() {
        Templates templates = new Templates(new ObjectMapper());
        Map<String, String> demographic = new LinkedHashMap<>();
        demographic.put("SourceId", "STU-1");
        demographic.put("StudentUniqueId", "601");
        demographic.put("LastName", "Garcia Lopez");
        demographic.put("FirstName", "Ana");
        demographic.put("BirthDate", "2010-01-02");
        demographic.put("Sex", "F");
        demographic.put("HispanicLatino", "Y");
        demographic.put("Race", "WH;AS");
        demographic.put("LeaId", "255901");
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
        Map<String, String> attendance = new LinkedHashMap<>();
        attendance.put("SourceId", "ATT-3");
        attendance.put("StudentUniqueId", "601");
        attendance.put("SchoolId", "255901001");
        attendance.put("SessionName", "2024-2025 Fall Semester");
        attendance.put("SchoolYear", "2025");
        attendance.put("EventDate", "2024-09-03");
        attendance.put("Category", "AU");
        assertThat(templates
                        .records("attendance", attendance)
                        .get(0)
                        .record()
                        .path("sessionReference")
                        .toString())
                .isEqualTo("{\"schoolId\":255901001,\"schoolYear\":2025,\"sessionName\":\"2024-2025 Fall Semester\"}");
    }
}
