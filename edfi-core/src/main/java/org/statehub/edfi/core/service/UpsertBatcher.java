package org.statehub.edfi.core.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import lombok.RequiredArgsConstructor;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.edfi.core.store.DocumentStore;
import org.statehub.edfi.core.store.DocumentStore.UpsertItem;
import org.statehub.edfi.core.store.DocumentStore.UpsertResult;

/**
 * Group commit for single-statement upserts. Concurrent requests queue their item; whichever request holds the
 * stripe's lock writes everything queued so far in one multi-row statement and one commit, then hands each
 * request its own result. With one client a batch is one item and nothing waits; under load PostgreSQL does one
 * statement and one WAL flush for many items. A request returns only after its item is committed; a failing
 * batch is retried item by item, so one item's error is never another's. Each data space has stripes of its own
 * (docs/decisions/0020, part 5): a batch is written on a connection of its writer's space, so only requests of one
 * school year are ever written together.
 */
final class UpsertBatcher {

    private static final int MAX_BATCH = 200;

    private final DataSource dataSource;
    private final DocumentStore store;
    private final int stripeCount;
    private final Map<String, Stripe[]> stripesBySpace = new ConcurrentHashMap<>();

    private static final class Stripe {
        final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
        final ReentrantLock lock = new ReentrantLock();
    }

    @RequiredArgsConstructor
    private static final class Pending {
        final UpsertItem item;
        UpsertResult result;
        SQLException failure;
        volatile boolean done;
    }

    UpsertBatcher(DataSource dataSource, DocumentStore store, int stripes) {
        this.dataSource = dataSource;
        this.store = store;
        this.stripeCount = Math.max(1, stripes);
    }

    private Stripe[] stripes() {
        return stripesBySpace.computeIfAbsent(DataSpaces.current().orElse(""), space -> {
            Stripe[] stripes = new Stripe[stripeCount];
            for (int i = 0; i < stripes.length; i++) {
                stripes[i] = new Stripe();
            }
            return stripes;
        });
    }

    UpsertResult upsert(String resource, String naturalKey, String body, String createdBy) throws SQLException {
        Stripe[] stripes = stripes();
        Stripe stripe = stripes[(int) (Thread.currentThread().threadId() % stripes.length)];
        Pending mine = new Pending(new UpsertItem(resource, naturalKey, body, createdBy));
        stripe.queue.add(mine);
        stripe.lock.lock();
        try {
            while (!mine.done) {
                write(drain(stripe.queue));
            }
        } finally {
            stripe.lock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    /** Up to MAX_BATCH queued items with distinct keys; a repeated key waits for the next batch. */
    private static List<Pending> drain(ConcurrentLinkedQueue<Pending> queue) {
        List<Pending> batch = new ArrayList<>();
        List<Pending> later = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Pending next;
        while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
            if (keys.add(next.item.resource() + '\u0000' + next.item.naturalKey())) {
                batch.add(next);
            } else {
                later.add(next);
            }
        }
        queue.addAll(later);
        return batch;
    }

    private void write(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (batch.size() > 1) {
            try (Connection c = dataSource.getConnection()) {
                List<UpsertResult> results =
                        store.upsertMany(c, batch.stream().map(p -> p.item).toList());
                for (int i = 0; i < batch.size(); i++) {
                    complete(batch.get(i), results.get(i), null);
                }
                return;
            } catch (SQLException e) {
                // fall through: each item on its own, so each gets its own outcome
            }
        }
        for (Pending pending : batch) {
            try (Connection c = dataSource.getConnection()) {
                PendingResult r = new PendingResult(store.upsert(
                        c,
                        pending.item.resource(),
                        pending.item.naturalKey(),
                        pending.item.body(),
                        pending.item.createdBy()));
                complete(pending, r.result, null);
            } catch (SQLException e) {
                complete(pending, null, e);
            }
        }
    }

    private record PendingResult(UpsertResult result) {}

    private static void complete(Pending pending, UpsertResult result, SQLException failure) {
        pending.result = result;
        pending.failure = failure;
        pending.done = true;
    }
}
