package dev.soak.stats;

/**
 * Which explains a series better: a linear trend, or one level shift at an unknown place with no trend,
 * each beside the same other columns and under AR(1) noise.
 *
 * <p>Models, for y of length m with design X whose column {@code trendColumn} is the trend u:
 * <ul>
 *   <li>trend: y = Xβ + e;</li>
 *   <li>shift at k: y = X<sub>−u</sub>γ + δ·d<sub>k</sub> + e, X<sub>−u</sub> the design without u and
 *       d<sub>k</sub> = 1[i ≥ k], k at least {@code minSegment} points from either end;</li>
 * </ul>
 * e a stationary AR(1) with coefficient φ and innovation variance σ². Both have the same number of
 * continuous parameters. For a given φ the exact Gaussian log-likelihood, with β (or γ, δ) and σ² profiled
 * out, is ℓ(φ) = −(m/2)·log RSS<sub>φ</sub> + ½·log(1 − φ²) + const, RSS<sub>φ</sub> the residual sum of
 * squares of the Prais–Winsten transformed regression (w<sub>0</sub> = √(1 − φ²)·v<sub>0</sub>,
 * w<sub>i</sub> = v<sub>i</sub> − φ·v<sub>i−1</sub>; Prais, S. J. &amp; Winsten, C. B. (1954), Cowles
 * Commission Discussion Paper 383; Beach, C. M. &amp; MacKinnon, J. G. (1978), "A maximum likelihood
 * procedure for regression with autocorrelated errors", Econometrica 46(1):51–58). Each model takes its
 * own φ, the maximum of ℓ over {@code phiGrid}: a shift left out of the trend model's residuals reads as
 * persistence there, and a trend left out of the shift model's as persistence in those, so neither model
 * is judged with the other's noise.
 *
 * <p>The shift's place is not chosen by the data at no cost: the shift model's likelihood is averaged over
 * the admissible k with equal weight (the uniform prior on the change point of Smith, A. F. M. (1975),
 * "A Bayesian approach to inference about a change-point in a sequence of random variables",
 * Biometrika 62(2):407–416), which charges about log(number of places) against a shift that fits only at
 * one k. The result is the log Bayes factor
 * log B = log[(1/K)·Σ<sub>k</sub> exp ℓ<sub>k</sub>] − ℓ<sub>trend</sub> (σ², the coefficients and φ profiled,
 * not integrated): positive when the shift explains the series better.
 *
 * <p>Every k is evaluated from suffix sums: with the transformed base design W, its residuals r and
 * G = (W'W)<sup>−1</sup>, the transformed step is w<sub>k</sub> = (1 − φ)·1[i ≥ k] + φ·e<sub>k</sub>, and
 * RSS<sub>k</sub> = RSS<sub>base</sub> − (w<sub>k</sub>'r)² / (w<sub>k</sub>'w<sub>k</sub> − w<sub>k</sub>'W·G·W'w<sub>k</sub>)
 * (the scan of {@link ChangePoints}, whose step dummy is w<sub>k</sub> at φ = 0). O(g·m·p²) for g grid values
 * and p columns.
 *
 * <p>Degenerate input (fewer than 2·minSegment points, too few points beside the columns, a singular
 * design, a series the trend fits exactly) gives a result with NaN log Bayes factor and index −1.
 * Non-finite entries, unequal lengths, a trend column out of range or a φ outside [0, 1) throw
 * {@link IllegalArgumentException}.
 *
 * <p>Stateless; safe from any thread.
 */
public final class ShiftOrTrend {

    /**
     * The comparison.
     *
     * @param logBayesFactor log B above: positive when one shift without the trend explains the series better
     * @param index          the shift's most likely place (first index after it), −1 when degenerate
     * @param phiShift       φ of the shift model at that place
     * @param phiTrend       φ of the trend model
     */
    public record Result(double logBayesFactor, int index, double phiShift, double phiTrend) {
        static final Result NONE = new Result(Double.NaN, -1, Double.NaN, Double.NaN);
    }

    private ShiftOrTrend() {
    }

    /**
     * Compares the two models as described above.
     *
     * @param columns     the design X, column by column (include a column of ones)
     * @param trendColumn index of the trend column u in {@code columns}
     * @param y           values
     * @param minSegment  fewest points on either side of the shift (≥ 1)
     * @param phiGrid     the AR(1) coefficients over which each model's likelihood is maximised, each in [0, 1)
     */
    public static Result compare(double[][] columns, int trendColumn, double[] y, int minSegment, double[] phiGrid) {
        Checks.finite("y", y);
        if (trendColumn < 0 || trendColumn >= columns.length) {
            throw new IllegalArgumentException("trendColumn = " + trendColumn + " must be in [0, " + columns.length
                    + ") (the index of the trend among the columns)");
        }
        if (minSegment < 1) {
            throw new IllegalArgumentException("minSegment = " + minSegment + " must be >= 1");
        }
        for (double phi : phiGrid) {
            if (!(phi >= 0 && phi < 1)) {
                throw new IllegalArgumentException("phiGrid holds " + phi + "; every φ must be in [0, 1)");
            }
        }
        int m = y.length;
        int p = columns.length;
        if (phiGrid.length == 0 || m < 2 * minSegment || m - p < 2) {
            return Result.NONE;
        }
        double[][] base = new double[p - 1][];
        for (int j = 0, c = 0; j < p; j++) {
            if (j != trendColumn) {
                base[c++] = columns[j];
            }
        }
        double trend = Double.NEGATIVE_INFINITY;
        double phiTrend = Double.NaN;
        double[] shift = new double[m + 1];
        double[] phiShift = new double[m + 1];
        java.util.Arrays.fill(shift, Double.NEGATIVE_INFINITY);
        for (double phi : phiGrid) {
            double logDet = 0.5 * Math.log(1 - phi * phi);
            double[] yw = whiten(y, phi);
            LeastSquaresFit f = LeastSquares.fitDesign(whiten(columns, phi), yw);
            double rss = f.residualSumOfSquares();
            if (Double.isNaN(f.coefficient(0)) || !(rss > 0)) {
                return Result.NONE;
            }
            double l = -0.5 * m * Math.log(rss) + logDet;
            if (l > trend) {
                trend = l;
                phiTrend = phi;
            }
            double[] rssK = shiftRss(whiten(base, phi), yw, phi, minSegment);
            if (rssK == null) {
                return Result.NONE;
            }
            for (int k = minSegment; k <= m - minSegment; k++) {
                double lk = -0.5 * m * Math.log(rssK[k]) + logDet;
                if (lk > shift[k]) {
                    shift[k] = lk;
                    phiShift[k] = phi;
                }
            }
        }
        int best = -1;
        for (int k = minSegment; k <= m - minSegment; k++) {
            if (best < 0 || shift[k] > shift[best]) {
                best = k;
            }
        }
        if (best < 0 || !Double.isFinite(shift[best])) {
            return Result.NONE;
        }
        double sum = 0;
        int count = 0;
        for (int k = minSegment; k <= m - minSegment; k++) {
            sum += Math.exp(shift[k] - shift[best]);
            count++;
        }
        return new Result(shift[best] + Math.log(sum / count) - trend, best, phiShift[best], phiTrend);
    }

    /**
     * RSS of the transformed base design {@code w} (already whitened, as is {@code yw}) with the transformed step
     * at each k in [minSegment, m − minSegment] added (entries outside: unset); null when the base fit is singular.
     */
    private static double[] shiftRss(double[][] w, double[] yw, double phi, int minSegment) {
        int m = yw.length;
        LeastSquaresFit f = LeastSquares.fitDesign(w, yw);
        if (Double.isNaN(f.coefficient(0))) {
            return null;
        }
        double rss = f.residualSumOfSquares();
        double[] reduction = ChangePoints.splitReductions(w, f.residuals(), f.inverseGram(), phi, minSegment);
        double[] out = new double[m + 1];
        for (int k = minSegment; k <= m - minSegment; k++) {
            out[k] = Double.isNaN(reduction[k]) ? rss : Math.max(rss - reduction[k], 1e-300);
        }
        return out;
    }

    private static double[][] whiten(double[][] cols, double phi) {
        double[][] out = new double[cols.length][];
        for (int j = 0; j < cols.length; j++) {
            out[j] = whiten(cols[j], phi);
        }
        return out;
    }

    /** Prais–Winsten transform: √(1 − φ²)·v₀, then v<sub>i</sub> − φ·v<sub>i−1</sub>. */
    private static double[] whiten(double[] v, double phi) {
        Checks.finite("columns", v);
        double[] w = new double[v.length];
        if (v.length == 0) {
            return w;
        }
        w[0] = Math.sqrt(1 - phi * phi) * v[0];
        for (int i = 1; i < v.length; i++) {
            w[i] = v[i] - phi * v[i - 1];
        }
        return w;
    }
}
