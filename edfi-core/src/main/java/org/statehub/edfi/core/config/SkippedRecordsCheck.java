package org.statehub.edfi.core.config;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.statehub.edfi.core.service.SkippedRecords;

/**
 * {@code /q/health/well} (and {@code /q/health}): how many records each background job skipped since the service
 * started. Always up: a skipped record is reported, it does not make the service unhealthy.
 */
@Wellness
@ApplicationScoped
public class SkippedRecordsCheck implements HealthCheck {

    @Inject
    SkippedRecords skipped;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("skipped-records").up();
        skipped.counts().forEach(response::withData);
        return response.build();
    }
}
