package dev.soak.scenario;

/**
 * {@code [target.faults]}: faults the embedded reference server injects on purpose. Every field
 * defaults to 0 (no fault). Immutable.
 *
 * @param leakMbPerHour           {@code leak_mb_per_hour}: retained memory growth in wall time
 * @param leakBytesPerStore       {@code leak_bytes_per_store}: retained bytes per store request
 * @param latencyDriftPctPerHour  {@code latency_drift_pct_per_hour}: added service time grows this much per wall hour
 * @param baseLatencyMs           {@code base_latency_ms}: service time added to every request (drift compounds on it)
 * @param fdLeakPerMinute         {@code fd_leak_per_minute}: file descriptors opened and never closed
 * @param threadLeakPerMinute     {@code thread_leak_per_minute}: threads started and parked forever
 * @param warmupMb                {@code warmup_mb}: memory that fills like a cache, 1 − e^(−t/τ)
 * @param warmupTauSec            {@code warmup_tau_sec}: τ of that warm-up
 * @param errorRate               {@code error_rate}: fraction of requests answered 500, in [0, 1]
 * @param crashAfterSec           {@code crash_after_sec}: the server exits (code 3) after this many seconds; 0 = never
 */
public record FaultSpec(double leakMbPerHour, double leakBytesPerStore, double latencyDriftPctPerHour,
                        double baseLatencyMs, double fdLeakPerMinute, double threadLeakPerMinute,
                        double warmupMb, double warmupTauSec, double errorRate, double crashAfterSec) {

    /** No fault at all. */
    public static FaultSpec none() {
        return new FaultSpec(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** True when at least one fault is set. */
    public boolean any() {
        return !equals(none());
    }
}
