package org.statehub.conflict.matching;

/**
 * How one field compared: {@code comparison} is one of the documented outcomes ({@code exact}, {@code nickname},
 * {@code typo}, {@code day-month-swapped}, ...), {@code weight} what it added to (or took from) the match.
 */
public record FieldEvidence(String field, String comparison, double weight, String valueA, String valueB) {}
