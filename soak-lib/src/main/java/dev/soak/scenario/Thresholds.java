package dev.soak.scenario;

/**
 * {@code [soak.thresholds]}: the practical thresholds of the leak and drift verdicts (per wall hour).
 *
 * @param memoryLeakMbPerHour       {@code memory_leak_mb_per_hour}, default 10
 * @param latencyDriftPctPerHour    {@code latency_drift_pct_per_hour}, default 2
 */
public record Thresholds(double memoryLeakMbPerHour, double latencyDriftPctPerHour) {
    public static Thresholds defaults() {
        return new Thresholds(10.0, 2.0);
    }
}
