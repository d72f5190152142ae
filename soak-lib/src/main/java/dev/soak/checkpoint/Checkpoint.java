package dev.soak.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code checkpoints/checkpoint-NNNN.json}: a snapshot taken every
 * {@code checkpoint_interval_sec}, with the seed's field names (its {@code plot_soak_results.py}
 * reads {@code timestamp_sec}, {@code resources.rss_mb} and {@code metrics.p99_latency_ms}).
 *
 * <p>JSON: {@code checkpoint} (the number NNNN), {@code timestamp_sec} (seconds since the run's
 * start), {@code metrics} (the metrics.jsonl fields of the interval since the previous checkpoint:
 * {@code p50_latency_ms} … {@code max_latency_ms}, {@code ops}, {@code errors},
 * {@code achieved_rate}, …, {@code per_operation}; plus {@code throughput} = achieved ops/s and
 * {@code error_rate} = errors / ops, absent when ops = 0), {@code resources} (the resources.jsonl
 * fields of the latest sample, {@code rss_mb}, …), {@code heap_profile} ({@code allocated},
 * {@code active}, {@code metadata}, {@code resident}, {@code mapped}, {@code jvm_heap_used},
 * {@code jvm_heap_after_gc} in bytes, {@code source}) and {@code verdicts} (whatever the detectors
 * reported, as a JSON object). Immutable.
 *
 * @param number        1 for {@code checkpoint-0001.json}, …
 * @param timestampSec  seconds since the run started
 * @param metrics       load of the interval the checkpoint covers
 * @param resources     the latest resource sample
 * @param heapProfile   allocator / heap figures
 * @param verdicts      detector output: maps, lists, strings, numbers, booleans (JSON-like values)
 */
public record Checkpoint(int number, double timestampSec, IntervalMetrics metrics, ResourceSample resources,
                         HeapProfile heapProfile, Map<String, Object> verdicts) {
    public Checkpoint {
        verdicts = Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
    }

    /** Errors per operation over the interval, NaN when no operation completed. */
    public double errorRate() {
        OperationMetrics all = metrics.all();
        return all.ops() == 0 ? Double.NaN : (double) all.errors() / all.ops();
    }

    ObjectNode toJson(JsonNode verdictsJson) {
        ObjectNode n = RunJson.MAPPER.createObjectNode();
        n.put("checkpoint", number);
        RunJson.put(n, "timestamp_sec", timestampSec);
        ObjectNode m = RunJson.metrics(metrics);
        RunJson.put(m, "throughput", metrics.all().achievedRate());
        RunJson.put(m, "error_rate", errorRate());
        n.set("metrics", m);
        n.set("resources", RunJson.resources(resources));
        n.set("heap_profile", RunJson.heapProfile(heapProfile));
        n.set("verdicts", verdictsJson);
        return n;
    }

    @SuppressWarnings("unchecked")
    static Checkpoint fromJson(JsonNode json) {
        ObjectNode n = RunJson.requireObject(json);
        double t = RunJson.requireDouble(n, "timestamp_sec");
        JsonNode m = n.get("metrics");
        JsonNode r = n.get("resources");
        IntervalMetrics metrics = RecordDecoder.metrics(m == null ? RunJson.MAPPER.createObjectNode() : m, t);
        ResourceSample resources = RecordDecoder.resources(r == null ? RunJson.MAPPER.createObjectNode() : r, t);
        JsonNode v = n.get("verdicts");
        Map<String, Object> verdicts = v != null && v.isObject()
            ? RunJson.MAPPER.convertValue(v, LinkedHashMap.class) : Map.of();
        return new Checkpoint(n.path("checkpoint").asInt(0), t, metrics, resources,
            RunJson.heapProfile(n.get("heap_profile")), verdicts);
    }
}
