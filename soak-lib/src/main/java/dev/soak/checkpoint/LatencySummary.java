package dev.soak.checkpoint;

/**
 * Latency percentiles of one interval, in milliseconds (NaN when the interval had no samples).
 * JSON names: {@code p50_latency_ms}, {@code p90_latency_ms}, {@code p95_latency_ms},
 * {@code p99_latency_ms}, {@code p999_latency_ms}, {@code max_latency_ms}. Immutable.
 */
public record LatencySummary(double p50Ms, double p90Ms, double p95Ms, double p99Ms, double p999Ms, double maxMs) {
    public static LatencySummary empty() {
        double n = Double.NaN;
        return new LatencySummary(n, n, n, n, n, n);
    }
}
