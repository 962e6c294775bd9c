package org.statehub.simulator.domain;

import java.util.List;
import java.util.Set;

/**
 * Acme SIS's own code values. The simulator serves only these; their Ed-Fi meanings are in
 * {@code acme-code-mappings.json} and docs/SIS-SIMULATOR.md.
 */
public final class VendorCodes {

    public static final String SEX_MALE = "M";
    public static final String SEX_FEMALE = "F";
    public static final String SEX_NOT_SELECTED = "X";

    public static final String ENTRY_NEW = "E01";
    public static final String ENTRY_TRANSFER_IN = "E02";

    public static final String EXIT_TRANSFER_OUT = "W01";
    public static final String EXIT_GRADUATED = "W02";
    public static final String EXIT_DROPPED_OUT = "W03";
    public static final String EXIT_NO_SHOW = "NS";
    public static final Set<String> EXIT_TYPES =
            Set.of(EXIT_TRANSFER_OUT, EXIT_GRADUATED, EXIT_DROPPED_OUT, EXIT_NO_SHOW);

    public static final String ABSENCE_EXCUSED = "AE";
    public static final String ABSENCE_UNEXCUSED = "AU";
    public static final String TARDY = "TD";

    public static final String RELATION_MOTHER = "MO";
    public static final String RELATION_FATHER = "FA";
    public static final String RELATION_GUARDIAN = "GU";

    public static final String TERM_FALL = "FA";
    public static final String TERM_SPRING = "SP";

    public static final String EDORG_SCHOOL = "SCH";
    public static final String EDORG_LEA = "LEA";

    public static final String LEA_CATEGORY_INDEPENDENT = "IND";

    public static final List<String> RACES = List.of("WH", "BL", "AS", "AI", "PI");

    private static final String[] GRADES = {"KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"
    };

    private VendorCodes() {}

    /** The grade level code of a grade number: 0 is kindergarten ("KG"), 1..12 are "01".."12". */
    public static String grade(int grade) {
        return GRADES[grade];
    }
}
