package org.statehub.simulator.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator over HTTP, one boot: a district of 120 students (seed 42) and the API key "test-key"
 * (application.properties, %test). Every test starts from POST /admin/v1/reset.
 */
@QuarkusTest
class SimulatorApiTest {

    private static final String KEY = "test-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RESOURCES = List.of(
            "localEducationAgencies",
            "schools",
            "sessions",
            "students",
            "contacts",
            "studentContactAssociations",
            "studentEducationOrganizationAssociations",
            "studentSchoolAssociations",
            "studentSchoolAttendanceEvents");

    @BeforeEach
    void reset() {
        given().post("/admin/v1/reset")
                .then()
                .statusCode(200)
                .body("changes", equalTo(0))
                .body("fault.mode", equalTo("none"));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static RequestSpecification vendor() {
        return given().header("X-API-Key", KEY);
    }

    private static Response page(String resource, int offset, int limit) {
        Response r =
                vendor().queryParam("offset", offset).queryParam("limit", limit).get("/vendor/v1/" + resource);
        r.then().statusCode(200).contentType("application/json");
        return r;
    }

    private static List<Map<String, Object>> all(String resource) {
        return page(resource, 0, 5000).jsonPath().getList("$");
    }

    private static int totalCount(String resource) {
        return Integer.parseInt(
                vendor().queryParam("limit", 1).get("/vendor/v1/" + resource).header("Total-Count"));
    }

    private static Map<String, Object> record(String resource, int index) {
        return page(resource, index, 1).jsonPath().getMap("[0]");
    }

    @SuppressWarnings("unchecked")
    private static String studentId(Map<String, Object> record) {
        Object reference = record.get("studentReference");
        return reference == null
                ? (String) record.get("studentUniqueId")
                : (String) ((Map<String, Object>) reference).get("studentUniqueId");
    }

    private static void change(String body) {
        given().contentType("application/json")
                .body(body)
                .post("/admin/v1/changes")
                .then()
                .statusCode(200)
                .body(
                        "applied",
                        equalTo(
                                body.trim().startsWith("[")
                                        ? JSON.valueToTree(parse(body)).size()
                                        : 1));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void fault(String body) {
        given().contentType("application/json")
                .body(body)
                .post("/admin/v1/faults")
                .then()
                .statusCode(200);
    }

    /**
     * Each body of {@code bodiesAndReasons} ({@code {body, what the detail says}}) sent with {@code method} to
     * {@code path} is refused: a 400 problem whose detail names what is wrong.
     */
    private static void refused(String method, String path, String[][] bodiesAndReasons) {
        for (String[] c : bodiesAndReasons) {
            Response r = given().contentType("application/json").body(c[0]).request(method, path);
            problem(r, 400);
            assertThat(r.jsonPath().getString("detail")).as(c[0]).contains(c[1]);
        }
    }

    /** The district changed by an admin PUT of {@code body}; the answer, to check. */
    private static ValidatableResponse district(String body) {
        return given().contentType("application/json")
                .body(body)
                .put("/admin/v1/district")
                .then();
    }

    private static void problem(Response r, int status) {
        r.then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", startsWith("urn:acme-sis:problem:"))
                .body("title", org.hamcrest.Matchers.notNullValue())
                .body("detail", org.hamcrest.Matchers.notNullValue());
    }

    /** RFC 4180: quoted cells may hold commas, quotes (doubled) and line breaks; lines end in CRLF. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    /** What a raw HTTP/1.1 client received: the status line, the decoded body, and whether the body ended. */
    record Raw(int bytesReceived, String statusLine, byte[] body, boolean complete) {}

    /** GET over a plain socket, reading until the server closes, so a cut-off response can be inspected. */
    static Raw rawGet(String pathAndQuery) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream()
                    .write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + KEY
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (IOException reset) {
                // a reset after the server closed: what arrived so far is what counts
            }
        }
        byte[] all = received.toByteArray();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            return new Raw(all.length, null, new byte[0], false);
        }
        String statusLine = text.substring(0, text.indexOf("\r\n"));
        boolean chunked = text.substring(0, headerEnd).toLowerCase().contains("transfer-encoding: chunked");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = headerEnd + 4;
        boolean complete = !chunked;
        if (chunked) {
            while (at < all.length) {
                int lineEnd = text.indexOf("\r\n", at);
                if (lineEnd < 0) {
                    break;
                }
                int size = Integer.parseInt(text.substring(at, lineEnd).trim(), 16);
                if (size == 0) {
                    complete = true;
                    break;
                }
                int from = lineEnd + 2;
                int to = Math.min(all.length, from + size);
                body.write(all, from, to - from);
                at = to + 2;
            }
        } else {
            body.write(all, at, all.length - at);
        }
        return new Raw(all.length, statusLine, body.toByteArray(), complete);
    }

    // ---- the district ----------------------------------------------------------------------------------------

    @Test
    void aSmallDistrictHasTheDocumentedCounts() {
        Map<String, Integer> expected = Map.of(
                "localEducationAgencies",
                1,
                "schools",
                2,
                "sessions",
                4,
                "students",
                120,
                "contacts",
                240,
                "studentContactAssociations",
                240,
                "studentEducationOrganizationAssociations",
                120,
                "studentSchoolAssociations",
                120,
                "studentSchoolAttendanceEvents",
                360);
        for (String resource : RESOURCES) {
            Response r = page(resource, 0, 5000);
            assertThat(r.header("Total-Count"))
                    .as(resource)
                    .isEqualTo(expected.get(resource).toString());
            assertThat(r.jsonPath().getList("$")).as(resource).hasSize(expected.get(resource));
        }
        given().get("/admin/v1/district")
                .then()
                .statusCode(200)
                .body("seed", equalTo(42))
                .body("students", equalTo(120))
                .body("leaId", equalTo(255901))
                .body("schoolYear", equalTo(2025))
                .body("schools", equalTo(2))
                .body("counts.studentSchoolAttendanceEvents", equalTo(360));
    }

    @Test
    @SuppressWarnings("unchecked")
    void recordsHaveTheDocumentedShapeAndRelations() {
        Map<String, Object> lea = all("localEducationAgencies").getFirst();
        assertThat(lea)
                .containsEntry("sourceId", "LEA-255901")
                .containsEntry("localEducationAgencyId", 255901)
                .containsEntry("localEducationAgencyCategoryDescriptor", "IND")
                .containsEntry("categories", List.of(Map.of("educationOrganizationCategoryDescriptor", "LEA")));
        List<Map<String, Object>> schools = all("schools");
        assertThat(schools).extracting(s -> s.get("sourceId")).containsExactly("SCH-255901001", "SCH-255901002");
        assertThat(all("sessions"))
                .extracting(s -> s.get("sourceId"))
                .containsExactly("SES-255901001-FA", "SES-255901001-SP", "SES-255901002-FA", "SES-255901002-SP");
        Map<String, Object> fall = all("sessions").getFirst();
        assertThat(fall)
                .containsEntry("sessionName", "2024-2025 Fall Semester")
                .containsEntry("beginDate", "2024-08-19")
                .containsEntry("endDate", "2024-12-20")
                .containsEntry("termDescriptor", "FA")
                .containsEntry("schoolYearTypeReference", Map.of("schoolYear", 2025));

        List<Map<String, Object>> students = all("students");
        List<Map<String, Object>> contacts = all("contacts");
        List<Map<String, Object>> scas = all("studentContactAssociations");
        List<Map<String, Object>> enrollments = all("studentSchoolAssociations");
        List<Map<String, Object>> events = all("studentSchoolAttendanceEvents");
        Map<Object, List<Object>> gradesBySchool = new HashMap<>();
        schools.forEach(s -> gradesBySchool.put(
                s.get("schoolId"),
                ((List<Map<String, Object>>) s.get("gradeLevels"))
                        .stream()
                                .map(g -> (Object) g.get("gradeLevelDescriptor"))
                                .toList()));
        for (int i = 0; i < 120; i++) {
            Map<String, Object> student = students.get(i);
            assertThat(student.get("sourceId")).isEqualTo(String.format("STU-%09d", i));
            assertThat((String) student.get("studentUniqueId")).matches("6\\d{8}");
            assertThat(student.values()).doesNotContainNull();
            String id = studentId(student);
            for (int j = 2 * i; j < 2 * i + 2; j++) {
                assertThat(contacts.get(j).get("sourceId")).isEqualTo(String.format("CON-%09d", j));
                assertThat((String) contacts.get(j).get("contactUniqueId")).matches("C\\d{9}");
                assertThat(studentId(scas.get(j))).isEqualTo(id);
                assertThat(scas.get(j).get("contactReference"))
                        .isEqualTo(Map.of("contactUniqueId", contacts.get(j).get("contactUniqueId")));
            }
            Map<String, Object> enrollment = enrollments.get(i);
            assertThat(studentId(enrollment)).isEqualTo(id);
            Object schoolId = ((Map<?, ?>) enrollment.get("schoolReference")).get("schoolId");
            assertThat(gradesBySchool.get(schoolId)).contains(enrollment.get("entryGradeLevelDescriptor"));
            for (int j = 3 * i; j < 3 * i + 3; j++) {
                assertThat(studentId(events.get(j))).isEqualTo(id);
                assertThat(((Map<?, ?>) events.get(j).get("sessionReference")).get("schoolId"))
                        .isEqualTo(schoolId);
            }
        }
        assertThat(students).extracting(s -> s.get("studentUniqueId")).doesNotHaveDuplicates();
        assertThat(contacts).extracting(s -> s.get("contactUniqueId")).doesNotHaveDuplicates();
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedOthers() {
        byte[] first = page("students", 0, 50).asByteArray();
        byte[] events = page("studentSchoolAttendanceEvents", 100, 50).asByteArray();
        assertThat(page("students", 0, 50).asByteArray()).isEqualTo(first);
        district("{\"seed\": 42}").statusCode(200);
        assertThat(page("students", 0, 50).asByteArray()).isEqualTo(first);
        assertThat(page("studentSchoolAttendanceEvents", 100, 50).asByteArray()).isEqualTo(events);
        district("{\"seed\": 43}").statusCode(200).body("seed", equalTo(43)).body("students", equalTo(120));
        assertThat(page("students", 0, 50).asByteArray()).isNotEqualTo(first);
        assertThat(page("studentSchoolAttendanceEvents", 100, 50).asByteArray()).isNotEqualTo(events);
        given().post("/admin/v1/reset").then().statusCode(200).body("seed", equalTo(42));
        assertThat(page("students", 0, 50).asByteArray()).isEqualTo(first);
    }

    @Test
    void pagesAreDisjointCoverEveryRecordAndAgreeWithTotalCount() {
        for (String resource : RESOURCES) {
            List<Object> whole =
                    all(resource).stream().map(r -> r.get("sourceId")).toList();
            List<Object> paged = new ArrayList<>();
            int total = -1;
            for (int offset = 0; ; offset += 17) {
                Response r = page(resource, offset, 17);
                total = Integer.parseInt(r.header("Total-Count"));
                List<Map<String, Object>> items = r.jsonPath().getList("$");
                items.forEach(i -> paged.add(i.get("sourceId")));
                if (items.size() < 17) {
                    assertThat(offset + items.size()).isEqualTo(total);
                    break;
                }
            }
            assertThat(paged)
                    .as(resource)
                    .hasSize(total)
                    .doesNotHaveDuplicates()
                    .isEqualTo(whole);
        }
        assertThat(page("students", 120, 10).jsonPath().getList("$")).isEmpty();
        assertThat(page("students", 1_000_000, 10).jsonPath().getList("$")).isEmpty();
        assertThat(vendor().get("/vendor/v1/students").jsonPath().getList("$"))
                .as("default limit 500")
                .hasSize(120);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyCodeServedIsInTheDocumentedMappings() throws IOException {
        List<Map<String, String>> mappings;
        try (InputStream in = getClass().getResourceAsStream("/acme-code-mappings.json")) {
            mappings = JSON.readValue(in, new TypeReference<>() {});
        }
        Map<String, Set<String>> codes = new HashMap<>();
        for (Map<String, String> m : mappings) {
            assertThat(m.get("uri")).startsWith("uri://ed-fi.org/" + m.get("descriptor") + "#");
            codes.computeIfAbsent(m.get("descriptor"), d -> new HashSet<>()).add(m.get("vendorCode"));
        }
        assertThat(codes)
                .containsOnlyKeys(
                        "SexDescriptor",
                        "GradeLevelDescriptor",
                        "EntryTypeDescriptor",
                        "ExitWithdrawTypeDescriptor",
                        "AttendanceEventCategoryDescriptor",
                        "RelationDescriptor",
                        "TermDescriptor",
                        "SchoolCategoryDescriptor",
                        "EducationOrganizationCategoryDescriptor",
                        "LocalEducationAgencyCategoryDescriptor",
                        "RaceDescriptor");
        assertThat(codes.get("GradeLevelDescriptor"))
                .containsExactlyInAnyOrder(
                        "KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12");
        assertThat(codes.get("ExitWithdrawTypeDescriptor")).containsExactlyInAnyOrder("W01", "W02", "W03", "NS");
        assertThat(mappings).hasSize(41);

        // a bigger district, so that rare codes appear, with a no-show among them
        district("{\"students\": 2000}").statusCode(200).body("schools", equalTo(4));
        change("{\"op\":\"noShow\",\"studentUniqueId\":\"" + studentId(record("students", 3)) + "\"}");
        // each descriptor's member is its name with a small first letter (sexDescriptor), and an enrollment's grade
        // level is entryGradeLevelDescriptor; a member ending in Descriptor that is none of these fails the test
        Map<String, String> memberToDescriptor = new HashMap<>();
        codes.keySet()
                .forEach(descriptor -> memberToDescriptor.put(
                        Character.toLowerCase(descriptor.charAt(0)) + descriptor.substring(1), descriptor));
        memberToDescriptor.put("entryGradeLevelDescriptor", "GradeLevelDescriptor");
        Map<String, Set<Object>> seen = new HashMap<>();
        for (String resource : RESOURCES) {
            for (int offset = 0; offset < totalCount(resource); offset += 5000) {
                for (Object item : page(resource, offset, 5000).jsonPath().getList("$")) {
                    collectDescriptors(item, memberToDescriptor, seen);
                }
            }
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(codes.keySet());
        seen.forEach((descriptor, values) -> assertThat(values).as(descriptor).isSubsetOf(codes.get(descriptor)));
        assertThat(seen.get("ExitWithdrawTypeDescriptor")).contains("NS", "W01");
        assertThat(seen.get("SchoolCategoryDescriptor")).containsExactlyInAnyOrder("ES", "MS", "HS");
    }

    @SuppressWarnings("unchecked")
    private static void collectDescriptors(
            Object node, Map<String, String> memberToDescriptor, Map<String, Set<Object>> seen) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String descriptor = memberToDescriptor.get((String) k);
                if (descriptor != null) {
                    seen.computeIfAbsent(descriptor, d -> new HashSet<>()).add(v);
                } else {
                    assertThat((String) k).doesNotEndWith("Descriptor");
                }
                collectDescriptors(v, memberToDescriptor, seen);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectDescriptors(item, memberToDescriptor, seen));
        }
    }

    @Test
    void aPageDeepInA200000StudentDistrictIsAnswered() {
        district("{\"students\": 200000}")
                .statusCode(200)
                .body("students", equalTo(200000))
                .body("schools", equalTo(400));
        long start = System.nanoTime();
        Response students = page("students", 190_000, 5);
        Response events = page("studentSchoolAttendanceEvents", 599_990, 100);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(students.header("Total-Count")).isEqualTo("200000");
        assertThat(students.jsonPath().getList("sourceId"))
                .containsExactly("STU-000190000", "STU-000190001", "STU-000190002", "STU-000190003", "STU-000190004");
        assertThat(events.header("Total-Count")).isEqualTo("600000");
        assertThat(events.jsonPath().getList("$")).hasSize(10);
        assertThat(millis).as("two deep pages, generated by index").isLessThan(10_000);
    }

    // ---- admin changes ---------------------------------------------------------------------------------------

    @Test
    void renameChangesTheStudentAndTheDemographicRow() {
        Map<String, Object> before = record("students", 7);
        String id = studentId(before);
        change("{\"op\":\"rename\",\"studentUniqueId\":\"" + id + "\",\"firstName\":\"Zoë\",\"lastSurname\":"
                + "\"O'Neil-Ávila\",\"middleName\":\"Ann\"}");
        Map<String, Object> after = record("students", 7);
        assertThat(after)
                .containsEntry("sourceId", before.get("sourceId"))
                .containsEntry("firstName", "Zoë")
                .containsEntry("lastSurname", "O'Neil-Ávila")
                .containsEntry("middleName", "Ann")
                .containsEntry("birthDate", before.get("birthDate"));
        change("{\"op\":\"rename\",\"studentUniqueId\":\"" + id + "\",\"middleName\":\"\"}");
        assertThat(record("students", 7)).doesNotContainKey("middleName").containsEntry("firstName", "Zoë");
        List<List<String>> rows =
                parseCsv(vendor().get("/templates/v1/demographic").asString());
        assertThat(rows.get(8).subList(0, 5)).containsExactly("STU-000000007", id, "O'Neil-Ávila", "Zoë", "");
        given().get("/admin/v1/district").then().body("changes", equalTo(2));
    }

    @Test
    void birthDateChangesTheStudent() {
        String id = studentId(record("students", 3));
        change("{\"op\":\"birthDate\",\"studentUniqueId\":\"" + id + "\",\"birthDate\":\"2015-02-28\"}");
        assertThat(record("students", 3)).containsEntry("birthDate", "2015-02-28");
    }

    @Test
    void moveChangesTheEnrollmentsSchoolKeepsItsSourceIdAndTakesTheAttendanceAlong() {
        Map<String, Object> before = record("studentSchoolAssociations", 0);
        int from = (int) ((Map<?, ?>) before.get("schoolReference")).get("schoolId");
        int to = from == 255901001 ? 255901002 : 255901001;
        change("{\"op\":\"move\",\"studentUniqueId\":\"" + studentId(before) + "\",\"schoolId\":" + to + "}");
        Map<String, Object> after = record("studentSchoolAssociations", 0);
        assertThat(after.get("sourceId")).isEqualTo("ENR-000000000");
        assertThat(after.get("schoolReference")).isEqualTo(Map.of("schoolId", to));
        assertThat(after.get("entryDate")).isEqualTo(before.get("entryDate"));
        for (int j = 0; j < 3; j++) {
            Map<String, Object> event = record("studentSchoolAttendanceEvents", j);
            assertThat(event.get("schoolReference")).isEqualTo(Map.of("schoolId", to));
            assertThat(((Map<?, ?>) event.get("sessionReference")).get("schoolId"))
                    .isEqualTo(to);
        }
        assertThat(((Map<?, ?>) record("studentSchoolAttendanceEvents", 3).get("schoolReference")).get("schoolId"))
                .isEqualTo(((Map<?, ?>) record("studentSchoolAssociations", 1).get("schoolReference")).get("schoolId"));
        List<List<String>> enrollment =
                parseCsv(vendor().get("/templates/v1/enrollment").asString());
        assertThat(enrollment.get(1).subList(0, 3))
                .containsExactly("ENR-000000000", studentId(before), String.valueOf(to));
    }

    @Test
    void entryDateWithdrawAndNoShowChangeTheEnrollment() {
        String first = studentId(record("students", 10));
        String second = studentId(record("students", 11));
        change("[{\"op\":\"entryDate\",\"studentUniqueId\":\"" + first + "\",\"entryDate\":\"2024-09-03\"},"
                + "{\"op\":\"withdraw\",\"studentUniqueId\":\"" + first + "\",\"exitWithdrawDate\":\"2025-03-14\","
                + "\"exitWithdrawTypeDescriptor\":\"W03\"},"
                + "{\"op\":\"entryDate\",\"studentUniqueId\":\"" + second + "\",\"entryDate\":\"2024-10-01\"},"
                + "{\"op\":\"noShow\",\"studentUniqueId\":\"" + second + "\"}]");
        assertThat(record("studentSchoolAssociations", 10))
                .containsEntry("sourceId", "ENR-000000010")
                .containsEntry("entryDate", "2024-09-03")
                .containsEntry("exitWithdrawDate", "2025-03-14")
                .containsEntry("exitWithdrawTypeDescriptor", "W03");
        assertThat(record("studentSchoolAssociations", 11))
                .containsEntry("entryDate", "2024-10-01")
                .containsEntry("exitWithdrawDate", "2024-10-01")
                .containsEntry("exitWithdrawTypeDescriptor", "NS");
        List<List<String>> rows =
                parseCsv(vendor().get("/templates/v1/enrollment").asString());
        assertThat(rows.get(12))
                .containsExactly(
                        "ENR-000000011",
                        second,
                        rows.get(12).get(2),
                        "2024-10-01",
                        rows.get(12).get(4),
                        rows.get(12).get(5),
                        "2024-10-01",
                        "NS");
        given().get("/admin/v1/district").then().body("changes", equalTo(4));
    }

    @Test
    void deleteDropsTheRecordAndTotalCountByOneAndKeepsPagesConsistent() {
        List<Object> before = all("studentSchoolAttendanceEvents").stream()
                .map(r -> r.get("sourceId"))
                .toList();
        change("{\"op\":\"delete\",\"resource\":\"studentSchoolAttendanceEvents\",\"sourceId\":\"ATT-000000020\"}");
        assertThat(totalCount("studentSchoolAttendanceEvents")).isEqualTo(359);
        List<Object> expected = new ArrayList<>(before);
        expected.remove("ATT-000000020");
        List<Object> paged = new ArrayList<>();
        for (int offset = 0; offset < 359; offset += 10) {
            page("studentSchoolAttendanceEvents", offset, 10)
                    .jsonPath()
                    .getList("sourceId")
                    .forEach(paged::add);
        }
        assertThat(paged).isEqualTo(expected);
        assertThat(record("studentSchoolAttendanceEvents", 20).get("sourceId")).isEqualTo("ATT-000000021");
        assertThat(vendor().get("/templates/v1/attendance").asString()).doesNotContain("ATT-000000020");

        change("{\"op\":\"delete\",\"resource\":\"students\",\"sourceId\":\"STU-000000005\"}");
        assertThat(totalCount("students")).isEqualTo(119);
        assertThat(parseCsv(vendor().get("/templates/v1/demographic").asString()))
                .hasSize(120)
                .noneMatch(row -> row.getFirst().equals("STU-000000005"));
        given().contentType("application/json")
                .body("{\"op\":\"delete\",\"resource\":\"students\",\"sourceId\":\"STU-000000005\"}")
                .post("/admin/v1/changes")
                .then()
                .statusCode(400)
                .body("index", equalTo(0));
    }

    @Test
    void addStudentsAppendsStudentsWithAllTheirRecords() {
        change("{\"op\":\"addStudents\",\"count\":3}");
        assertThat(totalCount("students")).isEqualTo(123);
        assertThat(totalCount("contacts")).isEqualTo(246);
        assertThat(totalCount("studentContactAssociations")).isEqualTo(246);
        assertThat(totalCount("studentEducationOrganizationAssociations")).isEqualTo(123);
        assertThat(totalCount("studentSchoolAssociations")).isEqualTo(123);
        assertThat(totalCount("studentSchoolAttendanceEvents")).isEqualTo(369);
        assertThat(totalCount("schools")).isEqualTo(2);
        Map<String, Object> added = record("students", 122);
        assertThat(added.get("sourceId")).isEqualTo("STU-000000122");
        assertThat(studentId(record("studentSchoolAssociations", 122))).isEqualTo(studentId(added));
        assertThat(studentId(record("studentSchoolAttendanceEvents", 368))).isEqualTo(studentId(added));
        assertThat(studentId(record("studentContactAssociations", 245))).isEqualTo(studentId(added));
        assertThat(record("students", 0)).isEqualTo(all("students").getFirst());
        given().get("/admin/v1/district")
                .then()
                .body("addedStudents", equalTo(3))
                .body("students", equalTo(120));
    }

    @Test
    void aBatchWithABadChangeIsRefusedWithItsIndexAndAppliesNothing() {
        String id = studentId(record("students", 1));
        Response r = given().contentType("application/json")
                .body("[{\"op\":\"rename\",\"studentUniqueId\":\"" + id
                        + "\",\"firstName\":\"Changed\"},{\"op\":\"move\",\"studentUniqueId\":\"600000000\",\"schoolId\":"
                        + "255901001}]")
                .post("/admin/v1/changes");
        problem(r, 400);
        r.then().body("index", equalTo(1)).body("reason", org.hamcrest.Matchers.containsString("unknown student"));
        assertThat(record("students", 1).get("firstName")).isNotEqualTo("Changed");
        given().get("/admin/v1/district").then().body("changes", equalTo(0));
    }

    @Test
    void changesFromManyClientsAtOnceAreAllCounted() throws Exception {
        String id = studentId(record("students", 2));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            results.add(pool.submit(() -> given().contentType("application/json")
                    .body("{\"op\":\"rename\"," + "\"studentUniqueId\":\"" + id + "\",\"middleName\":\"M" + n + "\"}")
                    .post("/admin/v1/changes")
                    .statusCode()));
        }
        for (Future<Integer> f : results) {
            assertThat(f.get()).isEqualTo(200);
        }
        pool.shutdown();
        given().get("/admin/v1/district").then().body("changes", equalTo(20));
    }

    @Test
    void badAdminInputIsA400Problem() {
        String[][] changes = {
            {"{\"op\":\"teleport\",\"studentUniqueId\":\"630117653\"}", "unknown op"},
            {"{\"op\":\"birthDate\",\"studentUniqueId\":\"630117653\",\"birthDate\":\"2024-13-45\"}", "not a valid date"
            },
            {"{\"op\":\"birthDate\",\"studentUniqueId\":\"630117653\",\"birthDate\":\"03/04/2015\"}", "yyyy-MM-dd"},
            {"{\"op\":\"rename\",\"studentUniqueId\":\"699999999\",\"firstName\":\"A\"}", "unknown student"},
            {"{\"op\":\"rename\",\"studentUniqueId\":\"630117653\"}", "at least one"},
            {"{\"op\":\"move\",\"studentUniqueId\":\"630117653\",\"schoolId\":255901009}", "unknown school"},
            {"{\"op\":\"move\",\"studentUniqueId\":\"630117653\",\"schoolId\":\"255901001\"}", "must be an integer"},
            {
                "{\"op\":\"withdraw\",\"studentUniqueId\":\"630117653\",\"exitWithdrawDate\":\"2025-01-10\","
                        + "\"exitWithdrawTypeDescriptor\":\"Transferred\"}",
                "unknown exitWithdrawTypeDescriptor"
            },
            {
                "{\"op\":\"entryDate\",\"studentUniqueId\":\"630117653\",\"entryDate\":\"2023-08-19\"}",
                "outside the school year"
            },
            {"{\"op\":\"delete\",\"resource\":\"teachers\",\"sourceId\":\"X\"}", "unknown resource"},
            {"{\"op\":\"delete\",\"resource\":\"students\",\"sourceId\":\"STU-000009999\"}", "no students record"},
            {"{\"op\":\"addStudents\",\"count\":0}", "count"},
            {"{\"op\":\"noShow\",\"studentUniqueId\":\"630117653\",\"extra\":1}", "unknown member"},
            {"[]", "empty"},
            {"[1]", "JSON object"},
            {"{\"op\":", "not valid JSON"},
            {"", "needs a JSON body"}
        };
        refused("POST", "/admin/v1/changes", changes);
        String[][] districts = {
            {"{\"students\":0}", "students must be between 1 and 200000"},
            {"{\"students\":200001}", "students must be between"},
            {"{\"students\":\"many\"}", "integer"},
            {"{\"leaId\":-1}", "leaId"},
            {"{\"schoolYear\":1999}", "schoolYear"},
            {"{\"seed\":1.5}", "integer"},
            {"{\"size\":10}", "unknown member"},
            {"[1,2]", "JSON object"},
            {"{", "not valid JSON"}
        };
        refused("PUT", "/admin/v1/district", districts);
        String[] faults = {
            "{\"mode\":\"sideways\"}",
            "{}",
            "{\"mode\":\"slow\",\"delaySeconds\":-1}",
            "{\"mode\":\"error\",\"requests\":0}",
            "{\"mode\":\"error\",\"requests\":\"two\"}",
            "nope"
        };
        for (String f : faults) {
            problem(given().contentType("application/json").body(f).post("/admin/v1/faults"), 400);
        }
        given().get("/admin/v1/district")
                .then()
                .body("changes", equalTo(0))
                .body("students", equalTo(120))
                .body("fault.mode", equalTo("none"));
        problem(vendor().queryParam("limit", 0).get("/vendor/v1/students"), 400);
        problem(vendor().queryParam("limit", 5001).get("/vendor/v1/students"), 400);
        problem(vendor().queryParam("limit", "ten").get("/vendor/v1/students"), 400);
        problem(vendor().queryParam("offset", -1).get("/vendor/v1/students"), 400);
        problem(vendor().get("/vendor/v1/teachers"), 404);
        problem(vendor().get("/templates/v1/grades"), 404);
        problem(vendor().queryParam("format", "xml").get("/templates/v1/demographic"), 400);
        problem(given().delete("/admin/v1/district"), 405);
        problem(given().get("/admin/v1/nothing"), 404);
    }

    // ---- templates -------------------------------------------------------------------------------------------

    @Test
    void templatesHaveTheDocumentedColumnsInCsvAndJsonWithTheSameCells() throws IOException {
        Map<String, List<String>> columns = documentedColumns();
        assertThat(columns).containsOnlyKeys("demographic", "contacts", "enrollment", "attendance");
        Map<String, Integer> rows = Map.of("demographic", 120, "contacts", 240, "enrollment", 120, "attendance", 360);
        for (var template : columns.entrySet()) {
            Response csv = vendor().get("/templates/v1/" + template.getKey());
            csv.then().statusCode(200).contentType(startsWith("text/csv"));
            assertThat(csv.asString()).endsWith("\r\n");
            List<List<String>> table = parseCsv(new String(csv.asByteArray(), StandardCharsets.UTF_8));
            assertThat(table.getFirst()).isEqualTo(template.getValue());
            assertThat(table)
                    .hasSize(rows.get(template.getKey()) + 1)
                    .allSatisfy(
                            row -> assertThat(row).hasSize(template.getValue().size()));
            assertThat(vendor().queryParam("format", "csv")
                            .get("/templates/v1/" + template.getKey())
                            .asByteArray())
                    .isEqualTo(csv.asByteArray());

            Response json = vendor().queryParam("format", "json").get("/templates/v1/" + template.getKey());
            json.then().statusCode(200).contentType("application/json");
            List<Map<String, String>> objects = json.jsonPath().getList("$");
            assertThat(objects).hasSize(rows.get(template.getKey()));
            for (int i = 0; i < objects.size(); i++) {
                assertThat(List.copyOf(objects.get(i).keySet())).isEqualTo(template.getValue());
                assertThat(List.copyOf(objects.get(i).values())).isEqualTo(table.get(i + 1));
            }
        }
        // quoting: reasons with commas and quotes survive the round trip
        String attendance = vendor().get("/templates/v1/attendance").asString();
        assertThat(attendance)
                .containsAnyOf(
                        "\"Doctor's appointment, returned at 10:15\"",
                        "\"Parent called: \"\"car trouble\"\"\"",
                        "\"Traffic, signed in at office\"");
    }

    @Test
    void templateRowsAgreeWithTheVendorRecords() {
        List<List<String>> demographic =
                parseCsv(vendor().get("/templates/v1/demographic").asString());
        Map<String, Object> student = record("students", 0);
        Map<String, Object> seoa = record("studentEducationOrganizationAssociations", 0);
        List<String> row = demographic.get(1);
        assertThat(row.get(0)).isEqualTo("STU-000000000");
        assertThat(row.get(1)).isEqualTo(student.get("studentUniqueId"));
        assertThat(row.get(2)).isEqualTo(student.get("lastSurname"));
        assertThat(row.get(3)).isEqualTo(student.get("firstName"));
        assertThat(row.get(7)).isEqualTo(student.get("birthDate"));
        assertThat(row.get(8)).isEqualTo(seoa.get("sexDescriptor"));
        assertThat(row.get(9)).isEqualTo((Boolean) seoa.get("hispanicLatinoEthnicity") ? "Y" : "N");
        assertThat(row.get(11)).isEqualTo("255901");
        List<List<String>> contacts =
                parseCsv(vendor().get("/templates/v1/contacts").asString());
        Map<String, Object> sca = record("studentContactAssociations", 1);
        Map<String, Object> contact = record("contacts", 1);
        assertThat(contacts.get(2))
                .containsExactly(
                        "SCA-000000001",
                        studentId(sca),
                        (String) contact.get("contactUniqueId"),
                        (String) contact.get("lastSurname"),
                        (String) contact.get("firstName"),
                        (String) contact.get("sexDescriptor"),
                        (String) sca.get("relationDescriptor"),
                        (Boolean) sca.get("emergencyContactStatus") ? "Y" : "N",
                        (Boolean) sca.get("primaryContactStatus") ? "Y" : "N");
    }

    /**
     * With the Sample extension (decision 0020, step 6), some students have {@code _ext.sample.pets}, the demographic
     * template ends in {@code PetName} and {@code PetFixed} holding the same pets, and nothing else changes.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theSampleExtensionAddsPetsToSomeStudentsInJsonAndTheDemographicTemplate() {
        List<Map<String, Object>> plain = all("students");
        String plainEnrollments = vendor().get("/templates/v1/enrollment").asString();
        district("{\"extensions\": [\"sample\"]}").statusCode(200).body("extensions", equalTo(List.of("sample")));

        List<Map<String, Object>> students = all("students");
        List<List<String>> demographic =
                parseCsv(vendor().get("/templates/v1/demographic").asString());
        assertThat(demographic.getFirst()).endsWith("LeaId", "PetName", "PetFixed");
        int withPets = 0;
        for (int i = 0; i < students.size(); i++) {
            Map<String, Object> student = new java.util.LinkedHashMap<>(students.get(i));
            Object ext = student.remove("_ext");
            assertThat(student)
                    .as("the core members are as without the extension")
                    .isEqualTo(plain.get(i));
            List<String> row = demographic.get(i + 1);
            if (ext == null) {
                assertThat(row.subList(row.size() - 2, row.size())).containsExactly("", "");
                continue;
            }
            withPets++;
            List<Map<String, Object>> pets = (List<Map<String, Object>>)
                    ((Map<String, Object>) ((Map<String, Object>) ext).get("sample")).get("pets");
            assertThat(pets)
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat((String) p.get("petName")).hasSizeBetween(3, 20));
            assertThat(row.get(row.size() - 2))
                    .isEqualTo(String.join(
                            ";",
                            pets.stream().map(p -> (String) p.get("petName")).toList()));
            assertThat(row.get(row.size() - 1))
                    .isEqualTo(String.join(
                            ";",
                            pets.stream()
                                    .map(p -> (Boolean) p.get("isFixed") ? "Y" : "N")
                                    .toList()));
        }
        assertThat(withPets).as("some students, not all").isBetween(20, 70);
        assertThat(vendor().get("/templates/v1/enrollment").asString()).isEqualTo(plainEnrollments);
        // the same district gives the same pets
        assertThat(all("students")).isEqualTo(students);

        district("{\"extensions\": [\"tpdm\"]}")
                .statusCode(400)
                .body("detail", containsString("unknown extension project 'tpdm' (the simulator serves [sample])"));
        district("{\"extensions\": \"sample\"}").statusCode(400).body("detail", containsString("extensions must be"));
        district("{\"extensions\": []}").statusCode(200);
        assertThat(all("students")).isEqualTo(plain);
    }

    // ---- security --------------------------------------------------------------------------------------------

    @Test
    void vendorAndTemplatesNeedTheApiKeyAndAdminDoesNot() {
        problem(given().get("/vendor/v1/students"), 401);
        problem(given().header("X-API-Key", "wrong").get("/vendor/v1/students"), 401);
        problem(given().get("/templates/v1/demographic"), 401);
        vendor().get("/vendor/v1/students").then().statusCode(200);
        vendor().get("/templates/v1/demographic").then().statusCode(200);
        given().get("/admin/v1/district").then().statusCode(200);
        given().get("/admin/v1/faults").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    // ---- faults ----------------------------------------------------------------------------------------------

    @Test
    void downClosesTheConnectionWithoutAResponse() throws IOException {
        fault("{\"mode\":\"down\"}");
        Raw raw = rawGet("/vendor/v1/students");
        assertThat(raw.bytesReceived()).isZero();
        assertThat(rawGet("/templates/v1/demographic").bytesReceived()).isZero();
        assertThatThrownBy(() -> vendor().get("/vendor/v1/students")).isInstanceOf(IOException.class);
        given().get("/admin/v1/district").then().statusCode(200).body("fault.mode", equalTo("down"));
        fault("{\"mode\":\"none\"}");
        assertThat(rawGet("/vendor/v1/students?limit=3").statusLine()).contains("200");
    }

    @Test
    void slowWaitsTheDelayBeforeAnswering() {
        fault("{\"mode\":\"slow\",\"delaySeconds\":1,\"requests\":1}");
        given().get("/admin/v1/faults")
                .then()
                .body("mode", equalTo("slow"))
                .body("delaySeconds", equalTo(1))
                .body("requests", equalTo(1));
        long start = System.nanoTime();
        page("students", 0, 5);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1000);
        given().get("/admin/v1/faults").then().body("mode", equalTo("none"));
    }

    @Test
    void errorAnswers500WithAJsonBody() {
        fault("{\"mode\":\"error\"}");
        Response r = vendor().get("/vendor/v1/students");
        problem(r, 500);
        problem(vendor().get("/templates/v1/contacts"), 500);
    }

    @Test
    void truncateCutsTheBodyMidStream() throws IOException {
        fault("{\"mode\":\"truncate\"}");
        Raw json = rawGet("/vendor/v1/studentSchoolAttendanceEvents?limit=300");
        assertThat(json.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(json.complete()).as("the chunked body never ends").isFalse();
        String body = new String(json.body(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("[{\"sourceId\":\"ATT-000000000\"");
        assertThatThrownBy(() -> JSON.readTree(body)).isInstanceOf(IOException.class);
        assertThat(body).contains("ATT-000000149").doesNotContain("ATT-000000151");

        Raw csv = rawGet("/templates/v1/demographic");
        assertThat(csv.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(csv.complete()).isFalse();
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).doesNotEndWith("\r\n");
        assertThat(text.split("\r\n")).hasSize(1 + 60 + 1);

        Raw jsonTemplate = rawGet("/templates/v1/attendance?format=json");
        assertThat(jsonTemplate.complete()).isFalse();
        assertThatThrownBy(() -> JSON.readTree(jsonTemplate.body())).isInstanceOf(IOException.class);
        fault("{\"mode\":\"none\"}");
        assertThat(rawGet("/vendor/v1/students?limit=3").complete()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void malformedServesWellFormedBodiesWithBadRecords() throws IOException {
        fault("{\"mode\":\"malformed\"}");
        List<Map<String, Object>> students =
                JSON.readValue(page("students", 0, 40).asByteArray(), new TypeReference<>() {});
        assertThat(students).hasSize(40);
        assertThat(students.get(0).get("birthDate")).isEqualTo("2024-13-45");
        assertThat(students.get(10)).doesNotContainKey("studentUniqueId");
        assertThat(students.get(20).get("birthDate")).isEqualTo("2024-13-45");
        assertThat(students.get(1).get("birthDate")).isNotEqualTo("2024-13-45");
        assertThat(students.get(1)).containsKey("studentUniqueId");
        List<Map<String, Object>> events =
                JSON.readValue(page("studentSchoolAttendanceEvents", 0, 20).asByteArray(), new TypeReference<>() {});
        assertThat(events.get(0).get("eventDate")).isEqualTo("2024-13-45");
        assertThat((Map<String, Object>) events.get(10).get("studentReference")).doesNotContainKey("studentUniqueId");

        List<List<String>> csv =
                parseCsv(vendor().get("/templates/v1/demographic").asString());
        assertThat(csv).hasSize(121);
        long wrongWidth = csv.stream().filter(row -> row.size() != 12).count();
        assertThat(wrongWidth).isEqualTo(12);
        assertThat(csv.get(1).get(7)).isEqualTo("2024-13-45");
        assertThat(csv.get(11).get(1)).isEmpty();
        List<Map<String, String>> json = JSON.readValue(
                vendor().queryParam("format", "json")
                        .get("/templates/v1/enrollment")
                        .asByteArray(),
                new TypeReference<>() {});
        assertThat(json).hasSize(120);
        assertThat(json.get(0).get("EntryDate")).isEqualTo("2024-13-45");
        assertThat(json.get(10).get("StudentUniqueId")).isEmpty();
    }

    @Test
    void aFaultForNRequestsAppliesToExactlyN() {
        fault("{\"mode\":\"error\",\"requests\":2}");
        problem(vendor().get("/vendor/v1/students"), 500);
        given().get("/admin/v1/faults").then().body("mode", equalTo("error")).body("requests", equalTo(1));
        problem(vendor().get("/templates/v1/enrollment"), 500);
        vendor().get("/vendor/v1/students").then().statusCode(200);
        vendor().get("/vendor/v1/students").then().statusCode(200);
        given().get("/admin/v1/faults").then().body("mode", equalTo("none"));
        given().get("/admin/v1/district").then().statusCode(200);
    }

    /**
     * The columns of each template as docs/SIS-SIMULATOR.md lists them (its templates table: name, row, columns;
     * notes in parentheses left out), so the document and the templates cannot drift apart.
     */
    private static Map<String, List<String>> documentedColumns() throws IOException {
        Pattern row = Pattern.compile("^\\| `(\\w+)` \\| [^|]+ \\| (SourceId[^|]+) \\|$");
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("../docs/SIS-SIMULATOR.md"))) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                columns.put(
                        m.group(1),
                        Arrays.stream(m.group(2)
                                        .replaceAll("\\s*\\([^)]*\\)", "")
                                        .split(","))
                                .map(String::trim)
                                .toList());
            }
        }
        return columns;
    }
}
