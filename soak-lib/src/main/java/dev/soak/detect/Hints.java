package dev.soak.detect;

/**
 * What the other gating metrics of the same run found, passed to one metric's {@link TrendPipeline}:
 * a one-off event or a warm-up usually moves memory and latency together, and where it moves one of
 * them by less than that metric's own search can tell from noise, the other's finding still counts.
 *
 * <p>Immutable apart from the array, which is not copied: do not change it after passing it.
 *
 * @param stepSec              times (s) of the level shifts found in the other metrics, and of splits that two
 *                             gating metrics' searches both put first without keeping them
 *                             ({@link TrendPipeline#JOINT_STEP_T})
 * @param runningWarmupTauHours τ (h) of another metric's warm-up still running at half the run (NaN: none)
 * @param endedWarmupTauHours  τ (h) of another metric's warm-up that ended within the run (NaN: none)
 */
record Hints(double[] stepSec, double runningWarmupTauHours, double endedWarmupTauHours) {
    /** No hints. */
    static final Hints NONE = new Hints(new double[0], Double.NaN, Double.NaN);

    /** The same warm-up hints without the shift times. */
    Hints withoutSteps() {
        return new Hints(new double[0], runningWarmupTauHours, endedWarmupTauHours);
    }

    /** Only another metric's running warm-up τ. */
    static Hints runningWarmup(double tauHours) {
        return new Hints(new double[0], tauHours, Double.NaN);
    }
}
