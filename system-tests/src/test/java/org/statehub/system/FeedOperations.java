package org.statehub.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.statehub.simulator.domain.ResourceType;

/**
 * What the system tests do alike with feed-service and its simulated vendor: start sis-simulator, read its code
 * mappings, start pulls and resyncs and follow them to their end, check what a resync reports. {@code caller}
 * gives a fresh request each time (to feed-service directly or through the gateway, with a token).
 */
final class FeedOperations {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The student records a vendor sends (by pull, push or template): the simulated vendor's per-student resources. */
    static final List<String> STUDENT_RECORDS = Arrays.stream(ResourceType.values())
            .filter(type -> type.perStudent() > 0)
            .map(ResourceType::path)
            .toList();

    private FeedOperations() {}

    /**
     * Starts sis-simulator as a district's vendor of {@code students} students (seed 7) answering the API key
     * {@code apiKey}, with {@code settings} besides.
     */
    static ServiceProcess startVendor(int students, String apiKey, Map<String, String> settings) throws Exception {
        Map<String, String> environment = new HashMap<>(settings);
        environment.putAll(Map.of("SIM_STUDENTS", Integer.toString(students), "SIM_SEED", "7", "SIM_API_KEY", apiKey));
        ServiceProcess simulator = new ServiceProcess("sis-simulator", environment);
        simulator.start();
        return simulator;
    }

    /** The simulated vendor's code mappings (sis-simulator's acme-code-mappings.json), as the file has them. */
    static String vendorMappingsText() throws IOException {
        return Files.readString(Path.of(System.getProperty("statehub.root", ".."))
                .resolve("sis-simulator/src/main/resources/acme-code-mappings.json"));
    }

    /** The simulated vendor's code mappings, parsed. */
    static JsonNode vendorMappings() throws IOException {
        return JSON.readTree(vendorMappingsText());
    }

    /** The mapping of the vendor's guardian relation code {@code GU}. */
    static boolean isGuardianMapping(JsonNode mapping) {
        return mapping.path("descriptor").asText().equals("RelationDescriptor")
                && mapping.path("vendorCode").asText().equals("GU");
    }

    /** The JSON of a 200 answer. */
    static JsonNode json(Response response) throws IOException {
        return JSON.readTree(response.then().statusCode(200).extract().asString());
    }

    /** Starts a pull of the connection: its run's id. */
    static long startPull(RequestSpecification caller, String connectionId) {
        return accepted(caller.post("/feed/v1/connections/" + connectionId + "/pulls"), "runId");
    }

    /** Waits until the run has finished and everything it queued was delivered or refused: the run then. */
    static JsonNode awaitRun(Supplier<RequestSpecification> caller, long runId, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            JsonNode run = json(caller.get().get("/feed/v1/runs/" + runId));
            boolean finished = !run.path("status").asText().equals("running")
                    && run.path("publishing").path("pending").asLong() == 0;
            if (finished) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Run " + runId + " did not finish: " + run);
            }
            Thread.sleep(200);
        }
    }

    /**
     * Resyncs the connection and follows the job to its end (its progress never past its total; it succeeded; its
     * run finished): the job as last shown.
     */
    static JsonNode resync(Supplier<RequestSpecification> caller, String connectionId) throws Exception {
        long job =
                accepted(caller.get().body("{}").post("/feed/v1/connections/" + connectionId + "/resync"), "resyncId");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            JsonNode status = json(caller.get().get("/feed/v1/resyncs/" + job));
            assertThat(status.path("done").asLong())
                    .as("progress " + status)
                    .isLessThanOrEqualTo(status.path("total").asLong());
            if (!status.path("status").asText().equals("running")) {
                assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("succeeded");
                awaitRun(caller, status.path("runId").asLong(), Duration.ofSeconds(120));
                return status;
            }
            assertThat(System.nanoTime()).as("resync did not finish: " + status).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /**
     * A resync's report after changes behind the feed's back: two orphans deleted, one missing and one altered record
     * republished, its run succeeded.
     */
    static void assertRepaired(JsonNode report) {
        assertThat(report.path("orphansDeleted").asLong()).as(report.toString()).isEqualTo(2);
        assertThat(report.path("missingRepublished").asLong())
                .as(report.toString())
                .isEqualTo(1);
        assertThat(report.path("alteredRepublished").asLong())
                .as(report.toString())
                .isEqualTo(1);
        assertThat(report.path("runStatus").asText()).isEqualTo("succeeded");
    }

    /** What a resync's report counts as repaired or sent: orphans, missing, altered, upserts and deletes. */
    static long repairs(JsonNode report) {
        return report.path("orphansDeleted").asLong()
                + report.path("missingRepublished").asLong()
                + report.path("alteredRepublished").asLong()
                + report.path("upserts").asLong()
                + report.path("deletes").asLong();
    }

    /** The id a 202 answer names as {@code member}. */
    private static long accepted(Response response, String member) {
        return ((Number) response.then().statusCode(202).extract().path(member)).longValue();
    }
}
