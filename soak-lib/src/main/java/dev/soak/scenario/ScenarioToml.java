package dev.soak.scenario;

import static dev.soak.scenario.Problems.num;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a {@link Scenario} back as TOML that {@link ScenarioLoader} reads into an equal scenario
 * (weights up to rounding in the last bit). Use it to keep "the scenario exactly as run" when
 * command-line overrides changed it, and to resume a run from its own copy. Every key is written,
 * defaults included, so the file documents the run completely. Stateless and thread-safe.
 */
public final class ScenarioToml {
    private ScenarioToml() {
    }

    /**
     * The scenario file's own text ({@code text}, which loaded as {@code s}) with its relative TLS file paths
     * ({@code tls_ca_file}, {@code tls_client_cert}, {@code tls_client_key}) replaced by the absolute paths
     * {@code s} holds, everything else (comments, layout) kept: a copy that loads as the same scenario from
     * any directory, as {@code --resume} loads it from the run directory. Empty when the text cannot be
     * rewritten so (e.g. the keys sit in an inline table): then {@link #write} gives a complete copy instead.
     */
    public static Optional<String> withAbsolutePaths(String text, Scenario s) {
        var tls = s.target().tls();
        Map<String, Path> files = new LinkedHashMap<>();
        tls.caFile().ifPresent(f -> files.put("tls_ca_file", f));
        tls.identity().ifPresent(id -> {
            files.put("tls_client_cert", id.certFile());
            files.put("tls_client_key", id.keyFile());
        });
        if (files.isEmpty()) {
            return Optional.of(text);
        }
        String out = text;
        for (var e : files.entrySet()) {
            Matcher m = Pattern.compile("(?m)^(\\s*" + e.getKey()
                    + "\\s*=\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|'[^'\\n]*')").matcher(out);
            if (!m.find()) {
                return Optional.empty();
            }
            String abs = e.getValue().toAbsolutePath().normalize().toString();
            out = out.substring(0, m.start(2)) + str(abs) + out.substring(m.end(2));
        }
        try {
            return ScenarioLoader.parse(out, "copy").equals(s) ? Optional.of(out) : Optional.empty();
        } catch (ScenarioException e) {
            return Optional.empty();
        }
    }

    /** The TOML text of {@code s}. */
    public static String write(Scenario s) {
        StringBuilder b = new StringBuilder();
        kv(b, "name", str(s.name()));
        if (!s.description().isEmpty()) {
            kv(b, "description", str(s.description()));
        }
        table(b, "duration");
        kv(b, "total_seconds", num(s.totalSeconds()));
        opt(b, "max_total_seconds", s.maxTotalSeconds());
        table(b, "arrival");
        ArrivalPattern a = s.arrival();
        kv(b, "pattern", str(a.patternName()));
        if (a instanceof ArrivalPattern.Constant c) {
            kv(b, "rate", num(c.rate()));
        } else if (a instanceof ArrivalPattern.Poisson p) {
            kv(b, "lambda", num(p.lambda()));
        } else if (a instanceof ArrivalPattern.Exponential e) {
            kv(b, "lambda", num(e.lambda()));
        } else if (a instanceof ArrivalPattern.PeriodicBurst p) {
            kv(b, "base_rate", num(p.baseRate()));
            kv(b, "burst_rate", num(p.burstRate()));
            kv(b, "burst_duration_sec", num(p.burstDurationSec()));
            kv(b, "burst_period_sec", num(p.burstPeriodSec()));
        } else if (a instanceof ArrivalPattern.Diurnal d) {
            kv(b, "baseline_ops", num(d.baselineOps()));
            kv(b, "peak_multiplier", num(d.peakMultiplier()));
            kv(b, "peak_hour", num(d.peakHour()));
            kv(b, "trough_hour", num(d.troughHour()));
        } else if (a instanceof ArrivalPattern.Ramp r) {
            kv(b, "start_ops", num(r.startOps()));
            kv(b, "end_ops", num(r.endOps()));
        }
        Operations o = s.operations();
        if (o.isHttpTemplates()) {
            for (HttpRequestTemplate t : o.requests()) {
                b.append("\n[[operations.request]]\n");
                kv(b, "name", str(t.name()));
                kv(b, "weight", num(t.weight()));
                kv(b, "method", str(t.method()));
                kv(b, "path", str(t.path()));
                if (!t.body().isEmpty()) {
                    kv(b, "body", str(t.body()));
                }
                if (!t.headers().isEmpty()) {
                    kv(b, "headers", inlineTable(t.headers()));
                }
                if (!t.expectStatus().isEmpty()) {
                    kv(b, "expect_status", t.expectStatus().toString());
                }
            }
        } else {
            table(b, "operations");
            for (EngramOperation op : EngramOperation.values()) {
                kv(b, op.weightKey(), num(o.weights().getOrDefault(op.key(), 0.0)));
            }
        }
        DataSpec d = s.data();
        table(b, "data");
        kv(b, "num_nodes", Long.toString(d.numNodes()));
        kv(b, "embedding_dim", Integer.toString(d.embeddingDim()));
        kv(b, "memory_spaces", Integer.toString(d.memorySpaces()));
        kv(b, "embedding_distribution", distribution(d.distribution()));
        ValidationSpec v = s.validation();
        if (!v.equals(ValidationSpec.none())) {
            table(b, "validation");
            opt(b, "expected_p99_latency_ms", v.expectedP99LatencyMs());
            opt(b, "expected_throughput_ops_sec", v.expectedThroughputOpsSec());
            opt(b, "max_error_rate", v.maxErrorRate());
        }
        table(b, "chaos");
        kv(b, "enabled", Boolean.toString(s.chaosEnabled()));
        target(b, s.target());
        SoakSettings k = s.soak();
        table(b, "soak");
        kv(b, "checkpoint_interval_sec", num(k.checkpointIntervalSec()));
        kv(b, "resource_check_interval_sec", num(k.resourceCheckIntervalSec()));
        kv(b, "sample_interval_sec", num(k.sampleIntervalSec()));
        kv(b, "warmup_sec", k.warmupSec().isPresent() ? num(k.warmupSec().getAsDouble()) : str("auto"));
        kv(b, "time_scale", num(k.timeScale()));
        table(b, "soak.abort_conditions");
        opt(b, "max_rss_mb", k.abort().maxRssMb());
        opt(b, "max_p99_ms", k.abort().maxP99Ms());
        opt(b, "max_error_rate", k.abort().maxErrorRate());
        kv(b, "abort_on_regression", Boolean.toString(k.abort().abortOnRegression()));
        kv(b, "sustained_sec", num(k.abort().sustainedSec()));
        table(b, "soak.thresholds");
        kv(b, "memory_leak_mb_per_hour", num(k.thresholds().memoryLeakMbPerHour()));
        kv(b, "latency_drift_pct_per_hour", num(k.thresholds().latencyDriftPctPerHour()));
        kv(b, "exhaustion_horizon_hours", num(k.thresholds().exhaustionHorizonHours()));
        return b.toString();
    }

    private static void target(StringBuilder b, TargetSpec t) {
        table(b, "target");
        kv(b, "kind", str(t.kind().key()));
        kv(b, "endpoint", str(t.endpoint().toString()));
        if (t.pid().isPresent()) {
            kv(b, "pid", Long.toString(t.pid().getAsLong()));
        }
        t.pidFile().ifPresent(p -> kv(b, "pid_file", str(p.toString())));
        if (!t.command().isEmpty()) {
            kv(b, "command", "[" + String.join(", ", t.command().stream().map(ScenarioToml::str).toList()) + "]");
        }
        kv(b, "health_path", str(t.healthPath()));
        kv(b, "metrics_path", str(t.metricsPath()));
        if (!t.metricsHeaders().isEmpty()) {
            kv(b, "metrics_headers", inlineTable(t.metricsHeaders()));
        }
        if (t.watch() != TargetSpec.Watch.AUTO) {
            kv(b, "watch", str(t.watch().key()));
        }
        kv(b, "ready_timeout_sec", num(t.readyTimeoutSec()));
        t.tls().caFile().ifPresent(p -> kv(b, "tls_ca_file", str(p.toString())));
        if (t.tls().insecure()) {
            kv(b, "tls_insecure", "true");
        }
        t.tls().identity().ifPresent(id -> {
            kv(b, "tls_client_cert", str(id.certFile().toString()));
            kv(b, "tls_client_key", str(id.keyFile().toString()));
        });
        FaultSpec f = t.faults();
        if (f.any()) {
            table(b, "target.faults");
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("leak_mb_per_hour", f.leakMbPerHour());
            values.put("leak_bytes_per_store", f.leakBytesPerStore());
            values.put("latency_drift_pct_per_hour", f.latencyDriftPctPerHour());
            values.put("base_latency_ms", f.baseLatencyMs());
            values.put("fd_leak_per_minute", f.fdLeakPerMinute());
            values.put("thread_leak_per_minute", f.threadLeakPerMinute());
            values.put("warmup_mb", f.warmupMb());
            values.put("warmup_tau_sec", f.warmupTauSec());
            values.put("error_rate", f.errorRate());
            values.put("crash_after_sec", f.crashAfterSec());
            values.forEach((key, x) -> {
                if (x != 0) {
                    kv(b, key, num(x));
                }
            });
        }
    }

    private static String distribution(EmbeddingDistribution d) {
        if (d instanceof EmbeddingDistribution.Clustered c) {
            return "{ type = \"clustered\", num_clusters = " + c.numClusters() + ", std_dev = " + num(c.stdDev()) + " }";
        }
        if (d instanceof EmbeddingDistribution.HotSpot h) {
            String center = h.centerVector().isEmpty() ? num(h.center())
                    : "[" + String.join(", ", h.centerVector().stream().map(Problems::num).toList()) + "]";
            return "{ type = \"hot_spot\", center = " + center + " }";
        }
        return "{ type = \"uniform\" }";
    }

    private static void opt(StringBuilder b, String key, OptionalDouble v) {
        if (v.isPresent()) {
            kv(b, key, num(v.getAsDouble()));
        }
    }

    private static void table(StringBuilder b, String name) {
        b.append('\n').append('[').append(name).append("]\n");
    }

    private static void kv(StringBuilder b, String key, String value) {
        b.append(key).append(" = ").append(value).append('\n');
    }

    /** A TOML basic string, escaped. */
    /** {@code { "Name" = "value", … }}. */
    private static String inlineTable(Map<String, String> entries) {
        List<String> h = new ArrayList<>();
        entries.forEach((k, v) -> h.add(str(k) + " = " + str(v)));
        return "{ " + String.join(", ", h) + " }";
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
