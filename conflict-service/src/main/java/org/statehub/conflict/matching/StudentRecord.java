package org.statehub.conflict.matching;

import java.time.LocalDate;

/**
 * What the matcher compares of a student: the values as reported (any case, accents, hyphens). {@code id} is
 * the caller's handle (the replica id, an index position); {@code sex} is {@code null} when unknown.
 */
public record StudentRecord(
        String id,
        String studentUniqueId,
        String firstName,
        String middleName,
        String lastSurname,
        LocalDate birthDate,
        Sex sex) {

    /** Sex as far as the matcher cares: two known, different values count against a match. */
    public enum Sex {
        FEMALE,
        MALE,
        OTHER;

        /** From an Ed-Fi sex descriptor URI or code value ({@code uri://ed-fi.org/SexDescriptor#Female}). */
        public static Sex fromDescriptor(String descriptor) {
            if (descriptor == null || descriptor.isBlank()) {
                return null;
            }
            String code =
                    descriptor.substring(descriptor.lastIndexOf('#') + 1).trim().toLowerCase(java.util.Locale.ROOT);
            return switch (code) {
                case "female", "f" -> FEMALE;
                case "male", "m" -> MALE;
                case "not selected", "unknown", "" -> null;
                default -> OTHER;
            };
        }
    }
}
