package dev.soak.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Mann–Kendall trend test (Kendall's S between time and value) with tie-corrected variance and
 * autocorrelation corrections.
 *
 * <p>S = Σ<sub>i&lt;j</sub> sgn(x<sub>j</sub> − x<sub>i</sub>)·sgn(y<sub>j</sub> − y<sub>i</sub>);
 * for a series in time order this is Σ<sub>i&lt;j</sub> sgn(y<sub>j</sub> − y<sub>i</sub>).
 * Var(S) = [n(n−1)(2n+5) − Σt(t−1)(2t+5) − Σu(u−1)(2u+5)]/18
 * + [Σt(t−1)(t−2)]·[Σu(u−1)(u−2)]/[9n(n−1)(n−2)] + [Σt(t−1)]·[Σu(u−1)]/[2n(n−1)]
 * over tie groups t of x and u of y (Kendall, M. G. (1970), Rank Correlation Methods, 4th ed.,
 * eq. 4.4); with no ties in x this is Mann's tie-corrected n(n−1)(2n+5)/18 − Σu(u−1)(2u+5)/18
 * (Mann, H. B. (1945), "Nonparametric tests against trend", Econometrica 13:245–259).
 * Z = (S − sgn S)/√Var(S) (continuity correction); p-values from the standard normal.
 * Kendall's τ<sub>a</sub> = S/[n(n−1)/2] and τ<sub>b</sub> = S/√((n₀−n₁)(n₀−n₂)).
 *
 * <p>S is computed in O(n log n) by Knight's merge-sort method (Knight, W. R. (1966), "A computer
 * method for calculating Kendall's tau with ungrouped data", JASA 61(314):436–439): sort by
 * (x, y), then S = n₀ − n₁ − n₂ + n₃ − 2·(swaps of a merge sort of y).
 *
 * <p>Serial correlation inflates the false-alarm rate of the plain test; {@link #hamedRaoFactor},
 * {@link #yueWangFactor} and {@link #ar1Factor} give factors by which to multiply Var(S)
 * (see {@link Result#withVarianceFactor}).
 *
 * <p>Degenerate input: n &lt; 3 or Var(S) = 0 (all values equal) gives {@code NaN} Z and p-values
 * (S and τ are still reported). Non-finite entries or unequal lengths throw
 * {@link IllegalArgumentException}.
 *
 * <p>Stateless; safe from any thread.
 */
public final class MannKendall {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution();

    /**
     * A Mann–Kendall test result. Immutable.
     *
     * @param n             number of points
     * @param s             Kendall's S
     * @param varianceOfS   Var(S) used for Z (tie-corrected, possibly inflated for autocorrelation)
     * @param z             (S − sgn S)/√Var(S)
     * @param pTwoSided     P(|Z'| ≥ |Z|) under no trend
     * @param pIncreasing   one-sided p-value against an increasing trend: 1 − Φ(Z)
     * @param pDecreasing   one-sided p-value against a decreasing trend: Φ(Z)
     * @param tauA          S / [n(n−1)/2]
     * @param tauB          S / √((n₀ − n₁)(n₀ − n₂)), tie-adjusted
     */
    public record Result(int n, double s, double varianceOfS, double z, double pTwoSided,
                         double pIncreasing, double pDecreasing, double tauA, double tauB) {

        /** The same test with Var(S) multiplied by {@code factor} (e.g. a Hamed–Rao factor). */
        public Result withVarianceFactor(double factor) {
            return withVariance(varianceOfS * factor);
        }

        /** The same test with the given Var(S); Z and the p-values are recomputed. */
        public Result withVariance(double newVarianceOfS) {
            return of(n, s, newVarianceOfS, tauA, tauB);
        }
    }

    private MannKendall() {
    }

    /** Test a series given in time order (x = 0, 1, …, n−1). */
    public static Result test(double[] y) {
        return test(Series.index(y.length), y);
    }

    /** Test y against x (Kendall's S between x and y; x is usually time). */
    public static Result test(double[] x, double[] y) {
        Checks.pair(x, y);
        int n = x.length;
        long[] parts = KendallCount.count(x, y); // n0, n1, n2, n3, swaps
        long n0 = parts[0];
        long n1 = parts[1];
        long n2 = parts[2];
        long n3 = parts[3];
        long swaps = parts[4];
        double s = (double) (n0 - n1 - n2 + n3) - 2.0 * swaps;
        double var = variance(x, y);
        double tauA = n0 == 0 ? Double.NaN : s / n0;
        double denom = Math.sqrt((double) (n0 - n1) * (double) (n0 - n2));
        double tauB = denom == 0 ? Double.NaN : s / denom;
        return of(n, s, var, tauA, tauB);
    }

    /** Kendall's S in O(n log n). */
    public static double score(double[] x, double[] y) {
        Checks.pair(x, y);
        long[] p = KendallCount.count(x, y);
        return (double) (p[0] - p[1] - p[2] + p[3]) - 2.0 * p[4];
    }

    /** Tie-corrected Var(S) (Kendall 1970, eq. 4.4; see the class comment). */
    public static double variance(double[] x, double[] y) {
        Checks.pair(x, y);
        double n = x.length;
        if (n < 3) {
            return n < 2 ? Double.NaN : (n * (n - 1) * (2 * n + 5) - Ties.sumT1T2p5(x) - Ties.sumT1T2p5(y)) / 18.0;
        }
        long[] tx = Ties.groups(x);
        long[] ty = Ties.groups(y);
        double a = n * (n - 1) * (2 * n + 5) - Ties.sumT1T2p5(x) - Ties.sumT1T2p5(y);
        double t3x = 0;
        double t2x = 0;
        for (long t : tx) {
            t3x += (double) t * (t - 1) * (t - 2);
            t2x += (double) t * (t - 1);
        }
        double t3y = 0;
        double t2y = 0;
        for (long t : ty) {
            t3y += (double) t * (t - 1) * (t - 2);
            t2y += (double) t * (t - 1);
        }
        return a / 18.0 + t3x * t3y / (9 * n * (n - 1) * (n - 2)) + t2x * t2y / (2 * n * (n - 1));
    }

    /**
     * Hamed &amp; Rao (1998) factor n/n*<sub>s</sub> = 1 + 2/[n(n−1)(n−2)]·Σ<sub>k</sub>
     * (n−k)(n−k−1)(n−k−2)·ρ<sub>k</sub> over the lags k = 1…maxLag at which the autocorrelation
     * ρ<sub>k</sub> of the ranks of the Sen-detrended series y − β̂x is significant
     * (|ρ<sub>k</sub>| &gt; z<sub>1−α/2</sub>/√n). Hamed, K. H. &amp; Rao, A. R. (1998), "A modified
     * Mann–Kendall trend test for autocorrelated data", J. Hydrology 204:182–196. The sum is
     * capped at maxLag on purpose: summing all lags is noisy (see
     * {@link Autocorrelation#defaultMaxLag}). x must be non-decreasing (time order), else {@link IllegalArgumentException}.
     *
     * @param maxLag            largest lag considered, 1 ≤ maxLag ≤ n − 3 (larger is clamped)
     * @param significanceLevel α of the lag screening, e.g. 0.05
     * @return the factor (may be &lt; 1 for negative correlation); {@code NaN} for n &lt; 4
     */
    public static double hamedRaoFactor(double[] x, double[] y, int maxLag, double significanceLevel) {
        Checks.pair(x, y);
        return hamedRaoFactor(x, y, x.length < 4 ? Double.NaN : TheilSen.slope(x, y), maxLag, significanceLevel);
    }

    /**
     * {@link #hamedRaoFactor(double[], double[], int, double)} with the Theil–Sen slope already
     * computed (saves its O(n log n) selection when the caller has it).
     */
    public static double hamedRaoFactor(double[] x, double[] y, double slope, int maxLag, double significanceLevel) {
        Checks.pair(x, y);
        Checks.probability("significanceLevel", significanceLevel);
        int n = x.length;
        if (n < 4) {
            return Double.NaN;
        }
        Checks.increasing(x);
        int lags = Math.min(checkLag(maxLag), n - 3);
        double[] ranks = Ranks.average(detrend(x, y, slope));
        double[] rho = Autocorrelation.acfUpTo(ranks, lags);
        double bound = STANDARD_NORMAL.inverseCumulativeProbability(1 - significanceLevel / 2) / Math.sqrt(n);
        double sum = 0;
        for (int k = 1; k <= lags; k++) {
            if (Math.abs(rho[k]) > bound) {
                sum += (double) (n - k) * (n - k - 1) * (n - k - 2) * rho[k];
            }
        }
        return 1 + 2.0 / ((double) n * (n - 1) * (n - 2)) * sum;
    }

    /**
     * Yue &amp; Wang (2004) factor n/n* = 1 + 2·Σ<sub>k=1…maxLag</sub> (1 − k/n)·ρ<sub>k</sub>, with
     * ρ<sub>k</sub> the autocorrelation of the Sen-detrended series y − β̂x. Yue, S. &amp; Wang,
     * C. Y. (2004), "The Mann–Kendall test modified by effective sample size to detect trend in
     * serially correlated hydrological series", Water Resour. Manage. 18:201–218. The sum is
     * capped at maxLag (summing all lags gave far too many false alarms in our simulations).
     * x must be non-decreasing (time order), else {@link IllegalArgumentException}.
     *
     * @return the factor; {@code NaN} for n &lt; 3 or a constant detrended series
     */
    public static double yueWangFactor(double[] x, double[] y, int maxLag) {
        Checks.pair(x, y);
        return yueWangFactor(x, y, x.length < 3 ? Double.NaN : TheilSen.slope(x, y), maxLag);
    }

    /** {@link #yueWangFactor(double[], double[], int)} with the Theil–Sen slope already computed. */
    public static double yueWangFactor(double[] x, double[] y, double slope, int maxLag) {
        Checks.pair(x, y);
        int n = x.length;
        if (n < 3) {
            return Double.NaN;
        }
        Checks.increasing(x);
        int lags = Math.min(checkLag(maxLag), n - 1);
        double[] rho = Autocorrelation.acfUpTo(detrend(x, y, slope), lags);
        double sum = 0;
        for (int k = 1; k <= lags; k++) {
            sum += (1 - (double) k / n) * rho[k];
        }
        return 1 + 2 * sum;
    }

    /**
     * AR(1) effective-sample-size factor (1 + φ̂)/(1 − φ̂), with φ̂ the bias-corrected lag-1
     * autocorrelation of the Sen-detrended series ({@link Autocorrelation#ar1BiasCorrected}); the
     * limit of {@link #yueWangFactor} for an AR(1) process: the effective number of independent
     * observations n* = n(1 − φ)/(1 + φ) of Bayley, G. V. &amp; Hammersley, J. M. (1946), J. R.
     * Statist. Soc. Suppl. 8(2):184–197, as used by Yue &amp; Wang (2004). x must be
     * non-decreasing (time order), else {@link IllegalArgumentException}.
     */
    public static double ar1Factor(double[] x, double[] y) {
        Checks.pair(x, y);
        return ar1Factor(x, y, x.length < 4 ? Double.NaN : TheilSen.slope(x, y));
    }

    /** {@link #ar1Factor(double[], double[])} with the Theil–Sen slope already computed. */
    public static double ar1Factor(double[] x, double[] y, double slope) {
        Checks.pair(x, y);
        if (x.length < 4) {
            return Double.NaN;
        }
        Checks.increasing(x);
        return Autocorrelation.ar1InflationFactor(Autocorrelation.ar1BiasCorrected(detrend(x, y, slope)));
    }

    /** y − β̂·x with β̂ the Theil–Sen slope (the intercept does not matter for correlations). */
    static double[] detrend(double[] x, double[] y) {
        return detrend(x, y, TheilSen.slope(x, y));
    }

    /** y − b·x (b = 0 when NaN). */
    static double[] detrend(double[] x, double[] y, double b) {
        double[] r = new double[y.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = y[i] - (Double.isNaN(b) ? 0 : b) * x[i];
        }
        return r;
    }

    private static int checkLag(int maxLag) {
        if (maxLag < 1) {
            throw new IllegalArgumentException("maxLag = " + maxLag + " must be >= 1");
        }
        return maxLag;
    }

    static Result of(int n, double s, double var, double tauA, double tauB) {
        double z;
        if (!(var > 0) || n < 3) {
            z = Double.NaN;
        } else {
            z = (s - Math.signum(s)) / Math.sqrt(var);
        }
        double p2 = Double.isNaN(z) ? Double.NaN : 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z));
        double pUp = Double.isNaN(z) ? Double.NaN : STANDARD_NORMAL.cumulativeProbability(-z);
        double pDown = Double.isNaN(z) ? Double.NaN : STANDARD_NORMAL.cumulativeProbability(z);
        return new Result(n, s, var, z, p2, pUp, pDown, tauA, tauB);
    }
}
