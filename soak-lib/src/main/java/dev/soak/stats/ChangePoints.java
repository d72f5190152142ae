package dev.soak.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Level shifts (one-off steps of the intercept) in a regression whose other coefficients — a
 * trend, covariates — stay the same across the shifts, found one at a time and reported with
 * where and how big they are.
 *
 * <p>Model: y = Xβ + Σ<sub>k</sub> δ<sub>k</sub>·1[i ≥ i<sub>k</sub>] + e, the partial structural change
 * model of Bai, J. &amp; Perron, P. (1998), "Estimating and testing linear models with multiple
 * structural changes", Econometrica 66(1):47–78, estimated sequentially (Bai, J. (1997),
 * "Estimating multiple breaks one at a time", Econometric Theory 13:315–352). Each round takes
 * the split k (at least {@code minSegment} points from either end) that most reduces the residual
 * sum of squares when the step dummy d<sub>k</sub> is added: with residuals r of the current fit
 * and (X'X)<sup>−1</sup>, the reduction is (d<sub>k</sub>'r)²/(d<sub>k</sub>'d<sub>k</sub> − d<sub>k</sub>'X(X'X)<sup>−1</sup>X'd<sub>k</sub>),
 * evaluated for every k from suffix sums in O(n·p²). The step is kept, and the next round run,
 * when |δ̂/se(δ̂)| &gt; {@code minT}, se from the exact AR(1) sandwich
 * ({@link LeastSquaresFit#ar1ExactVariance}) with the bias-corrected φ
 * ({@link Autocorrelation#ar1Conservative} with no extra standard error) of the residuals without the
 * step or with it, whichever is larger: under autocorrelation a marginal-variance test finds many
 * spurious steps, and the split that best fits a slow excursion of the noise takes that excursion
 * out of the residuals with the step, so their φ alone understates the persistence the step is
 * tested against (under "no shift" the residuals without it are the right ones; a real shift is
 * large against either). Because the trend is common to all segments,
 * a pure trend gives no step and a step on top of a trend does not bend the trend estimate.
 * {@code minT} bounds the largest |t| over all splits, whose null distribution is wider than
 * Student's (Andrews, D. W. K. (1993), Econometrica 61(4):821–856): choose it by simulation
 * (3.5 gives a few per cent spurious steps in 120 independent points, more under persistence).
 *
 * <p>{@link #levelShiftsAt} tests shifts at given positions instead (known from elsewhere, e.g. a
 * shift found in another series measured at the same time): with the position fixed in advance
 * the statistic is an ordinary t (no maximum over splits), so a much lower {@code minT} is
 * appropriate; the φ is that of the residuals with the shift only (no split was chosen to fit the noise).
 *
 * <p>{@link #bestSplit} places one change in mean within a short stretch of values, e.g. the raw
 * values around a shift found on aggregated ones.
 *
 * <p>Degenerate input: fewer than 2·minSegment points, a singular design, or a shift below 10⁻⁹ of the largest
 * |value| (the rounding left where the design already fits exactly) gives no step.
 * Non-finite entries or unequal lengths throw {@link IllegalArgumentException}.
 *
 * <p>Stateless; safe from any thread.
 */
public final class ChangePoints {
    /**
     * A shift smaller than this fraction of the values' largest magnitude is rounding, not a shift: where the design
     * already fits exactly (a series that only stepped, every step found) its t against a residual variance of
     * 10⁻³⁰ is as large as any.
     */
    private static final double ROUNDING = 1e-9;

    /**
     * One level shift.
     *
     * @param index   first index after the shift
     * @param size    fitted shift δ̂ when it was found
     * @param tStat   δ̂/se(δ̂) when it was found
     */
    public record Step(int index, double size, double tStat) {
    }

    /**
     * The shifts in the order found, and the design with their dummy columns appended.
     *
     * @param steps     shifts found
     * @param design    the given columns followed by one 0/1 column per shift
     * @param rejected  the best split of the round that ended the search, whose |t| did not exceed the bar
     *                  (null when the search ended otherwise: at {@code maxSteps}, with no admissible split, or
     *                  for shifts tested at given positions); a candidate that other evidence (the same split in
     *                  another series) may confirm
     */
    public record Result(List<Step> steps, double[][] design, Step rejected) {
        /** Defensive copy of the list. */
        public Result {
            steps = List.copyOf(steps);
        }
    }

    private ChangePoints() {
    }

    /**
     * Sequential level-shift search as described above.
     *
     * @param columns    the design X, column by column (include a column of ones)
     * @param y          values
     * @param maxSteps   at most this many shifts
     * @param minSegment fewest points on either side of a shift (≥ 1)
     * @param minT       |t| a shift must exceed to be kept
     */
    public static Result levelShifts(double[][] columns, double[] y, int maxSteps, int minSegment, double minT) {
        if (minSegment < 1) {
            throw new IllegalArgumentException("minSegment = " + minSegment + " must be >= 1");
        }
        List<double[]> cols = new ArrayList<>(List.of(columns));
        List<Step> steps = new ArrayList<>();
        Step rejected = null;
        for (int s = 0; s < maxSteps; s++) {
            Step step = next(cols, y, minSegment);
            if (step == null) {
                break;
            }
            if (!(Math.abs(step.tStat()) > minT)) {
                rejected = step;
                break;
            }
            cols.add(dummy(step.index(), y.length));
            steps.add(step);
        }
        return new Result(steps, cols.toArray(new double[0][]), rejected);
    }

    /**
     * Tests level shifts at given positions, in the order given, each on top of the columns and of
     * the shifts kept before it; a shift is kept when |δ̂/se(δ̂)| &gt; {@code minT} (se as in
     * {@link #levelShifts}, with the φ of the residuals with the shift: no split was chosen to fit the
     * noise). Positions with fewer than {@code minSegment} points on either side are skipped.
     *
     * @param columns    the design X, column by column (include a column of ones)
     * @param y          values
     * @param indices    candidate positions: first index after each shift
     * @param minSegment fewest points on either side of a shift (≥ 1)
     * @param minT       |t| a shift must exceed to be kept
     */
    public static Result levelShiftsAt(double[][] columns, double[] y, int[] indices, int minSegment, double minT) {
        if (minSegment < 1) {
            throw new IllegalArgumentException("minSegment = " + minSegment + " must be >= 1");
        }
        List<double[]> cols = new ArrayList<>(List.of(columns));
        List<Step> steps = new ArrayList<>();
        for (int k : indices) {
            if (k < minSegment || k > y.length - minSegment) {
                continue;
            }
            Step step = test(cols, y, k, 0);
            if (step != null && Math.abs(step.tStat()) > minT) {
                cols.add(dummy(k, y.length));
                steps.add(step);
            }
        }
        return new Result(steps, cols.toArray(new double[0][]), null);
    }

    /**
     * The single change in mean that fits {@code y} best by least squares: the k in [1, n) that
     * minimises the two segments' residual sum of squares, or equivalently maximises the between-segment
     * sum of squares S<sub>k</sub>²/k + (S − S<sub>k</sub>)²/(n − k) (S<sub>k</sub> the sum of the first k
     * values, S of all): the maximum-likelihood change point of a normal sequence with one shift in mean
     * (Hinkley, D. V. (1970), "Inference about the change-point in a sequence of random variables",
     * Biometrika 57(1):1–17). O(n). Used to place a shift found on coarse data (blocks) among the values
     * of the span where it was found. Ties go to the smallest k.
     *
     * @param y values (at least 2, finite)
     * @return the first index after the change
     */
    public static int bestSplit(double[] y) {
        Checks.finite("y", y);
        int n = y.length;
        if (n < 2) {
            throw new IllegalArgumentException("bestSplit needs at least 2 values, got " + n);
        }
        double total = 0;
        for (double v : y) {
            total += v;
        }
        double left = 0;
        double best = Double.NEGATIVE_INFINITY;
        int bestK = 1;
        for (int k = 1; k < n; k++) {
            left += y[k - 1];
            double right = total - left;
            double between = left * left / k + right * right / (n - k);
            if (between > best) {
                best = between;
                bestK = k;
            }
        }
        return bestK;
    }

    /** The split that most reduces the residual sum of squares, with its t (see the class comment); null when none. */
    private static Step next(List<double[]> cols, double[] y, int minSeg) {
        int m = y.length;
        double[][] x = cols.toArray(new double[0][]);
        LeastSquaresFit base = LeastSquares.fitDesign(x, y);
        if (Double.isNaN(base.coefficient(0))) {
            return null;
        }
        int p = x.length;
        double[] r = base.residuals();
        double[] reduction = splitReductions(x, r, base.inverseGram(), 0, minSeg);
        double bestStat = 0;
        int bestK = -1;
        for (int k = minSeg; k <= m - minSeg; k++) {
            if (reduction[k] > bestStat) {
                bestStat = reduction[k];
                bestK = k;
            }
        }
        if (bestK < 0) {
            return null;
        }
        return test(cols, y, bestK, Autocorrelation.ar1Conservative(r, p, 0));
    }

    /**
     * For each split k in [minSegment, m − minSegment], the reduction of the residual sum of squares when the
     * column w<sub>k</sub> = (1 − φ)·1[i ≥ k] + φ·e<sub>k</sub> is added to the design {@code x} whose fit left
     * residuals {@code r} and inverse Gram matrix {@code g}: (w<sub>k</sub>'r)²/(w<sub>k</sub>'w<sub>k</sub> −
     * w<sub>k</sub>'X·g·X'w<sub>k</sub>), from suffix sums in O(m·p²). At φ = 0 w<sub>k</sub> is the step dummy;
     * at φ &gt; 0 it is the dummy after the Prais–Winsten transform (k ≥ 1, so the first row's scaling never
     * touches it), for the transformed design of {@link ShiftOrTrend}. NaN where w<sub>k</sub> is (nearly) in
     * the span of the design, and outside the range.
     */
    static double[] splitReductions(double[][] x, double[] r, double[][] g, double phi, int minSegment) {
        int m = r.length;
        int p = x.length;
        double a = 1 - phi;
        double[][] suf = new double[p][m + 1];
        double[] sufR = new double[m + 1];
        for (int i = m - 1; i >= 0; i--) {
            for (int j = 0; j < p; j++) {
                suf[j][i] = suf[j][i + 1] + x[j][i];
            }
            sufR[i] = sufR[i + 1] + r[i];
        }
        double[] out = new double[m + 1];
        java.util.Arrays.fill(out, Double.NaN);
        double[] s = new double[p];
        for (int k = minSegment; k <= m - minSegment; k++) {
            for (int j = 0; j < p; j++) {
                s[j] = a * suf[j][k] + phi * x[j][k];
            }
            double quad = 0;
            for (int j = 0; j < p; j++) {
                for (int c = 0; c < p; c++) {
                    quad += s[j] * g[j][c] * s[c];
                }
            }
            double dd = 1 + (m - k - 1) * a * a - quad;
            double wr = a * sufR[k] + phi * r[k];
            if (dd > 1e-9) {
                out[k] = wr * wr / dd;
            }
        }
        return out;
    }

    /**
     * Fits the step dummy at {@code bestK} on top of {@code cols} and returns the step with its t, φ the
     * larger of {@code phiFloor} and that of the residuals with the step; null when the fit is degenerate.
     */
    private static Step test(List<double[]> cols, double[] y, int bestK, double phiFloor) {
        int m = y.length;
        double[][] x = cols.toArray(new double[0][]);
        int p = x.length;
        double[][] xs = new double[p + 1][];
        System.arraycopy(x, 0, xs, 0, p);
        xs[p] = dummy(bestK, m);
        if (m - xs.length < 3) {
            return null;
        }
        LeastSquaresFit f = LeastSquares.fitDesign(xs, y);
        if (Double.isNaN(f.coefficient(p))) {
            return null;
        }
        double phi = Math.max(phiFloor, Autocorrelation.ar1Conservative(f.residuals(), xs.length, 0));
        double delta = f.coefficient(p);
        if (!(Math.abs(delta) > ROUNDING * Series.maxAbs(y))) {
            return null;
        }
        double t = delta / Math.sqrt(f.ar1ExactVarianceUnbiased(p, phi));
        return Double.isNaN(t) ? null : new Step(bestK, delta, t);
    }

    /** The 0/1 column of a shift before index {@code k} of {@code m}. */
    private static double[] dummy(int k, int m) {
        double[] d = new double[m];
        for (int i = k; i < m; i++) {
            d[i] = 1;
        }
        return d;
    }
}
