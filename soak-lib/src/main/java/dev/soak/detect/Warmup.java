package dev.soak.detect;

import dev.soak.stats.ChangePoints;
import dev.soak.stats.LeastSquares;
import dev.soak.stats.LeastSquaresFit;
import dev.soak.stats.TheilSen;
import dev.soak.stats.WarmupEnd;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The warm-up step of the trend pipeline ({@link TrendPipeline}) on a series' blocks: a fixed cut, or a profile fit
 * of y = a + βt + c·e^{−t/τ} (+ load) over a τ grid; when the saturation term is significant (|t_c| &gt;
 * {@link #WARMUP_T}) the warm-up ends where its remaining amplitude |c|e^{−t/τ} falls below {@link #WARMUP_KAPPA}·s;
 * a rising warm-up (c &lt; 0: a rise that slows down) still running at half the run is cut there and flagged, so
 * that no FAIL is given (a decelerating rise is not a leak); a clear one that ended by then is modelled
 * ({@link #WARMUP_MODEL_T}); a late end with c &gt; 0 (a fall still settling, or an accelerating rise) cuts nothing
 * and blocks nothing; the other gating metrics' warm-ups, running or ended, are tested in this metric at their τ
 * ({@link Hints}); when no warm-up is found, or one level shift fits better than the saturating fit
 * ({@link #levelShiftFitsBetter}), the warm-up is tested again with the shift that fits best on top of a
 * saturation as a covariate ({@link #shiftUnderSaturation}), and is no warm-up unless it is still significant and
 * ends before half the run. On live looks, whether a rising plateau fits as well as the line
 * ({@link #plateauFitsAsWell}).
 *
 * @param cut            blocks cut from the start
 * @param tauHours       the warm-up's τ in hours (NaN when none was found)
 * @param running        whether a rising warm-up is still running at half the run (cut there; no FAIL)
 * @param modelled       the saturating term kept in the design of a clear warm-up that ended, or null
 * @param endEstimateSec where the warm-up's own fit says it ends (NaN when none was found)
 */
record Warmup(int cut, double tauHours, boolean running, Warmup.Saturation modelled, double endEstimateSec) {
    /** |t| of the saturating term above which the profile fit over τ finds a warm-up ({@code stats.WarmupEnd}). */
    static final double WARMUP_T = 2.5;
    /**
     * A warm-up ends where its remaining amplitude |c|e^{−t/τ} falls below this many residual sds (1 or 2 let a
     * leak on a slow warm-up FAIL sooner, but lifted stable warm-up cells over 5 %; docs/calibration.md, "Ninth
     * session").
     */
    static final double WARMUP_KAPPA = 0.5;
    /**
     * A warm-up that ended by half the run, with its saturating term's |t| above this, is modelled rather
     * than cut: the term e^{−(t − t₀)/τ} at the fitted τ stays in the design over the whole run (blocks and
     * samples), so the blocks before its end still tell the trend, and the verdict still reports where it
     * ended. Cutting it threw away a third of a 5.5 h run with a τ = 30 min warm-up, and the trend's
     * information grows as T³: a 10 MB/h leak there at 1.5·T* FAILed in 59.0 % of runs, modelled in 76.3 %
     * (300 paired runs; 86 of the 93 cells of the full grid identical, the slow warm-ups at most 5 runs
     * higher; docs/calibration.md, "Twenty-first session"). Weaker saturations (most often fitted to early
     * wander of persistent noise, |t| 2.5–3.5) are still cut: modelled too (this bar at 0), they raised the
     * stable φ 0.97 per minute cells by 2–4 runs of 300.
     */
    static final double WARMUP_MODEL_T = 5;
    /** τ grid ends at T/3: a saturation slower than that is indistinguishable from a line and would eat real leaks. */
    static final double TAU_MAX_DIVISOR = 3;
    /**
     * One-sided bar for a rising saturation at the τ of another metric's still-running warm-up
     * ({@link Hints}): t of the saturating term below −this (fixed τ, so an ordinary t).
     */
    static final double HINT_WARMUP_T = 1.645;
    /**
     * … or, for a rising series (Theil–Sen slope &gt; 0), a saturating term at that τ (of a running or an
     * ended warm-up), of either sign and significant or not, that leaves the line's own t below this:
     * the rise is explained by the other metric's warm-up shape as well as by a trend. The bar is the
     * one-sided 2.5 % point, the level Holm gives the first of two gating metrics, so a line held here
     * would not have been significant at the level it is tested at once the other metric's shape is
     * allowed (1.645 left the p99 rising 35 % with τ = 3 h over 8 h at 5.2 % false FAILs, 1.96: 3.6 %;
     * 500 paired runs, drift and leak power within two runs; docs/calibration.md).
     */
    static final double HINT_SLOPE_T = 1.96;
    /** Grid of the live plateau check: τ from this fraction of the elapsed time … */
    static final double PLATEAU_TAU_MIN_FRACTION = 0.25;
    /**
     * … up to this multiple of it. At 1 (τ at most the time seen so far) a τ = 3 h warm-up that noise
     * made look straight at the 4-hour look still failed live: live false FAILs 0.9 % of 8 h slow
     * warm-ups and 0.7 % of slow-rising latencies; at 2, 0.1 % and 0.1 % (1000 paired runs), with the
     * leak and drift cells' power unchanged. The cost is a later live FAIL for a marginal leak: 10 MB/h
     * in a 24 h diurnal run fails live at a median 21 h with 1, at the end with 2 (docs/calibration.md).
     */
    static final double PLATEAU_TAU_MAX_FRACTION = 2;
    static final int PLATEAU_GRID = 8;
    /** The plateau "fits as well" when its residual sum of squares is at most (1 + this) times the line's. */
    static final double PLATEAU_SLACK = 0.15;

    /**
     * The warm-up of the blocks {@code all} ({@code useLoad}: the load is a covariate): cut at {@code warmupSec}
     * when it is given, else found as above, with the τ grid reaching the whole window on a live look
     * ({@code live}: a warm-up slower than a third of the time seen so far is still recognised, and blocks a live
     * FAIL), and a third of it otherwise ({@link #TAU_MAX_DIVISOR}).
     *
     * <p>With {@link Hints#runningWarmupTauHours} (the τ of another
     * gating metric's warm-up that is still running at half the run) and no running warm-up of its own,
     * the whole series is fitted
     * with y = a + βt + c·e^{−t/τ} at that τ; a significant rising saturation (t_c &lt; −{@link #HINT_WARMUP_T}),
     * or a rising series whose line is no longer significant with that term (t_β &lt; {@link #HINT_SLOPE_T}),
     * flags this metric's warm-up as running too (cut at half the run, no FAIL):
     * a working set growing into place slows requests along with it, over one τ or two the latency's
     * curvature alone is within its noise, and a rise the other metric's warm-up shape explains as well
     * as a trend is not evidence of one. Measured (`calibrate --runs 300`, paired seeds): a p99 rising
     * 35 % with τ = 3 h in 8 h, false FAILs 37.7 % → 5.7 %; 2 %/h drift cells within one run; the cost is
     * PASS → INCONCLUSIVE for a risen, levelled p99 over 24 h while the memory still warms (90 → 81 %).
     * With {@link Hints#endedWarmupTauHours} (another metric's warm-up ended within the run) and no
     * warm-up of its own, the same fit at that τ: a rising series whose line is not significant with
     * it is held as warming up in the same way (fast warm-up 8 h: 4.4 → 1.8 % false FAILs, 500 paired
     * runs; drift cells unchanged; a p99 that rose over 24 h PASSes in 72 % instead of 82 % of runs);
     * otherwise a saturation of either sign with |t_c| &gt; {@link #HINT_WARMUP_T} is this metric's
     * warm-up too, cut where its own remaining amplitude at that τ meets the noise (as
     * {@link WarmupEnd}), and a FAIL on the rest stays possible.
     */
    static Warmup find(Blocks all, boolean useLoad, OptionalDouble warmupSec, boolean live, Hints hints) {
        int cut = 0;
        double tau = Double.NaN;
        boolean running = false;
        Saturation modelled = null;
        double warmupEndEstimate = Double.NaN;
        if (warmupSec.isPresent()) {
            double w = warmupSec.getAsDouble() / 3600.0;
            while (cut < all.size() && all.tHours()[cut] < w) {
                cut++;
            }
        } else {
            double divisor = live ? 1 : TAU_MAX_DIVISOR;
            double[] wu = detect(all, useLoad, divisor, null);
            if (wu == null || levelShiftFitsBetter(all, useLoad, wu[1])) {
                double[] shift = shiftUnderSaturation(all, useLoad, divisor);
                wu = shift == null ? null : detect(all, useLoad, divisor, shift);
                if (wu != null && wu[0] > all.tHours()[all.size() - 1] / 2) {
                    // found only with a searched shift beside it: cut when it ended early, never held as still
                    // running (a shift and a saturation together fit a leak's noise in about 2 % of runs)
                    wu = null;
                }
            }
            if (wu != null) {
                double end = wu[0];
                tau = wu[1];
                warmupEndEstimate = end * 3600;
                double half = all.tHours()[all.size() - 1] / 2;
                if (end > half) {
                    // only a rise that slows down (c < 0 in a + βt + c·e^{−t/τ}) looks like a leak while it
                    // lasts: cut at half the run and block a FAIL. A fit with c > 0 ending that late is a
                    // fall still settling or an accelerating rise: neither is a leak-like warm-up, so nothing
                    // is cut (cutting where a fit of noise says the curve bends, then testing the rest,
                    // would select a rising stretch) and nothing is blocked
                    running = wu[2] < 0;
                    end = running ? half : 0;
                } else if (Math.abs(wu[2]) > WARMUP_MODEL_T) {
                    modelled = new Saturation(all.tHours()[0], tau);
                    end = 0;
                }
                while (cut < all.size() && all.tHours()[cut] < end) {
                    cut++;
                }
            }
            // the other gating metrics' warm-ups: one still running, then one that ended within the run.
            // This metric's rise (whole run, whatever its own early warm-up fit found) is tested against
            // that warm-up's shape at its τ
            double[] hintTau = {hints.runningWarmupTauHours(), hints.endedWarmupTauHours()};
            for (int h = 0; h < hintTau.length && !running; h++) {
                boolean stillRunning = h == 0;
                if (!(hintTau[h] > 0) || !stillRunning && (cut > 0 || modelled != null)) {
                    continue;
                }
                double[][] cov = useLoad ? new double[][] {TrendPipeline.centredLoad(all.load())} : new double[0][];
                WarmupEnd.Result r = WarmupEnd.detect(all.tHours(), all.value(), cov, hintTau[h], hintTau[h],
                        HINT_WARMUP_T, WARMUP_KAPPA);
                double half = all.tHours()[all.size() - 1] / 2;
                if (stillRunning && r.tStat() < -HINT_WARMUP_T
                        || r.slopeT() < HINT_SLOPE_T && TheilSen.slope(all.tHours(), all.value()) > 0) {
                    running = true;
                    modelled = null;
                    tau = hintTau[h];
                    warmupEndEstimate = Math.max(r.endX(), half) * 3600;
                    while (cut < all.size() && all.tHours()[cut] < half) {
                        cut++;
                    }
                } else if (!stillRunning && r.detected()) {
                    tau = hintTau[h];
                    warmupEndEstimate = r.endX() * 3600;
                    while (cut < all.size() && all.tHours()[cut] < r.endX()) {
                        cut++;
                    }
                }
            }
        }
        return new Warmup(cut, tau, running, modelled, warmupEndEstimate);
    }

    /**
     * Profile fit of a saturating warm-up over τ ({@link WarmupEnd}, |t| &gt; {@link #WARMUP_T}, end at
     * {@link #WARMUP_KAPPA} residual sd), with the level shift {@code shift} (a 0/1 column, or null) as a
     * covariate; returns {warm-up end in hours, τ in hours, t of the saturating
     * term (negative: a rise that slows down)} when the warm-up
     * term is significant, else null.
     */
    static double[] detect(Blocks all, boolean useLoad, double tauMaxDivisor, double[] shift) {
        int m = all.size();
        if (m < 12) {
            return null;
        }
        double[] range = tauRange(all, tauMaxDivisor);
        double tauMin = range[0];
        double tauMax = range[1];
        List<double[]> cov = new ArrayList<>();
        if (useLoad) {
            cov.add(TrendPipeline.centredLoad(all.load()));
        }
        if (shift != null) {
            cov.add(shift);
        }
        WarmupEnd.Result r = WarmupEnd.detect(all.tHours(), all.value(), cov.toArray(new double[0][]), tauMin, tauMax,
                WARMUP_T, WARMUP_KAPPA);
        return r.detected() ? new double[] {r.endX(), r.tau(), r.tStat()} : null;
    }

    /**
     * Whether one searched level shift (at the search's bar {@link TrendPipeline#STEP_T}) leaves a smaller residual sum
     * of squares on all blocks than the saturating warm-up y = a + βt + c·e^{−t/τ} at the τ its fit chose.
     * A shift in the first half of a run (a deploy, a cache resized) is also fitted by the saturating
     * term, and was read as a warm-up still running, which cuts half the run and blocks any FAIL; the two
     * shapes have the same number of parameters (a shift's size and time, a saturation's amplitude and τ),
     * so the one that fits better is the likelier, and when it is the shift, the warm-up is kept only if
     * it is still significant beside a shift ({@link #shiftUnderSaturation}); the shift is then found and
     * removed as any other. Measured with the shift placement ({@code TrendPipeline.placeShifts}) and
     * the deceleration test's variance, 300 paired runs: a 10 MB/h leak with a 60 MB step at 20–80 % of a
     * 5.5 h run FAILed in 79.0 → 87.0 % of runs, a 2 %/h drift in a run whose memory stepped 81.3 → 88.7 %
     * (docs/calibration.md, "Fourteenth session").
     */
    private static boolean levelShiftFitsBetter(Blocks all, boolean useLoad, double tauHours) {
        int m = all.size();
        List<double[]> base = TrendPipeline.baseColumns(all, useLoad);
        ChangePoints.Result shift = ChangePoints.levelShifts(base.toArray(new double[0][]), all.value(), 1,
                TrendPipeline.minSegment(m), TrendPipeline.STEP_T);
        if (shift.steps().isEmpty()) {
            return false;
        }
        List<double[]> warm = new ArrayList<>(base);
        warm.add(new Saturation(all.tHours()[0], tauHours).on(all.tHours()));
        double rssWarm = LeastSquares.fitDesign(warm.toArray(new double[0][]), all.value()).residualSumOfSquares();
        return LeastSquares.fitDesign(shift.design(), all.value()).residualSumOfSquares() < rssWarm;
    }

    /**
     * The 0/1 column of one searched level shift (at {@link TrendPipeline#STEP_T}) with a saturating term e^{−t/τ} in
     * the design, at the τ of the warm-up grid whose fit with the shift leaves the smallest residual sum
     * of squares; null when no τ gives a shift. A warm-up and a level shift in one run hide each other:
     * fitted alone, the warm-up is tested against residuals that carry the shift's jump (persistent, so
     * its t stays small), and the shift is searched against residuals that carry the warm-up's rise. With
     * the saturation in the design the shift is found, and with the shift as a covariate the warm-up
     * ({@link #detect}). A 60 MB memory step at 20–80 % of a 4 h run on an 80 MB warm-up with
     * τ = 15 min (the calibration's {@code level-step-on-warmup-4h}) was read as a trend from the start:
     * false FAILs 5.3 → 3.8 % [3.0–4.7] (2000 runs; docs/calibration.md, "Fifteenth session"). A warm-up
     * found this way is kept only when it ends before half the run: without that, a shift and a
     * saturation together fitted a leak's noise in about 2 % of runs, and held some as still warming up
     * (10 and 20 MB/h cells at 1.5·T* 0.3–1.4 points lower, full grid at 300 paired runs).
     */
    private static double[] shiftUnderSaturation(Blocks all, boolean useLoad, double tauMaxDivisor) {
        int m = all.size();
        if (m < 12) {
            return null;
        }
        double[] range = tauRange(all, tauMaxDivisor);
        List<double[]> base = TrendPipeline.baseColumns(all, useLoad);
        double[] best = null;
        double bestRss = Double.POSITIVE_INFINITY;
        for (int g = 0; g < WarmupEnd.GRID; g++) {
            double tauHours = WarmupEnd.tau(range[0], range[1], g);
            List<double[]> cols = new ArrayList<>(base);
            cols.add(new Saturation(all.tHours()[0], tauHours).on(all.tHours()));
            ChangePoints.Result r = ChangePoints.levelShifts(cols.toArray(new double[0][]), all.value(), 1,
                    TrendPipeline.minSegment(m), TrendPipeline.STEP_T);
            if (r.steps().isEmpty()) {
                continue;
            }
            double rss = LeastSquares.fitDesign(r.design(), all.value()).residualSumOfSquares();
            if (rss < bestRss) {
                bestRss = rss;
                best = r.design()[r.design().length - 1];
            }
        }
        return best;
    }

    /** A saturating warm-up's term e^{−(t − t₀)/τ} (t₀ the first block's time, all in hours). */
    record Saturation(double t0Hours, double tauHours) {
        double at(double tHours) {
            return Math.exp(-(tHours - t0Hours) / tauHours);
        }

        /** The term's column at each of {@code tHours}. */
        double[] on(double[] tHours) {
            double[] s = new double[tHours.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = at(tHours[i]);
            }
            return s;
        }
    }

    /** {τ min, τ max} in hours of the warm-up fit's grid on {@code all}. */
    private static double[] tauRange(Blocks all, double tauMaxDivisor) {
        double tauMin = Math.max(2 * (all.tHours()[1] - all.tHours()[0]), 5.0 / 60);
        return new double[] {tauMin, Math.max(tauMin, all.tHours()[all.size() - 1] / tauMaxDivisor)};
    }

    /**
     * The saturating alternative on a live look: replaces the line u in the design by
     * 1 − e^{−t/τ} (t from the start of the run) for τ on a geometric grid of {@link #PLATEAU_GRID}
     * values from {@link #PLATEAU_TAU_MIN_FRACTION}·T to {@link #PLATEAU_TAU_MAX_FRACTION}·T (T the time
     * of the last block), and says
     * whether some rising saturation (positive coefficient) leaves at most (1 + {@link #PLATEAU_SLACK})
     * times the line's residual sum of squares. Half-way through a run a warm-up with τ of hours is still rising faster than
     * the threshold, and its curvature drowns in persistent noise (block φ̂ 0.6–0.97, so the hinge
     * test has no power): when a plateau explains the data as well as a leak, a live look must not
     * abort the run. The final analysis does not use this (it has the whole run and the stricter
     * warm-up cut).
     */
    static boolean plateauFitsAsWell(double[][] design, Blocks b, double rssLine) {
        int m = b.size();
        double tEnd = b.tHours()[m - 1];
        double[][] x = design.clone();
        for (int g = 0; g < PLATEAU_GRID; g++) {
            double tau = tEnd * PLATEAU_TAU_MIN_FRACTION
                    * Math.pow(PLATEAU_TAU_MAX_FRACTION / PLATEAU_TAU_MIN_FRACTION, g / (double) (PLATEAU_GRID - 1));
            double[] s = new double[m];
            for (int i = 0; i < m; i++) {
                s[i] = -Math.expm1(-b.tHours()[i] / tau);
            }
            x[1] = s;
            LeastSquaresFit f = LeastSquares.fitDesign(x, b.value());
            if (f.coefficient(1) > 0 && f.residualSumOfSquares() <= (1 + PLATEAU_SLACK) * rssLine) {
                return true;
            }
        }
        return false;
    }
}
