package dev.soak.monitor;

import java.util.Map;
import java.util.OptionalLong;

/**
 * One sample line of a Prometheus text exposition. Immutable.
 *
 * @param name        the series name as written, e.g. {@code http_seconds_bucket}
 * @param labels      label names to (unescaped) values, in the order written
 * @param value       the value; NaN and ±Infinity are legal
 * @param timestampMs the optional timestamp, milliseconds since the epoch
 */
public record PrometheusSample(String name, Map<String, String> labels, double value, OptionalLong timestampMs) {
    public PrometheusSample {
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }

    /** The value of one label, or {@code null}. */
    public String label(String labelName) {
        return labels.get(labelName);
    }
}
