package org.statehub.simulator.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.statehub.simulator.config.SimulatorConfig;
import org.statehub.simulator.domain.Change;
import org.statehub.simulator.domain.ChangeRejected;
import org.statehub.simulator.domain.District;
import org.statehub.simulator.domain.DistrictSpec;

/**
 * Holds the current district. Readers take the current immutable {@link District} and stream from it; writers
 * are serialised and publish a new one, so a response never sees half of a batch of changes.
 */
@ApplicationScoped
public class DistrictService {

    private final DistrictSpec configured;
    private final FaultService faults;
    private volatile District current;

    @Inject
    public DistrictService(SimulatorConfig config, FaultService faults) {
        this.configured = new DistrictSpec(
                config.seed(),
                config.students(),
                config.leaId(),
                config.schoolYear(),
                config.extensions().orElse(java.util.List.of()));
        this.faults = faults;
        this.current = District.generate(configured);
    }

    public District current() {
        return current;
    }

    /** A new district from scratch: no changes, no faults. */
    public synchronized District regenerate(DistrictSpec spec) {
        faults.clear();
        current = District.generate(spec);
        return current;
    }

    /** Back to the configured district, no changes, no faults. */
    public District reset() {
        return regenerate(configured);
    }

    /** Applies the changes in order, all or none. */
    public synchronized District apply(List<Change> changes) throws ChangeRejected {
        current = current.apply(changes);
        return current;
    }
}
