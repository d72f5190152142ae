package dev.soak.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoders Soak read resources and metrics records with before {@link RecordDecoder} (up to the thirty-fourth
 * session, in {@code RunJson}): Jackson's tree of the record, then a lookup per field. Kept as the independent
 * reference {@code RecordDecoderTest} compares the streaming decoder with.
 */
final class TreeDecoders {
    private TreeDecoders() {
    }

    static ResourceSample resources(String line, double defaultTSec) {
        return resources(RunJson.parse(line), defaultTSec);
    }

    static ResourceSample resources(JsonNode json, double defaultTSec) {
        ObjectNode n = RunJson.requireObject(json);
        double t = n.has("t_sec") || Double.isNaN(defaultTSec) ? RunJson.requireDouble(n, "t_sec") : defaultTSec;
        double[] v = new double[RunJson.RESOURCE_FIELDS.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = getDouble(n, RunJson.RESOURCE_FIELDS[i]);
        }
        return new ResourceSample(t, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]);
    }

    static IntervalMetrics metrics(String line, double defaultTSec, boolean detail) {
        return metrics(RunJson.parse(line), defaultTSec, detail);
    }

    static IntervalMetrics metrics(JsonNode json, double defaultTSec, boolean detail) {
        ObjectNode n = RunJson.requireObject(json);
        double t = n.has("t_sec") || Double.isNaN(defaultTSec) ? RunJson.requireDouble(n, "t_sec") : defaultTSec;
        Map<String, OperationMetrics> per = new LinkedHashMap<>();
        JsonNode p = detail ? n.get("per_operation") : null;
        if (p != null && p.isObject()) {
            p.fields().forEachRemaining(e -> {
                if (e.getValue().isObject()) {
                    per.put(e.getKey(), operation(e.getValue(), true));
                }
            });
        }
        return new IntervalMetrics(t, getDouble(n, "interval_sec"), operation(n, detail), getLong(n, "late"),
            getLong(n, "dropped"), per, getDouble(n, "driver_pause_ms"));
    }

    private static OperationMetrics operation(JsonNode n, boolean errorClasses) {
        Map<String, Long> byClass = new LinkedHashMap<>();
        JsonNode c = errorClasses ? n.get("errors_by_class") : null;
        if (c != null && c.isObject()) {
            c.fields().forEachRemaining(e -> {
                if (e.getValue().isNumber()) {
                    byClass.put(e.getKey(), e.getValue().longValue());
                }
            });
        }
        return new OperationMetrics(getLong(n, "ops"), getLong(n, "errors"), byClass, getDouble(n, "intended_rate"),
            getDouble(n, "achieved_rate"), latency(n, ""), latency(n, RunJson.UNCORRECTED));
    }

    private static LatencySummary latency(JsonNode n, String prefix) {
        double[] v = new double[RunJson.LATENCY_FIELDS.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = getDouble(n, prefix + RunJson.LATENCY_FIELDS[i]);
        }
        return new LatencySummary(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    private static double getDouble(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.isNumber() ? v.doubleValue() : Double.NaN;
    }

    private static long getLong(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.isNumber() ? v.longValue() : 0L;
    }
}
