package org.statehub.simulator.domain;

import java.util.SplittableRandom;

/** One independent random stream per (seed, record kind, record index): any record is generated on its own. */
final class Seeds {

    static final int STUDENT = 1;
    static final int CONTACT = 2;
    static final int CONTACT_FAMILY = 3;
    static final int SEOA = 4;
    static final int ENROLLMENT = 5;
    static final int ATTENDANCE = 6;
    static final int SAMPLE_PETS = 7;

    private Seeds() {}

    static SplittableRandom random(long seed, int stream, long index) {
        return new SplittableRandom(mix(seed, stream, index));
    }

    static long mix(long seed, int stream, long index) {
        return splitmix(splitmix(splitmix(seed) + stream) + index);
    }

    /** Steele, Lea and Flood's SplitMix64 finaliser. */
    static long splitmix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
