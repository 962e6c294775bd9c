package org.statehub.edfi.core.service;

import java.util.UUID;
import org.statehub.http.Problem;

/** Every outcome of a write. The API maps them to HTTP in one place ({@code WriteResponses}). */
public sealed interface WriteResult {

    record Created(UUID id, String etag) implements WriteResult {}

    /** Replaced, or found identical and left as it was (the etag is then unchanged). */
    record Updated(UUID id, String etag) implements WriteResult {}

    record Deleted() implements WriteResult {}

    record NotFound(String detail) implements WriteResult {}

    record ETagMismatch() implements WriteResult {}

    /** The item, as stored or as sent, is outside the caller's authorization scope. */
    record Forbidden() implements WriteResult {}

    record Invalid(Problem problem) implements WriteResult {}

    record UnresolvedReference(String resourceName) implements WriteResult {}

    record DependentItemExists(String resourceName) implements WriteResult {}

    record KeyChangeNotSupported(String resourceName) implements WriteResult {}

    record NonUniqueIdentity(String resourceName) implements WriteResult {}

    /** A reference could not be checked because the service that owns its target cannot be reached. */
    record Unavailable(String resourceName) implements WriteResult {}

    /**
     * A delete could not be allowed because whether items of another service still reference the item cannot be
     * checked: that service ({@code source}) cannot be reached.
     */
    record ReferrersUnknown(String source) implements WriteResult {}
}
