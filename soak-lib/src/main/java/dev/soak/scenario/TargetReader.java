package dev.soak.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Reads {@code [target]} (with {@code [target.faults]}) and {@code [soak]} (with its sub-tables). Stateless. */
final class TargetReader {
    private static final List<String> KINDS = List.of("engram", "http", "embedded");
    private static final List<String> WATCHES = List.of("auto", "process", "metrics");

    private TargetReader() {
    }

    static void read(TomlTable t, ScenarioBuilder b) {
        t.rejectUnknown(KeySchema.SECTIONS.get("target"), "", List.of());
        String kind = t.string("kind", "one of engram, http, embedded in double quotes");
        if (kind != null) {
            if (KINDS.contains(kind)) {
                b.kind = TargetSpec.TargetKind.valueOf(kind.toUpperCase(Locale.ROOT));
            } else {
                t.problems.add(t.key("kind"), Problems.quote(kind), "is not a known target kind: allowed " + String.join(", ", KINDS),
                        KeySchema.closest(kind, KINDS).map(c -> "Did you mean \"" + c + "\"?").orElse("Fix: pick one of them"));
            }
        }
        String endpoint = t.string("endpoint", "a URL in double quotes, e.g. \"http://localhost:7432\"");
        if (endpoint != null) {
            b.endpoint = endpoint;
        }
        Long pid = t.whole("pid", "a process id (a whole number > 0)");
        if (pid != null) {
            b.pid = pid;
        }
        String pidFile = t.string("pid_file", "a file path in double quotes");
        if (pidFile != null) {
            if (pidFile.isBlank()) {
                t.problems.add(t.key("pid_file"), Problems.quote(pidFile), "must be a file path", "Fix: e.g. pid_file = \"/run/myservice.pid\"");
            } else {
                b.pidFile = Path.of(pidFile);
            }
        }
        JsonNode command = t.node.get("command");
        if (command != null) {
            List<String> argv = new ArrayList<>();
            boolean ok = true;
            if (command.isTextual()) {
                argv.addAll(Arrays.asList(command.textValue().trim().split("\\s+")));
                argv.removeIf(String::isEmpty);
            } else if (command.isArray()) {
                for (JsonNode a : command) {
                    ok &= a.isTextual();
                    argv.add(a.asText());
                }
            } else {
                ok = false;
            }
            if (!ok || argv.isEmpty()) {
                t.typeError("command", command, "must be a non-empty array of strings (argv) or one string split on white space",
                        "Fix: e.g. command = [\"./my-server\", \"--port\", \"7432\"]");
            } else {
                b.command = List.copyOf(argv);
            }
        }
        String health = t.string("health_path", "a path in double quotes, e.g. \"/health\"");
        if (health != null) {
            b.healthPath = health;
        }
        String metrics = t.string("metrics_path", "a path in double quotes, e.g. \"/actuator/prometheus\"");
        if (metrics != null) {
            b.metricsPath = metrics;
        }
        b.metricsHeaders = t.headerTable("metrics_headers",
                "Fix: put the value in double quotes, e.g. Authorization = \"Bearer {{env:METRICS_TOKEN}}\"");
        String watch = t.string("watch", "one of auto, process, metrics in double quotes");
        if (watch != null) {
            if (WATCHES.contains(watch)) {
                b.watch = TargetSpec.Watch.valueOf(watch.toUpperCase(Locale.ROOT));
            } else {
                t.problems.add(t.key("watch"), Problems.quote(watch), "is not a known way to watch the target: allowed "
                        + String.join(", ", WATCHES) + " (process: the process on this host; metrics: its Prometheus text at"
                        + " metrics_path, wherever it runs)",
                        KeySchema.closest(watch, WATCHES).map(c -> "Did you mean \"" + c + "\"?").orElse("Fix: pick one of them"));
            }
        }
        b.readyTimeoutSec = t.number("ready_timeout_sec", "a number of seconds > 0", b.readyTimeoutSec);
        b.tlsCaFile = pemPath(t, "tls_ca_file", "ca.pem");
        b.tlsClientCert = pemPath(t, "tls_client_cert", "client.pem");
        b.tlsClientKey = pemPath(t, "tls_client_key", "client-key.pem");
        Boolean insecure = t.bool("tls_insecure");
        if (insecure != null) {
            b.tlsInsecure = insecure;
        }
        TomlTable f = t.table("faults");
        if (f != null) {
            f.rejectUnknown(KeySchema.SECTIONS.get("target.faults"), "", List.of());
            FaultSpec d = b.faults;
            b.faults = new FaultSpec(
                    f.number("leak_mb_per_hour", "MB per hour >= 0", d.leakMbPerHour()),
                    f.number("leak_bytes_per_store", "bytes per store >= 0", d.leakBytesPerStore()),
                    f.number("latency_drift_pct_per_hour", "percent per hour >= 0", d.latencyDriftPctPerHour()),
                    f.number("base_latency_ms", "milliseconds >= 0", d.baseLatencyMs()),
                    f.number("fd_leak_per_minute", "file descriptors per minute >= 0", d.fdLeakPerMinute()),
                    f.number("thread_leak_per_minute", "threads per minute >= 0", d.threadLeakPerMinute()),
                    f.number("warmup_mb", "MB >= 0", d.warmupMb()),
                    f.number("warmup_tau_sec", "seconds >= 0", d.warmupTauSec()),
                    f.number("error_rate", "a fraction from 0 to 1", d.errorRate()),
                    f.number("crash_after_sec", "seconds >= 0", d.crashAfterSec()));
        }
    }

    static void soak(TomlTable t, ScenarioBuilder b) {
        t.rejectUnknown(KeySchema.SECTIONS.get("soak"), "", List.of());
        String iv = "a number of seconds > 0";
        b.checkpointIntervalSec = t.number("checkpoint_interval_sec", iv, b.checkpointIntervalSec);
        b.resourceCheckIntervalSec = t.number("resource_check_interval_sec", iv, b.resourceCheckIntervalSec);
        b.sampleIntervalSec = t.number("sample_interval_sec", iv, b.sampleIntervalSec);
        b.timeScale = t.number("time_scale", "a number > 0 (scenario seconds per wall second)", b.timeScale);
        JsonNode w = t.node.get("warmup_sec");
        if (w != null) {
            if (w.isNumber()) {
                b.warmupSec = w.doubleValue();
            } else if (w.isTextual() && w.textValue().equals("auto")) {
                b.warmupSec = null;
            } else {
                t.typeError("warmup_sec", w, "must be a number of wall seconds >= 0 or \"auto\"",
                        "Fix: e.g. warmup_sec = 300, or warmup_sec = \"auto\" to detect the end of warm-up");
            }
        }
        TomlTable a = t.table("abort_conditions");
        if (a != null) {
            a.rejectUnknown(KeySchema.SECTIONS.get("soak.abort_conditions"), "", List.of());
            AbortConditions d = b.abort;
            Boolean onRegression = a.bool("abort_on_regression");
            b.abort = new AbortConditions(
                    orElse(a.number("max_rss_mb", "a size in MB > 0"), d.maxRssMb()),
                    orElse(a.number("max_p99_ms", "a latency in milliseconds > 0"), d.maxP99Ms()),
                    orElse(a.number("max_error_rate", "a fraction from 0 to 1"), d.maxErrorRate()),
                    onRegression == null ? d.abortOnRegression() : onRegression,
                    a.number("sustained_sec", "a number of seconds >= 0", d.sustainedSec()));
        }
        TomlTable th = t.table("thresholds");
        if (th != null) {
            th.rejectUnknown(KeySchema.SECTIONS.get("soak.thresholds"), "", List.of());
            Thresholds d = b.thresholds;
            b.thresholds = new Thresholds(
                    th.number("memory_leak_mb_per_hour", "a rate > 0 in MB per hour", d.memoryLeakMbPerHour()),
                    th.number("latency_drift_pct_per_hour", "a rate > 0 in percent per hour", d.latencyDriftPctPerHour()),
                    th.number("exhaustion_horizon_hours", "a number of hours > 0", d.exhaustionHorizonHours()));
        }
    }

    private static java.util.OptionalDouble orElse(Double v, java.util.OptionalDouble d) {
        return v == null ? d : java.util.OptionalDouble.of(v);
    }

    /** A PEM file path key ({@code tls_ca_file}, {@code tls_client_*}); null when absent or blank (then reported). */
    private static Path pemPath(TomlTable t, String key, String example) {
        String file = t.string(key, "a PEM file path in double quotes");
        if (file == null) {
            return null;
        }
        if (file.isBlank()) {
            t.problems.add(t.key(key), Problems.quote(file), "must be a file path",
                    "Fix: e.g. " + key + " = \"" + example + "\" (relative to the scenario file)");
            return null;
        }
        return Path.of(file);
    }
}
