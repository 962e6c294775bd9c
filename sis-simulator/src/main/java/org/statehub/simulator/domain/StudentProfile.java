package org.statehub.simulator.domain;

import java.time.LocalDate;

/**
 * What the other records of a student need to know about it. A twin shares its sibling's grade, surname, birth
 * date, school and family (the index of the student whose contacts and household stand for both).
 */
record StudentProfile(
        int index,
        String sexCode,
        int grade,
        String firstName,
        String middleName,
        String lastSurname,
        String generationCodeSuffix,
        String preferredFirstName,
        LocalDate birthDate,
        int schoolNumber,
        int familyIndex) {}
