package org.statehub.simulator.domain;

/** A change of a batch cannot be applied; the batch is then applied not at all. */
public class ChangeRejected extends Exception {

    private final int index;
    private final String reason;

    public ChangeRejected(int index, String reason) {
        super("change " + index + ": " + reason);
        this.index = index;
        this.reason = reason;
    }

    /** The change's position in the request (0-based). */
    public int index() {
        return index;
    }

    public String reason() {
        return reason;
    }
}
