package dev.soak.scenario;

/**
 * {@code [soak.thresholds]}: the practical thresholds of the leak and drift verdicts (per wall hour)
 * and the horizon within which a forecast exhaustion of a resource fails the run. Immutable.
 *
 * @param memoryLeakMbPerHour       {@code memory_leak_mb_per_hour}, default 10
 * @param latencyDriftPctPerHour    {@code latency_drift_pct_per_hour}, default 2
 * @param exhaustionHorizonHours    {@code exhaustion_horizon_hours}, default 24: a run FAILs when open
 *                                  fds, threads or memory significantly grow and would reach their
 *                                  limit within this many hours even at the slowest plausible rate
 */
public record Thresholds(double memoryLeakMbPerHour, double latencyDriftPctPerHour, double exhaustionHorizonHours) {
    /** The default exhaustion horizon: a service must survive a day at the measured growth. */
    public static final double DEFAULT_EXHAUSTION_HORIZON_HOURS = 24.0;

    /** Leak and drift thresholds with the default exhaustion horizon of 24 hours. */
    public Thresholds(double memoryLeakMbPerHour, double latencyDriftPctPerHour) {
        this(memoryLeakMbPerHour, latencyDriftPctPerHour, DEFAULT_EXHAUSTION_HORIZON_HOURS);
    }

    public static Thresholds defaults() {
        return new Thresholds(10.0, 2.0);
    }
}
