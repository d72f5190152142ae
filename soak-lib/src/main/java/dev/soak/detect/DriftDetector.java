package dev.soak.detect;

import java.util.OptionalDouble;

/**
 * Latency-drift test on one latency percentile series (p50, p95 or p99 per interval, in ms). The
 * series is log-transformed so that a slope b (per hour) is a relative rate, reported as
 * 100·(e^b − 1) %/h; noise of latency percentiles is roughly multiplicative, which the log also
 * stabilises. Same pipeline and decision as {@link LeakDetector}, against
 * {@code latency_drift_pct_per_hour}. Stateless and thread-safe.
 */
public final class DriftDetector {
    private DriftDetector() {
    }

    /**
     * Tests one latency series.
     *
     * @param metric     name to report ({@code p99_latency_ms}, …)
     * @param tSec       interval end times, seconds since the run started, ascending
     * @param latencyMs  the percentile per interval (NaN or ≤ 0 = no sample; skipped)
     * @param loadTSec   times of the load series (may be empty)
     * @param load       load per interval (used only where it varies)
     * @param options    thresholds, warm-up, levels
     */
    public static MetricVerdict test(String metric, double[] tSec, double[] latencyMs, double[] loadTSec,
                                     double[] load, AnalysisOptions options) {
        TrendPipeline.Estimate e = estimate(tSec, latencyMs, loadTSec, load, options.warmupSec(), options.live());
        return Decision.decide(metric, e, Decision.Scale.LATENCY, options.thresholds().latencyDriftPctPerHour(),
                e.pValue(), options.levelOfThisLook(), options.alpha(), true, 1, options.live());
    }

    static TrendPipeline.Estimate estimate(double[] tSec, double[] latencyMs, double[] loadTSec, double[] load,
                                           OptionalDouble warmupSec, boolean live) {
        return estimate(tSec, latencyMs, loadTSec, load, warmupSec, live, Hints.NONE);
    }

    /** As above, with what the other metrics found ({@link Hints}, {@link TrendPipeline}). */
    static TrendPipeline.Estimate estimate(double[] tSec, double[] latencyMs, double[] loadTSec, double[] load,
                                           OptionalDouble warmupSec, boolean live, Hints hints) {
        double[][] f = Analysis.finite(tSec, latencyMs, true);
        return TrendPipeline.estimate(f[0], f[1], false, warmupSec, loadTSec, load, live, hints);
    }
}
