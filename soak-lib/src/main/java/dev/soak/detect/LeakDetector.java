package dev.soak.detect;

import java.util.OptionalDouble;

/**
 * Memory-leak test on one memory series in MB: RSS or PSS (block medians), or a JVM heap with its
 * GC sawtooth (block minima: the lower envelope, i.e. the post-collection floor, so teeth of
 * hundreds of MB do not hide a leak of a few MB/h). The trend pipeline is {@link TrendPipeline}
 * (warm-up, level shifts, load covariate, Theil–Sen, AR(1)-aware variance); the decision is
 * {@link Decision}'s three-way rule against {@code memory_leak_mb_per_hour}. Stateless and thread-safe.
 *
 * <p>This standalone test decides at the options' level for a single metric; {@link Analysis}
 * additionally applies Holm's correction across the gating metrics.
 */
public final class LeakDetector {
    private LeakDetector() {
    }

    /**
     * Tests one memory series.
     *
     * @param metric    name to report ({@code rss_mb}, {@code pss_mb}, {@code heap_after_gc_mb})
     * @param tSec      sample times, seconds since the run started, ascending
     * @param mb        memory in MB (NaN = not measured; skipped)
     * @param envelope  true for a sawtooth heap (use window minima)
     * @param loadTSec  times of the load series (may be empty)
     * @param load      load per interval, e.g. achieved ops/s (used only where it varies)
     * @param options   thresholds, warm-up, levels
     */
    public static MetricVerdict test(String metric, double[] tSec, double[] mb, boolean envelope, double[] loadTSec,
                                     double[] load, AnalysisOptions options) {
        TrendPipeline.Estimate e = estimate(tSec, mb, envelope, loadTSec, load, options.warmupSec(), options.live());
        return Decision.decide(metric, e, Decision.Scale.MEMORY, options.thresholds().memoryLeakMbPerHour(),
                e.pValue(), options.levelOfThisLook(), options.alpha(), true, 1, options.live());
    }

    static TrendPipeline.Estimate estimate(double[] tSec, double[] mb, boolean envelope, double[] loadTSec,
                                           double[] load, OptionalDouble warmupSec, boolean live) {
        return estimate(tSec, mb, envelope, loadTSec, load, warmupSec, live, Hints.NONE);
    }

    /** As above, with what the other metrics found ({@link Hints}, {@link TrendPipeline}). */
    static TrendPipeline.Estimate estimate(double[] tSec, double[] mb, boolean envelope, double[] loadTSec,
                                           double[] load, OptionalDouble warmupSec, boolean live, Hints hints) {
        double[][] f = Analysis.finite(tSec, mb, false);
        return TrendPipeline.estimate(f[0], f[1], envelope, warmupSec, loadTSec, load, live, hints);
    }
}
