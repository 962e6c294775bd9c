package org.statehub.edfi.core.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.store.AccessAuditStore;
import org.statehub.edfi.core.store.AccessAuditStore.Access;
import org.statehub.jdbc.StoreException;
import org.statehub.jdbc.Transactions;

/**
 * The access log of student records: every request that read or wrote items of a student resource (students and
 * everything that references a student) is recorded with the client, correlation id, method, resource and the
 * ids touched. Entries are written by one background writer in batches, so requests do not wait on it; when the
 * queue is full the request writes its entry itself, and at shutdown the queue is drained: nothing is dropped.
 */
@Singleton
public class AccessAudit {

    private static final Logger LOG = Logger.getLogger(AccessAudit.class);
    private static final int BATCH = 500;

    @Inject
    AgroalDataSource dataSource;

    private final AccessAuditStore store = new AccessAuditStore();
    private final BlockingQueue<Access> queue = new LinkedBlockingQueue<>(100_000);
    private volatile boolean running;
    private Thread writer;

    /**
     * Whether accesses to the resource are audited: student records (declared {@code studentRecord} in the contract
     * data: students), and every resource that references one.
     */
    public static boolean audited(ResourceDefinition resource) {
        if (resource.has(ResourceDefinition.Rule.STUDENT_RECORD)) {
            return true;
        }
        return resource.references().stream()
                .anyMatch(r -> r.targets().stream().anyMatch(t -> {
                    ResourceDefinition target = ResourceCatalog.contract().find(t.resource());
                    return target != null && target.has(ResourceDefinition.Rule.STUDENT_RECORD);
                }));
    }

    /** Records an access to items of the resource, now, when the resource is audited and items were touched. */
    public void record(
            String clientId,
            String correlationId,
            String method,
            ResourceDefinition resource,
            List<UUID> ids,
            int status) {
        if (!ids.isEmpty() && audited(resource)) {
            record(new Access(
                    Instant.now(), clientId, correlationId, method, resource.key(), List.copyOf(ids), status));
        }
    }

    public void record(Access entry) {
        if (!queue.offer(entry)) {
            write(List.of(entry));
        }
    }

    /** The newest {@code limit} accesses, filtered as {@link AccessAuditStore#newest} says. */
    public List<Access> newest(String clientId, String resource, UUID item, Instant since, int limit) {
        return StoreException.unchecked(
                () -> Transactions.read(dataSource, c -> store.newest(c, clientId, resource, item, since, limit)));
    }

    void start(@Observes StartupEvent event) {
        running = true;
        writer = Thread.ofPlatform().name("access-audit-writer").daemon(true).start(this::run);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.join(10_000);
        }
        List<Access> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            write(rest);
        }
    }

    private void run() {
        List<Access> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Access first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<Access> entries) {
        for (int attempt = 1; ; attempt++) {
            try {
                Transactions.read(dataSource, Transactions.doing(c -> store.insert(c, entries)));
                return;
            } catch (SQLException e) {
                if (attempt >= 10) {
                    // the log is the last place left: an entry is never dropped silently
                    entries.forEach(entry -> LOG.errorf("Access audit entry not stored: %s", entry));
                    return;
                }
                LOG.errorf(e, "Access audit entries could not be written (attempt %d); retrying", attempt);
                try {
                    Thread.sleep(Math.min(10_000, 200L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
