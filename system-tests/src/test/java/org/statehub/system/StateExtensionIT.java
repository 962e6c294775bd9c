package org.statehub.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.statehub.testing.EdFiBodies;

/**
 * A state extension added by data alone (issue 17's "done when"; docs/decisions/0020, step 5): the test writes the
 * {@code state} project (DC's enrollment stages 1-6 and their dates on studentSchoolAssociations, with the
 * project's own {@code enrollmentStageDescriptors}) into a folder of its own, and every process is started with
 * {@code EDFI_EXTENSIONS} naming that folder. No code of the hub knows the project.
 */
class StateExtensionIT {

    private static final String ADMIN = "state-extension-admin";
    private static final String ADMIN_SECRET = "state-extension-admin-secret-0123";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String STAGES = "uri://dc.gov/EnrollmentStageDescriptor";
    private static final long LEA = 2_551_000;
    private static final long SCHOOL = 255_100_001;

    /** DC's enrollment stages (seed 000, "Enrollment Stages"): code value, short description, description. */
    private static final List<List<String>> STAGE_VALUES = List.of(
            List.of("1", "Application", "Application by student to attend the LEA."),
            List.of(
                    "2",
                    "Acceptance and notification",
                    "Acceptance and notification of an available slot for the student by the LEA."),
            List.of(
                    "3",
                    "Acceptance of slot",
                    "Acceptance of slot by student and submission of enrollment information."),
            List.of(
                    "4",
                    "Registration in the SIS",
                    "Registration of the student in the Student Information System (SIS) by LEA."),
            List.of(
                    "5",
                    "Receipt of educational services",
                    "Receipt of educational services, meaning the student is physically attending the LEA."),
            List.of(
                    "6",
                    "Special education obligation",
                    "The LEA's obligation to determine eligibility for special education services or to provide"
                            + " special education services on an existing Individualized Education Program (IEP) is"
                            + " triggered upon completion of registration (stage 4)."));

    /** The folder the test writes the project into, named by {@code EDFI_EXTENSIONS} in every process. */
    private static final Path PROJECT = stateProject();

    @RegisterExtension
    static final Hub hub = Hub.of("statehub_state_extension", ADMIN, ADMIN_SECRET)
            .withSettings(Map.of("EDFI_EXTENSIONS", PROJECT.toString()));

    @BeforeAll
    static void stagesAndASchool() {
        for (List<String> stage : STAGE_VALUES) {
            ObjectNode descriptor = MAPPER.createObjectNode()
                    .put("namespace", STAGES)
                    .put("codeValue", stage.get(0))
                    .put("shortDescription", stage.get(1))
                    .put("description", stage.get(2));
            api().body(descriptor.toString())
                    .post("/data/v3/state/enrollmentStageDescriptors")
                    .then()
                    .statusCode(201);
        }
        hub.leaWithSchool(hub.adminToken(), LEA, SCHOOL);
    }

    @AfterAll
    static void removeTheProject() throws Exception {
        try (var files = Files.list(PROJECT)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(PROJECT);
    }

    /** A new folder holding the {@code state} project. */
    private static Path stateProject() {
        try {
            Path project = Files.createTempDirectory("state-extension").toAbsolutePath();
            writeStateProject(project);
            return project;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The project's files, as a state would write them (docs/ADMIN-GUIDE.md, "A state extension"). */
    private static void writeStateProject(Path project) throws java.io.IOException {
        Files.writeString(project.resolve("project.json"), """
                {
                  "projectName": "State",
                  "projectEndpointName": "state",
                  "version": "1.0.0",
                  "description": "What the state collects beyond Data Standard 5.2: DC's enrollment stages and their dates.",
                  "resources": "resources.json",
                  "extends": {
                    "studentSchoolAssociations": {
                      "schema": "studentSchoolAssociations.ext.schema.json",
                      "collections": [
                        {"path": "$._ext.state.enrollmentStages", "itemKey": ["enrollmentStageDescriptor"]}
                      ],
                      "descriptors": [
                        {"path": "$._ext.state.enrollmentStages[*].enrollmentStageDescriptor",
                         "descriptor": "EnrollmentStageDescriptor"}
                      ]
                    }
                  }
                }
                """);
        Files.writeString(project.resolve("resources.json"), """
                {
                  "descriptorResources": {
                    "ownerService": "enrollment-service",
                    "items": {"EnrollmentStageDescriptor": {}}
                  }
                }
                """);
        Files.writeString(project.resolve("studentSchoolAssociations.ext.schema.json"), """
                {
                  "description": "The state's members of an enrollment (the object under _ext.state).",
                  "type": ["object", "null"],
                  "additionalProperties": false,
                  "properties": {
                    "enrollmentStages": {
                      "description": "The enrollment stages the student has reached, each with its date.",
                      "type": ["array", "null"],
                      "items": {
                        "type": "object",
                        "additionalProperties": false,
                        "required": ["enrollmentStageDescriptor", "stageDate"],
                        "properties": {
                          "enrollmentStageDescriptor": {
                            "description": "The stage (state/enrollmentStageDescriptors).",
                            "type": "string",
                            "maxLength": 306,
                            "pattern": "^[^#]+#.+$"
                          },
                          "stageDate": {
                            "description": "The date the student reached the stage.",
                            "type": "string",
                            "format": "date"
                          }
                        }
                      }
                    }
                  }
                }
                """);
    }

    private static RequestSpecification api() {
        return hub.as(hub.adminToken());
    }

    private static long newest() {
        return hub.newestChangeVersion(hub.adminToken());
    }

    /** A new student's enrollment at the school, without extension members; the student is created. */
    private static ObjectNode enrollment() throws Exception {
        String student = "STX" + UUID.randomUUID().toString().substring(0, 8);
        api().body(EdFiBodies.student(student))
                .post("/data/v3/ed-fi/students")
                .then()
                .statusCode(201);
        return (ObjectNode) MAPPER.readTree(EdFiBodies.enrollment(student, SCHOOL));
    }

    private static ObjectNode stage(String code, String date) {
        return MAPPER.createObjectNode()
                .put("enrollmentStageDescriptor", STAGES + "#" + code)
                .put("stageDate", date);
    }

    private static ArrayNode stages(ObjectNode enrollment) {
        return enrollment
                .putObject("_ext")
                .putObject("state")
                .putArray("enrollmentStages")
                .add(stage("1", "2024-03-01"))
                .add(stage("2", "2024-04-15"));
    }

    @Test
    void theSixStagesAreDescriptorsOfTheProject() {
        api().queryParam("namespace", STAGES)
                .get("/data/v3/state/enrollmentStageDescriptors")
                .then()
                .statusCode(200)
                .body("codeValue", org.hamcrest.Matchers.containsInAnyOrder("1", "2", "3", "4", "5", "6"));
    }

    @Test
    void anEnrollmentWithItsStagesRoundTripsThroughTheGateway() throws Exception {
        long before = newest();
        ObjectNode enrollment = enrollment();
        ArrayNode stages = stages(enrollment);
        String location =
                hub.created(api().body(enrollment.toString()).post("/data/v3/ed-fi/studentSchoolAssociations"));
        JsonNode served = MAPPER.readTree(
                api().get(location).then().statusCode(200).extract().asString());
        assertThat(served.at("/_ext/state/enrollmentStages")).isEqualTo(stages);

        stages.add(stage("3", "2024-05-02")).add(stage("4", "2024-08-12"));
        api().body(enrollment.toString()).put(location).then().statusCode(204);
        api().get(location)
                .then()
                .statusCode(200)
                .body("_ext.state.enrollmentStages.size()", equalTo(4))
                .body("_ext.state.enrollmentStages[3].enrollmentStageDescriptor", equalTo(STAGES + "#4"))
                .body("_ext.state.enrollmentStages[3].stageDate", equalTo("2024-08-12"));
        String student = enrollment.at("/studentReference/studentUniqueId").asText();
        api().queryParam("minChangeVersion", before + 1)
                .queryParam("maxChangeVersion", newest())
                .get("/data/v3/ed-fi/studentSchoolAssociations")
                .then()
                .statusCode(200)
                .body("studentReference.studentUniqueId", hasItem(student));
    }

    @Test
    void anUnknownStageOrAnUnknownProjectIsRefused() throws Exception {
        ObjectNode enrollment = enrollment();
        stages(enrollment).set(0, stage("9", "2024-03-01"));
        api().body(enrollment.toString())
                .post("/data/v3/ed-fi/studentSchoolAssociations")
                .then()
                .statusCode(400)
                .body("validationErrors", hasKey("$._ext.state.enrollmentStages[0].enrollmentStageDescriptor"));

        ((ObjectNode) enrollment.get("_ext")).remove("state");
        ((ObjectNode) enrollment.get("_ext")).putObject("sample").put("membershipTypeDescriptor", "uri://x#y");
        api().body(enrollment.toString())
                .post("/data/v3/ed-fi/studentSchoolAssociations")
                .then()
                .statusCode(400)
                .body("validationErrors", hasKey("$._ext.sample"));
    }

    @Test
    void theMetadataListsTheStateProject() {
        hub.assertProjectPublished("State", "state", "/data/v3/state/enrollmentStageDescriptors");
    }
}
