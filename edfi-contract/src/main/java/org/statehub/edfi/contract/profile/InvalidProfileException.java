package org.statehub.edfi.contract.profile;

import java.util.List;

/** A profile definition the hub cannot take, with every finding (for a 400 that lists them, or a failed start). */
public final class InvalidProfileException extends RuntimeException {

    private final List<String> problems;

    public InvalidProfileException(List<String> problems) {
        super(String.join(" ", problems));
        this.problems = List.copyOf(problems);
    }

    /** What is wrong with the definition, one finding each. */
    public List<String> problems() {
        return problems;
    }
}
