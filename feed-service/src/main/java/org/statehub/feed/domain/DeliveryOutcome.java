package org.statehub.feed.domain;

import java.time.Duration;

/**
 * How one outbox row's delivery ended this time, and the rules that decide it (docs/FEEDS.md, Publishing): 2xx
 * (and 404 for a delete) is delivered; 401, 408, 429, 5xx and an unreachable hub are retried, waiting 1, 2, 4... s
 * up to the maximum backoff; any other answer is a refusal, kept with the hub's answer. {@code targetId}: the hub's
 * id of the item, when the answer named it.
 */
public record DeliveryOutcome(Kind kind, Integer httpStatus, String detail, String targetId) {

    public enum Kind {
        DELIVERED,
        /** A failure that may pass: the row stays pending and is tried again after a wait. */
        RETRY,
        REJECTED;

        /** The row's status after this outcome. */
        public OutboxStatus stored() {
            return switch (this) {
                case DELIVERED -> OutboxStatus.DELIVERED;
                case RETRY -> OutboxStatus.PENDING;
                case REJECTED -> OutboxStatus.REJECTED;
            };
        }
    }

    /** The outcome of the hub's answer {@code status}; for a delete, 404 (already absent) is delivered too. */
    public static DeliveryOutcome answered(int status, String body, boolean delete, String locationId) {
        if (status >= 200 && status < 300 || delete && status == 404) {
            return new DeliveryOutcome(Kind.DELIVERED, status, null, locationId);
        }
        return failure(status, body == null ? "" : body);
    }

    /** A refusal, or a failure that may pass (401, 408, 429, 5xx) and is retried. */
    public static DeliveryOutcome failure(int status, String detail) {
        boolean passing = status == 401 || status == 408 || status == 429 || status >= 500;
        return new DeliveryOutcome(passing ? Kind.RETRY : Kind.REJECTED, status, detail, null);
    }

    /** The hub could not be reached, or answered what cannot be read: tried again. */
    public static DeliveryOutcome retry(Integer status, String detail) {
        return new DeliveryOutcome(Kind.RETRY, status, detail, null);
    }

    /** A row that cannot be sent (it fails inside feed-service, or nothing can send it): never tried again. */
    public static DeliveryOutcome undeliverable(String detail) {
        return new DeliveryOutcome(Kind.REJECTED, null, detail, null);
    }

    /** This outcome, naming the item {@code id} when it was delivered and its answer named none. */
    public DeliveryOutcome withId(String id) {
        return targetId != null
                ? this
                : new DeliveryOutcome(kind, httpStatus, detail, kind == Kind.DELIVERED ? id : null);
    }

    /** The wait before a row retried after {@code attempts} earlier attempts is tried again: 1, 2, 4... s, capped. */
    public static long retryWaitSeconds(int attempts, Duration maxBackoff) {
        return Math.min(maxBackoff.toSeconds(), 1L << Math.min(20, attempts));
    }
}
