package dev.soak.detect;

import dev.soak.stats.Ar1NoisePosterior;
import dev.soak.stats.Ar1NoiseReml;
import dev.soak.stats.BlockMeansAr1;
import dev.soak.stats.Despike;
import dev.soak.stats.LeastSquaresFit;
import dev.soak.stats.ShiftOrTrend;
import dev.soak.stats.StudentTMixture;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A series' samples as the final analysis of medians reads them ({@link TrendPipeline}): from the end of the warm-up
 * cut on, every k-th, at most {@link #SAMPLE_MAX_POINTS} points, spikes replaced, with the design of the blocks
 * ({@link Design}), and the REML fit of an AR(1) plus white noise to them ({@code stats.Ar1NoiseReml}). Two things
 * read it: the comparison of one more level shift with the trend ({@link #shift}), and, where the samples are
 * persistent ({@link #persistent}), the noise model over whose posterior the blocks' slope's standard error is
 * averaged ({@link #noise}, {@link Noise#slopeDistribution}). Built once per estimate, and again only when the
 * comparison adds a shift to the design. The constants were chosen on samples 60 s apart and are read per minute
 * on samples closer together ({@link #atPoint}).
 *
 * @param design the samples and their design
 * @param reml   the REML fit of an AR(1) plus white noise to them
 */
record SampleFit(SampleFit.Design design, Ar1NoiseReml.Estimate reml) {
    /**
     * As {@link TrendPipeline#SHIFT_OVER_TREND}, on the samples in the final analysis of medians ({@link #shift}). At 4
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
    /** The AR(1) coefficients of {@link #SAMPLE_SHIFT_OVER_TREND}: those of {@link TrendPipeline#SHIFT_PHI_GRID}, then 0.97, 0.98, 0.99 (per sample). */
    static final double[] SAMPLE_PHI_GRID = IntStream.range(0, 23)
            .mapToDouble(i -> i < 20 ? 0.05 * i : 0.97 + 0.01 * (i - 20)).toArray();

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
     * The load column of the samples' design ({@link Design}) is the load's running mean over this many
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
    /** Points of the samples' posterior with less than this share of the largest weight are left out of the mixture. */
    static final double MIXTURE_NEGLIGIBLE = 1e-6;

    /**
     * The samples from {@code fromSec} on, as the noise model and the shift comparison see them: every
     * {@code thinning}-th, at most {@link #SAMPLE_MAX_POINTS} points {@code pointSec} apart, spikes replaced
     * by their running median ({@code stats.Despike}), with the design of the blocks (1, t in hours centred,
     * the warm-up's saturating term when it is modelled, the load when it is a covariate, as of the load interval
     * each sample falls in and averaged over {@link #LOAD_HALF_WINDOW_SEC} either side, a {@link Sawtooth}'s columns
     * when the series is one, and one 0/1 column per level shift at its time).
     */
    record Design(double[] times, double[] values, double[][] columns, int thinning, double pointSec) {
    }

    /**
     * The samples' noise model as the final analysis reads it: the REML φ̂, the degrees of freedom of t
     * quantiles at φ̂ (the deceleration test), the posterior of (φ, λ) per point, the samples in a block (before
     * thinning: a block is the median of all of them), the points' residual degrees of freedom n − p, and the
     * thinning k (one sample of every k is a point).
     */
    record Noise(double phi, double df, Ar1NoisePosterior posterior, int samplesPerBlock, int residualDf,
                 int thinning) {
        /**
         * The distribution of the blocks' slope {@code slope} under this noise model, φ and λ integrated
         * out: the mixture over the posterior's points of Student t's, each with the exact sandwich standard error
         * of the blocks' fit {@code fit} at the point's block lag 1 and decay ({@code stats.BlockMeansAr1.lag1} with
         * the white noise of a median, π/2 that of a mean) and the degrees of freedom (n − p)/(1 + 2(1 − w)φ/(1 − φ))
         * at the point's φ and white share w. With the degrees of freedom of φ̂ in every point instead, the stable
         * φ 0.97 cell with a fifth of its noise white rose from 3.8 to 5.3 % false alarms (2000 runs), with them at
         * each point to 4.3 %, for the same power (10 MB/h at φ 0.97, σ 10: 88.3 % both). Null when the blocks' fit
         * leaves no noise (a series that does not change).
         */
        StudentTMixture slopeDistribution(LeastSquaresFit fit, double slope) {
            double bar = MIXTURE_NEGLIGIBLE
                    * IntStream.range(0, posterior.points()).mapToDouble(posterior::weight).max().orElse(0);
            int[] kept = IntStream.range(0, posterior.points()).filter(i -> posterior.weight(i) >= bar).toArray();
            int k = kept.length;
            double[] w = new double[k];
            double[] centre = new double[k];
            double[] scale = new double[k];
            double[] dfs = new double[k];
            for (int j = 0; j < k; j++) {
                int i = kept[j];
                dfs[j] = degreesOfFreedom(residualDf, posterior.phi(i), posterior.white(i));
                // the blocks are medians of every sample, k a point: the samples' φ is the point's to the 1/k
                double perSample = Math.pow(posterior.phi(i), 1.0 / thinning);
                double lag1 = Math.min(BlockNoise.PHI_CAP, BlockMeansAr1.lag1(perSample, samplesPerBlock,
                        posterior.white(i) * Math.PI / 2));
                double decay = Math.min(BlockNoise.PHI_CAP, Math.pow(perSample, samplesPerBlock));
                w[j] = posterior.weight(i);
                centre[j] = slope;
                scale[j] = Math.sqrt(fit.arma11ExactVarianceUnbiased(1, lag1, decay));
                if (!(scale[j] > 0) || !Double.isFinite(scale[j])) {
                    return null;
                }
            }
            return new StudentTMixture(w, centre, scale, dfs);
        }
    }

    /**
     * The samples of {@code (tSec, y)} from {@code fromSec} on, with the modelled warm-up's term {@code warmup} (or
     * null), the level shifts {@code steps} ({tSec, size} each) and, when {@code loadT} is not empty, the load in
     * their design, and the REML fit to them; null when there are too few of them.
     */
    static SampleFit of(double[] tSec, double[] y, double fromSec, Warmup.Saturation warmup, Sawtooth sawtooth,
                        List<double[]> steps, double[] loadT, double[] loadV) {
        Design d = design(tSec, y, fromSec, warmup, sawtooth, steps, loadT, loadV);
        return d == null ? null
                : new SampleFit(d, Ar1NoiseReml.estimate(d.columns(), d.values(), 0, atPoint(Ar1NoiseReml.PHI_MAX, d)));
    }

    /** Whether the samples are persistent enough for their own noise model ({@link #SAMPLE_PHI_MIN}). */
    boolean persistent() {
        return reml.phi() >= atPoint(SAMPLE_PHI_MIN, design);
    }

    /**
     * The noise model from the samples themselves, where they are persistent: on these samples (spikes replaced
     * by their running median, with the design of the blocks and the level shifts found on them), the REML φ̂ of
     * an AR(1) plus white noise ({@code stats.Ar1NoiseReml}); where it is at least {@link #SAMPLE_PHI_MIN}, the
     * posterior of φ and the white share ({@code stats.Ar1NoisePosterior}: restricted likelihood × a prior
     * log-uniform in the correlation time), over which the blocks' slope's standard error is averaged
     * ({@link Noise#slopeDistribution}), and degrees of freedom (n − p)/(1 + 2(1 − w)φ̂/(1 − φ̂)), w the white
     * share, for the deceleration test; {@code blockSec} the blocks' length, {@code dt} the samples' spacing.
     *
     * <p>Until the eighteenth session the blocks' lag 1 and decay were taken at the upper end of φ's likelihood
     * bound (z = 1): a 10 MB/h leak at φ 0.97 per minute, σ 10 MB, 1.5·T* FAILed in 82.7 % of runs,
     * integrated over φ in 88.3 %, the stable cells within 3 runs of 300 (paired;
     * docs/calibration.md, "Eighteenth session"). Reading the slope itself from its posterior on the samples
     * (GLS, Zellner &amp; Tiao 1964) did better there (91.0 %) but not beside level shifts: a shift placed a few
     * samples off reads as a trend to GLS at φ near 1 (a +50 % p99 step: 2.3 → 8.0 % false FAILs), not to
     * the blocks' Theil–Sen slope. Null when the samples are not persistent or the design is degenerate.
     */
    Noise noise(double blockSec, double dt) {
        if (!persistent()) {
            return null;
        }
        double[][] xs = design.columns();
        int n = design.values().length;
        Ar1NoisePosterior posterior = Ar1NoisePosterior.of(xs, design.values(), 1, atPoint(Ar1NoiseReml.PHI_MAX, design));
        if (posterior == null) {
            return null;
        }
        double df = degreesOfFreedom(n - xs.length, reml.phi(), reml.white());
        return new Noise(reml.phi(), df, posterior, Math.max(1, (int) Math.round(blockSec / dt)), n - xs.length,
                design.thinning());
    }

    /**
     * {time, log Bayes factor} of one more level shift against the trend on the samples:
     * {@code stats.ShiftOrTrend}, each model at its own AR(1) φ of {@link #SAMPLE_PHI_GRID}, the shift at least
     * {@code minSpanSec} from either end (time NaN when there is no such place); the shift is added when the log
     * Bayes factor is above {@link #SAMPLE_SHIFT_OVER_TREND}. Null when the samples carry white noise
     * ({@link #SAMPLE_SHIFT_MAX_WHITE}: the REML λ). Whitened at the sampling interval, a
     * step is one jump of δ against the innovations' sd, σ·√(1 − φ²) (at φ 0.9 per minute a 30 MB step at
     * σ 10 MB is a 7-sd jump), while in ten-minute blocks it is smeared over the block it falls in and judged
     * against the blocks' larger noise ({@link TrendPipeline#SHIFT_OVER_TREND}).
     */
    double[] shift(double minSpanSec) {
        if (!(reml.white() <= SAMPLE_SHIFT_MAX_WHITE)) {
            return null;
        }
        double[] ts = design.times();
        // the points' typical spacing, as the constants per minute read it: across a gap (a resumed run) the mean
        // spacing would count fewer points to the span
        int minSeg = Math.max(1, (int) Math.round(minSpanSec / design.pointSec()));
        double[] grid = Arrays.stream(SAMPLE_PHI_GRID).map(g -> atPoint(g, design)).toArray();
        ShiftOrTrend.Result r = ShiftOrTrend.compare(design.columns(), 1, design.values(), minSeg, grid);
        return new double[] {r.index() >= 0 ? ts[r.index()] : Double.NaN, r.logBayesFactor()};
    }

    /**
     * Degrees of freedom of the samples' noise at (φ, λ): (n − p)/(1 + 2(1 − w)φ/(1 − φ)), w = λ/(1 + λ) the white
     * share (the residuals' count over the AR(1) part's inflation of the long-run variance), at least 3.
     */
    private static double degreesOfFreedom(int residualDf, double phi, double white) {
        double share = white / (1 + white);
        return Math.max(3, residualDf / (1 + 2 * (1 - share) * phi / (1 - phi)));
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
    private static double atPoint(double phiAt60s, Design d) {
        return d.pointSec() < CALIBRATION_POINT_SEC ? Math.pow(phiAt60s, d.pointSec() / CALIBRATION_POINT_SEC) : phiAt60s;
    }

    /** {@link Design} of the samples from {@code fromSec} on; null when there are too few of them. */
    private static Design design(double[] tSec, double[] y, double fromSec, Warmup.Saturation warmup,
                                 Sawtooth sawtooth, List<double[]> steps, double[] loadT, double[] loadV) {
        int i0 = TrendPipeline.firstAtOrAfter(tSec, fromSec);
        int len = tSec.length - i0;
        int k = Math.max(1, (len + SAMPLE_MAX_POINTS - 1) / SAMPLE_MAX_POINTS);
        int n = len / k;
        int w = warmup != null ? 1 : 0;
        int q = loadT.length > 0 ? 1 : 0;
        double[] ts = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = tSec[i0 + i * k];
            ys[i] = y[i0 + i * k];
        }
        double[][] teeth = sawtooth == null ? new double[0][]
                : sawtooth.columns(ts);
        int z = teeth.length;
        if (n < 4 * (2 + w + q + z + steps.size() + 2)) {
            return null;
        }
        ys = Despike.hampel(ys, SPIKE_HALF_WINDOW, SPIKE_SD);
        double mean = 0;
        for (double t : ts) {
            mean += t;
        }
        mean /= n;
        double[][] xs = new double[2 + w + q + z + steps.size()][n];
        for (int i = 0; i < n; i++) {
            xs[0][i] = 1;
            xs[1][i] = (ts[i] - mean) / 3600;
            if (w == 1) {
                xs[2][i] = warmup.at(ts[i] / 3600);
            }
            for (int s = 0; s < steps.size(); s++) {
                xs[2 + w + q + z + s][i] = ts[i] >= steps.get(s)[0] ? 1 : 0;
            }
        }
        System.arraycopy(teeth, 0, xs, 2 + w + q, z);
        if (q == 1) {
            // the load of the interval each sample falls in (load times end their intervals), centred
            int j = 0;
            for (int i = 0; i < n; i++) {
                while (j + 1 < loadT.length && loadT[j] < ts[i]) {
                    j++;
                }
                xs[2 + w][i] = loadV[j];
            }
            double[] c = TrendPipeline.centredLoad(runningMean(ts, xs[2 + w], LOAD_HALF_WINDOW_SEC));
            if (!Arrays.stream(c).allMatch(Double::isFinite)) {
                return null;
            }
            xs[2 + w] = c;
        }
        return new Design(ts, ys, xs, k, TrendPipeline.medianSpacing(ts));
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
}
