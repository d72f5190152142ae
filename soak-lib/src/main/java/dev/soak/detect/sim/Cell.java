package dev.soak.detect.sim;

import dev.soak.detect.AnalysisOptions;
import dev.soak.stats.LeastSquares;
import dev.soak.stats.RunLength;
import dev.soak.stats.Windows;

import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * One calibration cell: a recipe run many times. Immutable.
 *
 * @param name   short label (e.g. {@code leak10-phi0.9-s10})
 * @param kind   {@code stable}, {@code leak} or {@code drift}: what a FAIL means in this cell
 * @param spec   the recipe, including its run length
 */
public record Cell(String name, String kind, SimSpec spec) {

    /** The same cell sampled every {@code s} seconds ({@link SimSpec#atSampleSec}); its run length stays. */
    public Cell atSampleSec(double s) {
        return new Cell(name, kind, spec.atSampleSec(s));
    }

    /** True rate of the cell's tested quantity: MB/h for leak cells, %/h for drift cells, 0 for stable. */
    public double trueRate() {
        return switch (kind) {
            case "leak" -> spec.leakMbPerHour();
            case "drift" -> spec.driftPctPerHour();
            default -> 0;
        };
    }

    /**
     * Family-wise level of the final analysis ({@code AnalysisOptions} default).
     */
    public static final double ALPHA = AnalysisOptions.DEFAULT_ALPHA;

    /**
     * Gating metrics {@code Analysis} tests in this cell's runs: memory (RSS) and p99, plus the heap
     * when the cell has a GC sawtooth.
     */
    public int gatingMetrics() {
        return spec.sawtoothMb() > 0 ? 3 : 2;
    }

    /**
     * The per-test level behind T*: α/k with k = {@link #gatingMetrics}, the level at which Holm's
     * procedure tests the smallest p-value when only one metric carries a trend (the usual case).
     */
    public double perTestAlpha() {
        return ALPHA / gatingMetrics();
    }

    /**
     * The information limit T* in hours: the run length at which a one-sided level-α′ test of "no
     * trend" with known long-run variance has power 1 − β at rate b,
     * T* = [12·σ²_LR·(z_{1−α′} + z_{1−β})² / b²]^{1/3} with σ²_LR = σ²·Δ·(1 + φ)/(1 − φ) (Δ the
     * sampling interval in hours; with a white share s of the noise, σ²·Δ·[(1 − s)(1 + φ)/(1 − φ) + s]; for a p99 read
     * from requests, plus their percentile's sampling variance times Δ, {@link #requestTailVariance}). α′ = {@link #perTestAlpha} = α/k, the level Soak actually uses for
     * one trending metric among its k gating metrics (Holm), not α itself: with α = 0.05 and k = 2 this
     * makes T* 6 % longer than the single-test figure (9.5 % for k = 3). Leak cells use b = the
     * injected leak and power 95 %; drift cells b = ln(1 + d) and power 90 %; stable cells the
     * memory threshold (10 MB/h) at 95 %. For a sawtooth heap, σ²_LR is that of the
     * series the detector actually tests — the 10-minute lower envelope, whose minima carry the
     * teeth's jitter on top of the floor's noise — measured by {@link #envelopeLongRunVariance}.
     */
    public double informationLimitHours(double thresholdMbPerHour) {
        double dh = spec.sampleSec() / 3600.0;
        if (kind.equals("drift")) {
            double b = Math.log1p(spec.driftPctPerHour() / 100);
            double s2 = longRunVariance(spec.latSigmaLog(), spec, dh) + requestTailVariance(spec) * dh;
            return RunLength.requiredSpan(s2, 0, b, perTestAlpha(), 0.90);
        }
        double b = kind.equals("leak") ? spec.leakMbPerHour() : thresholdMbPerHour;
        double s2 = spec.sawtoothMb() > 0 ? envelopeLongRunVariance(spec)
                : longRunVariance(spec.sigmaMb(), spec, dh);
        return RunLength.requiredSpan(s2, 0, b, perTestAlpha(), 0.95);
    }

    /**
     * σ²_LR of noise of marginal sd σ whose white share s is independent and whose wander share w is a slow
     * AR(1) (φ<sub>w</sub> = e^{−Δ/τ<sub>w</sub>}): σ²Δ·[(1 − s − w)(1 + φ)/(1 − φ) + s + w(1 + φ<sub>w</sub>)/(1 − φ<sub>w</sub>)].
     */
    private static double longRunVariance(double sigma, SimSpec spec, double dh) {
        double v = sigma * sigma;
        double w = spec.wanderShare();
        double lr = RunLength.longRunVariancePerX(v * (1 - spec.whiteShare() - w), spec.phi(), dh)
                + v * spec.whiteShare() * dh;
        return w > 0 ? lr + RunLength.longRunVariancePerX(v * w, SeriesGenerator.wanderPhi(spec), dh) : lr;
    }

    /** Draws behind {@link #requestTailVariance} (a fixed seed: T* is a property of the cell). */
    static final int TAIL_DRAWS = 4000;

    /**
     * The variance of log p99 read from N = ops/s × Δ requests ({@link SimSpec#withRequestTail}) at the mean load,
     * from {@link #TAIL_DRAWS} draws of it (with a few requests above the p99 the asymptotic p(1 − p)σ²/(N·φ(z_p)²) is
     * 20 % short: 200 requests, 3 above it); 0 when the p99 is the level itself. White per sample, so its long-run
     * variance per hour (this times Δ) is nearly the same at any interval.
     */
    static double requestTailVariance(SimSpec spec) {
        if (!(spec.tailSigmaLog() > 0)) {
            return 0;
        }
        SplittableRandom rnd = new SplittableRandom(7_100_000L);
        double n = spec.baseRate() * spec.sampleSec();
        return variance(TAIL_DRAWS, i -> SeriesGenerator.requestP99(rnd, n)) * spec.tailSigmaLog() * spec.tailSigmaLog();
    }

    /** Runs of the empirical envelope variance (fixed seeds: T* is a property of the cell). */
    static final int ENVELOPE_RUNS = 200;
    static final double ENVELOPE_HOURS = 24;

    /**
     * σ²_LR (MB²·h) of the heap's 10-minute block minima, from the definition Var(b̂) ≈ 12σ²_LR/T³:
     * the spread of the OLS slope of the minima over {@link #ENVELOPE_RUNS} leak-free 24 h runs of
     * the spec, times T³/12.
     */
    static double envelopeLongRunVariance(SimSpec spec) {
        SimSpec quiet = spec.withLeak(0).withDurationHours(ENVELOPE_HOURS);
        return variance(ENVELOPE_RUNS, r -> {
            SimRun run = SeriesGenerator.generate(quiet, 7_000_000L + r);
            Windows.Summary w = Windows.summarise(run.tSec(), run.heapMb(), 0, 600, Windows.Statistic.MIN);
            double[] h = new double[w.size()];
            for (int i = 0; i < h.length; i++) {
                h[i] = w.meanX()[i] / 3600;
            }
            return LeastSquares.fit(h, w.value()).coefficient(1);
        }) * Math.pow(ENVELOPE_HOURS, 3) / 12;
    }

    /** The sample variance of {@code value}(0), …, {@code value}(n − 1), taken in that order. */
    private static double variance(int n, IntToDoubleFunction value) {
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            double v = value.applyAsDouble(i);
            sum += v;
            sum2 += v * v;
        }
        double mean = sum / n;
        return (sum2 - n * mean * mean) / (n - 1);
    }
}
