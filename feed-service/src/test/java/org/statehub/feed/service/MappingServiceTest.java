package org.statehub.feed.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.SisConnection;

/** Code mappings: their checks, and the held records a change releases, without a database. */
class MappingServiceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final SisConnection A = FakeConnections.connection("a", "edfi-json");

    @Test
    void eachBadMappingIsNamedByItsPlaceAndNothingIsStored() throws Exception {
        FakeConnections connections = new FakeConnections().with(A);
        MappingService service = new MappingService(connections, new FakeErrorQueue(), new FakePipeline());
        var outcome = service.put(
                A, JSON.readTree("[{\"descriptor\":\"Sex\",\"vendorCode\":\" \",\"uri\":\"F\",\"schoolYear\":3}]"));
        assertThat(((Outcome.Invalid<?>) outcome).errors())
                .containsOnlyKeys("$[0].descriptor", "$[0].vendorCode", "$[0].uri", "$[0].schoolYear");
        assertThat(service.put(A, JSON.readTree("{}")))
                .isEqualTo(new Outcome.Invalid<>(Map.of("$", List.of("An array of mappings is expected."))));
        assertThat(connections.mappings).isEmpty();
    }

    @Test
    void newMappingsReleaseTheRecordsTheirCodesHeld() throws Exception {
        FakeConnections connections = new FakeConnections().with(A);
        FakeErrorQueue errors = new FakeErrorQueue();
        errors.held.put("a", List.of(new Puller.HeldRecord("students", "S-1", "{}")));
        FakePipeline pipeline = new FakePipeline();
        pipeline.retried = Optional.of(new Puller.PushResult(9, 3, 1, 2, 0, 0));
        var outcome = new MappingService(connections, errors, pipeline)
                .put(
                        A,
                        JSON.readTree("[{\"descriptor\":\"SexDescriptor\",\"vendorCode\":\"F\","
                                + "\"uri\":\"uri://ed-fi.org/SexDescriptor#Female\"}]"));
        ConnectionStore.Mapping female =
                new ConnectionStore.Mapping("SexDescriptor", "F", 0, "uri://ed-fi.org/SexDescriptor#Female");
        assertThat(outcome).isEqualTo(new Outcome.Done<>(new MappingService.Changed(List.of(female), 2)));
        assertThat(pipeline.asked).containsExactly("retry a 1");
    }

    @Test
    void aRolloverIsBetweenTwoDifferentSchoolYearsAndAnUnknownMappingIsNotFound() throws Exception {
        MappingService service = new MappingService(new FakeConnections(), new FakeErrorQueue(), new FakePipeline());
        assertThat(service.rollover("a", 2025, 2025)).isInstanceOf(Outcome.Invalid.class);
        assertThat(service.rollover("a", 1989, 2025)).isInstanceOf(Outcome.Invalid.class);
        assertThat(service.rollover("a", 2025, 2026)).isEqualTo(new Outcome.Done<>(Map.of("copied", 0)));
        assertThat(service.delete("a", "SexDescriptor", "F", null))
                .isEqualTo(new Outcome.NotFound<>("No such mapping."));
    }
}
