package org.statehub.feed.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.statehub.feed.domain.ErrorQuery;
import org.statehub.feed.domain.RetryResult;
import org.statehub.feed.pipeline.Puller;

/** The data-error queue's rules without a database. */
class ErrorQueueServiceTest {

    static ErrorQuery asked(String state, String sort, Integer limit, Integer offset) {
        return new ErrorQuery(
                state, null, null, null, null, null, null, null, null, null, null, sort, limit, offset, null);
    }

    @Test
    void theQueueIsOpenErrorsOldestFirst100AtATimeByDefault() throws Exception {
        FakeErrorQueue queue = new FakeErrorQueue();
        new ErrorQueueService(queue, new FakeConnections(), new FakePipeline()).list(asked(null, null, null, null));
        assertThat(queue.asked).containsExactly(asked("open", "age", 100, 0));
    }

    @Test
    void unknownStatesAndSortsAndLimitsOutOfRangeAreRefusedTogether() throws Exception {
        FakeErrorQueue queue = new FakeErrorQueue();
        var outcome = new ErrorQueueService(queue, new FakeConnections(), new FakePipeline())
                .list(asked("closed", "sideways", 1001, null));
        assertThat(outcome)
                .isEqualTo(new Outcome.Invalid<>(Map.of(
                        "state", List.of("State is one of open, resolved, archived, all."),
                        "sort", List.of("Sort is one of [age, lastSeen, newest]."),
                        "limit", List.of("Limit is 1..1000 and offset >= 0."))));
        assertThat(queue.asked).isEmpty();
    }

    @Test
    void archivingOneErrorThatIsNotOpenIsAConflictAndTheNoteIsKept() throws Exception {
        FakeErrorQueue queue = new FakeErrorQueue();
        ErrorQueueService service = new ErrorQueueService(queue, new FakeConnections(), new FakePipeline());
        assertThat(service.archive(List.of(4L), null, "admin"))
                .isEqualTo(new Outcome.Conflict<>("Error 4 is not open (or does not exist)."));
        assertThat(service.archive(List.of(4L, 5L), "closed school", "admin"))
                .isEqualTo(new Outcome.Done<>(Map.of("archived", 0)));
        assertThat(queue.asked).containsExactly("admin: Archived.", "admin: Archived: closed school");
    }

    @Test
    void aRetryResendsRefusedChangesPreparesHeldRecordsAgainAndSkipsBusyConnections() throws Exception {
        FakeErrorQueue queue = new FakeErrorQueue();
        queue.resent = 2;
        Puller.HeldRecord held = new Puller.HeldRecord("students", "S-1", "{}");
        queue.held.put("a", List.of(held, held));
        queue.held.put("gone", List.of(held));
        FakeConnections connections = new FakeConnections().with(FakeConnections.connection("a", "edfi-json"));
        FakePipeline pipeline = new FakePipeline();
        pipeline.retried = Optional.of(new Puller.PushResult(9, 2, 1, 1, 0, 0));
        ErrorQueueService service = new ErrorQueueService(queue, connections, pipeline);
        assertThat(service.retry(List.of(1L, 2L, 3L))).isEqualTo(new RetryResult(2, 2, 1, null));
        assertThat(pipeline.asked).containsExactly("retry a 2");
        pipeline.retried = Optional.empty();
        assertThat(service.retry(List.of(1L)).skipped())
                .isEqualTo("A pull of [a] is running; it prepares these records itself.");
    }
}
