package org.statehub.feed.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.statehub.feed.store.RunStore;

/** The pull's "map" step (docs/FEEDS.md, "A pull, step by step", 2): what each preparer outcome puts in a batch. */
class MapStepTest {

    private final Puller.Counts counts = new Puller.Counts();
    private final Batch batch = new Batch();

    private static ObjectNode json(String member, String value) {
        return JsonNodeFactory.instance.objectNode().put(member, value);
    }

    @Test
    void aReadyRecordIsStagedWithItsKeyBodyAndHash() {
        MapStep.place(
                "students",
                new RecordPreparer.Ready(
                        "s1", "604822", json("studentUniqueId", "604822"), json("firstName", "Ana"), "h1"),
                counts,
                batch);
        assertThat(batch.staged)
                .containsExactly(new RunStore.Staged(
                        "students",
                        "s1",
                        "604822",
                        "{\"studentUniqueId\":\"604822\"}",
                        "{\"firstName\":\"Ana\"}",
                        "h1",
                        false));
        assertThat(batch.errors).isEmpty();
        assertThat(counts.read()).isEqualTo(1);
        assertThat(counts.held).isZero();
    }

    @Test
    void aHeldRecordGetsItsDataErrorAndIsStagedAsHeldSoItsHubCopyStays() {
        MapStep.place(
                "students",
                new RecordPreparer.Held(
                        "s2", "unmapped-code", "sexDescriptor", "No mapping of X", json("sourceId", "s2")),
                counts,
                batch);
        assertThat(batch.errors)
                .containsExactly(new RunStore.DataError(
                        "students",
                        "s2",
                        "unmapped-code",
                        "sexDescriptor",
                        "No mapping of X",
                        "{\"sourceId\":\"s2\"}"));
        assertThat(batch.staged).containsExactly(RunStore.Staged.held("students", "s2"));
        assertThat(counts.held).isEqualTo(1);
    }

    @Test
    void aHeldRecordWithoutSourceIdCannotBeTrackedAndKeepsOnlyItsError() {
        MapStep.place(
                "students",
                new RecordPreparer.Held(null, "invalid-record", "nul-character", "NUL at $.sourceId", null),
                counts,
                batch);
        assertThat(batch.staged).isEmpty();
        assertThat(batch.errors)
                .singleElement()
                .satisfies(e -> assertThat(e.record()).isNull());
    }

    @Test
    void aRecordOutsideTheSchoolYearsIsLeftAloneAndANotReportedOneIsLeftOut() {
        MapStep.place("studentSchoolAssociations", new RecordPreparer.OutOfScope("e1"), counts, batch);
        MapStep.place("studentSchoolAssociations", new RecordPreparer.NotReported("e2"), counts, batch);
        assertThat(batch.staged).containsExactly(RunStore.Staged.held("studentSchoolAssociations", "e1"));
        assertThat(batch.errors).isEmpty();
        assertThat(counts.read()).isEqualTo(2);
        assertThat(counts.held).isZero();
    }

    @Test
    void aBatchIsFullAt500RecordsOrErrors() {
        for (int i = 0; i < Batch.SIZE - 1; i++) {
            MapStep.place("students", new RecordPreparer.OutOfScope("s" + i), counts, batch);
        }
        assertThat(batch.full()).isFalse();
        MapStep.place("students", new RecordPreparer.OutOfScope("last"), counts, batch);
        assertThat(batch.full()).isTrue();
    }
}
