package org.statehub.enrollment;

import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.statehub.edfi.core.dataspace.StartupSeed;

/**
 * A start-up seed that, for {@link DataSpaceSeedTest}, holds the making of one school year until the test releases
 * it (a year whose migrations or seeds take long); every other year, and every year when nothing is held, passes.
 */
@Singleton
public class HeldSeed implements StartupSeed {

    private static volatile String held;
    private static volatile CountDownLatch release = new CountDownLatch(0);

    /** Holds the making of {@code year} until {@link #release}. */
    static void hold(String year) {
        release = new CountDownLatch(1);
        held = year;
    }

    /** Lets the held year's making go on. */
    static void release() {
        held = null;
        release.countDown();
    }

    @Override
    public void seed(Optional<String> space) {
        if (space.isPresent() && space.get().equals(held)) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
