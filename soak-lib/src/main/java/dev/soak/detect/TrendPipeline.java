package dev.soak.detect;

import dev.soak.stats.ChangePoints;
import dev.soak.stats.Despike;
import dev.soak.stats.LeastSquares;
import dev.soak.stats.LeastSquaresFit;
import dev.soak.stats.Series;
import dev.soak.stats.ShiftOrTrend;
import dev.soak.stats.StudentTMixture;
import dev.soak.stats.TheilSen;
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
 *   <li>warm-up ({@link Warmup}): a fixed cut, or a saturating fit y = a + βt + c·e^{−t/τ} over a τ grid; a
 *       rise that slows down and still runs at half the run is cut there and blocks a FAIL (a decelerating rise
 *       is not a leak), a clear one that ended is modelled in the design, a weaker one is cut where it ends; the
 *       other gating metrics' warm-ups are tested in this metric at their τ ({@link Hints});</li>
 *   <li>a sawtooth ({@link Sawtooth}): a series that falls back to a floor two or more times, in one sample each
 *       (on an envelope, from one block's minimum to the next), has the climb since the last fall in the design, so
 *       the trend is the floor's; a shift down that the search below finds in it is one more fall;</li>
 *   <li>level shifts: sequential step dummies with a common slope ({@code stats.ChangePoints}; at most
 *       {@link #MAX_STEPS}), kept when its AR(1)-aware |t| exceeds {@link #STEP_T} and no change of slope fits
 *       as well in its place ({@link #jumpsOnly}), then placed at the
 *       sample where it happened ({@link #placeShifts}); then, when one more shift with no trend explains the
 *       series better than the trend does ({@code stats.ShiftOrTrend}: a log Bayes factor, each model with its
 *       own AR(1) φ, the shift's place priced by averaging over all places; on the samples in the final analysis
 *       of medians, {@link SampleFit#shift}, else on the blocks, {@link #SHIFT_OVER_TREND}), that shift is added
 *       too, and the trend is tested beside it;</li>
 *   <li>load as a covariate when its coefficient of variation across blocks exceeds {@link #LOAD_CV};</li>
 *   <li>slope: Theil–Sen on the covariate-adjusted blocks (stats' O(n log n) slope selection);
 *       standard error: exact sandwich of the OLS slope with the unbiased marginal variance
 *       ({@code LeastSquaresFit.arma11ExactVarianceUnbiased}: ê'ê/(m − tr((X'X)⁻¹X'RX)), since under persistence
 *       the fitted mean and trend absorb much of the noise), R the autocorrelation of aggregates of an
 *       AR(1) plus white noise at the sampling interval (lag 1 φ, then a decay {@link BlockNoise#blockDecay}), at a conservative
 *       lag-1 φ ({@link BlockNoise#phiUpper}: the
 *       larger of the REML estimate of the AR(1) errors of the same regression (Cheang &amp; Reinsel
 *       2000; or the upper end of its likelihood bound of width {@link BlockNoise#PHI_Z} &gt; 0), and the residual lag-1
 *       autocorrelation + (1 + 3φ̂ + p)/m (Kendall 1954, plus the regressors' share) + {@link BlockNoise#PHI_SD}
 *       standard error); degrees of freedom (m − p)/(1 + 2φ/(1 − a)) with a the decay
 *       ((m − p)(1 − φ)/(1 + φ) when a = φ), at the point estimate of φ, not the conservative one
 *       ({@link BlockNoise#degreesOfFreedom}). In the final analysis of a series of medians whose samples are
 *       persistent (the REML φ of an AR(1) plus white noise fitted to them at least {@link SampleFit#SAMPLE_PHI_MIN}),
 *       the standard error is averaged instead over the posterior of φ and the white share on the samples
 *       themselves ({@link SampleFit#noise}): hundreds of samples tell φ better than a few dozen block
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
    static final double STEP_T = 3.5;

    /**
     * The shortest series, in seconds from its start, that leaves {@link #MIN_BLOCKS} whole blocks after a warm-up
     * ending at {@code warmupEndSec}: in a series of length T sampled every {@code minBlockSec}, blocks are
     * min({@link #BLOCK_SEC}, T/{@link #TARGET_BLOCKS}) long but at least {@code minBlockSec} (a heap's envelope, whose
     * blocks are three samples or more, is cut into one sample per block when a warm-up leaves too few); one more
     * block pays for the one the warm-up's end falls in.
     */
    static double shortestAfterWarmup(double warmupEndSec, double minBlockSec) {
        double blocks = MIN_BLOCKS + 1;
        double byLength = Math.min(warmupEndSec + blocks * BLOCK_SEC,
                warmupEndSec * TARGET_BLOCKS / (TARGET_BLOCKS - blocks));
        return Math.max(byLength, warmupEndSec + blocks * minBlockSec);
    }

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
    static final int MAX_STEPS = 3;
    /** The most knots {@link #slopeChange} tries: every block boundary of a run up to a day and a bit. */
    static final int MAX_KNOTS = 160;
    static final double LOAD_CV = 0.05;
    /** Envelope blocks further than this many robust sd from the Theil–Sen line are dropped ({@link Blocks#withoutOutliers}). */
    static final double OUTLIER_SD = 6;
    /** … but never more than this share of the blocks (otherwise none is dropped). */
    static final double OUTLIER_SHARE = 0.05;

    /**
     * Log Bayes factor above which one more level shift with no trend is taken to explain the blocks better than
     * the trend ({@code stats.ShiftOrTrend}), and is added to the design: in live looks, on a lower envelope, and
     * where the samples carry white noise ({@link SampleFit#SAMPLE_SHIFT_MAX_WHITE}); the final analysis of medians compares
     * the two on the samples instead ({@link SampleFit#SAMPLE_SHIFT_OVER_TREND}). Chosen by Monte Carlo with the comparison
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
     * A shift the comparison favours with a log Bayes factor above this ("positive" evidence, 2·log B &gt; 2, on
     * the scale of Kass &amp; Raftery 1995, J. Am. Stat. Assoc. 90: 773–795) but not above {@link #SHIFT_OVER_TREND}
     * or {@link SampleFit#SAMPLE_SHIFT_OVER_TREND} is not taken out; a FAIL says that it fits as well
     * ({@code Estimate.rivalShift}). Over 80 seeds of the final analysis, such a caution came with 14 of the 40
     * FAILs of a +25 % p99 step alone (8 h, 15 % noise at φ 0.9 per minute), with 2 of 76 and 1 of 80 of 2 %/h
     * drifts (φ 0.5 and 0.9), and with none of 77 of a 10 MB/h leak. Taking such shifts out was measured and not
     * kept: at log B &gt; 2 on the samples that p99 step FAILed in 33.7 % of runs instead of 43.0 %, but the
     * 2 %/h drift at φ 0.97 fell from 92.0 to 90.3 % and with diurnal load from 96.0 to 94.0 %; at 1, 28.7 %
     * against 89.0 and 92.7 % (300 paired runs; docs/calibration.md, "Seventeenth session").
     */
    static final double RIVAL_SHIFT_OVER_TREND = 1;

    private TrendPipeline() {
    }

    /**
     * The outcome of the pipeline; slopes in y-units per hour.
     *
     * @param ok             false when there were too few blocks to estimate anything
     * @param slope          Theil–Sen slope of the adjusted blocks
     * @param se             calibrated AR(1)-aware standard error
     * @param df             effective degrees of freedom for t quantiles
     * @param phi            AR(1) coefficient of the block residuals used for the standard error ({@link BlockNoise#phiUpper});
     *                       with a {@code distribution}, the samples' REML φ̂
     * @param blocks         blocks used
     * @param samples        raw samples used
     * @param usedHours      time span of the used blocks
     * @param warmupEndSec   warm-up cut
     * @param warmupRunning  the warm-up had not ended by half the run (its term was kept)
     * @param steps          level shifts: {tSec, size}, the size fitted beside the trend and every other column
     * @param loadAdjusted   load was a covariate
     * @param fittedLast     fitted value at the last block (for forecasts)
     * @param decelT         t statistic of the change in slope at mid-window (negative: slowing down)
     * @param lateSlope      OLS slope over the second half of the window (from the same hinge fit)
     * @param warmupEndEstimateSec when the warm-up is still running: where the saturating fit says it ends
     * @param plateauPlausible (live looks only) a rise saturating towards a plateau fits the used
     *                         blocks at least as well as the line ({@link Warmup#plateauFitsAsWell})
     * @param warmupTauHours   τ of the detected saturating warm-up (NaN when none)
     * @param seriesEndSec     time of the series' last sample (0 when there is none)
     * @param neededEndSec     when not {@code ok} because a warm-up left too few blocks after it: the series end that
     *                         would leave the minimum ({@link #shortestAfterWarmup}); NaN otherwise
     * @param candidateShift   the best split the level-shift search did not keep: {tSec, |t| against the
     *                         search's φ, block length in s}; null when there was none ({@link #JOINT_STEP_T})
     * @param rivalShift       one level shift that, with no trend, explains the series better than the trend, but
     *                         not by enough to be taken out ({@link #RIVAL_SHIFT_OVER_TREND}): {tSec, size beside the
     *                         other columns but the trend, log Bayes factor}; null when there is none
     * @param distribution     the slope's distribution under the samples' noise model with φ integrated out
     *                         ({@link SampleFit#noise}; its standard deviation is then {@code se}); null elsewhere
     * @param withoutHinted    the same series analysed without the level shifts kept only at another metric's
     *                         time ({@link #HINT_STEP_T}); null when none was kept. The p-value ({@link #pValue}) and
     *                         the interval ({@link #interval}) hold for both analyses
     * @param slopeChange      when the one more shift that a comparison with the trend added ({@link
     *                         #SHIFT_OVER_TREND}) is fitted at least as well by a change of slope at some time
     *                         ({@link #slopeChange}): {that time in s, the slope after it per hour}, so that a growth
     *                         that began then, read as a step, is not a PASS (Decision); null otherwise
     * @param lateT            t statistic of the second-half slope {@code lateSlope} (the same hinge fit, against
     *                         the same φ as {@code decelT})
     * @param falls            falls to a floor modelled as a {@link Sawtooth} (the slope is then the floor's); 0 when
     *                         the series is not one
     * @param suddenFalls      those of {@code steps} that go down in one sample ({@link Sawtooth#falls}; on a lower
     *                         envelope, by half or more from one block's minimum to the next): a level released at
     *                         once, as a cache cleared (Decision holds a FAIL that one of them takes back)
     */
    record Estimate(boolean ok, double slope, double se, double df, double phi, int blocks, int samples,
                    double usedHours, double warmupEndSec, boolean warmupRunning, List<double[]> steps,
                    boolean loadAdjusted, double fittedLast, double decelT, double lateSlope,
                    double warmupEndEstimateSec, boolean plateauPlausible, double warmupTauHours,
                    double seriesEndSec, double neededEndSec, double[] candidateShift, double[] rivalShift,
                    StudentTMixture distribution, Estimate withoutHinted, double[] slopeChange, double lateT,
                    int falls, List<double[]> suddenFalls) {
        static Estimate insufficient(int blocks, int samples, double seriesEndSec) {
            return insufficient(blocks, samples, seriesEndSec, 0, Double.NaN);
        }

        /**
         * As above, for a series whose warm-up (ending at {@code warmupEndSec} &gt; 0) left too few blocks after it, and
         * that would have enough if it ended at {@code neededEndSec}.
         */
        static Estimate insufficient(int blocks, int samples, double seriesEndSec, double warmupEndSec,
                                     double neededEndSec) {
            return new Estimate(false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, blocks, samples, 0, warmupEndSec,
                    false, List.of(), false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false, Double.NaN,
                    seriesEndSec, neededEndSec, null, null, null, null, null, Double.NaN, 0, List.of());
        }

        /**
         * The estimate of a series whose blocks lie with no noise on one line, or on parallel pieces of one between
         * a few level shifts ({@link NoiseFreeFit}): most often a flat one, whose blocks all hold one value (a fixed
         * pool of fds or threads, a latency pinned to one histogram bucket, a memory figure that never moved) or one
         * value between its shifts (a pool resized), rarely one that moves by the same amount every block (a test
         * fixture that opens one fd a minute). It grows at exactly {@code slope} per hour with no spread
         * ({@code se} 0), has no warm-up or noise model, and ends at {@code fittedLast}.
         */
        static Estimate noiseFree(int blocks, int samples, double usedHours, double slope, double fittedLast,
                                  double seriesEndSec, List<double[]> steps) {
            return new Estimate(true, slope, 0, blocks - 2 - steps.size(), Double.NaN, blocks, samples, usedHours, 0,
                    false, List.copyOf(steps), false, fittedLast, 0, slope, Double.NaN, false, Double.NaN, seriesEndSec,
                    Double.NaN, null, null, null, null, null, Double.NaN, 0, List.of());
        }

        /** The series lies on a line, or on pieces of one between level shifts, with no noise: {@link #noiseFree}. */
        boolean isNoiseFree() {
            return ok && se == 0;
        }

        /** The series did not move, or moved only in its level shifts: {@link #noiseFree} with slope 0. */
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
     * The warm-up step, with the other metrics' warm-ups, is {@link Warmup#find}.
     */
    static Estimate estimate(double[] tSec, double[] y, boolean envelope, OptionalDouble warmupSec, double[] loadT,
                             double[] loadV, boolean live, Hints hints) {
        return estimate(tSec, y, envelope, warmupSec, loadT, loadV, live, hints, List.of());
    }

    /** As above, with falls at {@code moreFallSec} added to the sawtooth when the series is one. */
    private static Estimate estimate(double[] tSec, double[] y, boolean envelope, OptionalDouble warmupSec,
                                     double[] loadT, double[] loadV, boolean live, Hints hints,
                                     List<Double> moreFallSec) {
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
        NoiseFreeFit exact = NoiseFreeFit.of(all.tHours(), all.value(), MAX_STEPS);
        if (exact != null) {
            // no noise to model: each later test would read rounding errors of 10⁻¹³ as a warm-up or a shift
            List<double[]> steps = new ArrayList<>();
            for (int j = 0; j < exact.shiftAt().length; j++) {
                steps.add(new double[] {boundarySec(all, exact.shiftAt()[j]), exact.shiftSize()[j]});
            }
            if (!envelope) {
                placeShifts(steps, all, tSec, y, blockSec, exact.slope() / 3600);
            }
            double[] h = all.tHours();
            return Estimate.noiseFree(all.size(), n, h[h.length - 1] - h[0] + blockSec / 3600, exact.slope(),
                    exact.levelAt(last / 3600), last, steps);
        }
        boolean useLoad = loadVaries(all.load());
        // 1. warm-up
        Warmup warmup = Warmup.find(all, useLoad, warmupSec, live, hints);
        int cut = warmup.cut();
        Blocks b = all.from(cut);
        // where the kept blocks start; a warmup_sec past the last block cuts them all, and ends where it was set
        double warmEnd = cut == 0 ? 0
                : cut < all.size() ? all.tHours()[cut] * 3600 - blockSec / 2 : warmupSec.orElse(last);
        if (envelope && cut > 0 && b.size() < MIN_BLOCKS && blockSec > dt) {
            // a warm-up cut left a short run too few multi-sample blocks: as above, one sample per block
            int i0 = firstAtOrAfter(tSec, warmEnd);
            blockSec = Math.max(dt, 1e-9);
            b = blocks(Arrays.copyOfRange(tSec, i0, n), Arrays.copyOfRange(y, i0, n), blockSec, true, loadT, loadV);
        }
        int m = b.size();
        if (m < MIN_BLOCKS) {
            return Estimate.insufficient(m, b.samples(), last, warmEnd,
                    cut > 0 ? shortestAfterWarmup(warmEnd, dt) : Double.NaN);
        }
        useLoad = useLoad && loadVaries(b.load());
        // 2. design: 1, u (hours, centred), [warm-up term], [load], then steps
        List<double[]> cols = baseColumns(b, useLoad);
        if (warmup.modelled() != null) {
            cols.add(2, warmup.modelled().on(b.tHours()));
        }
        double usedFromSec = b.tHours()[0] * 3600 - blockSec / 2;
        // a series that falls back to its floor again and again: its climbs and the first tooth in the design
        Sawtooth.Falls falls = envelope ? Sawtooth.fallsOfBlocks(b, blockSec) : Sawtooth.falls(tSec, y, usedFromSec);
        Sawtooth sawtooth = Sawtooth.of(falls, usedFromSec, blockSec);
        if (sawtooth != null && !moreFallSec.isEmpty()) {
            sawtooth = sawtooth.withFalls(moreFallSec);
        }
        List<double[]> steps = new ArrayList<>();
        int minSeg = minSegment(m);
        ChangePoints.Result shifts = searchShifts(cols, b, minSeg, sawtooth, tSec, blockSec);
        for (int pass = 0; sawtooth != null && pass < MAX_STEPS; pass++) {
            // in a series that falls back to its floor, a shift down that the search finds is one more fall, which
            // the noise kept under the bar of Sawtooth.falls: with it a free level shift, the climbs after it would
            // be read from the fall before it
            List<Double> more = new ArrayList<>();
            for (ChangePoints.Step st : shifts.steps()) {
                if (st.size() < 0) {
                    more.add(fallSec(envelope, tSec, y, b, st.index(), blockSec));
                }
            }
            if (more.isEmpty()) {
                break;
            }
            sawtooth = sawtooth.withFalls(more);
            shifts = searchShifts(cols, b, minSeg, sawtooth, tSec, blockSec);
        }
        addSteps(steps, b, shifts.steps());
        double[][] x = shifts.design();
        int[] hinted = hintIndices(b, hints.stepSec(), shifts.steps(), sawtooth);
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
        // one more shift, when with no trend it explains the series better than the trend: judged on the samples
        // where they allow it, else on the blocks
        double[] sampleLoadT = useLoad ? loadT : new double[0];
        SampleFit samples = envelope || live ? null
                : SampleFit.of(tSec, y, usedFromSec, warmup.modelled(), sawtooth, steps, sampleLoadT, loadV);
        double[] onSamples = samples == null ? null : samples.shift(minSeg * blockSec);
        int best;
        double logB;
        boolean over;
        if (onSamples != null) {
            best = Double.isNaN(onSamples[0]) ? -1 : blockAt(b, onSamples[0]);
            logB = onSamples[1];
            over = logB > SampleFit.SAMPLE_SHIFT_OVER_TREND;
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
        placeable &= sawtooth == null || !sawtooth.near(b, best);
        double bestSec = !placeable ? Double.NaN : onSamples != null ? onSamples[0] : boundarySec(b, best);
        double[] rival = null;
        if (placeable && !over && logB > RIVAL_SHIFT_OVER_TREND) {
            rival = new double[] {bestSec, shiftWithoutTrend(x, b.value(), best), logB};
        }
        double[] slopeChange = null;
        if (placeable && over) {
            ChangePoints.Result alt = ChangePoints.levelShiftsAt(x, b.value(), new int[] {best}, minSeg, 0);
            LeastSquaresFit refit = LeastSquares.fitDesign(alt.design(), b.value());
            if (sawtooth != null && !alt.steps().isEmpty() && alt.steps().get(0).size() < 0
                    && moreFallSec.size() < MAX_STEPS) {
                // as for the searched shifts above: a fall of a sawtooth that its search missed
                List<Double> more = new ArrayList<>(moreFallSec);
                more.add(fallSec(envelope, tSec, y, b, best, blockSec));
                return estimate(tSec, y, envelope, warmupSec, loadT, loadV, live, hints, more);
            }
            if (!alt.steps().isEmpty() && m - alt.design().length >= 3 && !Double.isNaN(refit.coefficient(0))) {
                double[] change = slopeChange(alt.design(), alt.design().length - 1, b, minSeg);
                if (change != null) {
                    slopeChange = new double[] {change[0] * 3600, change[1]};
                }
                double[] step = {bestSec, alt.steps().get(0).size()};
                if (onSamples == null && !envelope) {
                    placeShifts(List.of(step), b, tSec, y, blockSec, refit.coefficient(1) / 3600);
                }
                steps.add(step);
                x = alt.design();
                cols = new ArrayList<>(List.of(x));
                fit = refit;
                if (samples != null) {
                    samples = SampleFit.of(tSec, y, usedFromSec, warmup.modelled(), sawtooth, steps, sampleLoadT, loadV);
                }
            }
        }
        int p = x.length;
        // each shift's size from the final fit, beside the trend and the other shifts: the search's size is its
        // fit when found, before the shifts found after it (117 → 56 → 62 fds read −63.1 and +6.0 there, not −61)
        for (int j = 0; j < steps.size(); j++) {
            steps.get(j)[1] = fit.coefficient(p - steps.size() + j);
        }
        // the shifts down that are a sudden fall: a level released at once, not a slow excursion
        List<double[]> suddenFalls = new ArrayList<>();
        for (double[] st : steps) {
            if (st[1] < 0 && isSudden(falls, envelope, b, blockAt(b, st[0]), st[1])) {
                suddenFalls.add(st);
            }
        }
        double[] plugIns = BlockNoise.plugIns(x, fit.residuals());
        double phi = plugIns[1];
        double[][] x0 = withoutSelectedShifts(x, steps.size(), b, shifts.steps(), hints.stepSec());
        if (x0.length < x.length && (samples == null || samples.persistent())) {
            // a searched shift absorbs low-frequency noise and lowers φ̂: keep φ without it when larger, unless the
            // samples, the shifts in their design, show no persistence for a shift to have absorbed
            LeastSquaresFit f0 = LeastSquares.fitDesign(x0, b.value());
            if (!Double.isNaN(f0.coefficient(0))) {
                phi = Math.max(phi, BlockNoise.phiUpper(x0, f0.residuals()));
            }
        }
        // the deceleration test keeps the blocks' own conservative φ (it was calibrated with it)
        double[] decel = deceleration(cols, b, phi, !steps.isEmpty());
        // the noise model from the samples where they are persistent (final analysis of medians), φ integrated out;
        // else from the block residuals
        SampleFit.Noise noise = samples == null ? null : samples.noise(blockSec, dt);
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
            distribution = noise.slopeDistribution(fit, slope);
        }
        if (distribution != null) {
            se = distribution.sd();
            df = noise.df();
            phi = noise.phi();
        } else {
            double[] decays = envelope ? new double[] {plugIns[0], phi} : BlockNoise.blockDecays((int) Math.round(blockSec / dt),
                    samplesFrom(tSec, y, usedFromSec), plugIns[0], phi);
            df = BlockNoise.degreesOfFreedom(m - p, plugIns[0], decays[0]);
            se = Math.sqrt(fit.arma11ExactVarianceUnbiased(1, phi, decays[1]));
        }
        double fittedLast = b.value()[m - 1] - fit.residuals()[m - 1];
        double used = b.tHours()[m - 1] - b.tHours()[0] + blockSec / 3600.0;
        // a modelled warm-up is reported where its own fit says it ended
        double reportedEnd = warmup.modelled() != null ? warmup.endEstimateSec() : Math.max(0, warmEnd);
        Estimate withoutHinted = hintedKept
                ? estimate(tSec, y, envelope, warmupSec, loadT, loadV, live, hints.withoutSteps()) : null;
        if (withoutHinted != null && !withoutHinted.ok()) {
            withoutHinted = null;
        }
        return new Estimate(true, slope, se, df, phi, m, b.samples(), used, reportedEnd, warmup.running(), steps,
                useLoad, fittedLast, decel[0], decel[1], warmup.running() ? warmup.endEstimateSec() : Double.NaN,
                live && Warmup.plateauFitsAsWell(x, b, fit.residualSumOfSquares()), warmup.tauHours(), last,
                Double.NaN, candidateShift(b, shifts.rejected(), blockSec), rival, distribution, withoutHinted,
                slopeChange, decel[2], sawtooth == null ? 0 : sawtooth.falls(), suddenFalls);
    }


    /**
     * Places each level shift found on the blocks at the sample where it happened: among the samples of
     * the two blocks either side of its block boundary, detrended by the block fit's slope (per second)
     * and with spikes replaced ({@code stats.Despike}), the least-squares split of the mean
     * ({@code ChangePoints.bestSplit}); its time becomes that of the first sample after the split. At
     * block resolution a shift could sit up to half a block from where it happened, and the samples in
     * between, on the wrong side of its dummy, read as persistent noise to the samples' noise model
     * ({@link SampleFit#noise}), which widened the interval: a 10 MB/h leak with a 60 MB step at 20–80 % of a
     * 5.5 h run (1.5·T*) FAILed in 34.3 % of runs, 68.0 % with shifts placed (300 paired runs, with
     * {@code Warmup.levelShiftFitsBetter} and the deceleration test's variance 87.0 %; docs/calibration.md,
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
            int[] around = samplesAround(b, k, tSec, blockSec);
            int i0 = around[0];
            int len = around[1] - i0;
            if (len < 2) {
                continue;
            }
            double[] z = new double[len];
            for (int i = 0; i < len; i++) {
                z[i] = y[i0 + i] - slopePerSec * tSec[i0 + i];
            }
            double at = tSec[i0 + ChangePoints.bestSplit(Despike.hampel(z, SampleFit.SPIKE_HALF_WINDOW, SampleFit.SPIKE_SD))];
            if (!placed.contains(at)) {
                // a second shift one block from the first (the block straddling a large shift) may split its
                // samples at the same place; it keeps its block time, so the samples' design stays regular
                step[0] = at;
                placed.add(at);
            }
        }
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
    static int minSegment(int m) {
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
     * REML φ̂ below {@link SampleFit#SAMPLE_PHI_MIN}; the final analysis of medians): there is no slow excursion for a
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
     * The level shifts searched on blocks {@code b} on top of {@code cols} and, when the series is one, the columns of
     * {@code sawtooth} (may be null; on the samples at {@code tSec}), that are jumps ({@link #jumpsOnly}); the result's
     * design holds those columns too.
     */
    private static ChangePoints.Result searchShifts(List<double[]> cols, Blocks b, int minSeg, Sawtooth sawtooth,
                                                    double[] tSec, double blockSec) {
        List<double[]> with = new ArrayList<>(cols);
        if (sawtooth != null) {
            with.addAll(List.of(sawtooth.onBlocks(tSec, b, blockSec)));
        }
        return jumpsOnly(with, b, minSeg, ChangePoints.levelShifts(with.toArray(new double[0][]), b.value(), MAX_STEPS,
                minSeg, STEP_T), sawtooth);
    }

    /**
     * {first, end} indices of the samples at {@code tSec} in blocks k − 1 and k of {@code b} (of {@code blockSec},
     * aligned at 0): where a shift found at the boundary between them happened.
     */
    private static int[] samplesAround(Blocks b, int k, double[] tSec, double blockSec) {
        double from = Sawtooth.blockStartSec(b.tHours()[k - 1] * 3600, blockSec);
        double to = Sawtooth.blockStartSec(b.tHours()[k] * 3600, blockSec) + blockSec;
        return new int[] {firstAtOrAfter(tSec, from), firstAtOrAfter(tSec, to)};
    }

    /**
     * Whether a shift of {@code size} (&lt; 0) down at block {@code k} of {@code b} is a sudden fall: a fall of
     * {@code falls} lies within a block of it, or, on a lower envelope, at least half of it happens from one block's
     * minimum to the next. The envelope's samples hide a fall in the collector's teeth, and its minima move by
     * more than the samples' noise: a 40 MB cache cleared under 100 MB teeth is 2–3 sds of the minima's differences,
     * under {@link Sawtooth}'s bars, and 4 h of it FAILed in 12.5 % of 200 runs with the falls alone, 1.0 % with this
     * (a 10 MB/h leak on a GC sawtooth, the grid's cell, 493 → 490 of 500; docs/calibration.md, "Thirty-eighth
     * session").
     */
    private static boolean isSudden(Sawtooth.Falls falls, boolean envelope, Blocks b, int k, double size) {
        boolean oneBlock = envelope && k > 0 && k < b.size() && b.value()[k] - b.value()[k - 1] <= 0.5 * size;
        return falls.near(b, k) || oneBlock;
    }

    /**
     * Where a sawtooth's fall that a shift down at block {@code k} of {@code b} found happened: on a lower envelope,
     * the start of block k (its minimum is already the floor's), else {@link #steepestFallSec}.
     */
    private static double fallSec(boolean envelope, double[] tSec, double[] y, Blocks b, int k, double blockSec) {
        return envelope
                ? Sawtooth.blockStartSec(b.tHours()[k] * 3600, blockSec)
                : steepestFallSec(tSec, y, b, k, blockSec);
    }

    /**
     * The time of the steepest one-sample fall among the samples of the blocks either side of the boundary before
     * block {@code k} of {@code b}: where a fall found as a level shift happened (the first sample after it).
     */
    private static double steepestFallSec(double[] tSec, double[] y, Blocks b, int k, double blockSec) {
        int[] around = samplesAround(b, k, tSec, blockSec);
        int i0 = Math.max(1, around[0]);
        int i1 = around[1];
        int best = i0;
        for (int i = i0; i < i1; i++) {
            if (y[i] - y[i - 1] < y[best] - y[best - 1]) {
                best = i;
            }
        }
        return tSec[best];
    }

    /**
     * The shifts of {@code found} (searched on top of {@code cols}) that no change of slope fits as well: with the
     * shift's dummy replaced by a hinge max(0, t − t_k), at any knot t_k ({@link #slopeChange}), the residual sum of
     * squares is larger. A growth that stopped (a cache filled to its cap 6 h into an 8 h run) is
     * a line with a kink; the search, which has only steps to add to the line, fits the kink with a step against
     * the growth (−6 MB where the series is flat) and the line goes on at the rate before the kink, so the
     * deceleration test no longer sees the slowing. 10 MB/h stopping 6 h into 8 h, AR(1) noise φ 0.5, σ 3 MB: 25 of
     * 40 runs FAILed, 22 of them beside a step of −5 to −14 MB after the stop; now 3 FAIL and 30 are held as a
     * growth that levels off. A jump, which no hinge can follow, stays: the grid's steps (30–60 MB, +25 and +50 %
     * p99) gave the same verdicts in 300 paired runs per cell. A shift within one block of a {@link Sawtooth}'s fall
     * ({@code sawtooth}, may be null) is that fall, which the sawtooth's columns in {@code cols} already model.
     */
    private static ChangePoints.Result jumpsOnly(List<double[]> cols, Blocks b, int minSeg, ChangePoints.Result found,
                                                 Sawtooth sawtooth) {
        if (found.steps().isEmpty()) {
            return found;
        }
        double[][] x = found.design();
        List<ChangePoints.Step> kept = new ArrayList<>();
        List<double[]> design = new ArrayList<>(cols);
        for (int j = 0; j < found.steps().size(); j++) {
            boolean fall = sawtooth != null && sawtooth.near(b, found.steps().get(j).index());
            if (!fall && slopeChange(x, cols.size() + j, b, minSeg) == null) {
                kept.add(found.steps().get(j));
                design.add(x[cols.size() + j]);
            }
        }
        return kept.size() == found.steps().size() ? found
                : new ChangePoints.Result(kept, design.toArray(new double[0][]), found.rejected());
    }

    /**
     * The change of slope that fits blocks {@code b} at least as well (residual sum of squares) as the step dummy in
     * column {@code col} of design {@code x}: the hinge max(0, t − t_k) in its place that fits best, its knot t_k at
     * any block boundary with {@code minSeg} blocks either side (every one up to {@link #MAX_KNOTS}, beyond that
     * evenly spaced ones: a week of 10-minute blocks took seconds at every boundary), as {knot in hours, the slope
     * after it per hour: the trend's coefficient (column 1) plus the hinge's}; null when every hinge fits worse than
     * the step, which then jumped rather than changed its slope.
     */
    private static double[] slopeChange(double[][] x, int col, Blocks b, int minSeg) {
        double[] h = b.tHours();
        double withStep = LeastSquares.fitDesign(x, b.value()).residualSumOfSquares();
        double[] best = null;
        double bestRss = withStep;
        int stride = Math.max(1, (h.length - 2 * minSeg + MAX_KNOTS) / MAX_KNOTS);
        for (int k = minSeg; k <= h.length - minSeg; k += stride) {
            double knot = (h[k - 1] + h[k]) / 2;
            double[][] hinged = x.clone();
            hinged[col] = Arrays.stream(h).map(t -> Math.max(0, t - knot)).toArray();
            LeastSquaresFit fit = LeastSquares.fitDesign(hinged, b.value());
            if (fit.residualSumOfSquares() <= bestRss) {
                bestRss = fit.residualSumOfSquares();
                best = new double[] {knot, fit.coefficient(1) + fit.coefficient(col)};
            }
        }
        return best;
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
    static int blockAt(Blocks b, double tSec) {
        int k = 0;
        while (k < b.size() && b.tHours()[k] * 3600 < tSec) {
            k++;
        }
        return k;
    }

    /**
     * Block indices (first block after) of the hinted times, without those within one block of a searched shift or
     * of a sawtooth's fall ({@code sawtooth}, may be null).
     */
    private static int[] hintIndices(Blocks b, double[] stepHintSec, List<ChangePoints.Step> found,
                                     Sawtooth sawtooth) {
        int m = b.size();
        List<Integer> idx = new ArrayList<>();
        for (double h : stepHintSec) {
            int k = blockAt(b, h);
            boolean near = sawtooth != null && sawtooth.near(b, k);
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

    static List<double[]> baseColumns(Blocks b, boolean useLoad) {
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
     * Deceleration statistic: adds a hinge max(0, t − t_mid) to the design and returns {the hinge
     * coefficient's AR(1)-aware t, the second-half slope, that slope's t}; significantly negative t with a late slope
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
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        LeastSquaresFit f = LeastSquares.fitDesign(x, b.value());
        int q = x.length - 1;
        if (Double.isNaN(f.coefficient(q))) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double se = Math.sqrt(shifted ? f.ar1ExactVarianceUnbiased(q, phi) : f.ar1ExactVariance(q, phi));
        // the same fit with the line's slope split at the hinge, min(0, t − mid) and max(0, t − mid), so that the
        // second half's slope is one coefficient, with its own standard error
        double[][] split = x.clone();
        split[1] = Arrays.stream(b.tHours()).map(t -> Math.min(0, t - mid)).toArray();
        LeastSquaresFit g = LeastSquares.fitDesign(split, b.value());
        double lateSe = Math.sqrt(shifted ? g.ar1ExactVarianceUnbiased(q, phi) : g.ar1ExactVariance(q, phi));
        return new double[] {f.coefficient(q) / se, f.coefficient(1) + f.coefficient(q), g.coefficient(q) / lateSe};
    }

    /** The values of {@code y} at or after {@code fromSec}. */
    private static double[] samplesFrom(double[] tSec, double[] y, double fromSec) {
        return Arrays.copyOfRange(y, firstAtOrAfter(tSec, fromSec), y.length);
    }

    /** Index of the first of the ascending times {@code tSec} at or after {@code fromSec} (their length if none). */
    static int firstAtOrAfter(double[] tSec, double fromSec) {
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

    static double[] centredLoad(double[] load) {
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
