package org.statehub.feed.api;

import jakarta.ws.rs.core.Response;
import java.util.function.Function;
import org.statehub.feed.service.Outcome;

/** The one place where the outcomes of feed administration become HTTP responses. */
final class FeedResponses {

    private FeedResponses() {}

    /** 200 with the value. */
    static <T> Response ok(Outcome<T> outcome) {
        return of(outcome, value -> Response.ok(value).build());
    }

    /** The value; a refusal is thrown as the answer ({@link Refused}). */
    static <T> T value(Outcome<T> outcome) {
        if (outcome instanceof Outcome.Done<T> done) {
            return done.value();
        }
        throw new Refused(of(outcome, value -> null));
    }

    /** {@code done} makes the answer to a value; every refusal is problem details. */
    static <T> Response of(Outcome<T> outcome, Function<T, Response> done) {
        return switch (outcome) {
            case Outcome.Done<T> d -> done.apply(d.value());
            case Outcome.Invalid<T> invalid -> FeedProblems.invalid(invalid.errors());
            case Outcome.NotFound<T> notFound -> FeedProblems.notFound(notFound.detail());
            case Outcome.Conflict<T> conflict -> FeedProblems.conflict(conflict.detail());
            case Outcome.Unavailable<T> unavailable -> FeedProblems.unavailable(unavailable.detail());
        };
    }
}
