package org.statehub.edfi.core.dataspace;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;
import org.statehub.http.ClientDirectory;
import org.statehub.http.SchoolYears;

/**
 * The school years this service keeps apart (docs/decisions/0020, part 5): each a schema named after the service's
 * own with the year ({@code student_2026}), made and migrated at start by the service's Flyway migrations, and the
 * data space of the work at hand: a request's (its checked {@code Hub-Data-Space} header, {@link RequestDataSpace}),
 * or background work's ({@link #within}). The years are hub-http's {@link SchoolYears} (the settings the gateway
 * reads too), migrated at start, and the years the gateway serves beyond them (its ODS instances, read through the
 * client directory, {@link ClientDirectory#schoolYears()}), each migrated and seeded the first time it is asked for
 * (a request naming it, or the background work's round of the spaces), so a year an administrator creates is
 * served without a restart; without years the service's one schema is the only data space.
 */
@Singleton
public class DataSpaces {

    private static final Logger LOG = Logger.getLogger(DataSpaces.class);

    /** The header naming a request's data space (the gateway sets it from the URL's year). */
    public static final String HEADER = SchoolYears.HEADER;

    /** Background work's data space, bound by {@link #within} for the duration of the work. */
    private static final ThreadLocal<String> BOUND = new ThreadLocal<>();

    /**
     * How many times each year was dropped in this process ({@link #forget}): part of {@link #keyed} keys, so what
     * is kept in memory of a dropped year is never taken for the year made again.
     */
    private static final ConcurrentHashMap<String, Integer> DROPS = new ConcurrentHashMap<>();

    /** Work in a data space. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** Work in each data space in turn, told which. */
    @FunctionalInterface
    public interface EachSpace<E extends Exception> {
        void run(Optional<String> space) throws E;
    }

    private final SchoolYears years;
    private final String base;
    private final Instance<StartupSeed> seeds;
    private final Instance<ClientDirectory> directory;

    /** The years whose schema is migrated (a connection may be set to it). */
    private final Set<String> migrated = ConcurrentHashMap.newKeySet();

    /** The years migrated and seeded: served. */
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    @Inject
    Instance<Flyway> flyway;

    @Inject
    public DataSpaces(
            SchoolYears years,
            @ConfigProperty(name = "quarkus.flyway.default-schema") Optional<String> base,
            Instance<StartupSeed> seeds,
            Instance<ClientDirectory> directory) {
        this.years = years;
        this.base = base.orElse("public");
        this.seeds = seeds;
        this.directory = directory;
    }

    /** The school years served (none without year instances). */
    public SchoolYears years() {
        return years;
    }

    /**
     * Whether {@code year} is served: a year of the settings, or one the gateway serves (migrated and seeded here the
     * first time, {@link #ready}). False without years.
     */
    public boolean serves(String year) {
        if (!years.enabled()) {
            return false;
        }
        if (ready.contains(year)) {
            return true;
        }
        return learned().contains(year) && ready(year);
    }

    /** The years served: those of the settings and those made since (in order). */
    public List<String> served() {
        Set<String> served = new TreeSet<>(years.years());
        served.addAll(ready);
        return List.copyOf(served);
    }

    /**
     * The data spaces background work goes through, each once: every year served (a year the gateway serves since
     * this service started among them, made ready first), or the one space (empty) without years.
     */
    public List<Optional<String>> spaces() {
        if (!years.enabled()) {
            return List.of(Optional.empty());
        }
        Set<String> all = new TreeSet<>(years.years());
        all.addAll(ready);
        for (String year : learned()) {
            if (!all.contains(year) && ready(year)) {
                all.add(year);
            }
        }
        List<Optional<String>> spaces = new ArrayList<>();
        all.forEach(year -> spaces.add(Optional.of(year)));
        return spaces;
    }

    /** The years the gateway serves, as its directory last said (none when it cannot be asked). */
    private List<String> learned() {
        try {
            return directory.get().schoolYears();
        } catch (ClientDirectory.UnavailableException e) {
            return List.of();
        }
    }

    /**
     * Makes a year's schema with the service's migrations and stores the start-up seeds in it, once (a caller
     * meanwhile waits); true when the year is served. A year of the settings was made at start.
     */
    private synchronized boolean ready(String year) {
        if (ready.contains(year)) {
            return true;
        }
        if (!SchoolYears.isYear(year)) {
            return false;
        }
        try {
            migrate(year);
            within(Optional.of(year), () -> {
                for (StartupSeed seed : seeds) {
                    seed.seed(Optional.of(year));
                }
                return null;
            });
            ready.add(year);
            LOG.infof("School year %s is served from now on (the gateway serves it)", year);
            return true;
        } catch (Exception e) {
            LOG.errorf(e, "School year %s cannot be made ready; it is tried again on its next request", year);
            return false;
        }
    }

    /** Runs background work in every data space in turn ({@link #spaces}), each {@link #within} it. */
    public <E extends Exception> void forEach(EachSpace<E> work) throws E {
        for (Optional<String> space : spaces()) {
            within(space, () -> {
                work.run(space);
                return null;
            });
        }
    }

    /** How a log line names a data space: {@code " (school year 2026)"}, or nothing for the service's one space. */
    public static String named(Optional<String> space) {
        return space.map(year -> " (school year " + year + ")").orElse("");
    }

    /** The schema of a data space: the service's own without a year, else the year's. */
    public String schema(Optional<String> year) {
        if (year.isEmpty()) {
            return base;
        }
        if (!migrated.contains(year.get())) {
            throw new IllegalStateException("No data space " + year.get() + " is made");
        }
        return base + "_" + year.get();
    }

    /**
     * The data space of the work at hand: the one {@link #within} bound on this thread, else the request's, else
     * none (the service's own schema).
     */
    public static Optional<String> current() {
        String bound = BOUND.get();
        if (bound != null) {
            return Optional.of(bound);
        }
        ArcContainer arc = Arc.container();
        if (arc == null || !arc.requestContext().isActive()) {
            return Optional.empty();
        }
        return Optional.ofNullable(arc.instance(RequestDataSpace.class).get().year());
    }

    /**
     * A key of something kept in memory per data space ({@code key} itself without one); a year dropped and made
     * again is a new space.
     */
    public static String keyed(String key) {
        Optional<String> space = current();
        if (space.isEmpty()) {
            return key;
        }
        Integer drops = DROPS.get(space.get());
        return (drops == null ? space.get() : space.get() + '#' + drops) + '\u0000' + key;
    }

    /** Whether {@code year} is one of the settings' years ({@code HUB_YEARS}), made again at every start. */
    public boolean configured(String year) {
        return years.serves(year);
    }

    /**
     * Whether the gateway serves {@code year}, asked now ({@link ClientDirectory#schoolYearsNow}); throws
     * {@link ClientDirectory.UnavailableException} when it cannot be asked.
     */
    public boolean gatewayServes(String year) {
        return directory.get().schoolYearsNow().contains(year);
    }

    /** The schema a year has (or would have) beside the service's own ({@code enrollment_2026}). */
    public String schemaOf(String year) {
        return base + "_" + year;
    }

    /**
     * Stops serving a year whose schema is about to be dropped: neither requests nor background work reach it from
     * now on, and a request naming it makes it again only once the gateway serves it again (then a new data space).
     */
    public synchronized void forget(String year) {
        ready.remove(year);
        migrated.remove(year);
        DROPS.merge(year, 1, Integer::sum);
    }

    /** Runs background work in a data space (directly for the empty one); the binding ends with the work. */
    public static <T, E extends Exception> T within(Optional<String> space, Work<T, E> work) throws E {
        if (space.isEmpty()) {
            return work.run();
        }
        String before = BOUND.get();
        BOUND.set(space.get());
        try {
            return work.run();
        } finally {
            if (before == null) {
                BOUND.remove();
            } else {
                BOUND.set(before);
            }
        }
    }

    /**
     * Makes each year's schema with the service's own migrations (those Quarkus applied to its schema, with the same
     * settings), before anything else runs at start.
     */
    void migrate(@Observes @Priority(10) StartupEvent event) {
        if (!years.enabled()) {
            return;
        }
        years.years().forEach(this::migrate);
    }

    /** Makes one year's schema with the service's migrations (those Quarkus applied to its own schema). */
    private void migrate(String year) {
        var configuration = flyway.get().getConfiguration();
        String schema = base + "_" + year;
        var result = Flyway.configure(configuration.getClassLoader())
                .configuration(configuration)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .load()
                .migrate();
        migrated.add(year);
        LOG.infof("Data space %s (schema %s): %d migrations applied", year, schema, result.migrationsExecuted);
    }

    /** Stores every {@link StartupSeed} of the service in every data space of the settings, each bound to it. */
    void seed(@Observes StartupEvent event) throws SQLException {
        for (StartupSeed seed : seeds) {
            for (String year : years.years()) {
                within(Optional.of(year), () -> {
                    seed.seed(Optional.of(year));
                    return null;
                });
            }
            if (!years.enabled()) {
                seed.seed(Optional.empty());
            }
        }
        ready.addAll(years.years());
    }
}
