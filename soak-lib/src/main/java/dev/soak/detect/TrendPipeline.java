package dev.soak.detect;

import dev.soak.stats.TheilSen;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The trend estimate behind every verdict, on one raw series (DESIGN.md "Detection"):
 * <ol>
 *   <li>block aggregation ({@link Blocks}: medians, or minima for a GC sawtooth's lower envelope);</li>
 *   <li>warm-up: a fixed cut, or a profile fit of y = a + βt + c·e^{−t/τ} (+ load) over a τ grid; when the
 *       saturation term is significant (|t_c| &gt; {@link #WARMUP_T}) the warm-up ends where its
 *       remaining amplitude |c|e^{−t/τ} falls below {@link #WARMUP_KAPPA}·s; a warm-up still running at
 *       half the run is cut there and flagged, so that no FAIL is given (a decelerating rise is not a leak);</li>
 *   <li>level shifts: greedy binary search for a step dummy with a common slope (at most
 *       {@link #MAX_STEPS}), kept when its AR(1)-aware |t| exceeds {@link #STEP_T};</li>
 *   <li>load as a covariate when its coefficient of variation across blocks exceeds {@link #LOAD_CV};</li>
 *   <li>slope: Theil–Sen on the covariate-adjusted blocks (stats' O(n log n) slope selection);
 *       standard error: exact AR(1) sandwich of the OLS slope ({@link Regression#ar1Variance}) with
 *       φ̂ bias-corrected as φ̂ + (1 + 3φ̂ + p)/m (Kendall 1954, plus the regressors' share), times the
 *       calibration factor {@link #seFactor}; degrees of freedom (m − p)(1 − φ)/(1 + φ).</li>
 * </ol>
 * Constants were chosen by Monte Carlo calibration ({@code calibrate.java}). Stateless, thread-safe.
 */
final class TrendPipeline {
    static final double BLOCK_SEC = 600;
    static final int MIN_BLOCKS = 8;
    static final double WARMUP_T = 2.5;
    static final double WARMUP_KAPPA = 0.5;
    /** τ grid ends at T/3: a saturation slower than that is indistinguishable from a line and would eat real leaks. */
    static final double TAU_MAX_DIVISOR = 3;
    static final double STEP_T = 3.5;
    static final int MAX_STEPS = 3;
    static final double LOAD_CV = 0.05;
    /** Persistence penalty K of {@link #seFactor}. */
    static final double PERSISTENCE_K = 1.0;
    static final double PHI_SD = 1.0;

    private TrendPipeline() {
    }

    /**
     * The outcome of the pipeline; slopes in y-units per hour.
     *
     * @param ok             false when there were too few blocks to estimate anything
     * @param slope          Theil–Sen slope of the adjusted blocks
     * @param se             calibrated AR(1)-aware standard error
     * @param df             effective degrees of freedom for t quantiles
     * @param phi            bias-corrected lag-1 autocorrelation of the block residuals
     * @param blocks         blocks used
     * @param samples        raw samples used
     * @param usedHours      time span of the used blocks
     * @param warmupEndSec   warm-up cut
     * @param warmupRunning  the warm-up had not ended by half the run (its term was kept)
     * @param steps          level shifts: {tSec, size}
     * @param loadAdjusted   load was a covariate
     * @param fittedLast     fitted value at the last block (for forecasts)
     * @param decelT         t statistic of the change in slope at mid-window (negative: slowing down)
     * @param lateSlope      OLS slope over the second half of the window (from the same hinge fit)
     * @param warmupEndEstimateSec when the warm-up is still running: where the saturating fit says it ends
     */
    record Estimate(boolean ok, double slope, double se, double df, double phi, int blocks, int samples,
                    double usedHours, double warmupEndSec, boolean warmupRunning, List<double[]> steps,
                    boolean loadAdjusted, double fittedLast, double decelT, double lateSlope,
                    double warmupEndEstimateSec) {
        static Estimate insufficient(int blocks, int samples) {
            return new Estimate(false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, blocks, samples, 0, 0, false,
                    List.of(), false, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    /**
     * Runs the pipeline on finite, time-sorted {@code (tSec, y)}.
     *
     * @param envelope   use block minima (sawtooth) instead of medians
     * @param warmupSec  fixed warm-up, or empty for automatic detection
     * @param loadT      load times (may be empty)
     * @param loadV      load values
     */
    static Estimate estimate(double[] tSec, double[] y, boolean envelope, OptionalDouble warmupSec, double[] loadT,
                             double[] loadV) {
        return estimate(tSec, y, envelope, warmupSec, loadT, loadV, false);
    }

    /**
     * As above; on a live look ({@code live}) the warm-up τ grid extends to the whole window, so a
     * warm-up slower than a third of the time seen so far is still recognised (and blocks a live FAIL).
     */
    static Estimate estimate(double[] tSec, double[] y, boolean envelope, OptionalDouble warmupSec, double[] loadT,
                             double[] loadV, boolean live) {
        int n = tSec.length;
        if (n < MIN_BLOCKS) {
            return Estimate.insufficient(0, n);
        }
        double dt = medianSpacing(tSec);
        double last = tSec[n - 1];
        double blockSec = envelope ? Math.max(3 * dt, BLOCK_SEC) : Math.max(dt, Math.min(BLOCK_SEC, last / 36));
        if (last / blockSec < MIN_BLOCKS + 1) {
            blockSec = Math.max(dt, last / (MIN_BLOCKS + 1));
        }
        Blocks all = Blocks.aggregate(tSec, y, blockSec, envelope, loadT, loadV);
        if (all.size() < MIN_BLOCKS) {
            return Estimate.insufficient(all.size(), n);
        }
        boolean useLoad = loadVaries(all.load());
        // 1. warm-up
        int cut = 0;
        double tau = Double.NaN;
        boolean running = false;
        double warmupEndEstimate = Double.NaN;
        if (warmupSec.isPresent()) {
            double w = warmupSec.getAsDouble() / 3600.0;
            while (cut < all.size() && all.tHours()[cut] < w) {
                cut++;
            }
        } else {
            double[] wu = detectWarmup(all, useLoad, live ? 1 : TAU_MAX_DIVISOR);
            if (wu != null) {
                double end = wu[0];
                tau = wu[1];
                warmupEndEstimate = end * 3600;
                double half = all.tHours()[all.size() - 1] / 2;
                if (end > half) {
                    end = half;
                    running = true;
                }
                while (cut < all.size() && all.tHours()[cut] < end) {
                    cut++;
                }
            }
        }
        Blocks b = all.from(cut);
        int m = b.size();
        if (m < MIN_BLOCKS) {
            return Estimate.insufficient(m, b.samples());
        }
        useLoad = useLoad && loadVaries(b.load());
        // 2. design: 1, u (hours, centred), [warm-up term], [load], then steps
        List<double[]> cols = baseColumns(b, Double.NaN, useLoad);
        List<double[]> steps = new ArrayList<>();
        int minSeg = Math.max(3, m / 20);
        for (int s = 0; s < MAX_STEPS; s++) {
            double[] step = findStep(cols, b, minSeg);
            if (step == null) {
                break;
            }
            steps.add(step);
        }
        double[][] x = cols.toArray(new double[0][]);
        Regression.Fit fit = Regression.ols(x, b.value());
        if (fit == null || m - x.length < 3) {
            return Estimate.insufficient(m, b.samples());
        }
        int p = x.length;
        double phi = plugInPhi(fit.residuals(), p);
        if (!steps.isEmpty()) {
            // a spurious step absorbs low-frequency noise and lowers φ̂: keep the step-free φ when larger
            double[][] x0 = baseColumns(b, Double.NaN, useLoad).toArray(new double[0][]);
            Regression.Fit f0 = Regression.ols(x0, b.value());
            if (f0 != null) {
                phi = Math.max(phi, plugInPhi(f0.residuals(), x0.length));
            }
        }
        double s2 = fit.rss() / (m - p);
        double var = Regression.ar1Variance(x, fit.xtxInv(), 1, phi, s2);
        double se = Math.sqrt(var) * seFactor(phi);
        double df = Math.max(3, (m - p) * (1 - phi) / (1 + phi));
        double[] decel = deceleration(cols, b, phi);
        // Theil–Sen on the covariate-adjusted blocks
        double[] adj = b.value().clone();
        for (int c = 2; c < p; c++) {
            for (int i = 0; i < m; i++) {
                adj[i] -= fit.beta()[c] * x[c][i];
            }
        }
        double ts = TheilSen.slope(b.tHours(), adj);
        double fittedLast = b.value()[m - 1] - fit.residuals()[m - 1];
        double used = b.tHours()[m - 1] - b.tHours()[0] + blockSec / 3600.0;
        double warmEnd = cut == 0 ? 0 : all.tHours()[cut] * 3600 - blockSec / 2;
        return new Estimate(true, ts, se, df, phi, m, b.samples(), used, Math.max(0, warmEnd), running, steps,
                useLoad, fittedLast, decel[0], decel[1], running ? warmupEndEstimate : Double.NaN);
    }

    private static List<double[]> baseColumns(Blocks b, double tau, boolean useLoad) {
        int m = b.size();
        double mean = 0;
        for (double t : b.tHours()) {
            mean += t;
        }
        mean /= m;
        double[] one = new double[m];
        double[] u = new double[m];
        for (int i = 0; i < m; i++) {
            one[i] = 1;
            u[i] = b.tHours()[i] - mean;
        }
        List<double[]> cols = new ArrayList<>();
        cols.add(one);
        cols.add(u);
        if (!Double.isNaN(tau)) {
            double[] e = new double[m];
            for (int i = 0; i < m; i++) {
                e[i] = Math.exp(-b.tHours()[i] / tau);
            }
            cols.add(e);
        }
        if (useLoad) {
            cols.add(centredLoad(b.load()));
        }
        return cols;
    }

    /**
     * Profile fit of a saturating warm-up over τ; returns {warm-up end in hours, τ in hours} when the
     * warm-up term is significant, else null.
     */
    static double[] detectWarmup(Blocks all, boolean useLoad, double tauMaxDivisor) {
        int m = all.size();
        if (m < 12) {
            return null;
        }
        double tLast = all.tHours()[m - 1];
        double tauMin = Math.max(2 * (all.tHours()[1] - all.tHours()[0]), 5.0 / 60);
        double tauMax = tLast / tauMaxDivisor;
        List<double[]> base = baseColumns(all, Double.NaN, useLoad);
        double bestRss = Double.POSITIVE_INFINITY, bestTau = Double.NaN;
        Regression.Fit best = null;
        double[][] bestX = null;
        int grid = 16;
        for (int g = 0; g < grid; g++) {
            double tau = tauMin * Math.pow(tauMax / tauMin, g / (double) (grid - 1));
            double[] e = new double[m];
            for (int i = 0; i < m; i++) {
                e[i] = Math.exp(-all.tHours()[i] / tau);
            }
            List<double[]> cols = new ArrayList<>(base);
            cols.add(2, e);
            double[][] x = cols.toArray(new double[0][]);
            Regression.Fit f = Regression.ols(x, all.value());
            if (f != null && f.rss() < bestRss) {
                bestRss = f.rss();
                bestTau = tau;
                best = f;
                bestX = x;
            }
        }
        if (best == null) {
            return null;
        }
        int p = bestX.length;
        double phi = plugInPhi(best.residuals(), p);
        double s2 = best.rss() / (m - p);
        double c = best.beta()[2];
        double seC = Math.sqrt(Regression.ar1Variance(bestX, best.xtxInv(), 2, phi, s2));
        if (!(Math.abs(c) / seC > WARMUP_T)) {
            return null;
        }
        double s = Math.sqrt(s2);
        double end = bestTau * Math.log(Math.abs(c) / (WARMUP_KAPPA * s));
        if (!(end > all.tHours()[0])) {
            return null;
        }
        return new double[] {end, bestTau};
    }

    /**
     * One greedy step search: the split k maximising the step dummy's naive t given the current
     * columns, kept (and appended to {@code cols}) when its AR(1)-aware |t| exceeds {@link #STEP_T}.
     * Returns {tSec, size} or null.
     */
    private static double[] findStep(List<double[]> cols, Blocks b, int minSeg) {
        int m = b.size();
        double[][] x = cols.toArray(new double[0][]);
        Regression.Fit base = Regression.ols(x, b.value());
        if (base == null) {
            return null;
        }
        int p = x.length;
        // suffix sums of the columns and the residuals: X'd_k and d_k'r for d_k = 1[i ≥ k]
        double[][] suf = new double[p][m + 1];
        double[] sufR = new double[m + 1];
        for (int i = m - 1; i >= 0; i--) {
            for (int a = 0; a < p; a++) {
                suf[a][i] = suf[a][i + 1] + x[a][i];
            }
            sufR[i] = sufR[i + 1] + base.residuals()[i];
        }
        double bestStat = 0;
        int bestK = -1;
        double[] s = new double[p];
        for (int k = minSeg; k <= m - minSeg; k++) {
            for (int a = 0; a < p; a++) {
                s[a] = suf[a][k];
            }
            double quad = 0;
            for (int a = 0; a < p; a++) {
                for (int c = 0; c < p; c++) {
                    quad += s[a] * base.xtxInv()[a][c] * s[c];
                }
            }
            double dd = (m - k) - quad;
            if (dd <= 1e-9) {
                continue;
            }
            double stat = sufR[k] * sufR[k] / dd;
            if (stat > bestStat) {
                bestStat = stat;
                bestK = k;
            }
        }
        if (bestK < 0) {
            return null;
        }
        double[] d = new double[m];
        for (int i = bestK; i < m; i++) {
            d[i] = 1;
        }
        List<double[]> withStep = new ArrayList<>(cols);
        withStep.add(d);
        double[][] xs = withStep.toArray(new double[0][]);
        Regression.Fit f = Regression.ols(xs, b.value());
        if (f == null || m - xs.length < 3) {
            return null;
        }
        int q = xs.length;
        double phi = plugInPhi(f.residuals(), q, 0);
        double s2 = f.rss() / (m - q);
        double delta = f.beta()[q - 1];
        double se = Math.sqrt(Regression.ar1Variance(xs, f.xtxInv(), q - 1, phi, s2));
        if (!(Math.abs(delta) / se > STEP_T)) {
            return null;
        }
        cols.add(d);
        double tStep = 0.5 * (b.tHours()[bestK - 1] + b.tHours()[bestK]) * 3600;
        return new double[] {tStep, delta};
    }

    /**
     * The AR(1) coefficient plugged into the sandwich: lag-1 autocorrelation of the residuals,
     * bias-corrected (1 + 3φ̂ + p)/m, plus {@link #PHI_SD} standard errors √((1 − φ²)/m) so that an
     * unlucky low φ̂ does not shrink the variance (the main source of false alarms under persistence).
     */
    static double plugInPhi(double[] residuals, int p) {
        return plugInPhi(residuals, p, PHI_SD);
    }

    static double plugInPhi(double[] residuals, int p, double sds) {
        int m = residuals.length;
        double phiHat = Regression.lag1(residuals);
        double c = clampPhi(phiHat + (1 + 3 * phiHat + p) / m);
        return clampPhi(c + sds * Math.sqrt((1 - c * c) / m));
    }

    /**
     * Deceleration statistic: adds a hinge max(0, t − t_mid) to the design and returns {the hinge
     * coefficient's AR(1)-aware t, the second-half slope}; significantly negative t with a late slope
     * below the threshold means the growth levels off, as a warm-up does and a leak does not
     * ({@link Decision} compares them with its one-sided levels).
     */
    private static double[] deceleration(List<double[]> cols, Blocks b, double phi) {
        int m = b.size();
        double mid = 0.5 * (b.tHours()[0] + b.tHours()[m - 1]);
        double[] h = new double[m];
        for (int i = 0; i < m; i++) {
            h[i] = Math.max(0, b.tHours()[i] - mid);
        }
        List<double[]> withHinge = new ArrayList<>(cols);
        withHinge.add(h);
        double[][] x = withHinge.toArray(new double[0][]);
        Regression.Fit f = Regression.ols(x, b.value());
        if (f == null || m - x.length < 3) {
            return new double[] {Double.NaN, Double.NaN};
        }
        int q = x.length - 1;
        double s2 = f.rss() / (m - x.length);
        double se = Math.sqrt(Regression.ar1Variance(x, f.xtxInv(), q, phi, s2));
        return new double[] {f.beta()[q] / se, f.beta()[1] + f.beta()[q]};
    }

    /**
     * The calibrated standard-error factor 1 + K·max(0, φ − 0.5)²: with strong block-level
     * persistence even the bias-corrected plug-in under-covers (few effective blocks, φ̂ too low in
     * unlucky runs), so the error is widened; K = {@link #PERSISTENCE_K} was chosen by Monte Carlo
     * (φ = 0.97 per minute, σ = 30 MB, 8 h: false alarms 8–10 % with K = 0, ~5 % with K = 1,
     * ~4 % with K = 2; the power at 1.5·T* falls from ~95 % to ~90 % and ~85 %): K = 1 is the compromise.
     */
    static double seFactor(double phi) {
        double d = Math.max(0, phi - 0.5);
        return 1 + PERSISTENCE_K * d * d;
    }

    static boolean loadVaries(double[] load) {
        double s = 0, ss = 0;
        int k = 0;
        for (double v : load) {
            if (!Double.isNaN(v)) {
                s += v;
                ss += v * v;
                k++;
            }
        }
        if (k < load.length || k < 3 || s <= 0) {
            return false;
        }
        double mean = s / k;
        double var = Math.max(0, ss / k - mean * mean);
        return Math.sqrt(var) / mean > LOAD_CV;
    }

    private static double[] centredLoad(double[] load) {
        double mean = 0;
        for (double v : load) {
            mean += v;
        }
        mean /= load.length;
        double[] c = new double[load.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = load[i] / mean - 1;
        }
        return c;
    }

    static double clampPhi(double phi) {
        return Math.max(0, Math.min(0.98, phi));
    }

    static double medianSpacing(double[] t) {
        int n = t.length;
        if (n < 2) {
            return 1;
        }
        int k = Math.min(n - 1, 1001);
        double[] d = new double[k];
        int step = Math.max(1, (n - 1) / k);
        int j = 0;
        for (int i = 0; i + step < n && j < k; i += step) {
            d[j++] = (t[i + step] - t[i]) / step;
        }
        return Math.max(1e-3, Blocks.median(d, Math.max(1, j)));
    }
}
