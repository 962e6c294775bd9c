package org.statehub.conflict.api;

import org.statehub.http.Problem;
import org.statehub.http.Problems;

/** The worklist's problem details: hub-http's factory, plus the two answers it has no word for. */
final class ConflictProblems {

    private ConflictProblems() {}

    static Problem pairNotFound() {
        return Problems.notFound("No potential duplicate has this id.");
    }

    static Problem outOfScope() {
        return denied("No student of this pair is related to this client's education organizations.");
    }

    static Problem readOnly() {
        return denied("The 'StateSystemReader' claim set has read-only access.");
    }

    static Problem alreadyDismissed() {
        return Problems.of(
                Problems.URN + ":data-conflict:already-dismissed",
                "Already Dismissed",
                409,
                "This pair has been dismissed already; a dismissal is final.");
    }

    private static Problem denied(String error) {
        return Problems.forbidden(error);
    }
}
