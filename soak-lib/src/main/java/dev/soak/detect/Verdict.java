package dev.soak.detect;

/**
 * The three-way outcome of a trend test.
 *
 * <ul>
 *   <li>{@link #PASS}: the upper confidence bound of the rate is below the threshold;</li>
 *   <li>{@link #FAIL}: the growth is significant (lower bound above zero after multiplicity
 *       control), the estimate is at least the practical fraction of the threshold, and the rate is not
 *       shown to lie below the threshold at a strict level (then it is a PASS);</li>
 *   <li>{@link #INCONCLUSIVE}: neither yet; the run was too short or too noisy to decide.</li>
 * </ul>
 * Exit codes follow the scripts' convention: 0 pass, 1 fail, 3 inconclusive. Immutable.
 */
public enum Verdict {
    PASS(0), FAIL(1), INCONCLUSIVE(3);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code of this verdict: 0 pass, 1 fail, 3 inconclusive. */
    public int exitCode() {
        return exitCode;
    }

    /** The worse of two verdicts: FAIL over INCONCLUSIVE over PASS. */
    public Verdict worst(Verdict other) {
        if (this == FAIL || other == FAIL) {
            return FAIL;
        }
        if (this == INCONCLUSIVE || other == INCONCLUSIVE) {
            return INCONCLUSIVE;
        }
        return PASS;
    }
}
