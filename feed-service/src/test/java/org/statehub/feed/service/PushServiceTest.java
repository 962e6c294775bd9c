package org.statehub.feed.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.store.SisConnection;

/** A pushed batch's checks, without a database or pipeline. */
class PushServiceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final SisConnection PUSH = FakeConnections.connection("p", "push");

    @Test
    void aBatchOfRecordsAndDeletesRunsThroughThePipeline() throws Exception {
        FakePipeline pipeline = new FakePipeline();
        pipeline.retried = Optional.of(new Puller.PushResult(3, 1, 0, 1, 1, 0));
        var outcome = new PushService(pipeline)
                .push(PUSH, "students", JSON.readTree("{\"records\":[{\"sourceId\":\"S\"}],\"deletes\":[\"T\"]}"));
        assertThat(outcome).isEqualTo(new Outcome.Done<>(new Puller.PushResult(3, 1, 0, 1, 1, 0)));
        assertThat(pipeline.asked).containsExactly("push p students 1 [T]");
        pipeline.retried = Optional.empty();
        assertThat(new PushService(pipeline).push(PUSH, "students", JSON.readTree("[]")))
                .isInstanceOf(Outcome.Conflict.class);
    }

    @Test
    void badBatchesResourcesAndConnectionsAreRefusedBeforeThePipeline() throws Exception {
        FakePipeline pipeline = new FakePipeline();
        PushService service = new PushService(pipeline);
        assertThat(service.push(PUSH, "students", JSON.readTree("{\"records\":5,\"deletes\":{}}")))
                .isEqualTo(new Outcome.Invalid<>(Map.of(
                        "$.records", List.of("Records must be an array."),
                        "$.deletes", List.of("Deletes must be an array of source ids."))));
        assertThat(service.push(PUSH, "students", JSON.readTree("[1]")))
                .isEqualTo(new Outcome.Invalid<>(Map.of("$.records[0]", List.of("A record must be a JSON object."))));
        assertThat(service.push(PUSH, "grades", JSON.readTree("[]")))
                .isEqualTo(new Outcome.NotFound<>("The connection does not take 'grades'."));
        assertThat(service.push(FakeConnections.connection("a", "edfi-json"), "students", JSON.readTree("[]")))
                .isInstanceOf(Outcome.Conflict.class);
        assertThat(pipeline.asked).isEmpty();
    }
}
