package dev.soak.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.LatencySummary;
import dev.soak.checkpoint.OperationMetrics;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.checkpoint.RunEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Tolerant readers of the run-directory files (field names as in DESIGN.md "Run directory"):
 * a line that is not a JSON object (a torn last line, a half-written line) is skipped and counted
 * in a note; an absent field is NaN. Stateless.
 *
 * <p>The coupling point with {@code dev.soak.checkpoint}'s readers: when those land, this class
 * can delegate to them without changing its callers.
 */
final class RunFiles {
    static final ObjectMapper JSON = new ObjectMapper();

    private RunFiles() {
    }

    static <T> List<T> readJsonLines(Path file, Function<JsonNode, T> parse, List<String> notes) {
        List<T> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            notes.add(file + " could not be read (" + e.getMessage() + "); check its permissions");
            return out;
        }
        int skipped = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(line);
                if (n == null || !n.isObject()) {
                    skipped++;
                    continue;
                }
                out.add(parse.apply(n));
            } catch (IOException | RuntimeException e) {
                skipped++;
            }
        }
        if (skipped > 0) {
            notes.add(String.format(Locale.ROOT, "%s: skipped %d unreadable line(s) (torn or partial JSON)", file, skipped));
        }
        return out;
    }

    static ResourceSample resource(JsonNode n) {
        return new ResourceSample(req(n, "t_sec"), d(n, "cpu_percent"), d(n, "rss_mb"), d(n, "vsize_mb"), d(n, "threads"),
                d(n, "open_fds"), d(n, "network_connections"), d(n, "disk_io_mb"), d(n, "pss_mb"), d(n, "anon_mb"),
                d(n, "swap_mb"), d(n, "heap_after_gc_mb"), d(n, "max_open_files"), d(n, "memory_limit_mb"));
    }

    static IntervalMetrics interval(JsonNode n) {
        Map<String, OperationMetrics> per = new LinkedHashMap<>();
        n.path("per_operation").fields().forEachRemaining(e -> per.put(e.getKey(), operation(e.getValue())));
        return new IntervalMetrics(req(n, "t_sec"), d(n, "interval_sec"), operation(n), n.path("late").asLong(0),
                n.path("dropped").asLong(0), per);
    }

    static OperationMetrics operation(JsonNode n) {
        Map<String, Long> byClass = new LinkedHashMap<>();
        n.path("errors_by_class").fields().forEachRemaining(e -> byClass.put(e.getKey(), e.getValue().asLong()));
        return new OperationMetrics(n.path("ops").asLong(0), n.path("errors").asLong(0), byClass,
                d(n, "intended_rate"), d(n, "achieved_rate"), latency(n, ""), latency(n, "uncorrected_"));
    }

    static LatencySummary latency(JsonNode n, String prefix) {
        return new LatencySummary(d(n, prefix + "p50_latency_ms"), d(n, prefix + "p90_latency_ms"),
                d(n, prefix + "p95_latency_ms"), d(n, prefix + "p99_latency_ms"), d(n, prefix + "p999_latency_ms"),
                d(n, prefix + "max_latency_ms"));
    }

    static RunEvent event(JsonNode n) {
        Map<String, Object> details = new LinkedHashMap<>();
        n.path("details").fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isNumber()) {
                details.put(e.getKey(), v.numberValue());
            } else if (v.isBoolean()) {
                details.put(e.getKey(), v.booleanValue());
            } else if (!v.isNull()) {
                details.put(e.getKey(), v.isTextual() ? v.asText() : v.toString());
            }
        });
        return new RunEvent(req(n, "t_sec"), n.path("type").asText("unknown"), n.path("level").asText("info"),
                n.path("message").asText(""), details);
    }

    static double d(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
    }

    private static double req(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("no numeric " + key);
        }
        return v.asDouble();
    }
}
