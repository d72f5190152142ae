package dev.soak.scenario;

import java.util.OptionalDouble;

/**
 * {@code [soak.abort_conditions]}: when a run stops early. A limit breach counts only when it
 * lasts {@code sustainedSec} (a sliding window). Immutable.
 *
 * @param maxRssMb           {@code max_rss_mb}
 * @param maxP99Ms           {@code max_p99_ms}
 * @param maxErrorRate       {@code max_error_rate}, in [0, 1]
 * @param abortOnRegression  {@code abort_on_regression}: stop on a FAIL leak or drift verdict
 * @param sustainedSec       {@code sustained_sec}, default 60
 */
public record AbortConditions(OptionalDouble maxRssMb, OptionalDouble maxP99Ms, OptionalDouble maxErrorRate,
                              boolean abortOnRegression, double sustainedSec) {
    public static AbortConditions none() {
        return new AbortConditions(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), false, 60);
    }
}
