package dev.soak.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every key the scenario format knows, by section, and the "did you mean" search over them
 * (Levenshtein distance). Stateless and thread-safe.
 */
final class KeySchema {
    private KeySchema() {
    }

    /** Keys of each pattern in {@code [arrival]}, besides {@code pattern}; the first is its rate key. */
    static final Map<String, List<String>> ARRIVAL_KEYS = ordered(
            "constant", List.of("rate"),
            "poisson", List.of("lambda"),
            "exponential", List.of("lambda"),
            "periodic_burst", List.of("base_rate", "burst_rate", "burst_duration_sec", "burst_period_sec"),
            "diurnal", List.of("baseline_ops", "peak_multiplier", "peak_hour", "trough_hour"),
            "ramp", List.of("start_ops", "end_ops"));

    /** Section (dotted, "" for the top level) → keys (sub-tables included as keys). */
    static final Map<String, List<String>> SECTIONS = ordered(
            "", List.of("name", "description", "duration", "arrival", "operations", "data", "validation",
                    "chaos", "target", "soak"),
            "duration", List.of("total_seconds", "max_total_seconds"),
            "arrival", List.of("pattern", "rate", "lambda", "base_rate", "burst_rate", "burst_duration_sec",
                    "burst_period_sec", "baseline_ops", "peak_multiplier", "peak_hour", "trough_hour",
                    "start_ops", "end_ops"),
            "operations", List.of("store_weight", "recall_weight", "embedding_search_weight",
                    "pattern_completion_weight", "request"),
            "operations.request", List.of("name", "weight", "method", "path", "body", "headers", "expect_status"),
            "data", List.of("num_nodes", "embedding_dim", "memory_spaces", "embedding_distribution"),
            "data.embedding_distribution", List.of("type", "num_clusters", "std_dev", "center"),
            "validation", List.of("expected_p99_latency_ms", "expected_throughput_ops_sec", "max_error_rate"),
            "chaos", List.of("enabled"),
            "target", List.of("kind", "endpoint", "pid", "pid_file", "command", "health_path", "metrics_path", "metrics_headers",
                    "watch", "ready_timeout_sec", "tls_ca_file", "tls_insecure", "tls_client_cert", "tls_client_key", "faults"),
            "target.faults", List.of("leak_mb_per_hour", "leak_bytes_per_store", "latency_drift_pct_per_hour",
                    "base_latency_ms", "fd_leak_per_minute", "thread_leak_per_minute", "warmup_mb",
                    "warmup_tau_sec", "error_rate", "crash_after_sec"),
            "soak", List.of("checkpoint_interval_sec", "resource_check_interval_sec", "sample_interval_sec",
                    "warmup_sec", "time_scale", "abort_conditions", "thresholds"),
            "soak.abort_conditions", List.of("max_rss_mb", "max_p99_ms", "max_error_rate", "abort_on_regression",
                    "sustained_sec"),
            "soak.thresholds", List.of("memory_leak_mb_per_hour", "latency_drift_pct_per_hour",
                    "exhaustion_horizon_hours"));

    /**
     * The closest known key to {@code unknown} written in {@code section}, shown as users see keys
     * ({@code [soak] checkpoint_interval_sec}); keys of the same section win ties. Empty when
     * nothing is close.
     */
    static Optional<String> suggest(String section, String unknown) {
        return suggest(section, unknown, SECTIONS);
    }

    static Optional<String> suggest(String section, String unknown, Map<String, List<String>> sections) {
        String u = unknown.toLowerCase(Locale.ROOT);
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (Map.Entry<String, List<String>> e : sections.entrySet()) {
            for (String known : e.getValue()) {
                int d = distance(u, known);
                if (known.startsWith(u) || u.startsWith(known)) {
                    d = Math.min(d, 2);
                }
                int score = d * 2 + (e.getKey().equals(section) ? 0 : 1);
                if (score < bestScore) {
                    bestScore = score;
                    best = display(e.getKey(), known);
                }
            }
        }
        int limit = Math.max(2, (int) Math.round(u.length() * 0.4));
        return best != null && bestScore / 2 <= limit ? Optional.of(best) : Optional.empty();
    }

    /** The closest of {@code choices} to {@code value}, when close enough. */
    static Optional<String> closest(String value, List<String> choices) {
        String v = value.toLowerCase(Locale.ROOT);
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : choices) {
            int d = distance(v, c);
            if (c.startsWith(v) || v.startsWith(c)) {
                d = Math.min(d, 2);
            }
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best != null && bestD <= Math.max(2, (int) Math.round(v.length() * 0.4)) ? Optional.of(best) : Optional.empty();
    }

    /** {@code [section] key} for a plain key, {@code [section.key]} for a sub-table. */
    static String display(String section, String key) {
        String full = section.isEmpty() ? key : section + "." + key;
        if (SECTIONS.containsKey(full)) {
            return full.equals("operations.request") ? "[[operations.request]]" : "[" + full + "]";
        }
        return Problems.key(section, key);
    }

    /** Levenshtein edit distance (insertions, deletions, substitutions), O(|a|·|b|). */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... kv) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (V) kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
