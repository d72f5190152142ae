package dev.soak.scenario;

import java.util.OptionalDouble;

/**
 * The {@code [validation]} section: the service's expected performance, checked in the report.
 *
 * @param expectedP99LatencyMs      {@code expected_p99_latency_ms}
 * @param expectedThroughputOpsSec  {@code expected_throughput_ops_sec}
 * @param maxErrorRate              {@code max_error_rate}, in [0, 1]
 */
public record ValidationSpec(OptionalDouble expectedP99LatencyMs, OptionalDouble expectedThroughputOpsSec,
                             OptionalDouble maxErrorRate) {
    public static ValidationSpec none() {
        return new ValidationSpec(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
    }
}
