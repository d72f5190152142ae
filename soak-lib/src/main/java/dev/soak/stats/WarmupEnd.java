package dev.soak.stats;

/**
 * Where a decelerating start (warm-up) of a series ends, so that a trend test can skip it without
 * cutting away a persistent trend.
 *
 * <p>Rule. Fit by least squares, profiled over a geometric grid of G time constants τ in
 * [τ<sub>min</sub>, τ<sub>max</sub>], y = a + b·(x − x̄) + c·e<sup>−(x − x₀)/τ</sup> + Σ d<sub>k</sub>·z<sub>k</sub>:
 * a line plus a saturating exponential (the shape of a cache filling, a pool growing or a JIT
 * warming) plus optional covariates z. The τ with the least residual sum of squares is kept. The
 * warm-up is significant when |ĉ|/se(ĉ) &gt; {@code minT}, se(ĉ) the exact AR(1) sandwich error
 * ({@link LeastSquaresFit#ar1ExactVariance}) with the conservative plug-in
 * {@link Autocorrelation#ar1Conservative} (one standard error): a slow wander of autocorrelated
 * noise, fitted by a long τ nearly collinear with the line, does not qualify. It then ends where
 * the remaining amplitude |ĉ|·e<sup>−(x − x₀)/τ</sup> falls below {@code settleSd}·σ̂ (σ̂ the
 * residual standard deviation): x<sub>end</sub> = x₀ + τ·ln(|ĉ|/(settleSd·σ̂)). A persistent linear
 * rise is absorbed by b, not by c, so it is never cut away; both signs of c are warm-up (a rise
 * that slows, or a fall that slows, as latency does while caches and JIT warm). The saturating
 * description of an initial transient follows the warm-up literature surveyed by Mahajan, P. S.
 * &amp; Ingalls, R. G. (2004), "Evaluation of methods used to detect warm-up period in steady
 * state simulation", Proc. Winter Simulation Conf., 663–671.
 *
 * <p>Complexity O(G·n·p²) for p columns; use it on reduced series (window medians or minima of a
 * few hundred points). Degenerate input: fewer than 12 points or no valid fit gives
 * {@code detected} false. Non-finite entries or unequal lengths throw
 * {@link IllegalArgumentException}.
 *
 * <p>Stateless; safe from any thread.
 */
public final class WarmupEnd {
    /** Grid size used by {@link #detect(double[], double[], double[][], double, double, double, double)}. */
    public static final int GRID = 16;

    /** The {@code g}-th of the {@link #GRID} τ values, geometric from {@code tauMin} to {@code tauMax}. */
    public static double tau(double tauMin, double tauMax, int g) {
        return tauMin * Math.pow(tauMax / tauMin, g / (double) (GRID - 1));
    }

    /**
     * The outcome.
     *
     * @param detected  the saturating term is significant
     * @param endX      where the warm-up ends (x₀ when not detected; may lie beyond the last x)
     * @param tau       the fitted time constant ({@code NaN} when no fit)
     * @param tStat     ĉ/se(ĉ) at the fitted τ ({@code NaN} when no fit)
     * @param slopeT    b̂/se(b̂) at the fitted τ, with the same AR(1) error ({@code NaN} when no fit): whether the
     *                  line stays significant once the saturating term may explain part of the rise
     */
    public record Result(boolean detected, double endX, double tau, double tStat, double slopeT) {
    }

    private WarmupEnd() {
    }

    /**
     * Profiled saturating-exponential fit as described above.
     *
     * @param x          increasing abscissae
     * @param y          values
     * @param covariates extra columns (each of length n; may be empty)
     * @param tauMin     smallest τ of the grid (x units, &gt; 0)
     * @param tauMax     largest τ (≥ tauMin)
     * @param minT       |t| of ĉ above which the warm-up is significant
     * @param settleSd   remaining amplitude, in residual standard deviations, at which it ends
     */
    public static Result detect(double[] x, double[] y, double[][] covariates, double tauMin, double tauMax,
                                double minT, double settleSd) {
        Checks.pair(x, y);
        if (!(tauMin > 0) || !(tauMax >= tauMin) || Double.isInfinite(tauMax)) {
            throw new IllegalArgumentException("tau range [" + tauMin + ", " + tauMax
                    + "] must satisfy 0 < tauMin <= tauMax < infinity");
        }
        int n = x.length;
        Result none = new Result(false, n == 0 ? Double.NaN : x[0], Double.NaN, Double.NaN, Double.NaN);
        if (n < 12) {
            return none;
        }
        double x0 = x[0];
        double mean = Series.mean(x);
        double[] one = new double[n];
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            one[i] = 1;
            u[i] = x[i] - mean;
        }
        double[][] cols = new double[3 + covariates.length][];
        cols[0] = one;
        cols[1] = u;
        System.arraycopy(covariates, 0, cols, 3, covariates.length);
        LeastSquaresFit best = null;
        double bestTau = Double.NaN;
        for (int g = 0; g < GRID; g++) {
            double tau = tau(tauMin, tauMax, g);
            double[] e = new double[n];
            for (int i = 0; i < n; i++) {
                e[i] = Math.exp(-(x[i] - x0) / tau);
            }
            cols[2] = e;
            LeastSquaresFit f = LeastSquares.fitDesign(cols, y);
            if (!Double.isNaN(f.coefficient(2)) && (best == null || f.residualSumOfSquares() < best.residualSumOfSquares())) {
                best = f;
                bestTau = tau;
            }
        }
        if (best == null || n - cols.length < 3) {
            return none;
        }
        double phi = Autocorrelation.ar1Conservative(best.residuals(), cols.length, 1);
        double c = best.coefficient(2);
        double t = c / Math.sqrt(best.ar1ExactVariance(2, phi));
        double slopeT = best.coefficient(1) / Math.sqrt(best.ar1ExactVariance(1, phi));
        if (!(Math.abs(t) > minT)) {
            return new Result(false, x0, bestTau, t, slopeT);
        }
        double end = x0 + bestTau * Math.log(Math.abs(c) / (settleSd * Math.sqrt(best.residualVariance())));
        if (!(end > x0)) {
            return new Result(false, x0, bestTau, t, slopeT);
        }
        return new Result(true, end, bestTau, t, slopeT);
    }
}
