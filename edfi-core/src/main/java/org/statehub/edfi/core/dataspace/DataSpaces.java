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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;
import org.statehub.http.SchoolYears;

/**
 * The school years this service keeps apart (docs/decisions/0020, part 5): each a schema named after the service's
 * own with the year ({@code student_2026}), made and migrated at start by the service's Flyway migrations, and the
 * data space of the work at hand: a request's (its checked {@code Hub-Data-Space} header, {@link RequestDataSpace}),
 * or background work's ({@link #within}). The years are hub-http's {@link SchoolYears} (the settings the gateway
 * reads too); without them the service's one schema is the only data space.
 */
@Singleton
public class DataSpaces {

    private static final Logger LOG = Logger.getLogger(DataSpaces.class);

    /** The header naming a request's data space (the gateway sets it from the URL's year). */
    public static final String HEADER = SchoolYears.HEADER;

    /** Background work's data space, bound by {@link #within} for the duration of the work. */
    private static final ThreadLocal<String> BOUND = new ThreadLocal<>();

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

    @Inject
    Instance<Flyway> flyway;

    @Inject
    public DataSpaces(
            SchoolYears years,
            @ConfigProperty(name = "quarkus.flyway.default-schema") Optional<String> base,
            Instance<StartupSeed> seeds) {
        this.years = years;
        this.base = base.orElse("public");
        this.seeds = seeds;
    }

    /** The school years served (none without year instances). */
    public SchoolYears years() {
        return years;
    }

    /**
     * The data spaces background work goes through, each once: every year, or the one space (empty) without years.
     */
    public List<Optional<String>> spaces() {
        if (!years.enabled()) {
            return List.of(Optional.empty());
        }
        List<Optional<String>> spaces = new ArrayList<>();
        years.years().forEach(year -> spaces.add(Optional.of(year)));
        return spaces;
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
        if (!years.serves(year.get())) {
            throw new IllegalStateException("No data space " + year.get() + " is configured");
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

    /** A key of something kept in memory per data space ({@code key} itself without one). */
    public static String keyed(String key) {
        Optional<String> space = current();
        return space.isEmpty() ? key : space.get() + '\u0000' + key;
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
        var configuration = flyway.get().getConfiguration();
        for (String year : years.years()) {
            String schema = schema(Optional.of(year));
            var result = Flyway.configure(configuration.getClassLoader())
                    .configuration(configuration)
                    .schemas(schema)
                    .defaultSchema(schema)
                    .createSchemas(true)
                    .load()
                    .migrate();
            LOG.infof("Data space %s (schema %s): %d migrations applied", year, schema, result.migrationsExecuted);
        }
    }

    /** Stores every {@link StartupSeed} of the service in every data space, each bound to it. */
    void seed(@Observes StartupEvent event) throws SQLException {
        for (StartupSeed seed : seeds) {
            forEach(seed::seed);
        }
    }
}
