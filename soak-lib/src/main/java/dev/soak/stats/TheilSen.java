package dev.soak.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Theil–Sen robust slope: the median of the pairwise slopes, with Sen's distribution-free
 * confidence interval.
 *
 * <p>For points (x<sub>i</sub>, y<sub>i</sub>), i = 1…n, the pairwise slopes are
 * b<sub>ij</sub> = (y<sub>j</sub> − y<sub>i</sub>)/(x<sub>j</sub> − x<sub>i</sub>) over the
 * N pairs with x<sub>i</sub> &lt; x<sub>j</sub> (pairs with equal x are skipped, as scipy's
 * {@code theilslopes} does). The slope is β̂ = median b<sub>ij</sub> (mean of the two middle
 * ones when N is even) and the intercept α̂ = median(y<sub>i</sub> − β̂·x<sub>i</sub>)
 * (scipy's {@code method='joint'}). Theil, H. (1950), "A rank-invariant method of linear and
 * polynomial regression analysis", Proc. KNAW 53; Sen, P. K. (1968), "Estimates of the regression
 * coefficient based on Kendall's tau", JASA 63(324):1379–1389.
 *
 * <p>Confidence interval (Sen 1968, eq. 2.6 and §5): with C = z<sub>1−α/2</sub>·√Var(S), where
 * Var(S) is the variance of Kendall's S (tie-corrected, or inflated for autocorrelation by the
 * caller, e.g. {@link MannKendall#hamedRaoFactor}), the bounds are the slopes of 1-based rank
 * M<sub>1</sub> = round((N − C)/2) and M<sub>2</sub> = round((N + C)/2) + 1 (clamped to 1…N;
 * rounding half to even as numpy does, so that results match scipy). A one-sided bound at level
 * 1 − α is the matching end of the two-sided interval at level 1 − 2α.
 *
 * <p>Example: x = 0,1,2,3,4 and y = 0,1,2,3,40 give slope 1, intercept 0 (the outlier does not
 * matter).
 *
 * <p>Complexity: order statistics of the N = O(n²) slopes are selected in O(n log n) expected time
 * by randomized slope selection (Matoušek, J. (1991), "Randomized optimal algorithm for slope
 * selection", Inf. Proc. Letters 39(4):183–187; Dillencourt, M. B., Mount, D. M. &amp; Netanyahu,
 * N. S. (1992), "A randomized algorithm for slope selection", Int. J. Comput. Geom. Appl.
 * 2(1):1–27): the number of slopes ≤ t is the number of inversions of y − t·x in x order,
 * counted by merge sort; random samples of the slopes inside the current interval narrow it until
 * O(n) slopes remain and are listed. Small inputs (N ≤ 200,000) use brute force. The random
 * generator is seeded from the data, so results are deterministic. When the requested rank lies in
 * a block of equal slopes (quantised data: many pairs with exactly the same slope, e.g. 0), the
 * block's value is returned as soon as the sample shows it. The result equals that of sorting all
 * N slopes, except where distinct slopes differ only by floating-point rounding (e.g. y = i/3):
 * the counting uses y − t·x, the listing uses division, so a neighbour a few ulps away may come
 * back. Measured (jbang-scripts/bench/stats.java,
 * loaded 2-core machine): one order statistic of 604,800 points ≈ 1 s CPU; 86,400 points ≈ 0.2 s.
 *
 * <p>Degenerate input: fewer than two distinct x values gives {@code NaN} slope, intercept and
 * bounds. Non-finite entries or unequal lengths throw {@link IllegalArgumentException}.
 *
 * <p>Stateless; safe from any thread.
 */
public final class TheilSen {

    /**
     * A Theil–Sen fit. Immutable.
     *
     * @param slope           β̂, y-units per x-unit
     * @param intercept       α̂ = median(y − β̂x)
     * @param lowerSlope      lower confidence bound of the slope
     * @param upperSlope      upper confidence bound of the slope
     * @param confidenceLevel two-sided level of [lowerSlope, upperSlope], e.g. 0.95
     * @param varianceOfS     the Var(S) used for the bounds
     * @param slopeCount      N, the number of pairwise slopes (pairs with distinct x)
     * @param n               number of points
     */
    public record Fit(double slope, double intercept, double lowerSlope, double upperSlope,
                      double confidenceLevel, double varianceOfS, long slopeCount, int n) {
    }

    private TheilSen() {
    }

    /** The Theil–Sen slope β̂ (median of the pairwise slopes); {@code NaN} if no two x differ. */
    public static double slope(double[] x, double[] y) {
        Checks.pair(x, y);
        return SlopeSelection.of(x, y).median();
    }

    /** The intercept α̂ = median(y<sub>i</sub> − slope·x<sub>i</sub>); {@code NaN} for empty input. */
    public static double intercept(double[] x, double[] y, double slope) {
        Checks.pair(x, y);
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = y[i] - slope * x[i];
        }
        return Series.median(r);
    }

    /** N, the number of pairwise slopes: pairs (i, j) with x<sub>i</sub> ≠ x<sub>j</sub>. */
    public static long slopeCount(double[] x, double[] y) {
        Checks.pair(x, y);
        return SlopeSelection.of(x, y).count();
    }

    /**
     * The k-th smallest pairwise slope, k 0-based (0 … {@link #slopeCount} − 1).
     *
     * @throws IllegalArgumentException if k is out of range
     */
    public static double kthSlope(double[] x, double[] y, long k) {
        Checks.pair(x, y);
        SlopeSelection s = SlopeSelection.of(x, y);
        if (k < 0 || k >= s.count()) {
            throw new IllegalArgumentException("k = " + k + " must lie in 0 … " + (s.count() - 1)
                    + " (the number of pairwise slopes minus one)");
        }
        return s.select(k, k)[0];
    }

    /**
     * Sen's (1968, eq. 2.6) variance of Kendall's S between x and y with ties in both:
     * [n(n−1)(2n+5) − Σ t(t−1)(2t+5) − Σ u(u−1)(2u+5)]/18 over the tie groups t of x and u of y
     * (the formula scipy's {@code theilslopes} uses for its interval).
     */
    public static double senVariance(double[] x, double[] y) {
        Checks.pair(x, y);
        double n = x.length;
        return (n * (n - 1) * (2 * n + 5) - Ties.sumT1T2p5(x) - Ties.sumT1T2p5(y)) / 18.0;
    }

    /** Theil–Sen fit with Sen's interval from {@link #senVariance} (independent errors). */
    public static Fit fit(double[] x, double[] y, double confidenceLevel) {
        Checks.pair(x, y);
        return fit(x, y, confidenceLevel, senVariance(x, y));
    }

    /**
     * Theil–Sen fit with Sen's interval computed from a given Var(S), e.g. the tie-corrected
     * Mann–Kendall variance times an autocorrelation factor.
     *
     * @param confidenceLevel two-sided level in (0, 1)
     * @param varianceOfS     Var(S) ≥ 0
     */
    public static Fit fit(double[] x, double[] y, double confidenceLevel, double varianceOfS) {
        Checks.pair(x, y);
        Checks.probability("confidenceLevel", confidenceLevel);
        if (!(varianceOfS >= 0) || Double.isInfinite(varianceOfS)) {
            throw new IllegalArgumentException("varianceOfS = " + varianceOfS + " must be finite and >= 0");
        }
        SlopeSelection s = SlopeSelection.of(x, y);
        long bigN = s.count();
        if (bigN == 0) {
            double nan = Double.NaN;
            return new Fit(nan, nan, nan, nan, confidenceLevel, varianceOfS, 0, x.length);
        }
        double slope = s.median();
        double intercept = intercept(x, y, slope);
        double[] b = bounds(s, x.length, confidenceLevel, varianceOfS);
        return new Fit(slope, intercept, b[0], b[1], confidenceLevel, varianceOfS, bigN, x.length);
    }

    /**
     * Sen's confidence bounds {lower, upper} of the slope alone, for callers that already have the
     * slope (e.g. to compute an autocorrelation-corrected Var(S) from it): two order statistics
     * instead of three. {@code NaN} bounds when no two x differ.
     *
     * @param confidenceLevel two-sided level in (0, 1)
     * @param varianceOfS     Var(S) ≥ 0
     */
    public static double[] confidenceBounds(double[] x, double[] y, double confidenceLevel, double varianceOfS) {
        Checks.pair(x, y);
        Checks.probability("confidenceLevel", confidenceLevel);
        if (!(varianceOfS >= 0) || Double.isInfinite(varianceOfS)) {
            throw new IllegalArgumentException("varianceOfS = " + varianceOfS + " must be finite and >= 0");
        }
        SlopeSelection s = SlopeSelection.of(x, y);
        if (s.count() == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return bounds(s, x.length, confidenceLevel, varianceOfS);
    }

    private static double[] bounds(SlopeSelection s, int n, double confidenceLevel, double varianceOfS) {
        long[] idx = ciIndices(s.count(), confidenceLevel, varianceOfS);
        if (idx[1] - idx[0] < 4L * n) {
            double[] sel = s.select(idx[0], idx[1]);
            return new double[] {sel[0], sel[sel.length - 1]};
        }
        return new double[] {s.select(idx[0], idx[0])[0], s.select(idx[1], idx[1])[0]};
    }

    /** 0-based indices {lower, upper} of the interval bounds among N sorted slopes (as scipy). */
    static long[] ciIndices(long bigN, double confidenceLevel, double varianceOfS) {
        double z = new NormalDistribution().inverseCumulativeProbability(0.5 + confidenceLevel / 2);
        double c = z * Math.sqrt(varianceOfS);
        long upper = Math.min((long) Math.rint((bigN + c) / 2.0), bigN - 1);
        long lower = Math.max((long) Math.rint((bigN - c) / 2.0) - 1, 0);
        if (lower > upper) {
            lower = upper;
        }
        return new long[] {lower, upper};
    }
}
