package org.statehub.feed.config;

import io.agroal.api.AgroalDataSource;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.jboss.logging.Logger;
import org.statehub.jdbc.Sql;
import org.statehub.jdbc.Transactions;

/**
 * {@code /q/health/well} (and {@code /q/health}): the open errors of the data-error queue, where feed-service
 * reports every record it skipped (held, refused by the hub, undeliverable), by kind, and by the codes of records
 * that could not be stored or delivered at all ({@code nul-character}, {@code not-storable}, {@code undeliverable}).
 * Always up: a skipped record is reported, it does not make the service unhealthy.
 */
@Wellness
@ApplicationScoped
public class OpenDataErrorsCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(OpenDataErrorsCheck.class);

    @Inject
    AgroalDataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("open-data-errors").up();
        try {
            Transactions.read(
                            dataSource,
                            c -> Sql.list(
                                    c,
                                    "SELECT kind, count(*) FROM data_error WHERE state = 'open' GROUP BY kind"
                                            + " UNION ALL SELECT code, count(*) FROM data_error WHERE state = 'open'"
                                            + " AND code IN ('nul-character', 'not-storable', 'undeliverable')"
                                            + " GROUP BY code",
                                    rs -> Map.entry(rs.getString(1), rs.getLong(2))))
                    .forEach(count -> response.withData(count.getKey(), count.getValue()));
        } catch (SQLException e) {
            LOG.debugf("Open data errors cannot be counted now: %s", e.getMessage());
            response.withData("unavailable", "the database cannot be reached");
        }
        return response.build();
    }
}
