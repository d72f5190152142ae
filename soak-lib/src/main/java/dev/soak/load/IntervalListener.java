package dev.soak.load;

import dev.soak.checkpoint.IntervalMetrics;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Receives one sample interval from a running {@link LoadDriver}, every
 * {@code [soak] sample_interval_sec} and once more (partial) on {@link LoadDriver#stop()}.
 *
 * <p>Called from one driver thread at a time, in order. The histograms are fresh copies owned by
 * the listener from then on; their values are <b>nanoseconds</b>, their start/end time stamps are
 * epoch milliseconds and their tag is the operation name, ready for a
 * {@link org.HdrHistogram.HistogramLogWriter}. Operations without any sample in the interval
 * have an empty histogram (still present).
 */
@FunctionalInterface
public interface IntervalListener {
    /**
     * @param metrics     the interval's metrics (metrics.jsonl line)
     * @param corrected   per operation, latency from the intended start
     * @param uncorrected per operation, latency from the actual send
     */
    void onInterval(IntervalMetrics metrics, Map<String, Histogram> corrected, Map<String, Histogram> uncorrected);
}
