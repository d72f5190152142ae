package dev.soak.soak;

import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.scenario.AbortConditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The limit abort conditions of {@code [soak.abort_conditions]}: {@code max_rss_mb} on each
 * resource sample, {@code max_p99_ms} and {@code max_error_rate} on each sample interval, each
 * breached only when it lasts {@code sustained_sec} ({@link SustainedLimit}). The first breach
 * wins and is kept; later ones are ignored.
 *
 * <p>Thread-safe: the resource sampler and the driver's interval thread call it concurrently
 * (every method is synchronized).
 */
final class AbortWatch {
    private final SustainedLimit rss;
    private final SustainedLimit p99;
    private final SustainedLimit errorRate;
    private String reason;
    private String condition;

    AbortWatch(AbortConditions abort) {
        double s = abort.sustainedSec();
        rss = abort.maxRssMb().isPresent() ? SustainedLimit.level("rss_mb", abort.maxRssMb().getAsDouble(), s) : null;
        p99 = abort.maxP99Ms().isPresent() ? SustainedLimit.level("p99_latency_ms", abort.maxP99Ms().getAsDouble(), s) : null;
        errorRate = abort.maxErrorRate().isPresent()
            ? SustainedLimit.ratio("error_rate", abort.maxErrorRate().getAsDouble(), s) : null;
    }

    /** Feeds a resource sample; true when an abort condition is (now or already) breached. */
    synchronized boolean onResources(ResourceSample sample) {
        if (rss != null && rss.observe(sample.tSec(), sample.rssMb())) {
            breach("max_rss_mb", rss, sample.tSec());
        }
        return reason != null;
    }

    /** Feeds a sample interval (run-relative {@code t_sec}); true when an abort condition is breached. */
    synchronized boolean onInterval(IntervalMetrics m) {
        if (p99 != null && m.all().ops() > 0 && p99.observe(m.tSec(), m.all().latency().p99Ms())) {
            breach("max_p99_ms", p99, m.tSec());
        }
        if (errorRate != null && errorRate.observe(m.tSec(), m.intervalSec(), m.all().errors(), m.all().ops())) {
            breach("max_error_rate", errorRate, m.tSec());
        }
        return reason != null;
    }

    private void breach(String key, SustainedLimit limit, double tSec) {
        if (reason == null) {
            condition = key;
            reason = key + ": " + limit.describe(tSec);
        }
    }

    /** The first breach, e.g. {@code max_rss_mb: rss_mb stayed above the limit 2048 for 61 s (…)}. */
    synchronized Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** The abort condition's key ({@code max_rss_mb}, …) of the first breach. */
    synchronized Optional<String> condition() {
        return Optional.ofNullable(condition);
    }

    /** The conditions watched, for the start event. */
    synchronized List<String> watched() {
        List<String> w = new ArrayList<>();
        for (SustainedLimit l : new SustainedLimit[] {rss, p99, errorRate}) {
            if (l != null) {
                w.add(l.name() + " > " + l.limit());
            }
        }
        return w;
    }
}
