package org.statehub.feed.delivery;

import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Runs the outbox delivery on a schedule: batches until the outbox has nothing due (at most a bounded number). */
@Singleton
public class Publisher {

    private static final Logger LOG = Logger.getLogger(Publisher.class);
    private static final int BATCHES_PER_TICK = 50;

    @Inject
    Delivery delivery;

    @Inject
    org.statehub.feed.config.FeedConfig config;

    @Scheduled(
            every = "${feed.delivery.interval:1s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publish() {
        if (!config.delivery().enabled()) {
            return;
        }
        try {
            for (int i = 0; i < BATCHES_PER_TICK && delivery.deliverBatch() > 0; i++) {
                // next batch
            }
        } catch (Exception e) {
            LOG.warnf(e, "Outbox delivery failed; it is tried again shortly");
        }
    }
}
