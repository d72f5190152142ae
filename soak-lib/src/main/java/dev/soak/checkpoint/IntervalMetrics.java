package dev.soak.checkpoint;

import java.util.Map;

/**
 * One line of {@code metrics.jsonl}: the load of one sample interval.
 *
 * <p>JSON: {@code t_sec} (end of the interval), {@code interval_sec}, {@code ops}, {@code errors},
 * {@code errors_by_class}, {@code late}, {@code dropped}, {@code intended_rate},
 * {@code achieved_rate}, the {@link LatencySummary} fields at top level (corrected latency), the
 * same with an {@code uncorrected_} prefix, and {@code per_operation} → name → the same fields;
 * {@code driver_pause_ms} when measured. Immutable.
 *
 * @param tSec          seconds since the run started, end of the interval
 * @param intervalSec   length of the interval
 * @param all           the totals over all operations
 * @param late          operations that started later than intended (beyond the driver's tolerance)
 * @param dropped       operations that could not start at all (in-flight bound reached)
 * @param perOperation  by operation name
 * @param driverPauseMs the longest pause of the load generator itself (its own GC, a stopped or starved host) during
 *                      the interval or the one before it, whose held operations complete in this one: the operations
 *                      due in a pause go out that much late, and their latency, counted from the intended start,
 *                      includes it. NaN when not measured (older runs, synthetic ones)
 */
public record IntervalMetrics(double tSec, double intervalSec, OperationMetrics all, long late, long dropped,
                              Map<String, OperationMetrics> perOperation, double driverPauseMs) {
    public IntervalMetrics {
        perOperation = perOperation.isEmpty() ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perOperation));
    }

    /** An interval whose load generator's pauses were not measured. */
    public IntervalMetrics(double tSec, double intervalSec, OperationMetrics all, long late, long dropped,
                           Map<String, OperationMetrics> perOperation) {
        this(tSec, intervalSec, all, late, dropped, perOperation, Double.NaN);
    }

    /** This interval with its time {@code sec} later: a driver's interval on the run's clock. */
    public IntervalMetrics shiftedBy(double sec) {
        return new IntervalMetrics(tSec + sec, intervalSec, all, late, dropped, perOperation, driverPauseMs);
    }

    /** This interval without its {@code per_operation} detail (a fifth of the memory with four operations). */
    public IntervalMetrics totals() {
        return perOperation.isEmpty() ? this
            : new IntervalMetrics(tSec, intervalSec, all, late, dropped, Map.of(), driverPauseMs);
    }
}
