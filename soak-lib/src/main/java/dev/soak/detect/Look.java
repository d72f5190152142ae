package dev.soak.detect;

/**
 * Where a live analysis stands in its run, so that repeated looks do not inflate false alarms.
 *
 * <p>A live look at information fraction {@code t = elapsedSec / plannedSec} is tested at the
 * increment of a Lan–DeMets O'Brien–Fleming-type spending function over the live budget α_live:
 * α_live·(A(t) − A(t_prev)) with A(t) = 2·(1 − Φ(z_{1−α_live/2}/√t)) / α_live. The increments sum
 * to α_live over the run, so by the union bound all live looks together raise a false FAIL with
 * probability at most α_live, whatever their correlation (conservative). Looks before
 * {@link #MIN_FRACTION} of the planned run get level 0 (no live FAIL); the final offline analysis
 * uses the full α. Immutable.
 *
 * @param number          1 for the first look
 * @param elapsedSec      run time analysed at this look
 * @param previousSec     run time analysed at the previous look (0 at the first)
 * @param plannedSec      the run's planned total duration
 */
public record Look(int number, double elapsedSec, double previousSec, double plannedSec) {
    /**
     * No live FAIL before this fraction of the planned run: early in a run a slow warm-up cannot be
     * told from a leak by any test (the curvature is not yet resolvable), and O'Brien–Fleming
     * spending gives those looks almost nothing anyway (less than 3 % of the budget before half-time).
     */
    public static final double MIN_FRACTION = 0.5;

    public Look {
        if (number < 1) {
            throw new IllegalArgumentException("look number = " + number + " must be ≥ 1 (the first look is 1)");
        }
        if (!(plannedSec > 0) || !(elapsedSec >= 0) || !(previousSec >= 0) || previousSec > elapsedSec) {
            throw new IllegalArgumentException("look times must satisfy 0 ≤ previousSec ≤ elapsedSec and plannedSec > 0; got previousSec = "
                    + previousSec + ", elapsedSec = " + elapsedSec + ", plannedSec = " + plannedSec);
        }
    }

    /**
     * The look's own significance level under O'Brien–Fleming-type spending of {@code liveAlpha}
     * (one-sided): {@code spend(t) − spend(t_prev)}, {@code spend(t) = 2·(1 − Φ(z_{1−a/2}/√t))},
     * Lan &amp; DeMets (1983), Biometrika 70(3), 659–663. At or past the planned end the look gets
     * the rest of the budget.
     */
    public double level(double liveAlpha) {
        double t = Math.min(1.0, elapsedSec / plannedSec);
        if (t < MIN_FRACTION) {
            return 0;
        }
        double tPrev = Math.min(1.0, previousSec / plannedSec);
        return Math.max(0, spend(t, liveAlpha) - spend(tPrev, liveAlpha));
    }

    static double spend(double t, double a) {
        if (t <= 0) {
            return 0;
        }
        double z = Normal.quantile(1 - a / 2);
        return 2 * (1 - Normal.cdf(z / Math.sqrt(t)));
    }
}
