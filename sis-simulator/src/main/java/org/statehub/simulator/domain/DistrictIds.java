package org.statehub.simulator.domain;

import java.math.BigInteger;
import java.util.OptionalInt;

/**
 * The identifiers of generated records, from their index alone: student and contact unique ids
 * that are bijections of the index (so unique, stable, and for students reversible).
 */
public final class DistrictIds {

    private static final long STUDENT_ID_SPACE = 100_000_000L;
    private static final long STUDENT_ID_MULTIPLIER = 61_803_399L;
    private static final long STUDENT_ID_OFFSET = 30_117_653L;
    private static final long STUDENT_ID_INVERSE = BigInteger.valueOf(STUDENT_ID_MULTIPLIER)
            .modInverse(BigInteger.valueOf(STUDENT_ID_SPACE))
            .longValueExact();
    private static final long CONTACT_ID_SPACE = 1_000_000_000L;
    private static final long CONTACT_ID_MULTIPLIER = 7_368_787L;
    private static final long CONTACT_ID_OFFSET = 211_413_563L;
    /** Indices of generated records stay below this, so every id and source id stays unique. */
    public static final int MAX_TOTAL_STUDENTS = 1_000_000;

    private DistrictIds() {}

    /** "6" and eight digits: a bijection of the student index, so unique and stable. */
    public static String studentUniqueId(int index) {
        return "6" + pad((index * STUDENT_ID_MULTIPLIER + STUDENT_ID_OFFSET) % STUDENT_ID_SPACE, 8);
    }

    /** The index of the student with this id, whatever the district's size (the caller checks the range). */
    public static OptionalInt studentIndex(String studentUniqueId) {
        if (studentUniqueId == null || !studentUniqueId.matches("6\\d{8}")) {
            return OptionalInt.empty();
        }
        long scrambled = Long.parseLong(studentUniqueId.substring(1));
        long index =
                Math.floorMod(scrambled - STUDENT_ID_OFFSET, STUDENT_ID_SPACE) * STUDENT_ID_INVERSE % STUDENT_ID_SPACE;
        return index < MAX_TOTAL_STUDENTS ? OptionalInt.of((int) index) : OptionalInt.empty();
    }

    /** "C" and nine digits: a bijection of the contact index. */
    public static String contactUniqueId(int index) {
        return "C" + pad((index * CONTACT_ID_MULTIPLIER + CONTACT_ID_OFFSET) % CONTACT_ID_SPACE, 9);
    }

    static String pad(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
