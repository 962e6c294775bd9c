package org.statehub.feed.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.statehub.feed.store.SisConnection;

/**
 * A connection request read against its JSON Schema and the checks beyond it (docs/FEEDS.md, Connections), without
 * a database: each member's problem at its path in the words administrators are told.
 */
class ConnectionRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID = "{\"localEducationAgencyId\": 255901, \"vendor\": \"Acme SIS\","
            + " \"baseUrl\": \"https://sis.example/api\", \"resources\": [\"students\"], \"schoolYears\": [2025]}";

    private static Map<String, List<String>> errors(String request) throws Exception {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        ConnectionRequests.read(JSON.readTree(request), null, errors);
        return errors;
    }

    private static Map<String, List<String>> errorsWith(String member, String value) throws Exception {
        JsonNode request = JSON.readTree(VALID);
        ((com.fasterxml.jackson.databind.node.ObjectNode) request).set(member, JSON.readTree(value));
        return errors(request.toString());
    }

    @Test
    void aValidRequestHasNoProblemsAndGivesItsSettings() throws Exception {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        SisConnection connection = ConnectionRequests.read(JSON.readTree(VALID), null, errors);

        assertThat(errors).isEmpty();
        assertThat(connection.localEducationAgencyId()).isEqualTo(255901);
        assertThat(connection.format()).isEqualTo("edfi-json");
        assertThat(connection.resources()).containsExactly("students");
        assertThat(connection.schoolYears()).containsExactly(2025);
        assertThat(connection.schedule()).isEqualTo(ConnectionRequests.DEFAULT_SCHEDULE);
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefusedAsAWhole() throws Exception {
        assertThat(errors("[1]")).isEqualTo(Map.of("$", List.of("A JSON object is required.")));
    }

    @Test
    void aNewConnectionWithoutItsRequiredMembersIsToldEach() throws Exception {
        assertThat(errors("{}"))
                .containsEntry(
                        "$.localEducationAgencyId", List.of("LocalEducationAgencyId is required (a positive number)."))
                .containsEntry("$.vendor", List.of("Vendor is required."))
                .containsEntry("$.baseUrl", List.of("BaseUrl must be an http(s) URL."))
                .hasSize(3);
    }

    @Test
    void eachMemberOfTheWrongShapeIsToldAtItsPath() throws Exception {
        assertThat(errorsWith("localEducationAgencyId", "0"))
                .isEqualTo(Map.of(
                        "$.localEducationAgencyId",
                        List.of("LocalEducationAgencyId is required (a positive number).")));
        assertThat(errorsWith("vendor", "\"  \"")).isEqualTo(Map.of("$.vendor", List.of("Vendor is required.")));
        assertThat(errorsWith("format", "\"xml\""))
                .isEqualTo(Map.of("$.format", List.of("Format must be one of [edfi-json, csv-templates, push].")));
        assertThat(errorsWith("baseUrl", "\"ftp://sis\""))
                .isEqualTo(Map.of("$.baseUrl", List.of("BaseUrl must be an http(s) URL.")));
        assertThat(errorsWith("credentials", "\"key\""))
                .isEqualTo(Map.of(
                        "$.credentials", List.of("Credentials must be an object such as {\"apiKey\": \"...\"}.")));
        assertThat(errorsWith("resources", "[]"))
                .isEqualTo(Map.of("$.resources", List.of("Resources must be a non-empty array.")));
        assertThat(errorsWith("schoolYears", "2025"))
                .isEqualTo(Map.of("$.schoolYears", List.of("SchoolYears must be a non-empty array such as [2025].")));
        assertThat(errorsWith("schoolYears", "[2025, 1900]"))
                .isEqualTo(
                        Map.of("$.schoolYears", List.of("Each school year is a year 1990..2100 (2025 = 2024-2025).")));
        assertThat(errorsWith("excludedSchoolIds", "{}"))
                .isEqualTo(Map.of("$.excludedSchoolIds", List.of("ExcludedSchoolIds must be an array of school ids.")));
        assertThat(errorsWith("excludedSchoolIds", "[255901001, -1]"))
                .isEqualTo(Map.of("$.excludedSchoolIds", List.of("Each excluded school is a school id.")));
        assertThat(errorsWith("excludedCalendarCodes", "\"A\""))
                .isEqualTo(
                        Map.of("$.excludedCalendarCodes", List.of("ExcludedCalendarCodes must be an array of codes.")));
    }

    @Test
    void whatNeedsMoreThanTheShapeIsCheckedToo() throws Exception {
        assertThat(errorsWith("resources", "[\"grades\"]").get("$.resources").get(0))
                .startsWith("Unknown resource 'grades'; known: [");
        assertThat(errorsWith("schedule", "\"daily\"").get("$.schedule").get(0))
                .startsWith("The schedule 'daily' is not a Quartz cron expression");
        assertThat(errorsWith("baseUrl", "\"http://bad host/\""))
                .isEqualTo(Map.of("$.baseUrl", List.of("BaseUrl is not a valid URL.")));
    }

    @Test
    void aPushConnectionNeedsNoUrl() throws Exception {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        SisConnection push = ConnectionRequests.read(
                JSON.readTree("{\"localEducationAgencyId\": 255901, \"vendor\": \"Acme\", \"format\": \"push\"}"),
                null,
                errors);

        assertThat(errors).isEmpty();
        assertThat(push.baseUrl()).isEqualTo("push:");
    }
}
