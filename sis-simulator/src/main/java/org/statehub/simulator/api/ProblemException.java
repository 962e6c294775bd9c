package org.statehub.simulator.api;

import java.util.Map;

/** A request the simulator refuses, carrying its problem-details body. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final Map<String, Object> body;

    ProblemException(int status, Map<String, Object> body) {
        super(String.valueOf(body.get("detail")));
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        return body;
    }
}
