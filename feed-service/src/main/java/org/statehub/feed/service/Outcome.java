package org.statehub.feed.service;

import java.util.List;
import java.util.Map;

/**
 * Every outcome of a feed administration request: a value, or a refusal the API turns into problem details (in
 * one place, {@code api.FeedResponses}).
 */
public sealed interface Outcome<T> {

    /** The request did what it asked; {@code value} is the answer. */
    record Done<T>(T value) implements Outcome<T> {}

    /** Values of the request are wrong: messages by JSON path or parameter name (400). */
    record Invalid<T>(Map<String, List<String>> errors) implements Outcome<T> {}

    /** What the request names does not exist (404). */
    record NotFound<T>(String detail) implements Outcome<T> {}

    /** The request does not fit the current state (409). */
    record Conflict<T>(String detail) implements Outcome<T> {}

    /** Something the request needs cannot be reached or is not configured; it may be repeated later (503). */
    record Unavailable<T>(String detail) implements Outcome<T> {}

    static <T> Outcome<T> done(T value) {
        return new Done<>(value);
    }

    static <T> Outcome<T> invalid(String at, String message) {
        return new Invalid<>(Map.of(at, List.of(message)));
    }

    static <T> Outcome<T> notFound(String detail) {
        return new NotFound<>(detail);
    }

    static <T> Outcome<T> conflict(String detail) {
        return new Conflict<>(detail);
    }

    /** The value when there is one, as an outcome; otherwise not found with {@code detail}. */
    static <T> Outcome<T> found(java.util.Optional<T> value, String detail) {
        return value.<Outcome<T>>map(Done::new).orElseGet(() -> new NotFound<>(detail));
    }
}
