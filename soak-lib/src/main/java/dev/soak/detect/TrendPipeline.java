package dev.soak.detect;

import dev.soak.stats.Ar1NoisePosterior;
import dev.soak.stats.Ar1NoiseReml;
import dev.soak.stats.Ar1Reml;
import dev.soak.stats.Autocorrelation;
import dev.soak.stats.BlockMeansAr1;
import dev.soak.stats.ChangePoints;
import dev.soak.stats.Despike;
import dev.soak.stats.LeastSquares;
import dev.soak.stats.LeastSquaresFit;
import dev.soak.stats.Semivariance;
import dev.soak.stats.Series;
import dev.soak.stats.ShiftOrTrend;
import dev.soak.stats.StudentTMixture;
import dev.soak.stats.TheilSen;
import dev.soak.stats.WarmupEnd;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/**
 * The trend estimate behind every verdict, on one raw series (DESIGN.md "Detection"):
 * <ol>
 *   <li>block aggregation ({@link Blocks}: medians, or minima for a GC sawtooth's lower envelope, without
 *       isolated outlying minima ({@link Blocks#withoutOutliers}));</li>
 *   <li>warm-up: a fixed cut, or a profile fit of y = a + βt + c·e^{−t/τ} (+ load) over a τ grid; when the
 *       saturation term is significant (|t_c| &gt; {@link #WARMUP_T}) the warm-up ends where its
 *       remaining amplitude |c|e^{−t/τ} falls below {@link #WARMUP_KAPPA}·s; a rising warm-up (c &lt; 0: a
 *       rise that slows down) still running at half the run is cut there and flagged, so that no FAIL is
 *       given (a decelerating rise is not a leak); a late end with c &gt; 0 (a fall still settling, or an
 *       accelerating rise) cuts nothing and blocks nothing; the other gating metrics' warm-ups, running or
 *       ended, are tested in this metric at their τ ({@link Hints}); when no warm-up is found, or one level
 *       shift fits better than the saturating fit ({@link #levelShiftFitsBetter}), the warm-up is tested
 *       again with the shift that fits best on top of a saturation as a covariate ({@link #shiftUnderSaturation}),
 *       and is no warm-up unless it is still significant and ends before half the run;</li>
 *   <li>level shifts: sequential step dummies with a common slope ({@code stats.ChangePoints}; at most
 *       {@link #MAX_STEPS}), kept when its AR(1)-aware |t| exceeds {@link #STEP_T}, then placed at the
 *       sample where it happened ({@link #placeShifts}); then, when one more shift with no trend explains the
 *       series better than the trend does ({@code stats.ShiftOrTrend}: a log Bayes factor, each model with its
 *       own AR(1) φ, the shift's place priced by averaging over all places; on the samples in the final analysis
 *       of medians, {@link #sampleShift}, else on the blocks, {@link #SHIFT_OVER_TREND}), that shift is added
 *       too, and the trend is tested beside it;</li>
 *   <li>load as a covariate when its coefficient of variation across blocks exceeds {@link #LOAD_CV};</li>
 *   <li>slope: Theil–Sen on the covariate-adjusted blocks (stats' O(n log n) slope selection);
 *       standard error: exact sandwich of the OLS slope with the unbiased marginal variance
 *       ({@code LeastSquaresFit.arma11ExactVarianceUnbiased}: ê'ê/(m − tr((X'X)⁻¹X'RX)), since under persistence
 *       the fitted mean and trend absorb much of the noise), R the autocorrelation of aggregates of an
 *       AR(1) plus white noise at the sampling interval (lag 1 φ, then a decay {@link #blockDecay}), at a conservative
 *       lag-1 φ ({@link #phiUpper}: the
 *       larger of the REML estimate of the AR(1) errors of the same regression (Cheang &amp; Reinsel
 *       2000; or the upper end of its likelihood bound of width {@link #PHI_Z} &gt; 0), and the residual lag-1
 *       autocorrelation + (1 + 3φ̂ + p)/m (Kendall 1954, plus the regressors' share) + {@link #PHI_SD}
 *       standard error); degrees of freedom (m − p)/(1 + 2φ/(1 − a)) with a the decay
 *       ((m − p)(1 − φ)/(1 + φ) when a = φ), at the point estimate of φ, not the conservative one
 *       ({@link #degreesOfFreedom}). In the final analysis of a series of medians whose samples are
 *       persistent (the REML φ of an AR(1) plus white noise fitted to them at least {@link #SAMPLE_PHI_MIN}),
 *       the standard error is averaged instead over the posterior of φ and the white share on the samples
 *       themselves ({@link #sampleNoise}): hundreds of samples tell φ better than a few dozen block
 *       residuals, and integrating over φ costs less power than a bound on it (at φ 0.97 per minute, σ 10 MB
 *       and 1.5·T*, 10 MB/h: 82.7 → 88.3 %, 300 paired runs; docs/calibration.md, "Eighteenth
 *       session").</li>
 * </ol>
 * Constants were chosen by Monte Carlo calibration ({@code calibrate.java}). Stateless, thread-safe.
 */
final class TrendPipeline {
    static final double BLOCK_SEC = 600;
    static final int MIN_BLOCKS = 8;
    /** Blocks are at most {@link #BLOCK_SEC} long and at most 1/this of the run, so that φ and the warm-up have enough points. */
    static final double TARGET_BLOCKS = 36;
    static final double WARMUP_T = 2.5;
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
    static final double STEP_T = 3.5;
    /**
     * |t| a level shift must exceed at a time given by another metric's shift ({@link Hints#stepSec}):
     * the position is not searched, so the statistic is an ordinary t and needs no sup-over-splits bar;
     * and the other metric's shift makes one at that time likely (one event, a deploy, moves both), so
     * the bar is that of keeping any regressor that earns its place: |t| &gt; 1 is exactly when it raises
     * the adjusted R² (Haitovsky, Y. (1969), "A note on the maximization of R̄²", The American
     * Statistician 23(1):20–21). A step and a line over the same window are nearly collinear, and a real
     * step missed here reads as a drift: a +50 % p99 step at 15 % noise, false FAILs 5.0 % at |t| 2.0 →
     * 3.3 % at 1.645 (2000 paired runs, fourth session); on another seed set 4.8 % at 1.645 → 2.7 % at
     * 1.0 → 2.1 % with the dummy always kept (1000 paired runs, sixth session). The cost is a dummy kept
     * in a drifting series whose memory stepped: a 2 %/h drift at 1.5·T* with a 60 MB memory step FAILs
     * in 85.6 → 81.8 → 70.9 % of those runs (96.3 % without the step).
     *
     * <p>A shift kept at this bar is chosen on the data the trend is then tested on. Where it is not real, its
     * dummy takes one side of the noise, and the line beside it moves with it (a step at mid-run and a line
     * correlate 0.87): the growth's p-value beside a chance-kept dummy is not a test's. So the growth is
     * significant only when it is so both with and without the shifts kept here ({@link Estimate#pValue}, an
     * intersection–union test), and the interval holds both analyses' ({@link Estimate#interval}). A steady p99
     * in a run whose memory stepped 30 / 40 MB in 8 h (σ 10 MB, φ 0.9 per minute): false FAILs 6.2 / 4.8 →
     * 5.1 / 3.1 % (2000 paired runs), the p99 interval holding the truth in 87.0 / 81.3 → 91.3 / 87.0 % of runs
     * (300 paired runs; docs/calibration.md, "Twenty-third session"). A real step with a real drift is
     * significant without its dummy as well: a 2 %/h drift on its own +50 % p99 step 78.0 → 77.3 %, and no
     * other leak or drift cell of the full grid lost more than one run of 300.
     */
    static final double HINT_STEP_T = 1.0;
    /**
     * |t| (against the search's φ, as for {@link #STEP_T}) above which the best split a gating metric's
     * search did not keep counts as a shift when another gating metric's best unkept split lies within
     * one block of it: each then tests it as a hint ({@link #HINT_STEP_T}). One event (a deploy) moving
     * memory and latency at once can stay under the search's bar in both, since a step's own jump makes
     * the residuals without it look persistent; two series' best splits at one time, both well above
     * their noise, are unlikely by chance (about 3 in m blocks, and then both above this bar). Measured on
     * the blocks (500 runs per cell): of a 60 MB memory step with a +50 % p99 step at 15 % noise over 8 h,
     * neither series' search kept it in 3.8 % of runs, and 2.0 % are found this way; in stable cells a
     * chance coincidence above the bar happens in 0.2 % (plain AR(1) noise) to 1.6 % (slow warm-up) of runs.
     */
    static final double JOINT_STEP_T = 2.5;
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
    static final int MAX_STEPS = 3;
    static final double LOAD_CV = 0.05;
    /** Envelope blocks further than this many robust sd from the Theil–Sen line are dropped ({@link Blocks#withoutOutliers}). */
    static final double OUTLIER_SD = 6;
    /** … but never more than this share of the blocks (otherwise none is dropped). */
    static final double OUTLIER_SHARE = 0.05;
    /**
     * Width z of the REML likelihood bound on φ in {@link #phiUpper}: the largest φ whose restricted
     * log-likelihood is within z²/2 of the maximum. Chosen by Monte Carlo ({@code calibrate.java};
     * docs/calibration.md, "Changes measured in the third session (power)" and "… in the fourth session"): 0.75
     * until the +50 % p99 step's and the slow-rising p99's false alarms were brought under 5 % by other
     * means; 0.5 then adds 1–4 points of power where block φ is high (10 MB/h at φ = 0.97, σ = 10:
     * 69.4 → 73.6 %, 2000 paired runs) for at most 0.3 points in any stable cell. Since searched level
     * shifts are tested against the step-free φ ({@code stats.ChangePoints}), 0 (the REML estimate
     * itself; the lag-1 bound below is then the larger in the stable cells) adds another 1–5 points
     * there (69.6 → 74.2 %; 20 MB/h at φ = 0.97: +2–4 points) for at most 0.4 points in any stable
     * cell (500 paired runs; fifth session).
     */
    static final double PHI_Z = 0;
    /** Standard errors added to the bias-corrected lag-1 autocorrelation in {@link #phiUpper}. */
    static final double PHI_SD = 1.0;
    /** φ is kept below this (the exact AR(1) variance needs φ &lt; 1). */
    static final double PHI_CAP = 0.98;
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
     * Log Bayes factor above which one more level shift with no trend is taken to explain the blocks better than
     * the trend ({@code stats.ShiftOrTrend}), and is added to the design: in live looks, on a lower envelope, and
     * where the samples carry white noise ({@link #SAMPLE_SHIFT_MAX_WHITE}); the final analysis of medians compares
     * the two on the samples instead ({@link #SAMPLE_SHIFT_OVER_TREND}). Chosen by Monte Carlo with the comparison
     * on the blocks everywhere (docs/calibration.md, "Sixteenth session", 300 paired runs): at 1, 2 and 3 a 30 MB
     * step in an 8 h run at σ 10 MB, φ 0.9 per minute FAILed in 8.7, 10.7 and 13.7 % of runs (23.3 % without), a
     * 40 MB step in 6.0, 8.0 and 11.0 % (24.3 %), while leaks and drifts lost at most 2.7, 1.7 and 0.7 points
     * (10 MB/h with a 60 MB step 84.0 → 81.3, 82.3, 83.3 %; 2 %/h at φ 0.97 with white noise 92.0 → 89.3, 91.0,
     * 92.0 %).
     */
    static final double SHIFT_OVER_TREND = 2;
    /** The AR(1) coefficients over which {@link #SHIFT_OVER_TREND}'s two models each take their likeliest φ: 0, 0.05, …, 0.95. */
    static final double[] SHIFT_PHI_GRID = IntStream.range(0, 20).mapToDouble(i -> 0.05 * i).toArray();
    /**
     * As {@link #SHIFT_OVER_TREND}, on the samples in the final analysis of medians ({@link #sampleShift}). At 4
     * the 30 and 40 MB steps above FAILed in 3.3 and 4.0 % of runs, at 8 in 3.7 and 3.7 %, with no leak or drift
     * cell moving by more than 2 runs of 300 from the comparison on the blocks, but for white noise: a 2 %/h drift
     * at φ 0.97 with a fifth of its variance white fell from 91.0 to 73.0 % (82.7 % at 8). An AR(1) alone misreads
     * such samples, so they are left to the blocks ({@link #SAMPLE_SHIFT_MAX_WHITE}).
     */
    static final double SAMPLE_SHIFT_OVER_TREND = 4;
    /**
     * The samples are compared only when their REML white-noise variance, as a share of the AR(1) part's
     * ({@code stats.Ar1NoiseReml}, λ), is at most this: 0.25 in the calibration's white-noise cells, about 0 where
     * the noise is an AR(1). Chosen once, not tuned: with it that drift cell is at 91.0 % again (300 paired runs)
     * and the steps at 5.7 and 3.7 %.
     */
    static final double SAMPLE_SHIFT_MAX_WHITE = 0.1;
    /**
     * A shift the comparison favours with a log Bayes factor above this ("positive" evidence, 2·log B &gt; 2, on
     * the scale of Kass &amp; Raftery 1995, J. Am. Stat. Assoc. 90: 773–795) but not above {@link #SHIFT_OVER_TREND}
     * or {@link #SAMPLE_SHIFT_OVER_TREND} is not taken out; a FAIL says that it fits as well
     * ({@code Estimate.rivalShift}). Over 80 seeds of the final analysis, such a caution came with 14 of the 40
     * FAILs of a +25 % p99 step alone (8 h, 15 % noise at φ 0.9 per minute), with 2 of 76 and 1 of 80 of 2 %/h
     * drifts (φ 0.5 and 0.9), and with none of 77 of a 10 MB/h leak. Taking such shifts out was measured and not
     * kept: at log B &gt; 2 on the samples that p99 step FAILed in 33.7 % of runs instead of 43.0 %, but the
     * 2 %/h drift at φ 0.97 fell from 92.0 to 90.3 % and with diurnal load from 96.0 to 94.0 %; at 1, 28.7 %
     * against 89.0 and 92.7 % (300 paired runs; docs/calibration.md, "Seventeenth session").
     */
    static final double RIVAL_SHIFT_OVER_TREND = 1;
    /** The AR(1) coefficients of {@link #SAMPLE_SHIFT_OVER_TREND}: those of {@link #SHIFT_PHI_GRID}, then 0.97, 0.98, 0.99 (per sample). */
    static final double[] SAMPLE_PHI_GRID = IntStream.range(0, 23)
            .mapToDouble(i -> i < 20 ? 0.05 * i : 0.97 + 0.01 * (i - 20)).toArray();

    /** Blocks within this share of their largest magnitude of one line carry no noise ({@link #noiseFreeLine}). */
    static final double NOISE_FREE_TOLERANCE = 1e-9;

    private TrendPipeline() {
    }

    /**
     * The outcome of the pipeline; slopes in y-units per hour.
     *
     * @param ok             false when there were too few blocks to estimate anything
     * @param slope          Theil–Sen slope of the adjusted blocks
     * @param se             calibrated AR(1)-aware standard error
     * @param df             effective degrees of freedom for t quantiles
     * @param phi            AR(1) coefficient of the block residuals used for the standard error ({@link #phiUpper});
     *                       with a {@code distribution}, the samples' REML φ̂
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
     * @param plateauPlausible (live looks only) a rise saturating towards a plateau fits the used
     *                         blocks at least as well as the line ({@link #plateauFitsAsWell})
     * @param warmupTauHours   τ of the detected saturating warm-up (NaN when none)
     * @param seriesEndSec     time of the series' last sample (0 when there is none)
     * @param candidateShift   the best split the level-shift search did not keep: {tSec, |t| against the
     *                         search's φ, block length in s}; null when there was none ({@link #JOINT_STEP_T})
     * @param rivalShift       one level shift that, with no trend, explains the series better than the trend, but
     *                         not by enough to be taken out ({@link #RIVAL_SHIFT_OVER_TREND}): {tSec, size beside the
     *                         other columns but the trend, log Bayes factor}; null when there is none
     * @param distribution     the slope's distribution under the samples' noise model with φ integrated out
     *                         ({@link #sampleNoise}; its standard deviation is then {@code se}); null elsewhere
     * @param withoutHinted    the same series analysed without the level shifts kept only at another metric's
     *                         time ({@link #HINT_STEP_T}); null when none was kept. The p-value ({@link #pValue}) and
     *                         the interval ({@link #interval}) hold for both analyses
     */
    record Estimate(boolean ok, double slope, double se, double df, double phi, int blocks, int samples,
                    double usedHours, double warmupEndSec, boolean warmupRunning, List<double[]> steps,
                    boolean loadAdjusted, double fittedLast, double decelT, double lateSlope,
                    double warmupEndEstimateSec, boolean plateauPlausible, double warmupTauHours,
                    double seriesEndSec, double[] candidateShift, double[] rivalShift, StudentTMixture distribution,
                    Estimate withoutHinted) {
        static Estimate insufficient(int blocks, int samples, double seriesEndSec) {
            return new Estimate(false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, blocks, samples, 0, 0, false,
                    List.of(), false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false, Double.NaN, seriesEndSec,
                    null, null, null, null);
        }

        /**
         * The estimate of a series whose blocks lie on one line with no noise ({@link #noiseFreeLine}): most
         * often a flat one, whose blocks all hold one value (a fixed pool of fds or threads, a latency pinned to
         * one histogram bucket, a memory figure that never moved), rarely one that moves by the same amount
         * every block (a test fixture that opens one fd a minute). It grows at exactly {@code slope} per hour
         * with no spread ({@code se} 0), has no warm-up, level shift or noise model, and ends at
         * {@code fittedLast}.
         */
        static Estimate noiseFree(int blocks, int samples, double usedHours, double slope, double fittedLast,
                                  double seriesEndSec) {
            return new Estimate(true, slope, 0, blocks - 2, Double.NaN, blocks, samples, usedHours, 0, false,
                    List.of(), false, fittedLast, 0, slope, Double.NaN, false, Double.NaN, seriesEndSec, null, null,
                    null, null);
        }

        /** The series lies on a line with no noise: {@link #noiseFree}. */
        boolean isNoiseFree() {
            return ok && se == 0;
        }

        /** The series did not move: {@link #noiseFree} with slope 0. */
        boolean isFlat() {
            return isNoiseFree() && slope == 0;
        }

        /**
         * One-sided p-value of H₀: slope ≤ 0, the larger of {@link #ownPValue} and that of {@link #withoutHinted}:
         * an intersection–union test (Berger, R. L. (1982), "Multiparameter hypothesis testing and acceptance
         * sampling", Technometrics 24(4):295–300), which rejects only when the growth is significant both with
         * and without a level shift that only another metric's shift put in the design; its size is at most
         * the level under either model ({@link TrendPipeline#HINT_STEP_T}).
         */
        double pValue() {
            double own = ownPValue();
            return withoutHinted == null ? own : Math.max(own, withoutHinted.ownPValue());
        }

        /**
         * One-sided p-value of H₀: slope ≤ 0 in this estimate's own design: from {@code distribution} where there
         * is one, else Student t at {@code df}; for a {@link #noiseFree} series 0 when it rises and 1 when not (a
         * flat one holds nothing against H₀).
         */
        double ownPValue() {
            if (!ok) {
                return Double.NaN;
            }
            if (isNoiseFree()) {
                return slope > 0 ? 0 : 1;
            }
            return distribution != null ? distribution.cdf(0) : Normal.tUpper(slope / se, df);
        }

        /**
         * {low, high}: the central 1 − 2α interval of the slope ({@code distribution}'s quantiles, else
         * slope ± t·se), widened to hold that of {@link #withoutHinted} as well: the rate lies in it whichever
         * of the two analyses is right.
         */
        double[] interval(double alpha) {
            double[] own;
            if (distribution != null) {
                own = new double[] {distribution.quantile(alpha), distribution.quantile(1 - alpha)};
            } else {
                double tq = Normal.tQuantile(1 - alpha, df);
                own = new double[] {slope - tq * se, slope + tq * se};
            }
            if (withoutHinted == null) {
                return own;
            }
            double[] other = withoutHinted.interval(alpha);
            return new double[] {Math.min(own[0], other[0]), Math.max(own[1], other[1])};
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
        return estimate(tSec, y, envelope, warmupSec, loadT, loadV, live, Hints.NONE);
    }

    /**
     * {intercept, slope} of the line y = a + b·t through every block when they lie on it to within rounding
     * (each within {@value #NOISE_FREE_TOLERANCE} of the blocks' largest magnitude; the slope exactly 0 when
     * they are all equal); null when the blocks carry noise.
     */
    static double[] noiseFreeLine(double[] tHours, double[] y) {
        if (Arrays.stream(y).allMatch(v -> v == y[0])) {
            return new double[] {y[0], 0};
        }
        LeastSquaresFit fit = LeastSquares.fit(tHours, y);
        double tolerance = NOISE_FREE_TOLERANCE * Arrays.stream(y).map(Math::abs).max().orElse(0);
        for (double r : fit.residuals()) {
            if (!(Math.abs(r) <= tolerance)) {
                return null;
            }
        }
        return new double[] {fit.coefficient(0), fit.coefficient(1)};
    }

    /** Blocks of {@code blockSec}; envelope blocks (minima) without the outlying ones. */
    private static Blocks blocks(double[] tSec, double[] y, double blockSec, boolean envelope, double[] loadT,
                                 double[] loadV) {
        Blocks b = Blocks.aggregate(tSec, y, blockSec, envelope, loadT, loadV);
        return envelope ? b.withoutOutliers(OUTLIER_SD, OUTLIER_SHARE) : b;
    }

    /**
     * As above, with what the other gating metrics of the run found ({@link Hints}). Level shifts are
     * also tested at the times {@link Hints#stepSec} with the plain-t bar {@link #HINT_STEP_T}, after
     * the searched shifts and unless a searched shift lies within one block of them: a one-off event (a
     * deploy, a cache resize) usually moves memory and latency together; where it moves one of them by
     * less than the search can tell from a trend, the known time still lets it be removed.
     * With {@link Hints#runningWarmupTauHours} (the τ of another
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
    static Estimate estimate(double[] tSec, double[] y, boolean envelope, OptionalDouble warmupSec, double[] loadT,
                             double[] loadV, boolean live, Hints hints) {
        int n = tSec.length;
        if (n < MIN_BLOCKS) {
            return Estimate.insufficient(0, n, n == 0 ? 0 : tSec[n - 1]);
        }
        double dt = medianSpacing(tSec);
        double last = tSec[n - 1];
        double blockSec = envelope ? Math.max(3 * dt, Math.min(BLOCK_SEC, last / TARGET_BLOCKS))
                : Math.max(dt, Math.min(BLOCK_SEC, last / TARGET_BLOCKS));
        if (last / blockSec < MIN_BLOCKS + 1) {
            blockSec = Math.max(dt, last / (MIN_BLOCKS + 1));
        }
        Blocks all = blocks(tSec, y, blockSec, envelope, loadT, loadV);
        if (envelope && all.size() < MIN_BLOCKS) {
            // a run of a few dozen samples (a 20 s in-JVM soak): too short for minima of several samples
            // (or fewer than MIN_BLOCKS of them once an outlying block is dropped), so each sample is its
            // own block (a heap-after-GC sample is already a post-collection value)
            all = blocks(tSec, y, Math.max(dt, 1e-9), envelope, loadT, loadV);
        }
        if (all.size() < MIN_BLOCKS) {
            return Estimate.insufficient(all.size(), n, last);
        }
        double[] line = noiseFreeLine(all.tHours(), all.value());
        if (line != null) {
            // no noise to model: each later test would read rounding errors of 10⁻¹³ as a warm-up or a shift
            double[] h = all.tHours();
            return Estimate.noiseFree(all.size(), n, h[h.length - 1] - h[0] + blockSec / 3600, line[1],
                    line[0] + line[1] * last / 3600, last);
        }
        boolean useLoad = loadVaries(all.load());
        // 1. warm-up
        int cut = 0;
        double tau = Double.NaN;
        boolean running = false;
        // a clear warm-up that ended within the run is kept in the design rather than cut away
        Saturation modelled = null;
        double warmupEndEstimate = Double.NaN;
        if (warmupSec.isPresent()) {
            double w = warmupSec.getAsDouble() / 3600.0;
            while (cut < all.size() && all.tHours()[cut] < w) {
                cut++;
            }
        } else {
            double divisor = live ? 1 : TAU_MAX_DIVISOR;
            double[] wu = detectWarmup(all, useLoad, divisor, null);
            if (wu == null || levelShiftFitsBetter(all, useLoad, wu[1])) {
                double[] shift = shiftUnderSaturation(all, useLoad, divisor);
                wu = shift == null ? null : detectWarmup(all, useLoad, divisor, shift);
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
                double[][] cov = useLoad ? new double[][] {centredLoad(all.load())} : new double[0][];
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
        Blocks b = all.from(cut);
        double warmEnd = cut == 0 ? 0 : all.tHours()[cut] * 3600 - blockSec / 2;
        if (envelope && cut > 0 && b.size() < MIN_BLOCKS && blockSec > dt) {
            // a warm-up cut left a short run too few multi-sample blocks: as above, one sample per block
            int i0 = firstAtOrAfter(tSec, warmEnd);
            blockSec = Math.max(dt, 1e-9);
            b = blocks(Arrays.copyOfRange(tSec, i0, n), Arrays.copyOfRange(y, i0, n), blockSec, true, loadT, loadV);
        }
        int m = b.size();
        if (m < MIN_BLOCKS) {
            return Estimate.insufficient(m, b.samples(), last);
        }
        useLoad = useLoad && loadVaries(b.load());
        // 2. design: 1, u (hours, centred), [warm-up term], [load], then steps
        List<double[]> cols = baseColumns(b, useLoad);
        if (modelled != null) {
            cols.add(2, modelled.on(b.tHours()));
        }
        List<double[]> steps = new ArrayList<>();
        int minSeg = minSegment(m);
        ChangePoints.Result shifts = ChangePoints.levelShifts(cols.toArray(new double[0][]), b.value(), MAX_STEPS,
                minSeg, STEP_T);
        addSteps(steps, b, shifts.steps());
        double[][] x = shifts.design();
        int[] hinted = hintIndices(b, hints.stepSec(), shifts.steps());
        boolean hintedKept = false;
        if (hinted.length > 0) {
            ChangePoints.Result more = ChangePoints.levelShiftsAt(x, b.value(), hinted, minSeg, HINT_STEP_T);
            addSteps(steps, b, more.steps());
            x = more.design();
            hintedKept = !more.steps().isEmpty();
        }
        cols = new ArrayList<>(List.of(x));
        if (m - x.length < 3) {
            return Estimate.insufficient(m, b.samples(), last);
        }
        LeastSquaresFit fit = LeastSquares.fitDesign(x, b.value());
        if (Double.isNaN(fit.coefficient(0))) {
            return Estimate.insufficient(m, b.samples(), last);
        }
        if (!envelope) {
            placeShifts(steps, b, tSec, y, blockSec, fit.coefficient(1) / 3600);
        }
        double usedFromSec = b.tHours()[0] * 3600 - blockSec / 2;
        // one more shift, when with no trend it explains the series better than the trend: judged on the samples
        // where they allow it, else on the blocks
        double[] sampleLoadT = useLoad ? loadT : new double[0];
        SampleFit samples = envelope || live ? null : sampleFit(tSec, y, usedFromSec, modelled, steps, sampleLoadT, loadV);
        double[] onSamples = samples == null ? null : sampleShift(samples, minSeg * blockSec);
        int best;
        double logB;
        boolean over;
        if (onSamples != null) {
            best = Double.isNaN(onSamples[0]) ? -1 : blockAt(b, onSamples[0]);
            logB = onSamples[1];
            over = logB > SAMPLE_SHIFT_OVER_TREND;
        } else {
            ShiftOrTrend.Result sot = ShiftOrTrend.compare(x, 1, b.value(), minSeg, SHIFT_PHI_GRID);
            best = sot.index();
            logB = sot.logBayesFactor();
            over = logB > SHIFT_OVER_TREND;
        }
        // a place at least minSeg blocks from either end and not within a block of a shift already in the design
        boolean placeable = best >= minSeg && best <= m - minSeg;
        for (double[] st : steps) {
            placeable &= !withinOneBlock(blockAt(b, st[0]), best);
        }
        double bestSec = !placeable ? Double.NaN : onSamples != null ? onSamples[0] : boundarySec(b, best);
        double[] rival = null;
        if (placeable && !over && logB > RIVAL_SHIFT_OVER_TREND) {
            rival = new double[] {bestSec, shiftWithoutTrend(x, b.value(), best), logB};
        }
        if (placeable && over) {
            ChangePoints.Result alt = ChangePoints.levelShiftsAt(x, b.value(), new int[] {best}, minSeg, 0);
            LeastSquaresFit refit = LeastSquares.fitDesign(alt.design(), b.value());
            if (!alt.steps().isEmpty() && m - alt.design().length >= 3 && !Double.isNaN(refit.coefficient(0))) {
                double[] step = {bestSec, alt.steps().get(0).size()};
                if (onSamples == null && !envelope) {
                    placeShifts(List.of(step), b, tSec, y, blockSec, refit.coefficient(1) / 3600);
                }
                steps.add(step);
                x = alt.design();
                cols = new ArrayList<>(List.of(x));
                fit = refit;
                if (samples != null) {
                    samples = sampleFit(tSec, y, usedFromSec, modelled, steps, sampleLoadT, loadV);
                }
            }
        }
        int p = x.length;
        double[] plugIns = phiPlugIns(x, fit.residuals());
        double phi = plugIns[1];
        double[][] x0 = withoutSelectedShifts(x, steps.size(), b, shifts.steps(), hints.stepSec());
        if (x0.length < x.length && (samples == null || samples.persistent())) {
            // a searched shift absorbs low-frequency noise and lowers φ̂: keep φ without it when larger, unless the
            // samples, the shifts in their design, show no persistence for a shift to have absorbed
            LeastSquaresFit f0 = LeastSquares.fitDesign(x0, b.value());
            if (!Double.isNaN(f0.coefficient(0))) {
                phi = Math.max(phi, phiUpper(x0, f0.residuals()));
            }
        }
        // the deceleration test keeps the blocks' own conservative φ (it was calibrated with it)
        double[] decel = deceleration(cols, b, phi, !steps.isEmpty());
        // the noise model from the samples where they are persistent (final analysis of medians), φ integrated out;
        // else from the block residuals
        SampleNoise noise = samples == null ? null : sampleNoise(samples, blockSec, dt);
        // Theil–Sen on the covariate-adjusted blocks
        double[] adj = b.value().clone();
        for (int c = 2; c < p; c++) {
            for (int i = 0; i < m; i++) {
                adj[i] -= fit.coefficient(c) * x[c][i];
            }
        }
        double slope = TheilSen.slope(b.tHours(), adj);
        double se;
        double df;
        StudentTMixture distribution = null;
        if (noise != null) {
            distribution = blockSlopeDistribution(fit, noise, slope);
        }
        if (distribution != null) {
            se = distribution.sd();
            df = noise.df();
            phi = noise.phi();
        } else {
            double[] decays = envelope ? new double[] {plugIns[0], phi} : blockDecays((int) Math.round(blockSec / dt),
                    samplesFrom(tSec, y, usedFromSec), plugIns[0], phi);
            df = degreesOfFreedom(m - p, plugIns[0], decays[0]);
            se = Math.sqrt(fit.arma11ExactVarianceUnbiased(1, phi, decays[1]));
        }
        double fittedLast = b.value()[m - 1] - fit.residuals()[m - 1];
        double used = b.tHours()[m - 1] - b.tHours()[0] + blockSec / 3600.0;
        // a modelled warm-up is reported where its own fit says it ended
        double reportedEnd = modelled != null ? warmupEndEstimate : Math.max(0, warmEnd);
        Estimate withoutHinted = hintedKept
                ? estimate(tSec, y, envelope, warmupSec, loadT, loadV, live, hints.withoutSteps()) : null;
        if (withoutHinted != null && !withoutHinted.ok()) {
            withoutHinted = null;
        }
        return new Estimate(true, slope, se, df, phi, m, b.samples(), used, reportedEnd, running, steps,
                useLoad, fittedLast, decel[0], decel[1], running ? warmupEndEstimate : Double.NaN,
                live && plateauFitsAsWell(x, b, fit.residualSumOfSquares()), tau, last,
                candidateShift(b, shifts.rejected(), blockSec), rival, distribution, withoutHinted);
    }

    /**
     * The samples' noise model is used from this REML φ on: where the samples are persistent, and the
     * blocks' own lag 1, from a few dozen residuals, is least precise. At weak persistence the blocks are
     * nearly independent and their lag 1 is precise, while the split of the samples' noise into AR(1) and
     * white is poorly identified (a ridge of φ and the white share), which made the bound loose: with the
     * model at φ 0.5 per minute, 10 MB/h at σ 30 FAILed in 94.2 % of runs instead of 97.8 %, and the
     * stable φ 0.5 cells' false alarms rose from 1.3 to 3.8 % (500 runs; eleventh session, with the samples'
     * model at the upper end of φ's likelihood bound, before the posterior).
     */
    static final double SAMPLE_PHI_MIN = 0.8;
    /** The sampling interval the constants on samples were calibrated at ({@link #atPoint}). */
    static final double CALIBRATION_POINT_SEC = 60;
    /**
     * Samples are thinned to at most this many points before the REML fit: every k-th is kept. They were averaged in
     * runs of k until the twenty-fourth session, but the mean of k samples of an AR(1) is not an AR(1): its lag 1 is
     * above its decay (0.983 against 0.975 for 5 samples 10 s apart at φ 0.97 per minute), which an AR(1) plus
     * white noise can only read as stronger persistence. A day of p99 sampled every 10 s had a slope's error a
     * third larger than sampled every 60 s, and a 2 %/h drift at φ 0.97 FAILed in 80.5 % of runs instead of 93.0 %
     * (200 runs each); kept every k-th, the samples are an AR(1) plus white noise again (φ per point φ^k, the white
     * share unchanged) and the drift FAILs in 90.5 % (docs/calibration.md, "Twenty-fourth session"). The grid's
     * runs at 60 s samples are not thinned (24 h is 1440); only INCONCLUSIVE runs continued past 33 h are.
     */
    static final int SAMPLE_MAX_POINTS = 2000;
    /** Hampel filter: half-width of the running median, and the robust sds beyond which a sample is a spike. */
    static final int SPIKE_HALF_WINDOW = 3;
    static final double SPIKE_SD = 5;
    /**
     * The load column of the samples' design ({@link #sampleDesign}) is the load's running mean over this many
     * seconds on either side. Taken as measured, the load entered the generalised least squares of REML
     * ({@code stats.Ar1NoiseReml}) at φ near 1 through its differences from one point to the next, where the
     * measurement's own jitter swamps the load's slow swing, and φ̂ sat at its 0.995 cap in every run with a daily
     * load swing: the memory's interval was four times too wide (sd 0.94 MB/h against a spread of 0.24 MB/h over
     * 100 runs of 24 h at φ 0.9 per minute, the load ±50 % with 1 % jitter), and held the truth in all of 300
     * runs of each diurnal cell. Averaged over 11 points (a 10-minute block at 60 s samples), 0.24 MB/h and 86 %;
     * the OLS load effect subtracted and the column dropped instead, 84 %, as it leaves REML unaware of the slow
     * column that took part of the noise (docs/calibration.md, "Twenty-second session"). Memory follows sustained
     * load, not a sample's jitter; the blocks' design takes the load per block in the same spirit.
     *
     * <p>The window is in time, not points (until the twenty-fourth session it was 5 points either side): with
     * finer sampling, and the samples averaged to at most {@link #SAMPLE_MAX_POINTS}, 11 points were anything
     * from 22 s to an hour. At 2 s samples of the diurnal 8 h cell (φ 0.9 per minute), 200 runs: the memory's
     * interval 16.6 → 15.0 MB/h wide (12.0 at 60 s samples), holding the truth in 95.0 → 93.0 % of runs; at
     * 60 s samples nothing changes (docs/calibration.md, "Twenty-fourth session").
     */
    static final double LOAD_HALF_WINDOW_SEC = 300;

    /**
     * The samples' noise model as the final analysis reads it: the REML φ̂, the degrees of freedom of t
     * quantiles at φ̂ (the deceleration test), the posterior of (φ, λ) per point, the samples in a block (before
     * thinning: a block is the median of all of them), the points' residual degrees of freedom n − p, and the
     * thinning k (one sample of every k is a point).
     */
    private record SampleNoise(double phi, double df, Ar1NoisePosterior posterior, int samplesPerBlock, int residualDf,
                               int thinning) {
    }

    /**
     * Degrees of freedom of the samples' noise at (φ, λ): (n − p)/(1 + 2(1 − w)φ/(1 − φ)), w = λ/(1 + λ) the white
     * share (the residuals' count over the AR(1) part's inflation of the long-run variance), at least 3.
     */
    private static double sampleDegreesOfFreedom(int residualDf, double phi, double white) {
        double share = white / (1 + white);
        return Math.max(3, residualDf / (1 + 2 * (1 - share) * phi / (1 - phi)));
    }

    /** Points of the samples' posterior with less than this share of the largest weight are left out of the mixture. */
    static final double MIXTURE_NEGLIGIBLE = 1e-6;

    /**
     * The distribution of the blocks' slope {@code slope} under the samples' noise model, φ and λ integrated
     * out: the mixture over the posterior's points of Student t's, each with the exact sandwich standard error
     * of the blocks' fit at the point's block lag 1 and decay ({@code stats.BlockMeansAr1.lag1} with the white
     * noise of a median, π/2 that of a mean) and the degrees of freedom (n − p)/(1 + 2(1 − w)φ/(1 − φ)) at the
     * point's φ and white share w. With the degrees of freedom of φ̂ in every point instead, the stable φ 0.97
     * cell with a fifth of its noise white rose from 3.8 to 5.3 % false alarms (2000 runs), with them at each
     * point to 4.3 %, for the same power (10 MB/h at φ 0.97, σ 10: 88.3 % both). Null when the blocks' fit
     * leaves no noise (a series that does not change).
     */
    private static StudentTMixture blockSlopeDistribution(LeastSquaresFit fit, SampleNoise noise, double slope) {
        Ar1NoisePosterior post = noise.posterior();
        double bar = MIXTURE_NEGLIGIBLE * IntStream.range(0, post.points()).mapToDouble(post::weight).max().orElse(0);
        int[] kept = IntStream.range(0, post.points()).filter(i -> post.weight(i) >= bar).toArray();
        int k = kept.length;
        double[] w = new double[k];
        double[] centre = new double[k];
        double[] scale = new double[k];
        double[] df = new double[k];
        for (int j = 0; j < k; j++) {
            int i = kept[j];
            df[j] = sampleDegreesOfFreedom(noise.residualDf(), post.phi(i), post.white(i));
            // the blocks are medians of every sample, k a point: the samples' φ is the point's to the 1/k
            double perSample = Math.pow(post.phi(i), 1.0 / noise.thinning());
            double lag1 = Math.min(PHI_CAP, BlockMeansAr1.lag1(perSample, noise.samplesPerBlock(),
                    post.white(i) * Math.PI / 2));
            double decay = Math.min(PHI_CAP, Math.pow(perSample, noise.samplesPerBlock()));
            w[j] = post.weight(i);
            centre[j] = slope;
            scale[j] = Math.sqrt(fit.arma11ExactVarianceUnbiased(1, lag1, decay));
            if (!(scale[j] > 0) || !Double.isFinite(scale[j])) {
                return null;
            }
        }
        return new StudentTMixture(w, centre, scale, df);
    }

    /**
     * The noise model from the samples themselves, where they are persistent: on the samples of
     * {@link SampleFit} (spikes replaced by their running median, with the design of the blocks and the level
     * shifts found on them), the REML φ̂ of an AR(1) plus white noise ({@code stats.Ar1NoiseReml});
     * where it is at least {@link #SAMPLE_PHI_MIN}, the posterior of φ and the white share
     * ({@code stats.Ar1NoisePosterior}: restricted likelihood × a prior log-uniform in the correlation time),
     * over which the blocks' slope's standard error is averaged ({@link #blockSlopeDistribution}), and degrees
     * of freedom (n − p)/(1 + 2(1 − w)φ̂/(1 − φ̂)), w the white share, for the deceleration test.
     *
     * <p>Until the eighteenth session the blocks' lag 1 and decay were taken at the upper end of φ's likelihood
     * bound (z = 1): a 10 MB/h leak at φ 0.97 per minute, σ 10 MB, 1.5·T* FAILed in 82.7 % of runs,
     * integrated over φ in 88.3 %, the stable cells within 3 runs of 300 (paired;
     * docs/calibration.md, "Eighteenth session"). Reading the slope itself from its posterior on the samples
     * (GLS, Zellner &amp; Tiao 1964) did better there (91.0 %) but not beside level shifts: a shift placed a few
     * samples off reads as a trend to GLS at φ near 1 (a +50 % p99 step: 2.3 → 8.0 % false FAILs), not to
     * the blocks' Theil–Sen slope. Null when there are too few samples, they are not persistent, or the
     * design is degenerate.
     */
    private static SampleNoise sampleNoise(SampleFit samples, double blockSec, double dt) {
        Ar1NoiseReml.Estimate e = samples.reml();
        if (!samples.persistent()) {
            return null;
        }
        SampleDesign d = samples.design();
        double[][] xs = d.columns();
        int n = d.values().length;
        Ar1NoisePosterior posterior = Ar1NoisePosterior.of(xs, d.values(), 1, atPoint(Ar1NoiseReml.PHI_MAX, d));
        if (posterior == null) {
            return null;
        }
        double df = sampleDegreesOfFreedom(n - xs.length, e.phi(), e.white());
        return new SampleNoise(e.phi(), df, posterior, Math.max(1, (int) Math.round(blockSec / dt)), n - xs.length,
                d.thinning());
    }

    /**
     * The samples from {@code fromSec} on, as the noise model and the shift comparison see them: every
     * {@code thinning}-th, at most {@link #SAMPLE_MAX_POINTS} points {@code pointSec} apart, spikes replaced
     * by their running median ({@code stats.Despike}), with the design of the blocks (1, t in hours centred,
     * the load when it is a covariate, as of the load interval each sample falls in and averaged over
     * {@link #LOAD_HALF_WINDOW_SEC} either side, and one 0/1 column per level shift at its time).
     */
    private record SampleDesign(double[] times, double[] values, double[][] columns, int thinning, double pointSec) {
    }

    /**
     * The samples' design and the REML fit of an AR(1) plus white noise to them ({@code stats.Ar1NoiseReml}),
     * which both the shift comparison ({@link #sampleShift}) and the noise model ({@link #sampleNoise}) read; built
     * once, and again only when the comparison adds a shift to the design.
     */
    private record SampleFit(SampleDesign design, Ar1NoiseReml.Estimate reml) {
        /** Whether the samples are persistent enough for their own noise model ({@link #SAMPLE_PHI_MIN}). */
        boolean persistent() {
            return reml.phi() >= atPoint(SAMPLE_PHI_MIN, design);
        }
    }

    /**
     * An AR(1) coefficient chosen for the calibration's 60 s samples ({@link #CALIBRATION_POINT_SEC}), at the
     * design's points when they are closer together: φ^(Δ/60 s), the same correlation time. The constants were
     * calibrated on points 60 s apart; read per point, on samples 10 s apart the largest φ of the noise model's
     * prior (0.995, a correlation time of 200 points) was a correlation time of 33 minutes, which cut the posterior
     * of noise persistent over half an hour and made the interval too narrow (docs/calibration.md, "Twenty-fourth
     * session"). Points farther apart than 60 s (2000 of them over a run longer than 33 h) keep the value per point:
     * no calibration covers them, and per point it is the more cautious one (the larger φ).
     */
    private static double atPoint(double phiAt60s, SampleDesign d) {
        return d.pointSec() < CALIBRATION_POINT_SEC ? Math.pow(phiAt60s, d.pointSec() / CALIBRATION_POINT_SEC) : phiAt60s;
    }

    /** {@link SampleFit} of the samples from {@code fromSec} on; null when there are too few of them. */
    private static SampleFit sampleFit(double[] tSec, double[] y, double fromSec, Saturation warmup,
                                       List<double[]> steps, double[] loadT, double[] loadV) {
        SampleDesign d = sampleDesign(tSec, y, fromSec, warmup, steps, loadT, loadV);
        return d == null ? null
                : new SampleFit(d, Ar1NoiseReml.estimate(d.columns(), d.values(), 0, atPoint(Ar1NoiseReml.PHI_MAX, d)));
    }

    /** {@link SampleDesign} of the samples from {@code fromSec} on; null when there are too few of them. */
    private static SampleDesign sampleDesign(double[] tSec, double[] y, double fromSec, Saturation warmup,
                                             List<double[]> steps, double[] loadT, double[] loadV) {
        int i0 = firstAtOrAfter(tSec, fromSec);
        int len = tSec.length - i0;
        int k = Math.max(1, (len + SAMPLE_MAX_POINTS - 1) / SAMPLE_MAX_POINTS);
        int n = len / k;
        int w = warmup != null ? 1 : 0;
        int q = loadT.length > 0 ? 1 : 0;
        if (n < 4 * (2 + w + q + steps.size() + 2)) {
            return null;
        }
        double[] ts = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = tSec[i0 + i * k];
            ys[i] = y[i0 + i * k];
        }
        ys = Despike.hampel(ys, SPIKE_HALF_WINDOW, SPIKE_SD);
        double mean = 0;
        for (double t : ts) {
            mean += t;
        }
        mean /= n;
        double[][] xs = new double[2 + w + q + steps.size()][n];
        for (int i = 0; i < n; i++) {
            xs[0][i] = 1;
            xs[1][i] = (ts[i] - mean) / 3600;
            if (w == 1) {
                xs[2][i] = warmup.at(ts[i] / 3600);
            }
            for (int s = 0; s < steps.size(); s++) {
                xs[2 + w + q + s][i] = ts[i] >= steps.get(s)[0] ? 1 : 0;
            }
        }
        if (q == 1) {
            // the load of the interval each sample falls in (load times end their intervals), centred
            int j = 0;
            for (int i = 0; i < n; i++) {
                while (j + 1 < loadT.length && loadT[j] < ts[i]) {
                    j++;
                }
                xs[2 + w][i] = loadV[j];
            }
            double[] c = centredLoad(runningMean(ts, xs[2 + w], LOAD_HALF_WINDOW_SEC));
            if (!Arrays.stream(c).allMatch(Double::isFinite)) {
                return null;
            }
            xs[2 + w] = c;
        }
        return new SampleDesign(ts, ys, xs, k, medianSpacing(ts));
    }

    /**
     * The mean of the values whose times lie within {@code halfWindowSec} of each value's time (fewer at the ends);
     * {@code t} ascending.
     */
    static double[] runningMean(double[] t, double[] v, double halfWindowSec) {
        int n = v.length;
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + v[i];
        }
        double[] out = new double[n];
        int lo = 0;
        int hi = 0;
        for (int i = 0; i < n; i++) {
            while (t[i] - t[lo] > halfWindowSec * (1 + 1e-12)) {
                lo++;
            }
            while (hi + 1 < n && t[hi + 1] - t[i] <= halfWindowSec * (1 + 1e-12)) {
                hi++;
            }
            out[i] = (prefix[hi + 1] - prefix[lo]) / (hi - lo + 1);
        }
        return out;
    }

    /**
     * {time, log Bayes factor} of one more level shift against the trend on the samples ({@link SampleDesign}):
     * {@code stats.ShiftOrTrend}, each model at its own AR(1) φ of {@link #SAMPLE_PHI_GRID}, the shift at least
     * {@code minSpanSec} from either end (time NaN when there is no such place); the shift is added when the log
     * Bayes factor is above {@link #SAMPLE_SHIFT_OVER_TREND}. Null when the samples carry white noise
     * ({@link #SAMPLE_SHIFT_MAX_WHITE}: the REML λ of {@link SampleFit}). Whitened at the sampling interval, a
     * step is one jump of δ against the innovations' sd, σ·√(1 − φ²) (at φ 0.9 per minute a 30 MB step at
     * σ 10 MB is a 7-sd jump), while in ten-minute blocks it is smeared over the block it falls in and judged
     * against the blocks' larger noise ({@link #SHIFT_OVER_TREND}).
     */
    private static double[] sampleShift(SampleFit samples, double minSpanSec) {
        if (!(samples.reml().white() <= SAMPLE_SHIFT_MAX_WHITE)) {
            return null;
        }
        SampleDesign d = samples.design();
        double[] ts = d.times();
        // the points' typical spacing, as the constants per minute read it: across a gap (a resumed run) the mean
        // spacing would count fewer points to the span
        int minSeg = Math.max(1, (int) Math.round(minSpanSec / d.pointSec()));
        double[] grid = Arrays.stream(SAMPLE_PHI_GRID).map(g -> atPoint(g, d)).toArray();
        ShiftOrTrend.Result r = ShiftOrTrend.compare(d.columns(), 1, d.values(), minSeg, grid);
        return new double[] {r.index() >= 0 ? ts[r.index()] : Double.NaN, r.logBayesFactor()};
    }

    /**
     * Places each level shift found on the blocks at the sample where it happened: among the samples of
     * the two blocks either side of its block boundary, detrended by the block fit's slope (per second)
     * and with spikes replaced ({@code stats.Despike}), the least-squares split of the mean
     * ({@code ChangePoints.bestSplit}); its time becomes that of the first sample after the split. At
     * block resolution a shift could sit up to half a block from where it happened, and the samples in
     * between, on the wrong side of its dummy, read as persistent noise to the samples' noise model
     * ({@link #sampleNoise}), which widened the interval: a 10 MB/h leak with a 60 MB step at 20–80 % of a
     * 5.5 h run (1.5·T*) FAILed in 34.3 % of runs, 68.0 % with shifts placed (300 paired runs, with
     * {@link #levelShiftFitsBetter} and the deceleration test's variance 87.0 %; docs/calibration.md,
     * "Fourteenth session"). The report shows the placed time.
     */
    private static void placeShifts(List<double[]> steps, Blocks b, double[] tSec, double[] y, double blockSec,
                                    double slopePerSec) {
        int m = b.size();
        List<Double> placed = new ArrayList<>();
        for (double[] step : steps) {
            int k = blockAt(b, step[0]);
            if (k == 0 || k == m) {
                continue;
            }
            double from = Math.floor(b.tHours()[k - 1] * 3600 / blockSec) * blockSec;
            double to = (Math.floor(b.tHours()[k] * 3600 / blockSec) + 1) * blockSec;
            int i0 = firstAtOrAfter(tSec, from);
            int len = firstAtOrAfter(tSec, to) - i0;
            if (len < 2) {
                continue;
            }
            double[] z = new double[len];
            for (int i = 0; i < len; i++) {
                z[i] = y[i0 + i] - slopePerSec * tSec[i0 + i];
            }
            double at = tSec[i0 + ChangePoints.bestSplit(Despike.hampel(z, SPIKE_HALF_WINDOW, SPIKE_SD))];
            if (!placed.contains(at)) {
                // a second shift one block from the first (the block straddling a large shift) may split its
                // samples at the same place; it keeps its block time, so the samples' design stays regular
                step[0] = at;
                placed.add(at);
            }
        }
    }

    /**
     * Whether one searched level shift (at the search's bar {@link #STEP_T}) leaves a smaller residual sum
     * of squares on all blocks than the saturating warm-up y = a + βt + c·e^{−t/τ} at the τ its fit chose.
     * A shift in the first half of a run (a deploy, a cache resized) is also fitted by the saturating
     * term, and was read as a warm-up still running, which cuts half the run and blocks any FAIL; the two
     * shapes have the same number of parameters (a shift's size and time, a saturation's amplitude and τ),
     * so the one that fits better is the likelier, and when it is the shift, the warm-up is kept only if
     * it is still significant beside a shift ({@link #shiftUnderSaturation}); the shift is then found and
     * removed as any other. Measured with the shift placement ({@link #placeShifts}) and
     * the deceleration test's variance, 300 paired runs: a 10 MB/h leak with a 60 MB step at 20–80 % of a
     * 5.5 h run FAILed in 79.0 → 87.0 % of runs, a 2 %/h drift in a run whose memory stepped 81.3 → 88.7 %
     * (docs/calibration.md, "Fourteenth session").
     */
    private static boolean levelShiftFitsBetter(Blocks all, boolean useLoad, double tauHours) {
        int m = all.size();
        List<double[]> base = baseColumns(all, useLoad);
        ChangePoints.Result shift = ChangePoints.levelShifts(base.toArray(new double[0][]), all.value(), 1,
                minSegment(m), STEP_T);
        if (shift.steps().isEmpty()) {
            return false;
        }
        List<double[]> warm = new ArrayList<>(base);
        warm.add(new Saturation(all.tHours()[0], tauHours).on(all.tHours()));
        double rssWarm = LeastSquares.fitDesign(warm.toArray(new double[0][]), all.value()).residualSumOfSquares();
        return LeastSquares.fitDesign(shift.design(), all.value()).residualSumOfSquares() < rssWarm;
    }

    /**
     * The 0/1 column of one searched level shift (at {@link #STEP_T}) with a saturating term e^{−t/τ} in
     * the design, at the τ of the warm-up grid whose fit with the shift leaves the smallest residual sum
     * of squares; null when no τ gives a shift. A warm-up and a level shift in one run hide each other:
     * fitted alone, the warm-up is tested against residuals that carry the shift's jump (persistent, so
     * its t stays small), and the shift is searched against residuals that carry the warm-up's rise. With
     * the saturation in the design the shift is found, and with the shift as a covariate the warm-up
     * ({@link #detectWarmup}). A 60 MB memory step at 20–80 % of a 4 h run on an 80 MB warm-up with
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
        double[] range = warmupTauRange(all, tauMaxDivisor);
        List<double[]> base = baseColumns(all, useLoad);
        double[] best = null;
        double bestRss = Double.POSITIVE_INFINITY;
        for (int g = 0; g < WarmupEnd.GRID; g++) {
            double tauHours = WarmupEnd.tau(range[0], range[1], g);
            List<double[]> cols = new ArrayList<>(base);
            cols.add(new Saturation(all.tHours()[0], tauHours).on(all.tHours()));
            ChangePoints.Result r = ChangePoints.levelShifts(cols.toArray(new double[0][]), all.value(), 1,
                    minSegment(m), STEP_T);
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
    private static double[] warmupTauRange(Blocks all, double tauMaxDivisor) {
        double tauMin = Math.max(2 * (all.tHours()[1] - all.tHours()[0]), 5.0 / 60);
        return new double[] {tauMin, Math.max(tauMin, all.tHours()[all.size() - 1] / tauMaxDivisor)};
    }

    /**
     * Size of a level shift before block {@code k} fitted beside the design's columns but the trend (column 1):
     * the step of "one shift, no trend", in the series' units.
     */
    private static double shiftWithoutTrend(double[][] x, double[] y, int k) {
        double[][] z = new double[x.length][];
        int c = 0;
        for (int j = 0; j < x.length; j++) {
            if (j != 1) {
                z[c++] = x[j];
            }
        }
        z[c] = new double[y.length];
        Arrays.fill(z[c], k, y.length, 1.0);
        return LeastSquares.fitDesign(z, y).coefficient(c);
    }

    /** {tSec, |t|, blockSec} of a split the search did not keep (its time half-way between the blocks either side), or null. */
    private static double[] candidateShift(Blocks b, ChangePoints.Step rejected, double blockSec) {
        if (rejected == null) {
            return null;
        }
        return new double[] {boundarySec(b, rejected.index()), Math.abs(rejected.tStat()), blockSec};
    }

    /** Time (s) half-way between the centres of blocks {@code k − 1} and {@code k}: where a shift found before block k is put. */
    private static double boundarySec(Blocks b, int k) {
        return 0.5 * (b.tHours()[k - 1] + b.tHours()[k]) * 3600;
    }

    /** Fewest blocks on either side of a level shift, of {@code m} blocks. */
    private static int minSegment(int m) {
        return Math.max(3, m / 20);
    }

    /** Appends {tSec, size} of each shift (its time, until {@link #placeShifts}: half-way between the blocks either side). */
    private static void addSteps(List<double[]> out, Blocks b, List<ChangePoints.Step> found) {
        for (ChangePoints.Step st : found) {
            out.add(new double[] {boundarySec(b, st.index()), st.size()});
        }
    }

    /**
     * The design {@code x} (its last {@code nSteps} columns the level shifts: first the searched ones,
     * {@code searched}, then those tested at hinted times) without the columns of the searched shifts
     * whose place the search chose. The search puts a shift where it best fits the series, so a shift
     * that is not there takes a slow excursion of the noise out of the residuals and their φ understates
     * the persistence (the slope's error is then too small); φ without those shifts guards against it. A
     * shift found within one block of another gating metric's shift ({@code hintSec}) was not placed by
     * this series' noise alone (one event, a deploy, moves both), and a shift tested at a hinted time was
     * not searched at all; they stay, since without them a real shift reads as strong persistence: a
     * 2 %/h p99 drift at φ 0.5 with a +50 % p99 step at the time of a 60 MB memory step FAILed in 29.2 %
     * of runs with φ taken without it, 81.6 % with it kept, the stable cells with steps unchanged (500
     * paired runs; docs/calibration.md, "Fourteenth session").
     *
     * <p>The guard is not applied where the samples, with the shifts in their design, are not persistent (their
     * REML φ̂ below {@link #SAMPLE_PHI_MIN}; the final analysis of medians): there is no slow excursion for a
     * shift to have taken, while without a real shift its jump reads as strong persistence. A 60 MB step in
     * noise of φ 0.5 per minute put the blocks' φ at 0.77–0.97 instead of 0.1–0.25 and the interval five
     * times too wide: a 10 MB/h leak on such a step at 1.5·T* (3 h) FAILed in 12.5 % of runs, 82 % without
     * the guard there, its interval holding the truth in 99.5 → 94 % (200 runs; docs/calibration.md,
     * "Twenty-third session").
     */
    private static double[][] withoutSelectedShifts(double[][] x, int nSteps, Blocks b, List<ChangePoints.Step> searched,
                                                    double[] hintSec) {
        int nBase = x.length - nSteps;
        List<double[]> kept = new ArrayList<>(List.of(x).subList(0, nBase));
        for (int s = 0; s < nSteps; s++) {
            boolean selected = false;
            if (s < searched.size()) {
                selected = true;
                for (double h : hintSec) {
                    selected &= !withinOneBlock(searched.get(s).index(), blockAt(b, h));
                }
            }
            if (!selected) {
                kept.add(x[nBase + s]);
            }
        }
        return kept.toArray(new double[0][]);
    }

    /**
     * Whether two shifts at block indices {@code i} and {@code j} are the same event: a hint this near a searched
     * shift is not tested again ({@link #hintIndices}), and a searched shift this near a hint stays in φ's guard
     * fit ({@link #withoutSelectedShifts}).
     */
    private static boolean withinOneBlock(int i, int j) {
        return Math.abs(i - j) <= 1;
    }

    /** Index of the first block whose centre is at or after {@code tSec} ({@code b.size()} when none). */
    private static int blockAt(Blocks b, double tSec) {
        int k = 0;
        while (k < b.size() && b.tHours()[k] * 3600 < tSec) {
            k++;
        }
        return k;
    }

    /** Block indices (first block after) of the hinted times, without those within one block of a searched shift. */
    private static int[] hintIndices(Blocks b, double[] stepHintSec, List<ChangePoints.Step> found) {
        int m = b.size();
        List<Integer> idx = new ArrayList<>();
        for (double h : stepHintSec) {
            int k = blockAt(b, h);
            boolean near = false;
            for (ChangePoints.Step st : found) {
                near |= withinOneBlock(st.index(), k);
            }
            for (int j : idx) {
                near |= withinOneBlock(j, k);
            }
            if (!near && k > 0 && k < m) {
                idx.add(k);
            }
        }
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<double[]> baseColumns(Blocks b, boolean useLoad) {
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
        if (useLoad) {
            cols.add(centredLoad(b.load()));
        }
        return cols;
    }

    /**
     * Profile fit of a saturating warm-up over τ ({@link WarmupEnd}, |t| &gt; {@link #WARMUP_T}, end at
     * {@link #WARMUP_KAPPA} residual sd), with the level shift {@code shift} (a 0/1 column, or null) as a
     * covariate; returns {warm-up end in hours, τ in hours, t of the saturating
     * term (negative: a rise that slows down)} when the warm-up
     * term is significant, else null.
     */
    static double[] detectWarmup(Blocks all, boolean useLoad, double tauMaxDivisor, double[] shift) {
        int m = all.size();
        if (m < 12) {
            return null;
        }
        double[] range = warmupTauRange(all, tauMaxDivisor);
        double tauMin = range[0];
        double tauMax = range[1];
        List<double[]> cov = new ArrayList<>();
        if (useLoad) {
            cov.add(centredLoad(all.load()));
        }
        if (shift != null) {
            cov.add(shift);
        }
        WarmupEnd.Result r = WarmupEnd.detect(all.tHours(), all.value(), cov.toArray(new double[0][]), tauMin, tauMax,
                WARMUP_T, WARMUP_KAPPA);
        return r.detected() ? new double[] {r.endX(), r.tau(), r.tStat()} : null;
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

    /**
     * Deceleration statistic: adds a hinge max(0, t − t_mid) to the design and returns {the hinge
     * coefficient's AR(1)-aware t, the second-half slope}; significantly negative t with a late slope
     * below the threshold means the growth levels off, as a warm-up does and a leak does not
     * ({@link Decision} compares them with its one-sided levels). With level shifts in the design
     * ({@code shifted}), φ is at least that of the residuals without the searched ones
     * ({@link #withoutSelectedShifts}), which a real shift drives to the cap; there the marginal variance
     * ê'ê/(m − p) is far too small (the fitted mean and shifts absorb most of noise that persistent), and a
     * steady 10 MB/h leak with a 60 MB step "levelled off" in 10 % of runs (2.5 % without the step), so the
     * unbiased ê'ê/(m − tr((X'X)⁻¹X'RX)) is used; without shifts the plain one stays (the test's level was
     * calibrated with it). 300 paired runs of that leak: 81.3 → 87.0 %
     * FAIL (docs/calibration.md, "Fourteenth session").
     */
    private static double[] deceleration(List<double[]> cols, Blocks b, double phi, boolean shifted) {
        int m = b.size();
        double mid = 0.5 * (b.tHours()[0] + b.tHours()[m - 1]);
        double[] h = new double[m];
        for (int i = 0; i < m; i++) {
            h[i] = Math.max(0, b.tHours()[i] - mid);
        }
        List<double[]> withHinge = new ArrayList<>(cols);
        withHinge.add(h);
        double[][] x = withHinge.toArray(new double[0][]);
        if (m - x.length < 3) {
            return new double[] {Double.NaN, Double.NaN};
        }
        LeastSquaresFit f = LeastSquares.fitDesign(x, b.value());
        int q = x.length - 1;
        if (Double.isNaN(f.coefficient(q))) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double se = Math.sqrt(shifted ? f.ar1ExactVarianceUnbiased(q, phi) : f.ar1ExactVariance(q, phi));
        return new double[] {f.coefficient(q) / se, f.coefficient(1) + f.coefficient(q)};
    }

    /**
     * The φ plugged into the slope's standard error and the deceleration test, from the residuals of
     * the block regression on the design {@code x}: the larger of
     * <ul>
     *   <li>the restricted-likelihood estimate ({@code stats.Ar1Reml}), or the upper end of its bound of
     *       width {@link #PHI_Z} when that is above 0 (0 for a degenerate fit, at most {@link #PHI_CAP}), and</li>
     *   <li>the lag-1 autocorrelation + its bias (1 + 3φ̂ + p)/m + {@link #PHI_SD} standard error
     *       ({@code Autocorrelation.ar1Conservative}).</li>
     * </ul>
     * With a few dozen blocks and strong persistence (block φ ≈ 0.8) the residual lag-1 correlation is
     * biased down and scatters widely, and its linear bias correction under-covers in unlucky runs;
     * REML is nearly unbiased there (Cheang &amp; Reinsel 2000), so until the third session the lag-1 plug-in
     * needed a further factor 1 + (φ − 0.5)² on the standard error, which cost power whenever φ̂ came
     * out high. At moderate block φ (≈ 0.5) the lag-1 bound is the larger and keeps the level of the
     * cells whose false alarms come from structure (a fast warm-up, a latency step): REML alone at
     * z = 0.75 raised {@code fast-warmup-8h} from 4.6 % to 5.6 %. Paired figures in docs/calibration.md.
     */
    static double phiUpper(double[][] x, double[] residuals) {
        return phiPlugIns(x, residuals)[1];
    }

    /**
     * {point, conservative}: the point estimate of the block residuals' φ, the larger of the REML
     * estimate and the bias-corrected lag-1 autocorrelation (no added standard error), which sets the
     * degrees of freedom ({@link #degreesOfFreedom}); and the conservative plug-in of {@link #phiUpper}.
     */
    private static double[] phiPlugIns(double[][] x, double[] residuals) {
        Ar1Reml.Estimate r = Ar1Reml.estimate(x, residuals, PHI_Z);
        double point = Double.isNaN(r.phi()) ? 0 : Math.min(PHI_CAP, r.phi());
        double upper = Double.isNaN(r.upper()) ? 0 : Math.min(PHI_CAP, r.upper());
        return new double[] {Math.max(point, Autocorrelation.ar1Conservative(residuals, x.length, 0)),
                Math.max(upper, Autocorrelation.ar1Conservative(residuals, x.length, PHI_SD))};
    }

    /**
     * Effective degrees of freedom of the t quantiles, (m − p)/(1 + 2φ/(1 − a)) (at least 3), for m − p
     * residual degrees of freedom, lag-1 autocorrelation φ and decay a after it: the residuals' count
     * over the inflation Σ<sub>k</sub>ρ<sub>k</sub> = 1 + 2φ/(1 − a) of the ARMA(1, 1) autocorrelation
     * ((m − p)(1 − φ)/(1 + φ) for an AR(1), a = φ; the effective sample size of Bayley, G. V. &amp; Hammersley,
     * J. M. (1946), "The 'effective' number of independent observations in an autocorrelated time series",
     * JRSS Suppl. 8(2):184–197). It is taken at the point estimate of φ, not at the conservative plug-in
     * of the standard error: the added standard error on φ already pays for not knowing φ, and charging
     * it again in the quantile made the test conservative where φ is high (the stable φ 0.97 cells at
     * 2.4–3.7 % against a 5 % level) at a cost of 1–3 points of power (10 MB/h at φ 0.9, σ 10 93.1 →
     * 94.9 %, at φ 0.97, σ 20 90.8 → 93.5 %; 2 %/h at φ 0.97 89.8 → 90.8 %; stable cells +0.1 to +0.7
     * points, none above 4.5 %; 2000 paired runs, seventh session, docs/calibration.md).
     */
    static double degreesOfFreedom(int residualDf, double phi, double decay) {
        return Math.max(3, residualDf / (1 + 2 * phi / (1 - decay)));
    }

    /**
     * How the block residuals' autocorrelation decays after lag 1, given their lag-1 value φ, the
     * samples per block and the samples themselves: φ<sub>s</sub><sup>m</sup> with φ<sub>s</sub> the
     * sample-level AR(1) coefficient whose m-sample means, with the white noise the samples show, have
     * lag-1 autocorrelation φ ({@code stats.BlockMeansAr1.phiForLag1WithWhiteNoise}; the noise's share
     * from the samples' semivariances at lags 1 and 2, {@code stats.Semivariance}; its variance in a
     * block median taken as π/2 times that in a mean, the median's Gaussian efficiency 2/π).
     * The noise is modelled as AR(1) at the sampling interval, where it arises, plus white noise (a
     * per-interval percentile's own sampling error, jitter faster than the sampling), rather than as an
     * AR(1) at the block length: means of an AR(1) are ARMA(1, 1), and an AR(1) at the block level with
     * the same lag 1 overstates the slope's variance by up to a third when the correlation time is near
     * the block length (φ = 0.97 per minute, 10-minute blocks: 10 MB/h leaks at σ = 10 MB 74.7 → 79.7 %
     * at 1.5·T*, a 2 %/h drift 78.3 → 90.0 %; 300 paired runs, fifth session). White noise lowers the
     * blocks' lag 1 but not their decay; read as AR(1) alone, a fifth of the variance in white noise
     * understated the long-run variance by 9 % at φ = 0.97 and raised false alarms from 4.4 % to 5.5 %
     * (σ = 30 MB, 1000 runs); allowing for it, 3.1 % (block AR(1): 2.9 %), while on pure AR(1) samples
     * the decay, and every figure of 27 cells, are unchanged (sixth session, docs/calibration.md).
     * The block-level AR(1) (decay φ) when the samples show no clear short-range persistence (γ(2) not
     * clearly above γ(1): white-ish samples, or white noise that hides the AR(1)'s increments);
     * one-sample blocks likewise, and heap minima (one per block) are not passed here.
     */
    static double blockDecay(double phi, int samplesPerBlock, double[] samples) {
        return blockDecays(samplesPerBlock, samples, phi)[0];
    }

    /** {@link #blockDecay} for each of several lag-1 values {@code phis} (the samples' semivariances taken once). */
    static double[] blockDecays(int samplesPerBlock, double[] samples, double... phis) {
        double[] out = phis.clone();
        if (samplesPerBlock <= 1) {
            return out;
        }
        double g1 = Semivariance.at(samples, 1);
        double g2 = Semivariance.at(samples, 2);
        for (int i = 0; i < phis.length; i++) {
            double ps = BlockMeansAr1.phiForLag1WithWhiteNoise(phis[i], samplesPerBlock, g1, g2, Math.PI / 2,
                    samples.length);
            out[i] = Double.isNaN(ps) ? phis[i] : Math.min(PHI_CAP, Math.pow(ps, samplesPerBlock));
        }
        return out;
    }

    /** The values of {@code y} at or after {@code fromSec}. */
    private static double[] samplesFrom(double[] tSec, double[] y, double fromSec) {
        return Arrays.copyOfRange(y, firstAtOrAfter(tSec, fromSec), y.length);
    }

    /** Index of the first of the ascending times {@code tSec} at or after {@code fromSec} (their length if none). */
    private static int firstAtOrAfter(double[] tSec, double fromSec) {
        int i = 0;
        while (i < tSec.length && tSec[i] < fromSec) {
            i++;
        }
        return i;
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
        return Math.max(1e-3, j == 0 ? 1 : Series.median(java.util.Arrays.copyOf(d, j)));
    }
}
