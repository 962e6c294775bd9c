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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * (a request naming it, which waits at most {@link #readyWait} and is then answered 503 with Retry-After, or the
 * background work's round of the spaces, which goes on without it until it is ready), each year on its own, so a
 * year an administrator creates is served without a restart; without years the service's one schema is the only
 * data space.
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

    /** The making of each year the gateway serves, once started ({@link #making}). */
    private final ConcurrentHashMap<String, CompletableFuture<Void>> making = new ConcurrentHashMap<>();

    /**
     * How long a request naming a year being made here waits for it before a 503 with Retry-After
     * ({@code hub.data-spaces.ready-wait}, 10 s by default: within the gateway's route timeout).
     */
    private final Duration readyWait;

    /** The threads that make years ready, one per year being made. */
    private static final ExecutorService MAKER = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "data-space-ready");
        thread.setDaemon(true);
        return thread;
    });

    /** A year the gateway serves that is not ready in this service yet: the request may be repeated shortly. */
    public static final class NotReadyException extends RuntimeException {
        public NotReadyException(String year, Throwable cause) {
            super("School year " + year + " is being made ready in this service; try again shortly.", cause);
        }
    }

    @Inject
    Instance<Flyway> flyway;

    @Inject
    public DataSpaces(
            SchoolYears years,
            @ConfigProperty(name = "quarkus.flyway.default-schema") Optional<String> base,
            Instance<StartupSeed> seeds,
            Instance<ClientDirectory> directory,
            @ConfigProperty(name = "hub.data-spaces.ready-wait", defaultValue = "10s") Duration readyWait) {
        this.years = years;
        this.readyWait = readyWait;
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
     * first time, {@link #making}, the caller waiting at most {@link #readyWait}). False without years; throws
     * {@link NotReadyException} for a year the gateway serves that is not ready here within that time (or whose
     * making failed: it is tried again at the next request).
     */
    public boolean serves(String year) {
        if (!years.enabled()) {
            return false;
        }
        if (ready.contains(year)) {
            return true;
        }
        if (!SchoolYears.isYear(year) || !learned().contains(year)) {
            return false;
        }
        try {
            making(year).get(readyWait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            throw new NotReadyException(year, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReadyException(year, e);
        }
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
            if (!all.contains(year) && SchoolYears.isYear(year)) {
                making(year); // made in the background: a later round goes through it
            }
        }
        all.addAll(ready);
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
     * The making of a year the gateway serves (its schema with the service's migrations, then the start-up seeds), on
     * a thread of its own, once per year at a time: the first caller starts it, others wait for the same work, a
     * second year never waits for the first; a making that failed is started again by the next caller. A year of the
     * settings was made at start.
     */
    private CompletableFuture<Void> making(String year) {
        return making.compute(
                year,
                (y, known) -> known == null || known.isCompletedExceptionally()
                        ? CompletableFuture.runAsync(() -> make(y), MAKER)
                        : known);
    }

    private void make(String year) {
        try {
            migrate(year);
            within(Optional.of(year), () -> {
                for (StartupSeed seed : seeds) {
                    seed.seed(Optional.of(year));
                }
                return null;
            });
        } catch (Exception e) {
            LOG.errorf(e, "School year %s cannot be made ready; it is tried again on its next request", year);
            throw new IllegalStateException("School year " + year + " cannot be made ready", e);
        }
        ready.add(year);
        LOG.infof("School year %s is served from now on (the gateway serves it)", year);
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
    public void forget(String year) {
        CompletableFuture<Void> pending = making.remove(year);
        if (pending != null) {
            try {
                pending.get(readyWait.toMillis() * 3, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf("School year %s is dropped while it was being made (%s)", year, e.getMessage());
            }
        }
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
