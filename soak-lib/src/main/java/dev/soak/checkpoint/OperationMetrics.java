package dev.soak.checkpoint;

import java.util.Map;

/**
 * One operation's share of an interval ({@code per_operation.<name>} in metrics.jsonl). Immutable.
 *
 * @param ops             operations completed (successes and errors)
 * @param errors          operations that failed
 * @param errorsByClass   failures by class ({@code refused}, {@code timeout}, {@code http_4xx}, {@code http_5xx}, {@code io}, …)
 * @param intendedRate    intended ops/s
 * @param achievedRate    completed ops/s
 * @param latency         latency from the intended start (coordinated-omission corrected)
 * @param uncorrected     latency from the actual send
 */
public record OperationMetrics(long ops, long errors, Map<String, Long> errorsByClass, double intendedRate,
                               double achievedRate, LatencySummary latency, LatencySummary uncorrected) {
    public OperationMetrics {
        errorsByClass = Map.copyOf(errorsByClass);
    }
}
