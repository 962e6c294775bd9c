package org.statehub.feed.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A refused outbox row as its record's data error (docs/FEEDS.md, "Publishing"), without a database. */
class RefusalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aProblemBodyGivesItsStatusAndTypeAsTheCodeAndItsDetailErrorsAndValidationErrorsAsTheMessage() {
        DeliveryOutcome refused = DeliveryOutcome.failure(
                400,
                "{\"type\": \"urn:ed-fi:api:bad-request:data-validation-failed\", \"detail\": \"Data validation"
                        + " failed.\", \"errors\": [\"One.\"], \"validationErrors\": {\"$.sexDescriptor\":"
                        + " [\"The value 'x' is not allowed.\"]}}");

        Refusal refusal = Refusal.of(refused, Operation.UPSERT, JSON);

        assertThat(refusal.code()).isEqualTo("400 urn:ed-fi:api:bad-request:data-validation-failed");
        assertThat(refusal.message())
                .isEqualTo("The hub refused the upsert: Data validation failed. One. $.sexDescriptor: The value 'x'"
                        + " is not allowed.");
    }

    @Test
    void anAnswerThatIsNotAProblemBodyIsKeptAsItIs() {
        Refusal refusal = Refusal.of(DeliveryOutcome.failure(409, "<html>conflict</html>"), Operation.DELETE, JSON);

        assertThat(refusal.code()).isEqualTo("409");
        assertThat(refusal.message()).isEqualTo("The hub refused the delete: <html>conflict</html>");
    }

    @Test
    void aRowThatFailedInsideFeedServiceIsUndeliverableWithItsOwnMessage() {
        Refusal refusal = Refusal.of(
                DeliveryOutcome.undeliverable("The connection has no publishing client."), Operation.KEY_CHANGE, JSON);

        assertThat(refusal.code()).isEqualTo("undeliverable");
        assertThat(refusal.message()).isEqualTo("The connection has no publishing client.");
    }
}
