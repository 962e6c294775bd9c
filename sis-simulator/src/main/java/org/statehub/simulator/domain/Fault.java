package org.statehub.simulator.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A failure the simulator shows on /vendor and /templates requests, for {@code remaining} more requests (null:
 * until changed).
 *
 * @param delaySeconds for {@link Mode#SLOW}: how long each request waits before it is answered
 */
public record Fault(Mode mode, int delaySeconds, Integer remaining) {

    public static final Fault NONE = new Fault(Mode.NONE, 0, null);
    public static final int DEFAULT_DELAY_SECONDS = 30;
    public static final int MAX_DELAY_SECONDS = 600;

    public enum Mode {
        /** Answers normally. */
        NONE,
        /** Closes the connection without any HTTP response. */
        DOWN,
        /** Waits delaySeconds, then answers normally. */
        SLOW,
        /** Answers 500 with a JSON problem. */
        ERROR,
        /** Starts a 200, streams about half of the body, then closes the connection mid-record. */
        TRUNCATE,
        /** A complete, well-formed body in which every tenth record is bad. */
        MALFORMED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Mode> byWireName(String name) {
            return Arrays.stream(values())
                    .filter(m -> m.wireName().equals(name))
                    .findFirst();
        }
    }

    public Fault {
        if (remaining != null && remaining < 1) {
            throw new IllegalArgumentException("remaining must be at least 1");
        }
    }

    /** The fault after one more request showed it. */
    public Fault afterOneRequest() {
        if (remaining == null) {
            return this;
        }
        return remaining <= 1 ? NONE : new Fault(mode, delaySeconds, remaining - 1);
    }
}
