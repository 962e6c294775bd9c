package org.statehub.gateway.persistence;

/**
 * An ODS instance of the Admin API as stored (V6): its id, name and type; a school year's instance has the context
 * {@code schoolYearFromRoute} = the year ({@link OdsInstanceContext}).
 */
public record OdsInstance(int id, String name, String instanceType) {}
