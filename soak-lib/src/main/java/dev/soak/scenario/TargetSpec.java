package dev.soak.scenario;

import dev.soak.tls.TlsTrust;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code [target]} section: what is driven and which process is watched.
 *
 * <p>The watched process is found, in this order: {@code pid}; {@code pid_file}; {@code command}
 * (spawned and watched, its output kept in the run directory); otherwise the process listening on
 * the endpoint's port. {@code kind = "embedded"} starts the reference server as a child process
 * with {@code faults}. With {@code watch = "metrics"} (or a process not on this host: {@link Watch#AUTO}) no process
 * is looked for: the process's resources are read from its Prometheus text at {@code metrics_path} instead. Immutable.
 *
 * @param kind             {@code kind}: engram (default), http or embedded
 * @param endpoint         {@code endpoint}, default {@code http://localhost:7432}
 * @param pid              {@code pid}
 * @param pidFile          {@code pid_file}
 * @param command          {@code command}, argv (a TOML array, or a string split on white space)
 * @param healthPath       {@code health_path}, default {@code /health}
 * @param readyTimeoutSec  {@code ready_timeout_sec}, default 30
 * @param faults           {@code [target.faults]}, used by the embedded reference server
 * @param tls              {@code tls_ca_file} and {@code tls_insecure}: which certificates an
 *                         {@code https://} endpoint may present ({@link TlsTrust#DEFAULT}: the JDK's
 *                         trust store, host name verified); used by the driver, the health check and
 *                         the Prometheus scrape alike
 * @param metricsPath      {@code metrics_path}, default {@code /metrics/prometheus} (Engram's): the target's
 *                         Prometheus text, scraped each resource sample for the heap after GC (Micrometer's
 *                         {@code /actuator/prometheus}, Quarkus' {@code /q/metrics}, …): a path on the endpoint, or a
 *                         whole http(s) URL when the metrics are served elsewhere (a management port, one replica of
 *                         a load-balanced service)
 * @param watch            {@code watch}: where the watched process's resources come from
 * @param metricsHeaders   {@code metrics_headers}: headers sent with every scrape of the Prometheus text (a secured
 *                         actuator's {@code Authorization}), their values templates whose only placeholders are
 *                         {@code {{env:NAME}}} ({@link #metricsHeaderValues()} fills them in)
 */
public record TargetSpec(TargetKind kind, URI endpoint, OptionalLong pid, Optional<Path> pidFile,
                         List<String> command, String healthPath, double readyTimeoutSec, FaultSpec faults,
                         TlsTrust tls, String metricsPath, Watch watch, Map<String, String> metricsHeaders) {
    /** Engram's Prometheus path, the default of {@code metrics_path}. */
    public static final String DEFAULT_METRICS_PATH = "/metrics/prometheus";

    public TargetSpec {
        command = List.copyOf(command);
        java.util.Objects.requireNonNull(tls, "tls");
        java.util.Objects.requireNonNull(metricsPath, "metricsPath");
        java.util.Objects.requireNonNull(watch, "watch");
        metricsHeaders = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metricsHeaders));
    }

    /** A target whose scrapes send no headers. */
    public TargetSpec(TargetKind kind, URI endpoint, OptionalLong pid, Optional<Path> pidFile,
                      List<String> command, String healthPath, double readyTimeoutSec, FaultSpec faults, TlsTrust tls,
                      String metricsPath, Watch watch) {
        this(kind, endpoint, pid, pidFile, command, healthPath, readyTimeoutSec, faults, tls, metricsPath, watch, Map.of());
    }

    /** A target whose process is found as {@link Watch#AUTO} says. */
    public TargetSpec(TargetKind kind, URI endpoint, OptionalLong pid, Optional<Path> pidFile,
                      List<String> command, String healthPath, double readyTimeoutSec, FaultSpec faults, TlsTrust tls,
                      String metricsPath) {
        this(kind, endpoint, pid, pidFile, command, healthPath, readyTimeoutSec, faults, tls, metricsPath, Watch.AUTO);
    }

    /** A target with the default metrics path. */
    public TargetSpec(TargetKind kind, URI endpoint, OptionalLong pid, Optional<Path> pidFile,
                      List<String> command, String healthPath, double readyTimeoutSec, FaultSpec faults, TlsTrust tls) {
        this(kind, endpoint, pid, pidFile, command, healthPath, readyTimeoutSec, faults, tls, DEFAULT_METRICS_PATH);
    }

    /** A target with the default TLS trust ({@link TlsTrust#DEFAULT}) and metrics path. */
    public TargetSpec(TargetKind kind, URI endpoint, OptionalLong pid, Optional<Path> pidFile,
                      List<String> command, String healthPath, double readyTimeoutSec, FaultSpec faults) {
        this(kind, endpoint, pid, pidFile, command, healthPath, readyTimeoutSec, faults, TlsTrust.DEFAULT);
    }

    /** Where the target's Prometheus text is scraped: {@code metrics_path} on the endpoint, or the URL it is. */
    public URI metricsUrl() {
        return endpoint.resolve(metricsPath);
    }

    /**
     * The headers of every scrape, {@code {{env:NAME}}} filled in from the environment (the validator has checked
     * that each is set and that no other placeholder is used).
     */
    public Map<String, String> metricsHeaderValues() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        metricsHeaders.forEach((name, template) -> {
            StringBuilder v = new StringBuilder();
            for (TemplateText.Segment s : TemplateText.parse(template)) {
                v.append(s.kind() == TemplateText.Kind.ENV ? java.util.Objects.requireNonNullElse(System.getenv(s.text()), "")
                        : s.text());
            }
            out.put(name, v.toString());
        });
        return out;
    }

    /** Whether no process is named: none of {@code pid}, {@code pid_file}, {@code command}. */
    public boolean namesNoProcess() {
        return pid.isEmpty() && pidFile.isEmpty() && command.isEmpty();
    }

    /**
     * {@code [target] watch}: where the watched process's resources (RSS, threads, fds, CPU, …) come from.
     *
     * <ul>
     * <li>{@code process}: the process on this host, read from {@code /proc} (or OSHI): {@code pid}, {@code pid_file},
     *     {@code command}, or the process listening on the endpoint's port.</li>
     * <li>{@code metrics}: the process behind the endpoint, wherever it runs (another host, a container, a pod behind a
     *     port forward), read from the standard process metrics of its Prometheus text at {@code metrics_path}
     *     ({@code process_resident_memory_bytes}, {@code process_open_fds}, {@code process_max_fds},
     *     {@code process_cpu_seconds_total}, {@code process_start_time_seconds}, threads).</li>
     * <li>{@code auto} (the default): {@code process} when a process is named or the endpoint's host is this one,
     *     {@code metrics} otherwise.</li>
     * </ul>
     */
    public enum Watch {
        AUTO, PROCESS, METRICS;

        /** The TOML spelling. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code [target] kind}. */
    public enum TargetKind {
        ENGRAM, HTTP, EMBEDDED;

        /** The TOML spelling. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
