package org.statehub.edfi.core.store;

import java.util.UUID;

/**
 * What a GET by example asks for: a containment document built from the query parameters (or null), an id, and
 * change-version bounds (inclusive; null when absent), and the caller's access condition on alias {@code d} (null
 * when the caller reaches every item).
 */
public record QueryCriteria(
        String resource, String containment, UUID id, Long minChangeVersion, Long maxChangeVersion, Filter access) {}
