package org.statehub.edfi.contract.profile;

import java.util.List;

/** A profile definition the hub cannot take, with every finding (for a 400 that lists them, or a failed start). */
public final class InvalidProfileException extends RuntimeException {

    private final List<String> problems;

    /** At most this many findings are kept (an answer is never much larger than the definition sent). */
    static final int MOST = 100;

    public InvalidProfileException(List<String> problems) {
        this(capped(problems), true);
    }

    private InvalidProfileException(List<String> problems, boolean capped) {
        super(String.join(" ", problems));
        this.problems = problems;
    }

    private static List<String> capped(List<String> problems) {
        if (problems.size() <= MOST) {
            return List.copyOf(problems);
        }
        List<String> first = new java.util.ArrayList<>(problems.subList(0, MOST));
        first.add("... and " + (problems.size() - MOST) + " more findings.");
        return List.copyOf(first);
    }

    /** What is wrong with the definition, one finding each. */
    public List<String> problems() {
        return problems;
    }
}
