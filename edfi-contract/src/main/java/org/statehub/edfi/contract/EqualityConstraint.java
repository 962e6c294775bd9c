package org.statehub.edfi.contract;

import java.util.List;

/** Paths that map to one storage column and must therefore carry the same value when present. */
public record EqualityConstraint(String column, List<JsonPath> paths) {}
