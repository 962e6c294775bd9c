package org.statehub.feed.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.statehub.feed.domain.LeaStatus;
import org.statehub.feed.store.StatusReads;

/** The status answer assembled from the store's rows, without a database. */
class StatusServiceTest {

    static final LeaStatus.ConnectionStatus A = new LeaStatus.ConnectionStatus(
            "a", "Acme", "edfi-json", true, Instant.parse("2025-01-02T14:00:00Z"), null, null);
    static final LeaStatus.ConnectionStatus B =
            new LeaStatus.ConnectionStatus("b", "Other", "push", true, null, null, null);
    static final LeaStatus.FeedCounts COUNTS = new LeaStatus.FeedCounts(3, 1, 0, 2, 0);

    /** A store answering fixed rows, remembering what it was asked. */
    static final class FixedReads implements StatusReads {
        int days;
        Long leaId;

        @Override
        public List<LeaConnection> connections(Long leaId) {
            this.leaId = leaId;
            return List.of(new LeaConnection(255902, B), new LeaConnection(255901, A));
        }

        @Override
        public List<LeaDay> days(int days, Long leaId) {
            this.days = days;
            return List.of(
                    new LeaDay(255901, new LeaStatus.DayRuns("2025-01-01", 2, 1, 0, 10, 1)),
                    new LeaDay(255901, new LeaStatus.DayRuns("2025-01-03", 1, 0, 1, 5, 0)));
        }

        @Override
        public List<LeaFeed> feeds(int days, Long leaId) {
            return List.of(
                    new LeaFeed(255901, "2025-01-03", "enrollment", COUNTS),
                    new LeaFeed(255901, "2025-01-03", "demographic", COUNTS));
        }
    }

    @Test
    void leasComeInIdOrderWithTheirDaysNewestFirstAndFeedsByName() throws Exception {
        FixedReads reads = new FixedReads();
        var outcome = new StatusService(reads).status(null, null);
        assertThat(reads.days).isEqualTo(7);
        List<LeaStatus> leas = ((Outcome.Done<List<LeaStatus>>) outcome).value();
        assertThat(leas).extracting(LeaStatus::localEducationAgencyId).containsExactly(255901L, 255902L);
        LeaStatus first = leas.get(0);
        assertThat(first.connections()).containsExactly(A);
        assertThat(first.days()).extracting(LeaStatus.DayStatus::date).containsExactly("2025-01-03", "2025-01-01");
        assertThat(first.days().get(0).feeds().keySet()).containsExactly("demographic", "enrollment");
        assertThat(first.days().get(0).runs()).isEqualTo(1L);
        assertThat(first.days().get(1).feeds()).isNull();
        assertThat(leas.get(1).days()).isEmpty();
    }

    @Test
    void daysOutside1To90AreRefusedBeforeAnythingIsRead() throws Exception {
        FixedReads reads = new FixedReads();
        assertThat(new StatusService(reads).status(91, 255901L))
                .isEqualTo(new Outcome.Invalid<>(Map.of("days", List.of("Days is 1..90."))));
        assertThat(new StatusService(reads).status(0, null)).isInstanceOf(Outcome.Invalid.class);
        assertThat(reads.leaId).isNull();
        new StatusService(reads).status(90, 255901L);
        assertThat(reads.days).isEqualTo(90);
        assertThat(reads.leaId).isEqualTo(255901L);
    }
}
