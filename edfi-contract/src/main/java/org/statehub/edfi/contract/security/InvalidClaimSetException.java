package org.statehub.edfi.contract.security;

import java.util.List;

/** A claim set or claims hierarchy the hub cannot take, with every finding (for a 400 that lists them). */
public final class InvalidClaimSetException extends RuntimeException {

    private final List<String> problems;

    public InvalidClaimSetException(List<String> problems) {
        super(String.join(" ", problems));
        this.problems = List.copyOf(problems);
    }

    /** What is wrong, one finding each. */
    public List<String> problems() {
        return problems;
    }
}
