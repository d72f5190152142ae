package dev.soak.scenario;

import java.util.List;

/**
 * A scenario is not valid: every problem found, all at once (a user fixes a file in one pass).
 *
 * <p>{@link #getMessage()} is ready to print to a user: one line saying how many problems there
 * are, then one paragraph per {@link Problem}. Scripts print it to stderr and exit with
 * {@link #EXIT_CODE}; it never needs a stack trace. Immutable and thread-safe.
 */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exit code of a script given bad input (a bad or missing scenario, a bad flag). */
    public static final int EXIT_CODE = 2;

    private final transient List<Problem> problems;

    /** @param problems at least one problem */
    public ScenarioException(List<Problem> problems) {
        super(format(problems), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ScenarioException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order they were found (file order where there is one). */
    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        if (problems.size() == 1) {
            return "Invalid scenario: " + problems.get(0).message();
        }
        StringBuilder b = new StringBuilder("Invalid scenario, ")
                .append(problems.size()).append(" problems:");
        for (Problem p : problems) {
            b.append(System.lineSeparator()).append("  - ").append(p.message());
        }
        return b.toString();
    }
}
