package dev.soak.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON encoding and decoding of the run directory's value records, with the field names of the
 * format (see {@link RunDirectory}). Numbers are written by Jackson with {@link Double#toString},
 * which does not depend on the default locale; NaN and infinite values are left out.
 * Stateless and thread-safe.
 */
final class RunJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static final String[] LATENCY_FIELDS = {
        "p50_latency_ms", "p90_latency_ms", "p95_latency_ms", "p99_latency_ms", "p999_latency_ms", "max_latency_ms"};
    static final String UNCORRECTED = "uncorrected_";
    static final String[] RESOURCE_FIELDS = {
        "cpu_percent", "rss_mb", "vsize_mb", "threads", "open_fds", "network_connections", "disk_io_mb",
        "pss_mb", "anon_mb", "swap_mb", "heap_after_gc_mb", "max_open_files", "memory_limit_mb"};

    private RunJson() {
    }

    /** One JSON line, {@code \n}-terminated, UTF-8. */
    static byte[] line(JsonNode node) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(node);
            byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
            out[json.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + node, e);
        }
    }

    static String text(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + node, e);
        }
    }

    static JsonNode parse(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    // ---------------------------------------------------------------- numbers

    /**
     * Removes NaN and infinite numbers from a tree in place: an object field is removed ("not
     * measured" is absent), an array element becomes null (positions matter in arrays).
     */
    static JsonNode withoutNonFinite(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> bad = new ArrayList<>();
            o.fields().forEachRemaining(e -> {
                if (nonFinite(e.getValue())) {
                    bad.add(e.getKey());
                } else {
                    withoutNonFinite(e.getValue());
                }
            });
            o.remove(bad);
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (nonFinite(a.get(i))) {
                    a.set(i, MAPPER.getNodeFactory().nullNode());
                } else {
                    withoutNonFinite(a.get(i));
                }
            }
        }
        return node;
    }

    private static boolean nonFinite(JsonNode n) {
        return n.isFloatingPointNumber() && !Double.isFinite(n.doubleValue());
    }

    /** Puts {@code value} unless it is NaN or infinite ("not measured" is an absent field). */
    static void put(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        }
    }

    /** Puts a count: as a JSON integer when it is a whole number, absent when NaN. */
    static void putCount(ObjectNode node, String name, double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            node.put(name, (long) value);
        } else {
            node.put(name, value);
        }
    }

    static double getDouble(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.isNumber() ? v.doubleValue() : Double.NaN;
    }

    static double requireDouble(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("missing number \"" + name + "\"");
        }
        return v.doubleValue();
    }

    static ObjectNode requireObject(JsonNode node) {
        if (!(node instanceof ObjectNode o)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return o;
    }

    // ---------------------------------------------------------------- resources.jsonl

    static ObjectNode resources(ResourceSample s) {
        ObjectNode n = MAPPER.createObjectNode();
        put(n, "t_sec", s.tSec());
        double[] v = resourceValues(s);
        for (int i = 0; i < RESOURCE_FIELDS.length; i++) {
            String f = RESOURCE_FIELDS[i];
            boolean count = f.equals("threads") || f.equals("open_fds") || f.equals("network_connections")
                || f.equals("max_open_files");
            if (count) {
                putCount(n, f, v[i]);
            } else {
                put(n, f, v[i]);
            }
        }
        return n;
    }

    static double[] resourceValues(ResourceSample s) {
        return new double[] {s.cpuPercent(), s.rssMb(), s.vsizeMb(), s.threads(), s.openFds(), s.networkConnections(),
            s.diskIoMb(), s.pssMb(), s.anonMb(), s.swapMb(), s.heapAfterGcMb(), s.maxOpenFiles(), s.memoryLimitMb()};
    }

    // ---------------------------------------------------------------- metrics.jsonl

    static double[] latencyValues(LatencySummary l) {
        return new double[] {l.p50Ms(), l.p90Ms(), l.p95Ms(), l.p99Ms(), l.p999Ms(), l.maxMs()};
    }

    static void putLatency(ObjectNode n, String prefix, LatencySummary l) {
        double[] v = latencyValues(l);
        for (int i = 0; i < v.length; i++) {
            put(n, prefix + LATENCY_FIELDS[i], v[i]);
        }
    }

    /** The fields shared by the top level of a metrics line and each {@code per_operation} entry. */
    static void putOperation(ObjectNode n, OperationMetrics m) {
        putOperation(n, m, null);
    }

    private static void putOperation(ObjectNode n, OperationMetrics m, IntervalMetrics top) {
        n.put("ops", m.ops());
        n.put("errors", m.errors());
        ObjectNode byClass = n.putObject("errors_by_class");
        // the classes with errors only: a class absent had none (eleven zeros in the totals and in each operation were
        // about 30 % of an error-free line)
        m.errorsByClass().entrySet().stream().filter(e -> e.getValue() != 0).sorted(Map.Entry.comparingByKey())
            .forEach(e -> byClass.put(e.getKey(), e.getValue()));
        if (top != null) {
            n.put("late", top.late());
            n.put("dropped", top.dropped());
        }
        put(n, "intended_rate", m.intendedRate());
        put(n, "achieved_rate", m.achievedRate());
        putLatency(n, "", m.latency());
        putLatency(n, UNCORRECTED, m.uncorrected());
    }


    static ObjectNode metrics(IntervalMetrics m) {
        ObjectNode n = MAPPER.createObjectNode();
        put(n, "t_sec", m.tSec());
        put(n, "interval_sec", m.intervalSec());
        putOperation(n, m.all(), m);
        ObjectNode per = n.putObject("per_operation");
        m.perOperation().forEach((name, op) -> putOperation(per.putObject(name), op));
        put(n, "driver_pause_ms", m.driverPauseMs());
        return n;
    }

    // ---------------------------------------------------------------- events.jsonl

    static ObjectNode event(RunEvent e) {
        ObjectNode n = MAPPER.createObjectNode();
        put(n, "t_sec", e.tSec());
        n.put("type", e.type());
        n.put("level", e.level());
        n.put("message", e.message());
        if (!e.details().isEmpty()) {
            ObjectNode d = n.putObject("details");
            new java.util.TreeMap<>(e.details()).forEach((k, v) -> {
                boolean notANumber = v instanceof Double x && !Double.isFinite(x)
                    || v instanceof Float f && !Float.isFinite(f);
                if (!notANumber) { // "not measured" is an absent field
                    d.set(k, MAPPER.valueToTree(v));
                }
            });
            if (d.isEmpty()) {
                n.remove("details");
            }
        }
        return n;
    }

    static RunEvent event(JsonNode json) {
        ObjectNode n = requireObject(json);
        double t = requireDouble(n, "t_sec");
        Map<String, Object> details = new LinkedHashMap<>();
        JsonNode d = n.get("details");
        if (d != null && d.isObject()) {
            d.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    details.put(e.getKey(), MAPPER.convertValue(e.getValue(), Object.class));
                }
            });
        }
        return new RunEvent(t, n.path("type").asText(""), n.path("level").asText(""), n.path("message").asText(""),
            details);
    }

    // ---------------------------------------------------------------- heap_profile

    static ObjectNode heapProfile(HeapProfile h) {
        ObjectNode n = MAPPER.createObjectNode();
        putCount(n, "allocated", h.allocatedBytes());
        putCount(n, "active", h.activeBytes());
        putCount(n, "metadata", h.metadataBytes());
        putCount(n, "resident", h.residentBytes());
        putCount(n, "mapped", h.mappedBytes());
        putCount(n, "jvm_heap_used", h.jvmHeapUsedBytes());
        putCount(n, "jvm_heap_after_gc", h.jvmHeapAfterGcBytes());
        n.put("source", h.source());
        return n;
    }

    static HeapProfile heapProfile(JsonNode n) {
        if (n == null || !n.isObject()) {
            return HeapProfile.none();
        }
        return new HeapProfile(getDouble(n, "allocated"), getDouble(n, "active"), getDouble(n, "metadata"),
            getDouble(n, "resident"), getDouble(n, "mapped"), getDouble(n, "jvm_heap_used"),
            getDouble(n, "jvm_heap_after_gc"), n.path("source").asText("none"));
    }
}
