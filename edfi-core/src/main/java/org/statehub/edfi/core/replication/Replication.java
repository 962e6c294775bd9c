package org.statehub.edfi.core.replication;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.core.config.ReplicationConfig;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.http.client.ServiceClient;
import org.statehub.http.client.TokenCache;

/**
 * The replicas this service keeps, one consumer per configured source, polled on a schedule. A source that
 * cannot be reached is retried with a doubling wait (up to {@code edfi.replication.max-backoff}); the service
 * keeps serving meanwhile. With school years (docs/decisions/0020, part 5) each poll catches up every year in turn,
 * each in its own data space, with its own backoff.
 */
@Singleton
public class Replication {

    private static final Logger LOG = Logger.getLogger(Replication.class);

    private final ReplicationConfig config;
    private final DataSpaces spaces;
    private final List<ReplicaConsumer> consumers = new ArrayList<>();
    private final Map<String, Long> nextAttempt = new ConcurrentHashMap<>();
    private final Map<String, Duration> backoff = new ConcurrentHashMap<>();

    @Inject
    public Replication(
            ReplicationConfig config,
            ResourceCatalog catalog,
            AgroalDataSource dataSource,
            ObjectMapper mapper,
            org.statehub.edfi.core.service.SkippedRecords skipped,
            DataSpaces spaces) {
        this.config = config;
        this.spaces = spaces;
        // one client (connections, time-outs, retries, this service's token) for every source
        ServiceClient http = new ServiceClient(
                ServiceClient.Settings.of(config.timeout()), config.credentials(), TokenCache.shared());
        config.sources().forEach((name, source) -> {
            java.util.Set<String> resources =
                    new java.util.LinkedHashSet<>(source.resources().orElse(java.util.Set.of()));
            if (source.descriptors()) {
                catalog.all().stream().filter(d -> d.descriptor()).forEach(d -> resources.add(d.key()));
            }
            for (String resource : resources) {
                if (catalog.find(resource) == null) {
                    throw new IllegalStateException("edfi.replication.sources." + name + ".resources names an unknown "
                            + "resource: " + resource);
                }
            }
            consumers.add(new ReplicaConsumer(
                    name,
                    new ChangeFeed(source.url(), mapper, http),
                    java.util.Set.copyOf(resources),
                    catalog,
                    dataSource,
                    config.overlap(),
                    skipped));
        });
    }

    public List<ReplicaConsumer> consumers() {
        return consumers;
    }

    @Scheduled(
            every = "${edfi.replication.interval:1s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!config.enabled()) {
            return;
        }
        spaces.forEach(space -> poll(DataSpaces.named(space)));
    }

    /** Catches every consumer up in the current data space ({@code named} in the log). */
    private void poll(String named) {
        long now = System.nanoTime();
        for (ReplicaConsumer consumer : consumers) {
            String key = DataSpaces.keyed(consumer.source());
            if (now < nextAttempt.getOrDefault(key, Long.MIN_VALUE)) {
                continue;
            }
            try {
                int applied = consumer.catchUp();
                if (backoff.remove(key) != null) {
                    LOG.infof("Replication from %s%s resumed", consumer.source(), named);
                }
                nextAttempt.remove(key);
                if (applied > 0) {
                    LOG.debugf("Replication from %s%s: %d changes applied", consumer.source(), named, applied);
                }
            } catch (Exception e) {
                Duration wait = backoff.merge(key, config.interval(), (old, unused) -> {
                    Duration doubled = old.multipliedBy(2);
                    return doubled.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : doubled;
                });
                nextAttempt.put(key, now + wait.toNanos());
                LOG.warnf(
                        "Replication from %s%s (%s) failed, next try in %s: %s",
                        consumer.source(), named, consumer.feed().baseUrl(), wait, e.toString());
            }
        }
    }
}
