package org.statehub.feed.domain;

import java.time.Instant;

/** A student who did not make it into the state's data: open errors, and the resources and codes that hold them. */
public record StudentErrors(
        String studentUniqueId, long localEducationAgencyId, long errors, String reasons, Instant firstSeen) {}
