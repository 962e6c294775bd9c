package org.statehub.conflict.merge;

import org.statehub.conflict.client.EdFiClient;

/** A step cannot go on now; the reason is recorded and the step is tried again later. */
final class StepFailure extends Exception {

    StepFailure(String message) {
        super(message);
    }

    /** A service answered a step's call with a refusal. */
    static StepFailure refused(String method, String resource, EdFiClient.Answer answer) {
        return new StepFailure(method + " " + resource + " answered " + answer.status()
                + (answer.body() == null || answer.body().isBlank() ? "" : ": " + answer.body())
                + "; tried again later");
    }
}
