package dev.soak.stats;

/**
 * Where a decelerating start (warm-up) of a series ends, so that a trend test can skip it without
 * cutting away a persistent trend.
 *
 * <p>Rule. Fit, by least squares profiled over a geometric grid of time constants τ,
 * y = a + b·(x − x₀) + c·(1 − e<sup>−(x − x₀)/τ</sup>): a line plus a saturating exponential
 * (the shape of a cache filling, a pool growing or a JIT warming). Warm-up is declared when the
 * saturating part is large against the noise, |c| ≥ {@code minAmplitudeSd}·σ̂ (σ̂ the residual
 * standard deviation of the fit), and unmistakable, |c|/se(c) ≥ 5 with se(c) the least-squares
 * standard error inflated by (1 + φ̂)/(1 − φ̂) for AR(1) residuals (a slow wander of
 * autocorrelated noise, fitted by a long τ nearly collinear with the line, does not qualify,
 * and the threshold allows for the search over τ); it then ends at x₀ + {@code settleMultiple}·τ (3τ: 95 % done). A persistent
 * linear rise is absorbed by b, not by c, so it is never cut away; a pure line reports no warm-up
 * and the end at x₀. The end is capped at x₀ + {@code maxFraction}·span; when the fitted warm-up
 * would end later, {@link Result#settled} is false (the series is still decelerating: too short
 * to judge its trend). Both signs of c are warm-up (a rise that slows, or a fall that slows, as
 * latency does while caches and JIT warm). For a check of the rule, {@link Result} also carries
 * the Theil–Sen slopes of the first and second halves of the remaining window: a persistent trend
 * gives similar slopes, an unfinished warm-up a larger first-half slope (DESIGN.md, "Warm-up").
 * The saturating-exponential description of an initial transient follows the warm-up literature
 * surveyed by Mahajan, P. S. &amp; Ingalls, R. G. (2004), "Evaluation of methods used to detect
 * warm-up period in steady state simulation", Proc. Winter Simulation Conf., 663–671.
 *
 * <p>Long series are first reduced to at most 1,000 bin means (equal counts), so the cost is
 * O(n + 1000·G) for G ≈ 60 grid values of τ (τ from 2 bin widths up to span/3).
 *
 * <p>Degenerate input: fewer than 8 points gives no warm-up (end at x₀, {@code detected} false);
 * non-finite entries, unequal lengths or x not increasing throw {@link IllegalArgumentException}.
 *
 * <p>Stateless; safe from any thread.
 */
public final class WarmupEnd {
    /** Default settle multiple: end = x₀ + 3τ. */
    public static final double DEFAULT_SETTLE_MULTIPLE = 3;
    /** Default cap on the end as a fraction of the span. */
    public static final double DEFAULT_MAX_FRACTION = 0.5;
    /** Default minimum |c| in residual standard deviations. */
    public static final double DEFAULT_MIN_AMPLITUDE_SD = 3;

    private static final int MAX_BINS = 1000;
    /** Minimum |c|/se(c), se with AR(1) inflation: the saturating term must be unmistakable. */
    static final double MIN_T = 5;

    /**
     * The detected warm-up. Immutable.
     *
     * @param endX            x where the steady part starts (x₀ when no warm-up)
     * @param endIndex        first index with x ≥ endX
     * @param detected        a warm-up was found
     * @param settled         the warm-up ends within maxFraction of the span (true when none found)
     * @param tau             fitted time constant τ in x-units ({@code NaN} when none found)
     * @param amplitude       fitted c (y-units; positive for a rise)
     * @param residualSd      σ̂ of the fit (on bin means for long series)
     * @param slopeFirstHalf  Theil–Sen slope of the first half of [endX, x<sub>max</sub>]
     * @param slopeSecondHalf Theil–Sen slope of its second half
     */
    public record Result(double endX, int endIndex, boolean detected, boolean settled, double tau,
                         double amplitude, double residualSd, double slopeFirstHalf, double slopeSecondHalf) {
    }

    private WarmupEnd() {
    }

    /** Detects the warm-up end with the default parameters. */
    public static Result detect(double[] x, double[] y) {
        return detect(x, y, DEFAULT_SETTLE_MULTIPLE, DEFAULT_MAX_FRACTION, DEFAULT_MIN_AMPLITUDE_SD);
    }

    /**
     * Detects the warm-up end.
     *
     * @param settleMultiple the end is x₀ + settleMultiple·τ (&gt; 0; 3 leaves 5 % of the rise)
     * @param maxFraction    cap of the end as a fraction of the span, in (0, 1)
     * @param minAmplitudeSd minimum |c| in residual standard deviations (≥ 0)
     */
    public static Result detect(double[] x, double[] y, double settleMultiple, double maxFraction,
                                double minAmplitudeSd) {
        Checks.pair(x, y);
        Checks.probability("maxFraction", maxFraction);
        if (!(settleMultiple > 0) || Double.isInfinite(settleMultiple)) {
            throw new IllegalArgumentException("settleMultiple = " + settleMultiple + " must be > 0");
        }
        if (!(minAmplitudeSd >= 0)) {
            throw new IllegalArgumentException("minAmplitudeSd = " + minAmplitudeSd + " must be >= 0");
        }
        for (int i = 1; i < x.length; i++) {
            if (!(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("x[" + i + "] = " + x[i] + " is not greater than x["
                        + (i - 1) + "] = " + x[i - 1] + "; pass x strictly increasing");
            }
        }
        int n = x.length;
        if (n < 8) {
            double x0 = n == 0 ? Double.NaN : x[0];
            return new Result(x0, 0, false, true, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        double[][] b = bin(x, y);
        double[] bx = b[0];
        double[] by = b[1];
        int m = bx.length;
        double x0 = x[0];
        double span = x[n - 1] - x0;
        double[] t = new double[m];
        for (int i = 0; i < m; i++) {
            t[i] = bx[i] - x0;
        }
        double minTau = Math.max(2 * span / m, span / 1000);
        double maxTau = span / 3;
        double bestRss = Double.POSITIVE_INFINITY;
        double bestTau = Double.NaN;
        double bestC = 0;
        double bestT = 0;
        double[] sat = new double[m];
        for (double tau = minTau; tau <= maxTau * 1.0000001; tau *= 1.1) {
            for (int i = 0; i < m; i++) {
                sat[i] = -Math.expm1(-t[i] / tau);
            }
            LeastSquaresFit f = LeastSquares.fit(t, by, sat);
            double rss = f.residualVariance();
            if (rss < bestRss) {
                bestRss = rss;
                bestTau = tau;
                bestC = f.coefficient(2);
                double phi = Math.max(0, Math.min(0.99, f.residualAr1()));
                bestT = Math.abs(bestC) / f.ar1StandardError(2, phi);
            }
        }
        double sd = Math.sqrt(bestRss);
        boolean detected = !Double.isNaN(bestTau) && Math.abs(bestC) >= minAmplitudeSd * sd && bestC != 0
                && bestT >= MIN_T;
        double endX = x0;
        boolean settled = true;
        if (detected) {
            endX = x0 + settleMultiple * bestTau;
            if (endX > x0 + maxFraction * span) {
                endX = x0 + maxFraction * span;
                settled = false;
            }
        }
        int endIndex = firstAtLeast(x, endX);
        double[] halves = halfSlopes(bx, by, endX);
        return new Result(endX, endIndex, detected, settled, detected ? bestTau : Double.NaN,
                detected ? bestC : 0, sd, halves[0], halves[1]);
    }

    private static double[] halfSlopes(double[] bx, double[] by, double endX) {
        int s = firstAtLeast(bx, endX);
        int m = bx.length - s;
        if (m < 4) {
            return new double[] {Double.NaN, Double.NaN};
        }
        int h = s + m / 2;
        double first = TheilSen.slope(java.util.Arrays.copyOfRange(bx, s, h), java.util.Arrays.copyOfRange(by, s, h));
        double second = TheilSen.slope(java.util.Arrays.copyOfRange(bx, h, bx.length),
                java.util.Arrays.copyOfRange(by, h, by.length));
        return new double[] {first, second};
    }

    static int firstAtLeast(double[] x, double v) {
        int lo = 0;
        int hi = x.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** At most MAX_BINS equal-count bin means of x and y. */
    static double[][] bin(double[] x, double[] y) {
        int n = x.length;
        if (n <= MAX_BINS) {
            return new double[][] {x.clone(), y.clone()};
        }
        double[] bx = new double[MAX_BINS];
        double[] by = new double[MAX_BINS];
        for (int k = 0; k < MAX_BINS; k++) {
            int from = (int) ((long) k * n / MAX_BINS);
            int to = (int) ((long) (k + 1) * n / MAX_BINS);
            double sx = 0;
            double sy = 0;
            for (int i = from; i < to; i++) {
                sx += x[i];
                sy += y[i];
            }
            bx[k] = sx / (to - from);
            by[k] = sy / (to - from);
        }
        return new double[][] {bx, by};
    }
}
