package org.statehub.simulator.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * The records Acme SIS holds, one type per resource, with its own code values. Optional members are null when
 * absent. Every record carries the vendor's stable {@code sourceId}.
 */
public sealed interface VendorRecord {

    String sourceId();

    record LocalEducationAgency(
            String sourceId, int localEducationAgencyId, String nameOfInstitution, String categoryCode)
            implements VendorRecord {}

    record School(
            String sourceId,
            int schoolId,
            String nameOfInstitution,
            int localEducationAgencyId,
            SchoolCategory category,
            List<String> gradeLevelCodes)
            implements VendorRecord {}

    record Session(
            String sourceId,
            int schoolId,
            int schoolYear,
            String sessionName,
            LocalDate beginDate,
            LocalDate endDate,
            String termCode,
            int totalInstructionalDays)
            implements VendorRecord {}

    record Student(
            String sourceId,
            String studentUniqueId,
            String firstName,
            String middleName,
            String lastSurname,
            String generationCodeSuffix,
            String preferredFirstName,
            LocalDate birthDate)
            implements VendorRecord {}

    record Contact(String sourceId, String contactUniqueId, String firstName, String lastSurname, String sexCode)
            implements VendorRecord {}

    record StudentContactAssociation(
            String sourceId,
            String studentUniqueId,
            String contactUniqueId,
            String relationCode,
            boolean emergencyContactStatus,
            boolean primaryContactStatus)
            implements VendorRecord {}

    record StudentEducationOrganizationAssociation(
            String sourceId,
            String studentUniqueId,
            int educationOrganizationId,
            String sexCode,
            boolean hispanicLatinoEthnicity,
            List<String> raceCodes)
            implements VendorRecord {}

    record Enrollment(
            String sourceId,
            String studentUniqueId,
            int schoolId,
            LocalDate entryDate,
            String entryGradeLevelCode,
            String entryTypeCode,
            LocalDate exitWithdrawDate,
            String exitWithdrawTypeCode)
            implements VendorRecord {}

    record AttendanceEvent(
            String sourceId,
            String studentUniqueId,
            int schoolId,
            int schoolYear,
            String sessionName,
            LocalDate eventDate,
            String categoryCode,
            String attendanceEventReason)
            implements VendorRecord {}
}
