package org.statehub.simulator.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;
import org.statehub.simulator.domain.Fault;

/** The current fault, counted down atomically by each /vendor or /templates request that shows it. */
@ApplicationScoped
public class FaultService {

    private final AtomicReference<Fault> current = new AtomicReference<>(Fault.NONE);

    public Fault current() {
        return current.get();
    }

    public Fault set(Fault fault) {
        current.set(fault);
        return fault;
    }

    public void clear() {
        current.set(Fault.NONE);
    }

    /** The fault this request shows; a fault limited to n requests is used up by exactly n claims. */
    public Fault claim() {
        while (true) {
            Fault fault = current.get();
            if (fault.mode() == Fault.Mode.NONE || fault.remaining() == null) {
                return fault;
            }
            if (current.compareAndSet(fault, fault.afterOneRequest())) {
                return fault;
            }
        }
    }
}
