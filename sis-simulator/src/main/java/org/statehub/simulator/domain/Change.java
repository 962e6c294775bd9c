package org.statehub.simulator.domain;

import java.time.LocalDate;

/** One edit of the district, as the admin API receives it. Optional members are null when absent. */
public sealed interface Change {

    /** Sets the given names; a blank middle name removes it. */
    record Rename(String studentUniqueId, String firstName, String lastSurname, String middleName) implements Change {}

    record BirthDate(String studentUniqueId, LocalDate birthDate) implements Change {}

    /** The enrollment keeps its source id but names another school; the student's attendance follows. */
    record Move(String studentUniqueId, long schoolId) implements Change {}

    record EntryDate(String studentUniqueId, LocalDate entryDate) implements Change {}

    record Withdraw(String studentUniqueId, LocalDate exitWithdrawDate, String exitWithdrawTypeCode)
            implements Change {}

    /** Withdrawn as a no-show: exit type NS on the entry date. */
    record NoShow(String studentUniqueId) implements Change {}

    record Delete(ResourceType resource, String sourceId) implements Change {}

    record AddStudents(int count) implements Change {}
}
