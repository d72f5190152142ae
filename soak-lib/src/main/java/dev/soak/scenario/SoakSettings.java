package dev.soak.scenario;

import java.util.OptionalDouble;

/**
 * The {@code [soak]} section. Immutable.
 *
 * @param checkpointIntervalSec     {@code checkpoint_interval_sec}, wall seconds, default 3600
 * @param resourceCheckIntervalSec  {@code resource_check_interval_sec}, wall seconds, default 60
 * @param sampleIntervalSec         {@code sample_interval_sec}: length of one metrics.jsonl interval, default 10
 * @param warmupSec                 {@code warmup_sec}: wall seconds from the start of the load (after the preload), or empty for
 *                                  {@code "auto"} (the default)
 * @param timeScale                 {@code time_scale}: scenario seconds per wall second, default 1
 * @param abort                     {@code [soak.abort_conditions]}
 * @param thresholds                {@code [soak.thresholds]}
 */
public record SoakSettings(double checkpointIntervalSec, double resourceCheckIntervalSec, double sampleIntervalSec,
                           OptionalDouble warmupSec, double timeScale, AbortConditions abort, Thresholds thresholds) {
}
