package dev.soak.detect.sim;

/**
 * The measured figures of one calibration cell, Soak beside the seed's naive rules. Rates are
 * fractions in [0, 1] with Wilson 95 % intervals; times in hours (NaN when fewer than half the runs
 * failed, so no median exists). Immutable.
 *
 * @param cell               the cell
 * @param runs               simulated runs
 * @param hours              run length
 * @param tStarHours         information limit T* of the cell (see {@link Cell#informationLimitHours})
 * @param soakFail           share of runs with a FAIL at any live look or the final analysis
 * @param soakFailLow        Wilson lower bound
 * @param soakFailHigh       Wilson upper bound
 * @param soakFinalFail      share of runs whose final (offline) analysis is FAIL
 * @param soakPass           share of runs whose final analysis is PASS
 * @param soakMedianHoursToFail median time to the first FAIL over all runs (live looks hourly, then the final)
 * @param soakMedianRelError median |estimate − truth| / truth of the final rate estimate (NaN for stable)
 * @param naiveFail          share of runs where the seed's rules abort at some hourly checkpoint
 * @param naiveFailLow       Wilson lower bound
 * @param naiveFailHigh      Wilson upper bound
 * @param naiveMedianHoursToFail median time to the naive abort
 * @param naiveMedianRelError median relative error of the naive OLS rate at the end
 * @param followUp           what the runs that ended INCONCLUSIVE gave when run for the extra time they asked for
 * @param memoryCover        share of runs whose final analysis's two-sided interval of the memory rate (90 % at the
 *                           default α) holds the injected leak (0 in cells without one): its coverage
 * @param latencyCover       the same for the p99 rate and the injected drift
 */
public record CellResult(Cell cell, int runs, double hours, double tStarHours, double soakFail, double soakFailLow,
                         double soakFailHigh, double soakFinalFail, double soakPass, double soakMedianHoursToFail,
                         double soakMedianRelError, double naiveFail, double naiveFailLow, double naiveFailHigh,
                         double naiveMedianHoursToFail, double naiveMedianRelError, FollowUp followUp,
                         double memoryCover, double latencyCover) {

    /**
     * The runs that never FAILed and ended INCONCLUSIVE, continued by the extra run time their verdict
     * asked for (at most to {@code Calibration.FOLLOW_UP_CAP} times the run length) and analysed again.
     *
     * @param inconclusive      share of all runs that asked for more time
     * @param medianExtraHours  median extra time asked for, in hours (NaN when none asked)
     * @param decided           share of those runs whose follow-up was PASS or FAIL (NaN when none asked)
     * @param failAfter         share of all runs with a FAIL at a live look, the final analysis or the follow-up:
     *                          the power, or false-alarm rate, of a user who runs longer when told to
     * @param failAfterLow      Wilson lower bound
     * @param failAfterHigh     Wilson upper bound
     */
    public record FollowUp(double inconclusive, double medianExtraHours, double decided, double failAfter,
                           double failAfterLow, double failAfterHigh) {
    }

    /** Soak's median time to FAIL as a multiple of T*. */
    public double soakRatioToTStar() {
        return soakMedianHoursToFail / tStarHours;
    }

    /** The naive rules' median time to FAIL as a multiple of T*. */
    public double naiveRatioToTStar() {
        return naiveMedianHoursToFail / tStarHours;
    }

    /**
     * Wilson score interval for k successes in n trials at 95 %: (p̂ + z²/2n ± z√(p̂(1−p̂)/n + z²/4n²)) /
     * (1 + z²/n), Wilson (1927), JASA 22(158):209–212. Returns {low, high}.
     */
    public static double[] wilson(int k, int n) {
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double z = 1.959963984540054, p = k / (double) n, z2 = z * z;
        double c = (p + z2 / (2 * n)) / (1 + z2 / n);
        double h = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {Math.max(0, c - h), Math.min(1, c + h)};
    }
}
