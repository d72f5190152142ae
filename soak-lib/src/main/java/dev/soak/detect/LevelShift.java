package dev.soak.detect;

/**
 * A one-off level shift (change point) found in a series and removed before its trend was tested:
 * a cache resize or a compaction is a step, not a leak. Immutable.
 *
 * @param tSec   seconds since the run started at which the new level begins
 * @param shift  the size of the step in the metric's unit (MB, or % for latencies)
 * @param unit   {@code "MB"} or {@code "%"}
 */
public record LevelShift(double tSec, double shift, String unit) {
}
