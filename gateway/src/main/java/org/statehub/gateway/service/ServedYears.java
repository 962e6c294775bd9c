package org.statehub.gateway.service;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import lombok.RequiredArgsConstructor;
import org.jboss.logging.Logger;
import org.statehub.gateway.persistence.OdsInstanceRepository;
import org.statehub.http.SchoolYears;
import org.statehub.jdbc.StoreException;

/**
 * The school years the gateway serves (docs/decisions/0020, part 5, step 20): in a deployment that keeps years apart
 * ({@link SchoolYears}), the years of the ODS instances' {@code schoolYearFromRoute} contexts. The years of
 * {@code HUB_YEARS} get their instance at start (its id the year); a year created through
 * {@code /adminapi/v2/odsInstances} is served from then on without a restart: at once by the gateway that created
 * it, within {@link #REFRESH_MILLIS} by the others. Kept in memory, so routing on the event loop never waits for
 * the database. Without years nothing is served.
 */
@Singleton
@RequiredArgsConstructor
public class ServedYears {

    private static final Logger LOG = Logger.getLogger(ServedYears.class);

    /** How often the years are read again, for the instances another gateway created. */
    static final long REFRESH_MILLIS = 5_000;

    private final SchoolYears configured;
    private final OdsInstanceRepository instances;

    private volatile Set<String> years = Set.of();

    void start(@Observes StartupEvent event, Vertx vertx) {
        if (!configured.enabled()) {
            return;
        }
        configured.years().forEach(instances::seed);
        reload();
        vertx.setPeriodic(
                REFRESH_MILLIS,
                timer -> vertx.executeBlocking(
                        () -> {
                            reload();
                            return null;
                        },
                        false));
    }

    /** Whether the deployment keeps school years apart. */
    public boolean enabled() {
        return configured.enabled();
    }

    /** Whether {@code year} is served. */
    public boolean serves(String year) {
        return years.contains(year);
    }

    /** The years served, in order. */
    public List<String> years() {
        return List.copyOf(new TreeSet<>(years));
    }

    /** Reads the years again (after a change of the instances); what was read last holds when the database fails. */
    public void reload() {
        if (!configured.enabled()) {
            return;
        }
        try {
            years = Set.copyOf(instances.years());
        } catch (StoreException e) {
            LOG.warnf("The school years served cannot be read (%s); the years read last hold", e.getMessage());
        }
    }
}
