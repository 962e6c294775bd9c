package org.statehub.gateway.persistence;

/** A context of an ODS instance (V6): the hub routes by {@code schoolYearFromRoute}, the instance's school year. */
public record OdsInstanceContext(int id, int odsInstanceId, String contextKey, String contextValue) {

    /** The context key of a school year, as ODS/API 7.3's route template names it. */
    public static final String SCHOOL_YEAR = "schoolYearFromRoute";
}
