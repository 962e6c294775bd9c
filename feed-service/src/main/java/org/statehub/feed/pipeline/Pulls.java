package org.statehub.feed.pipeline;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;
import org.statehub.feed.domain.RunTrigger;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.RunStore;
import org.statehub.feed.store.SisConnection;

/**
 * Starts pulls: now (an administrator's request) or when a connection's schedule is due. The next scheduled time
 * is claimed with a conditional update, so with several instances a scheduled pull fires once; a connection has
 * at most one running pull (a unique index on running runs). Pulls run in the background.
 */
@Singleton
public class Pulls {

    private static final Logger LOG = Logger.getLogger(Pulls.class);
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    /** A running pull that has not touched its run for this long was abandoned (its instance stopped). */
    private static final long ABANDONED_SECONDS = 300;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ConnectionStore connections;

    @Inject
    Puller puller;

    @Inject
    RunStore runs;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /** The run id of a pull started now, or empty when one is already running. */
    public Optional<Long> startNow(SisConnection connection, RunTrigger trigger) throws SQLException {
        Long runId;
        try (Connection c = dataSource.getConnection()) {
            runId = runs.start(c, connection.id(), trigger);
        }
        if (runId == null) {
            return Optional.empty();
        }
        long id = runId;
        boolean preview = trigger == RunTrigger.PREVIEW;
        executor.submit(() -> puller.pull(connection, id, preview));
        return Optional.of(runId);
    }

    /** Whether a schedule is a valid Quartz cron expression. */
    public static Optional<String> scheduleProblem(String schedule, String timeZone) {
        try {
            CRON.parse(schedule).validate();
        } catch (IllegalArgumentException e) {
            return Optional.of("The schedule '" + schedule + "' is not a Quartz cron expression: " + e.getMessage());
        }
        try {
            ZoneId.of(timeZone);
        } catch (java.time.DateTimeException e) {
            return Optional.of("The time zone '" + timeZone + "' is not known.");
        }
        return Optional.empty();
    }

    /** The first time the schedule fires after {@code after}, or null if never. */
    public static Instant next(String schedule, String timeZone, Instant after) {
        return ExecutionTime.forCron(CRON.parse(schedule))
                .nextExecution(ZonedDateTime.ofInstant(after, ZoneId.of(timeZone)))
                .map(ZonedDateTime::toInstant)
                .orElse(null);
    }

    @Scheduled(
            every = "${feed.schedule-check:20s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try (Connection c = dataSource.getConnection()) {
            int abandoned = runs.failAbandoned(c, ABANDONED_SECONDS);
            if (abandoned > 0) {
                LOG.warnf("%d pulls were abandoned and are marked failed", abandoned);
            }
            Instant now = Instant.now();
            for (SisConnection connection : connections.due(c, now)) {
                Instant next = next(connection.schedule(), connection.timeZone(), now);
                if (connections.claimScheduled(c, connection.id(), connection.nextPullAt(), next)
                        && startNow(connection, RunTrigger.SCHEDULE).isEmpty()) {
                    LOG.infof("Scheduled pull of %s skipped: a pull is still running", connection.id());
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf(e, "Scheduled pulls could not be checked");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }
}
