package org.statehub.feed.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.feed.store.ResyncJobs;

/** A resync's rules without a database (docs/FEEDS.md, "Resync"): the hub's items as targets, and the report. */
class ResyncTargetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceDefinition ENROLLMENTS =
            ResourceCatalog.contract().find("studentSchoolAssociations");

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void anItemIsComparedByItsContractKeyWithoutTheHubsOwnMembersAndLinks() throws Exception {
        JsonNode served = json("{\"id\": \"abc\", \"_etag\": \"5\", \"_lastModifiedDate\": \"2026-01-01T00:00:00Z\","
                + " \"entryDate\": \"2026-08-20\", \"entryGradeLevelDescriptor\": \"uri://ed-fi.org/x#Ninth grade\","
                + " \"schoolReference\": {\"schoolId\": 255901001, \"link\": {\"rel\": \"School\", \"href\": \"/x\"}},"
                + " \"studentReference\": {\"studentUniqueId\": \"604822\"}}");

        ResyncJobs.Target target = ResyncTargets.of(JSON, ENROLLMENTS, served).orElseThrow();

        assertThat(target.resource()).isEqualTo("studentSchoolAssociations");
        assertThat(target.targetId()).isEqualTo("abc");
        assertThat(json(target.body()))
                .isEqualTo(json("{\"entryDate\": \"2026-08-20\","
                        + " \"entryGradeLevelDescriptor\": \"uri://ed-fi.org/x#Ninth grade\","
                        + " \"schoolReference\": {\"schoolId\": 255901001},"
                        + " \"studentReference\": {\"studentUniqueId\": \"604822\"}}"));
        assertThat(json(target.keyValues()))
                .isEqualTo(json("{\"entryDate\": \"2026-08-20\", \"schoolId\": 255901001,"
                        + " \"studentUniqueId\": \"604822\"}"));
        assertThat(json(target.naturalKey())).hasSize(3).contains(json("\"604822\""), json("255901001"));
        assertThat(served.has("id")).as("the page as served is left as it is").isTrue();
    }

    @Test
    void anItemThatIsNotAnObjectWithAnIdIsLeftOut() throws Exception {
        assertThat(ResyncTargets.of(JSON, ENROLLMENTS, json("[1]"))).isEmpty();
        assertThat(ResyncTargets.of(JSON, ENROLLMENTS, json("\"text\""))).isEmpty();
        assertThat(ResyncTargets.of(JSON, ENROLLMENTS, json("{\"entryDate\": \"2026-08-20\"}")))
                .isEmpty();
        assertThat(ResyncTargets.of(JSON, ENROLLMENTS, json("{\"id\": 7}"))).isEmpty();
        assertThat(ResyncTargets.of(JSON, ENROLLMENTS, json("{\"id\": \"  \"}")))
                .isEmpty();
    }

    @Test
    void theReportCountsEveryKeptOrphanByResourceAndNamesTheFirstTwenty() throws Exception {
        List<ResyncJobs.Orphan> kept = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            kept.add(new ResyncJobs.Orphan(
                    "students", "[\"S" + i + "\"]", json("{\"studentUniqueId\": \"S" + i + "\"}")));
        }
        kept.add(new ResyncJobs.Orphan("contacts", "[\"C1\"]", json("{\"contactUniqueId\": \"C1\"}")));
        ObjectNode report = JSON.createObjectNode();

        ResyncTargets.reportKept(report, kept);

        assertThat(report.path("sharedKept").asInt()).isEqualTo(26);
        assertThat(report.path("sharedKeptResources").path("students").asLong()).isEqualTo(25);
        assertThat(report.path("sharedKeptResources").path("contacts").asLong()).isEqualTo(1);
        assertThat(report.path("sharedKeptItems")).hasSize(ResyncTargets.KEPT_LISTED);
        assertThat(report.path("sharedKeptItems").get(0))
                .isEqualTo(json("{\"resource\": \"students\", \"keyValues\": {\"studentUniqueId\": \"S0\"}}"));
    }

    @Test
    void noKeptOrphanIsReportedAsNone() {
        ObjectNode report = JSON.createObjectNode();

        ResyncTargets.reportKept(report, List.of());

        assertThat(report.path("sharedKept").asInt()).isZero();
        assertThat(report.path("sharedKeptResources").isEmpty()).isTrue();
        assertThat(report.path("sharedKeptItems").isEmpty()).isTrue();
    }
}
