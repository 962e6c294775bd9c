package org.statehub.feed.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.statehub.feed.domain.DeliveryOutcome.Kind;

/** The retry rules of docs/FEEDS.md, "Publishing (the outbox)", without a hub or a database. */
class DeliveryOutcomeTest {

    @Test
    void a2xxIsDeliveredAndKeepsTheHubsId() {
        DeliveryOutcome outcome = DeliveryOutcome.answered(201, "", false, "abc");
        assertThat(outcome.kind()).isEqualTo(Kind.DELIVERED);
        assertThat(outcome.targetId()).isEqualTo("abc");
        assertThat(outcome.kind().stored()).isEqualTo(OutboxStatus.DELIVERED);
    }

    @Test
    void a404ForADeleteIsDeliveredButNotForAnUpsert() {
        assertThat(DeliveryOutcome.answered(404, "{}", true, null).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(DeliveryOutcome.answered(404, "{}", false, null).kind()).isEqualTo(Kind.REJECTED);
    }

    @Test
    void a401_408_429And5xxAreRetriedAndStayPending() {
        for (int status : new int[] {401, 408, 429, 500, 502, 503}) {
            DeliveryOutcome outcome = DeliveryOutcome.answered(status, "busy", false, null);
            assertThat(outcome.kind()).as("status %d", status).isEqualTo(Kind.RETRY);
            assertThat(outcome.kind().stored()).isEqualTo(OutboxStatus.PENDING);
            assertThat(outcome.detail()).isEqualTo("busy");
        }
    }

    @Test
    void otherRefusalsAreRejectedWithTheHubsAnswer() {
        for (int status : new int[] {400, 403, 409, 413}) {
            DeliveryOutcome outcome = DeliveryOutcome.answered(status, "{\"detail\":\"no\"}", false, null);
            assertThat(outcome.kind()).as("status %d", status).isEqualTo(Kind.REJECTED);
            assertThat(outcome.httpStatus()).isEqualTo(status);
            assertThat(outcome.detail()).isEqualTo("{\"detail\":\"no\"}");
        }
        assertThat(DeliveryOutcome.answered(400, null, false, null).detail()).isEmpty();
    }

    @Test
    void anUndeliverableRowIsRejectedWithoutAStatusSoItNeverHoldsBackLaterRanks() {
        DeliveryOutcome outcome = DeliveryOutcome.undeliverable("cannot be prepared");
        assertThat(outcome.kind().stored()).isEqualTo(OutboxStatus.REJECTED);
        assertThat(outcome.httpStatus()).isNull();
    }

    @Test
    void aRetryWaits1_2_4SecondsUpToTheMaximumBackoff() {
        Duration max = Duration.ofMinutes(5);
        assertThat(DeliveryOutcome.retryWaitSeconds(0, max)).isEqualTo(1);
        assertThat(DeliveryOutcome.retryWaitSeconds(1, max)).isEqualTo(2);
        assertThat(DeliveryOutcome.retryWaitSeconds(2, max)).isEqualTo(4);
        assertThat(DeliveryOutcome.retryWaitSeconds(8, max)).isEqualTo(256);
        assertThat(DeliveryOutcome.retryWaitSeconds(9, max)).isEqualTo(300);
        assertThat(DeliveryOutcome.retryWaitSeconds(10_000, max)).isEqualTo(300);
    }

    @Test
    void aKeyChangeKeepsTheIdItWasSentToOnlyWhenDelivered() {
        assertThat(DeliveryOutcome.answered(204, null, false, null)
                        .withId("old")
                        .targetId())
                .isEqualTo("old");
        assertThat(DeliveryOutcome.answered(200, null, false, "named")
                        .withId("old")
                        .targetId())
                .isEqualTo("named");
        assertThat(DeliveryOutcome.answered(409, "{}", false, null)
                        .withId("old")
                        .targetId())
                .isNull();
    }

    @Test
    void statesAreStoredAsTheWordsTheSchemaLists() {
        assertThat(Operation.KEY_CHANGE.value()).isEqualTo("key-change");
        assertThat(Stored.of(Operation.class, "key-change")).isEqualTo(Operation.KEY_CHANGE);
        assertThat(Stored.of(RunStatus.class, "held")).isEqualTo(RunStatus.HELD);
        assertThat(RunTrigger.PREVIEW.value()).isEqualTo("preview");
        assertThat(OutboxStatus.PENDING.value()).isEqualTo("pending");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Stored.of(RunStatus.class, "Held"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
