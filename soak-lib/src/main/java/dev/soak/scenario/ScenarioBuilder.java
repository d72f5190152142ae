package dev.soak.scenario;

import dev.soak.tls.ClientIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link Scenario} from code with the same defaults and the same validation messages as
 * {@link ScenarioLoader} (which uses this builder itself), e.g.
 * <pre>{@code
 * Scenario s = Scenario.builder("checkout soak")
 *         .duration(Duration.ofHours(2))
 *         .arrival(new ArrivalPattern.Poisson(300))
 *         .thresholds(new Thresholds(5, 1))
 *         .targetKind(TargetSpec.TargetKind.EMBEDDED)
 *         .build();
 * }</pre>
 * {@link #build()} checks everything and throws one {@link ScenarioException} listing every
 * problem, with keys named as in a TOML file ({@code [soak] warmup_sec}). Unset values take the
 * documented defaults (see {@code scenarios/soak/README.md}).
 *
 * <p>Not thread-safe; use one builder per thread. The built {@link Scenario} is immutable.
 */
public final class ScenarioBuilder {
    /** Default {@code [target] endpoint}. */
    public static final String DEFAULT_ENDPOINT = "http://localhost:7432";

    final Problems problems;

    String name;
    String description = "";
    double totalSeconds = 300;
    Double maxTotalSeconds; // null = absent: no extension
    ArrivalPattern arrival;
    final Map<EngramOperation, Double> weights = new EnumMap<>(EngramOperation.class);
    final List<HttpRequestTemplate> requests = new ArrayList<>();
    DataSpec data = new DataSpec(0, 768, 1, new EmbeddingDistribution.Clustered(10, 0.1));
    ValidationSpec validation = ValidationSpec.none();
    boolean chaosEnabled;

    TargetSpec.TargetKind kind;
    String endpoint = DEFAULT_ENDPOINT;
    Long pid;
    Path pidFile;
    List<String> command = List.of();
    String healthPath = "/health";
    String metricsPath = TargetSpec.DEFAULT_METRICS_PATH;
    TargetSpec.Watch watch = TargetSpec.Watch.AUTO;
    Map<String, String> metricsHeaders = new LinkedHashMap<>();
    double readyTimeoutSec = 30;
    FaultSpec faults = FaultSpec.none();
    Path tlsCaFile;
    boolean tlsInsecure;
    Path tlsClientCert;
    Path tlsClientKey;

    double checkpointIntervalSec = 3600;
    double resourceCheckIntervalSec = 60;
    double sampleIntervalSec = 10;
    Double warmupSec; // null = "auto"
    double timeScale = 1;
    AbortConditions abort = AbortConditions.none();
    Thresholds thresholds = Thresholds.defaults();

    ScenarioBuilder(Problems problems) {
        this.problems = problems;
    }

    /** A builder for a scenario called {@code name}; problems are reported with source "ScenarioBuilder". */
    public static ScenarioBuilder named(String name) {
        return new ScenarioBuilder(new Problems("ScenarioBuilder")).name(name);
    }

    /** A builder holding every value of {@code scenario}, to change some and build again. */
    public static ScenarioBuilder from(Scenario scenario) {
        return from(scenario, "ScenarioBuilder");
    }

    static ScenarioBuilder from(Scenario s, String source) {
        ScenarioBuilder b = new ScenarioBuilder(new Problems(source));
        b.name = s.name();
        b.description = s.description();
        b.totalSeconds = s.totalSeconds();
        b.maxTotalSeconds = s.maxTotalSeconds().isPresent() ? s.maxTotalSeconds().getAsDouble() : null;
        b.arrival = s.arrival();
        if (s.operations().isHttpTemplates()) {
            b.requests.addAll(s.operations().requests());
        } else {
            for (EngramOperation op : EngramOperation.values()) {
                b.weights.put(op, s.operations().weights().getOrDefault(op.key(), 0.0));
            }
        }
        b.data = s.data();
        b.validation = s.validation();
        b.chaosEnabled = s.chaosEnabled();
        b.target(s.target());
        b.soak(s.soak());
        return b;
    }

    public ScenarioBuilder name(String name) { this.name = name; return this; }

    public ScenarioBuilder description(String description) { this.description = Objects.requireNonNull(description); return this; }

    /** {@code [duration] total_seconds}, in scenario time. */
    public ScenarioBuilder duration(Duration duration) { return totalSeconds(seconds(duration)); }

    ScenarioBuilder totalSeconds(double sec) { this.totalSeconds = sec; return this; }

    /**
     * {@code [duration] max_total_seconds}, in scenario time: an INCONCLUSIVE run may go on past
     * {@link #duration(Duration)}, by the extra time its verdicts ask for, up to this length; the
     * test at the planned end then uses α/2. Must be ≥ the duration. Unset (the default): no extension.
     */
    public ScenarioBuilder maxDuration(Duration maxDuration) { return maxTotalSeconds(seconds(maxDuration)); }

    ScenarioBuilder maxTotalSeconds(double sec) { this.maxTotalSeconds = sec; return this; }

    /** {@code [arrival]}. A {@link ArrivalPattern.Ramp} is stretched to the scenario's duration on {@link #build()}. */
    public ScenarioBuilder arrival(ArrivalPattern arrival) { this.arrival = Objects.requireNonNull(arrival); return this; }

    /** One Engram weight, relative ({@code [operations] store_weight} …); unset weights are 0 once any is set. */
    public ScenarioBuilder weight(EngramOperation op, double weight) { weights.put(op, weight); return this; }

    /** Adds one {@code [[operations.request]]} template (then the target kind defaults to http). */
    public ScenarioBuilder request(HttpRequestTemplate template) { requests.add(Objects.requireNonNull(template)); return this; }

    public ScenarioBuilder data(DataSpec data) { this.data = Objects.requireNonNull(data); return this; }

    public ScenarioBuilder validation(ValidationSpec validation) { this.validation = Objects.requireNonNull(validation); return this; }

    public ScenarioBuilder chaosEnabled(boolean enabled) { this.chaosEnabled = enabled; return this; }

    /** Sets every {@code [target]} value from {@code target}. */
    public ScenarioBuilder target(TargetSpec t) {
        kind = t.kind();
        endpoint = t.endpoint().toString();
        pid = t.pid().isPresent() ? t.pid().getAsLong() : null;
        pidFile = t.pidFile().orElse(null);
        command = t.command();
        healthPath = t.healthPath();
        metricsPath = t.metricsPath();
        watch = t.watch();
        metricsHeaders = new LinkedHashMap<>(t.metricsHeaders());
        readyTimeoutSec = t.readyTimeoutSec();
        faults = t.faults();
        tlsCaFile = t.tls().caFile().orElse(null);
        tlsInsecure = t.tls().insecure();
        tlsClientCert = t.tls().identity().map(ClientIdentity::certFile).orElse(null);
        tlsClientKey = t.tls().identity().map(ClientIdentity::keyFile).orElse(null);
        return this;
    }

    public ScenarioBuilder targetKind(TargetSpec.TargetKind kind) { this.kind = Objects.requireNonNull(kind); return this; }

    /** {@code [target] endpoint}, an http(s) URL such as {@code http://127.0.0.1:8080}. */
    public ScenarioBuilder endpoint(String endpoint) { this.endpoint = Objects.requireNonNull(endpoint); return this; }

    public ScenarioBuilder pid(long pid) { this.pid = pid; return this; }

    public ScenarioBuilder pidFile(Path pidFile) { this.pidFile = Objects.requireNonNull(pidFile); return this; }

    /** {@code [target] command}: argv of the process to spawn and watch. */
    public ScenarioBuilder command(List<String> argv) { this.command = List.copyOf(argv); return this; }

    public ScenarioBuilder healthPath(String path) { this.healthPath = Objects.requireNonNull(path); return this; }

    /** {@code [target] metrics_path}: the target's Prometheus text, for the heap after GC (default {@code /metrics/prometheus}). */
    public ScenarioBuilder metricsPath(String path) { this.metricsPath = Objects.requireNonNull(path); return this; }

    /** {@code [target] metrics_headers}: headers sent with every scrape; values may hold {@code {{env:NAME}}}. */
    public ScenarioBuilder metricsHeaders(Map<String, String> headers) {
        this.metricsHeaders = new LinkedHashMap<>(headers);
        return this;
    }

    /** {@code [target] watch}: where the watched process's resources come from (default {@code auto}). */
    public ScenarioBuilder watch(TargetSpec.Watch watch) { this.watch = Objects.requireNonNull(watch); return this; }

    public ScenarioBuilder readyTimeout(Duration timeout) { this.readyTimeoutSec = seconds(timeout); return this; }

    public ScenarioBuilder faults(FaultSpec faults) { this.faults = Objects.requireNonNull(faults); return this; }

    /** {@code [target] tls_ca_file}: PEM certificates an https endpoint is checked against (instead of the JDK's trust store). */
    public ScenarioBuilder tlsCaFile(Path caFile) { this.tlsCaFile = Objects.requireNonNull(caFile); return this; }

    /** {@code [target] tls_insecure}: accept any certificate and host name of an https endpoint (test services only). */
    public ScenarioBuilder tlsInsecure(boolean insecure) { this.tlsInsecure = insecure; return this; }

    /**
     * {@code [target] tls_client_cert} and {@code tls_client_key}: the certificate (PEM chain) and its private key
     * (PKCS#8 PEM) presented to a server that asks for a client certificate (mutual TLS).
     */
    public ScenarioBuilder tlsClientCertificate(Path certFile, Path keyFile) {
        this.tlsClientCert = Objects.requireNonNull(certFile);
        this.tlsClientKey = Objects.requireNonNull(keyFile);
        return this;
    }

    /** Sets every {@code [soak]} value from {@code soak}. */
    public ScenarioBuilder soak(SoakSettings s) {
        checkpointIntervalSec = s.checkpointIntervalSec();
        resourceCheckIntervalSec = s.resourceCheckIntervalSec();
        sampleIntervalSec = s.sampleIntervalSec();
        warmupSec = s.warmupSec().isPresent() ? s.warmupSec().getAsDouble() : null;
        timeScale = s.timeScale();
        abort = s.abort();
        thresholds = s.thresholds();
        return this;
    }

    public ScenarioBuilder checkpointInterval(Duration d) { return checkpointIntervalSec(seconds(d)); }

    ScenarioBuilder checkpointIntervalSec(double sec) { this.checkpointIntervalSec = sec; return this; }

    public ScenarioBuilder resourceCheckInterval(Duration d) { this.resourceCheckIntervalSec = seconds(d); return this; }

    public ScenarioBuilder sampleInterval(Duration d) { this.sampleIntervalSec = seconds(d); return this; }

    /** {@code [soak] warmup_sec}, wall time. */
    public ScenarioBuilder warmup(Duration d) { this.warmupSec = seconds(d); return this; }

    /** {@code [soak] warmup_sec = "auto"} (the default): the detectors find where warm-up ends. */
    public ScenarioBuilder warmupAuto() { this.warmupSec = null; return this; }

    /** {@code [soak] time_scale}: scenario seconds per wall second (e.g. 6 runs an hour in 10 minutes). */
    public ScenarioBuilder timeScale(double scale) { this.timeScale = scale; return this; }

    public ScenarioBuilder abortConditions(AbortConditions abort) { this.abort = Objects.requireNonNull(abort); return this; }

    public ScenarioBuilder thresholds(Thresholds thresholds) { this.thresholds = Objects.requireNonNull(thresholds); return this; }

    /**
     * Validates everything and builds the scenario.
     *
     * @throws ScenarioException listing every problem found (including any reported while loading)
     */
    public Scenario build() {
        Scenario s = ScenarioValidator.validateAndBuild(this);
        problems.throwIfAny();
        return s;
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }
}
