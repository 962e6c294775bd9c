package org.statehub.feed.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.statehub.feed.domain.HoldRule.Deletes;

/** docs/FEEDS.md, "Safety holds", with the defaults (more than 5% of a resource with at least 20 records). */
class HoldRuleTest {

    private final HoldRule rule = new HoldRule(0.05, 20);

    @Test
    void aRunDeletingMoreThan5PercentOfAResourceIsHeld() {
        assertThat(rule.overLimit(List.of(new Deletes("students", 100, 6)))).contains("6 of 100 students (6%)");
    }

    @Test
    void exactly5PercentIsNotHeld() {
        assertThat(rule.overLimit(List.of(new Deletes("students", 100, 5)))).isEmpty();
    }

    @Test
    void aResourceWithFewerThan20RecordsIsNeverHeld() {
        assertThat(rule.overLimit(List.of(new Deletes("schools", 19, 19)))).isEmpty();
        assertThat(rule.overLimit(List.of(new Deletes("schools", 20, 2)))).contains("2 of 20 schools (10%)");
    }

    @Test
    void everyResourceOverTheLimitIsNamedInItsOrder() {
        assertThat(rule.overLimit(List.of(
                        new Deletes("contacts", 40, 40),
                        new Deletes("schools", 30, 1),
                        new Deletes("students", 200, 30))))
                .contains("40 of 40 contacts (100%), 30 of 200 students (15%)");
    }

    @Test
    void theReasonSaysWhatItWouldDeleteAndHowToDecide() {
        assertThat(rule.reason(42, "6 of 100 students (6%)"))
                .isEqualTo("Held: it would delete 6 of 100 students (6%), more than 5% of what this connection"
                        + " sent. Approve it (POST /feed/v1/runs/42/approve) to publish, or reject it (/reject).");
    }
}
