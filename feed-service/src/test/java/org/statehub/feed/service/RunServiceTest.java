package org.statehub.feed.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.statehub.feed.domain.Rejection;
import org.statehub.feed.domain.RunSummary;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.store.RunReads;

/** Runs and decisions on held runs, with a store of fixed runs and a recorded decider. */
class RunServiceTest {

    static RunSummary summary(long id, String status) {
        return new RunSummary(
                id,
                "c",
                "manual",
                status,
                null,
                Instant.EPOCH,
                null,
                10,
                0,
                2,
                0,
                0,
                new RunSummary.Publishing(0, 2, 0),
                1.25,
                null,
                null);
    }

    static final class FixedRuns implements RunReads {
        final List<Integer> limits = new ArrayList<>();

        @Override
        public List<RunSummary> runs(String connectionId, int limit) {
            limits.add(limit);
            return List.of(summary(7, "succeeded"));
        }

        @Override
        public Optional<RunSummary> run(long id) {
            return id == 7 ? Optional.of(summary(7, "held")) : Optional.empty();
        }

        @Override
        public List<Rejection> rejections(String connectionId, Long runId) {
            return List.of();
        }
    }

    @Test
    void theLimitIs50ByDefaultAnd1To500() throws Exception {
        FixedRuns store = new FixedRuns();
        RunService service = new RunService(store, new FakePipeline());
        assertThat(service.runs(null, null)).isInstanceOf(Outcome.Done.class);
        assertThat(service.runs("c", 500)).isInstanceOf(Outcome.Done.class);
        assertThat(store.limits).containsExactly(50, 500);
        assertThat(service.runs(null, 501))
                .isEqualTo(new Outcome.Invalid<>(Map.of("limit", List.of("Limit must be between 1 and 500."))));
        assertThat(service.runs(null, 0)).isInstanceOf(Outcome.Invalid.class);
    }

    @Test
    void anUnknownRunIsNotFound() throws Exception {
        RunService service = new RunService(new FixedRuns(), new FakePipeline());
        assertThat(service.run(8)).isEqualTo(new Outcome.NotFound<>("No run has the id 8."));
        assertThat(service.run(7)).isEqualTo(new Outcome.Done<>(summary(7, "held")));
    }

    @Test
    void aDecisionAnswersTheRunOrWhyItCannotBeDecided() throws Exception {
        FakePipeline approving = new FakePipeline().deciding(Puller.Decision.APPROVED);
        assertThat(new RunService(new FixedRuns(), approving).decide(7, true, "admin"))
                .isEqualTo(new Outcome.Done<>(summary(7, "held")));
        FakePipeline rejecting = new FakePipeline().deciding(Puller.Decision.REJECTED);
        assertThat(new RunService(new FixedRuns(), rejecting).decide(7, false, "admin"))
                .isInstanceOf(Outcome.Done.class);
        assertThat(approving.asked).containsExactly("7 true admin");
        assertThat(rejecting.asked).containsExactly("7 false admin");
        RunService notHeld = new RunService(new FixedRuns(), new FakePipeline().deciding(Puller.Decision.NOT_HELD));
        assertThat(notHeld.decide(7, true, "admin"))
                .isEqualTo(new Outcome.Conflict<>("Run 7 is not held (only a held run can be approved or rejected;"
                        + " a newer run supersedes an older held one)."));
        RunService none = new RunService(new FixedRuns(), new FakePipeline());
        assertThat(none.decide(9, false, "admin")).isEqualTo(new Outcome.NotFound<>("No run has the id 9."));
    }
}
