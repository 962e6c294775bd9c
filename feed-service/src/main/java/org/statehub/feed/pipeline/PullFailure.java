package org.statehub.feed.pipeline;

/** A pull could not read the vendor's data completely; nothing of it is published. */
public final class PullFailure extends Exception {

    public PullFailure(String message) {
        super(message);
    }

    public PullFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
