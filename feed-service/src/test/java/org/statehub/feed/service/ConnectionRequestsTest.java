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

    /** A valid request with {@code member} set to {@code value} is refused with one problem, at that member. */
    private static void refused(String member, String value, String message) throws Exception {
        assertThat(errorsWith(member, value)).isEqualTo(Map.of("$." + member, List.of(message)));
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
        refused("localEducationAgencyId", "0", "LocalEducationAgencyId is required (a positive number).");
        refused("vendor", "\"  \"", "Vendor is required.");
        refused("format", "\"xml\"", "Format must be one of [edfi-json, csv-templates, push].");
        refused("baseUrl", "\"ftp://sis\"", "BaseUrl must be an http(s) URL.");
        refused("credentials", "\"key\"", "Credentials must be an object such as {\"apiKey\": \"...\"}.");
        refused("resources", "[]", "Resources must be a non-empty array.");
        refused("schoolYears", "2025", "SchoolYears must be a non-empty array such as [2025].");
        refused("schoolYears", "[2025, 1900]", "Each school year is a year 1990..2100 (2025 = 2024-2025).");
        refused("excludedSchoolIds", "{}", "ExcludedSchoolIds must be an array of school ids.");
        refused("excludedSchoolIds", "[255901001, -1]", "Each excluded school is a school id.");
        refused("excludedCalendarCodes", "\"A\"", "ExcludedCalendarCodes must be an array of codes.");
    }

    @Test
    void whatNeedsMoreThanTheShapeIsCheckedToo() throws Exception {
        assertThat(errorsWith("resources", "[\"grades\"]").get("$.resources").get(0))
                .startsWith("Unknown resource 'grades'; known: [");
        assertThat(errorsWith("schedule", "\"daily\"").get("$.schedule").get(0))
                .startsWith("The schedule 'daily' is not a Quartz cron expression");
        refused("baseUrl", "\"http://bad host/\"", "BaseUrl is not a valid URL.");
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
