package org.statehub.simulator.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.statehub.simulator.domain.District;
import org.statehub.simulator.service.DistrictService;

/** Ready once a district is generated (at start): shows which one. Faults do not affect it. */
@Readiness
@ApplicationScoped
public class DistrictReadiness implements HealthCheck {

    @Inject
    DistrictService districts;

    @Override
    public HealthCheckResponse call() {
        District district = districts.current();
        return HealthCheckResponse.named("district")
                .up()
                .withData("seed", district.spec().seed())
                .withData("students", district.totalStudents())
                .withData("leaId", district.spec().leaId())
                .build();
    }
}
