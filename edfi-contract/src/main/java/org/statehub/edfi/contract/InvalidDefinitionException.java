package org.statehub.edfi.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * A definition the hub cannot take (a claim set, a claims hierarchy, a profile, securable elements), with every
 * finding, for a 400 that lists them or a failed start. One type for all of them: each is read whole and checked
 * against the contract, and every caller answers its findings the same way.
 */
public final class InvalidDefinitionException extends RuntimeException {

    /** At most this many findings are kept (an answer is never much larger than the definition sent). */
    public static final int MOST = 100;

    private final List<String> problems;

    public InvalidDefinitionException(List<String> problems) {
        this(capped(problems), true);
    }

    private InvalidDefinitionException(List<String> problems, boolean capped) {
        super(String.join(" ", problems));
        this.problems = problems;
    }

    private static List<String> capped(List<String> problems) {
        if (problems.size() <= MOST) {
            return List.copyOf(problems);
        }
        List<String> first = new ArrayList<>(problems.subList(0, MOST));
        first.add("... and " + (problems.size() - MOST) + " more findings.");
        return List.copyOf(first);
    }

    /** What is wrong, one finding each. */
    public List<String> problems() {
        return problems;
    }
}
