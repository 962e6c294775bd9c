package org.statehub.simulator.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * A district's school year: a fall and a spring session, whose weekdays are the school days. School year Y runs
 * from August 19 of Y - 1 to May 30 of Y, with a winter break between December 20 and January 6.
 */
public record SchoolCalendar(
        int schoolYear, LocalDate fallBegin, LocalDate fallEnd, LocalDate springBegin, LocalDate springEnd) {

    /** The calendar of school year {@code schoolYear}. */
    static SchoolCalendar of(int schoolYear) {
        return new SchoolCalendar(
                schoolYear,
                LocalDate.of(schoolYear - 1, 8, 19),
                LocalDate.of(schoolYear - 1, 12, 20),
                LocalDate.of(schoolYear, 1, 6),
                LocalDate.of(schoolYear, 5, 30));
    }

    public LocalDate begin(boolean fall) {
        return fall ? fallBegin : springBegin;
    }

    public LocalDate end(boolean fall) {
        return fall ? fallEnd : springEnd;
    }

    /** "2024-2025 Fall Semester" or "... Spring Semester". */
    public String sessionName(boolean fall) {
        return (schoolYear - 1) + "-" + schoolYear + (fall ? " Fall Semester" : " Spring Semester");
    }

    /** Whether a day falls in the fall session (else, for a school day, in the spring one). */
    public boolean inFall(LocalDate day) {
        return !day.isAfter(fallEnd);
    }

    /** A weekday inside the fall or the spring session. */
    public boolean isSchoolDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
            return false;
        }
        return (!day.isBefore(fallBegin) && !day.isAfter(fallEnd))
                || (!day.isBefore(springBegin) && !day.isAfter(springEnd));
    }

    int countSchoolDays(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (isSchoolDay(d)) {
                count++;
            }
        }
        return count;
    }

    /** The {@code n}-th (0-based) school day from {@code from} on. */
    LocalDate nthSchoolDay(LocalDate from, int n) {
        int seen = -1;
        LocalDate d = from;
        while (true) {
            if (isSchoolDay(d) && ++seen == n) {
                return d;
            }
            d = d.plusDays(1);
        }
    }

    /** The first school day on or after {@code from}, or the year's last school day when none is left. */
    LocalDate nextSchoolDay(LocalDate from) {
        LocalDate d = from.isBefore(fallBegin) ? fallBegin : from;
        while (!isSchoolDay(d) && !d.isAfter(springEnd)) {
            d = d.plusDays(1);
        }
        return isSchoolDay(d) ? d : previousSchoolDay(springEnd);
    }

    private LocalDate previousSchoolDay(LocalDate from) {
        LocalDate d = from;
        while (!isSchoolDay(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    /** A school day between the two dates drawn from {@code r}, or the next school day when there is none. */
    LocalDate schoolDayBetween(SplittableRandom r, LocalDate from, LocalDate to) {
        int days = countSchoolDays(from, to);
        return days == 0 ? nextSchoolDay(from) : nthSchoolDay(from, r.nextInt(days));
    }

    /** The weekdays of a session, holidays included. */
    static int weekdays(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                count++;
            }
        }
        return count;
    }
}
