package dev.soak.soak;

import dev.soak.monitor.ProcessLocator;
import dev.soak.monitor.TargetNotFoundException;
import dev.soak.monitor.TargetProcess;
import dev.soak.reference.EmbeddedTarget;
import dev.soak.reference.ReferenceServerOptions;
import dev.soak.scenario.Scenario;
import dev.soak.scenario.TargetSpec;
import dev.soak.tls.TlsFailure;
import dev.soak.tls.TlsTrust;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The target of a run, started or found as its scenario's {@code [target]} says: {@code embedded}
 * starts the reference server as a child process with the scenario's faults
 * ({@link EmbeddedTarget}); otherwise {@code pid}, {@code pid_file}, {@code command} (spawned,
 * output in {@code target-output.log}) or the process listening on the endpoint's port
 * ({@link ProcessLocator}), or, for a process not on this host ({@code watch = "metrics"}, or by default when the
 * endpoint's host is another one), its Prometheus text. Either way the health check ({@code health_path}) must answer 200
 * within {@code ready_timeout_sec}, else the run does not start ({@link SoakException}). An https
 * health check trusts what {@code tls_ca_file} / {@code tls_insecure} say, as the driver does; a
 * certificate that is not trusted or does not name the host stops the start at once (waiting would
 * not change it), with what failed, the endpoint and the fix in one paragraph; a server that asked for a
 * client certificate and closes every connection for {@link #CLIENT_CERT_CLOSES} refused it.
 *
 * <p>Thread-safe: immutable after start; {@link #close()} may be called from any thread.
 */
final class TargetHandle implements AutoCloseable {
    static final String EMBEDDED_LOG = "target.log";

    private final URI endpoint;
    private final long pid;
    private final TargetProcess process;
    private final EmbeddedTarget embedded;
    private final String description;
    private boolean watchedOnly; // given by the caller: never stopped here

    private TargetHandle(URI endpoint, long pid, TargetProcess process, EmbeddedTarget embedded, String description) {
        this.endpoint = endpoint;
        this.pid = pid;
        this.process = process;
        this.embedded = embedded;
        this.description = description;
    }

    /** Starts or finds the target and waits for its health check. */
    static TargetHandle open(Scenario scenario, Path runDir) {
        return open(scenario, runDir, true);
    }

    /** A process given by the caller (the library API): watched only, never started, checked or stopped. */
    static TargetHandle watching(Scenario scenario, TargetProcess process) {
        TargetHandle h = new TargetHandle(scenario.target().endpoint(), process.pid(), process, null, process.description());
        h.watchedOnly = true;
        return h;
    }

    /**
     * Starts or finds the target; waits for its health check when {@code health} (the driver
     * sends HTTP to it), else only finds it (Java operations: the target is watched, not driven).
     */
    static TargetHandle open(Scenario scenario, Path runDir, boolean healthCheck) {
        TargetSpec t = scenario.target();
        Duration ready = Duration.ofMillis((long) (t.readyTimeoutSec() * 1000));
        if (t.kind() == TargetSpec.TargetKind.EMBEDDED) {
            ReferenceServerOptions options = ReferenceServerOptions.fromFaultSpec(t.faults()).toBuilder()
                .embeddingDim(scenario.data().embeddingDim()).build();
            EmbeddedTarget e;
            try {
                e = EmbeddedTarget.start(options, runDir.resolve(EMBEDDED_LOG), ready);
            } catch (IOException ex) {
                throw new SoakException("The embedded reference server ([target] kind = \"embedded\") did not start: "
                    + ex.getMessage() + " Its output is in " + runDir.resolve(EMBEDDED_LOG) + ". Raise [target]"
                    + " ready_timeout_sec if the machine is slow, or check the faults in [target.faults].", ex);
            }
            TargetProcess tp;
            try {
                tp = ProcessLocator.byPid(e.pid());
            } catch (TargetNotFoundException ex) {
                e.stop(Duration.ofSeconds(2));
                throw new SoakException("The embedded reference server exited right after it started; see "
                    + runDir.resolve(EMBEDDED_LOG) + ".", ex);
            }
            String faults = t.faults().any() ? " (with injected faults)" : "";
            if (t.watch() == TargetSpec.Watch.METRICS) {
                try {
                    tp = ProcessLocator.byMetrics(e.endpoint().resolve(TargetSpec.DEFAULT_METRICS_PATH), e.endpoint(),
                        TlsTrust.DEFAULT, Duration.ofSeconds(5));
                } catch (TargetNotFoundException ex) {
                    e.stop(Duration.ofSeconds(2));
                    throw new SoakException(ex.getMessage(), ex);
                }
                return new TargetHandle(e.endpoint(), e.pid(), tp, e, "embedded reference server" + faults + ", "
                    + tp.description());
            }
            return new TargetHandle(e.endpoint(), e.pid(), tp, e, "embedded reference server, pid " + e.pid() + faults);
        }
        URI health = t.endpoint().resolve(t.healthPath());
        TargetProcess tp;
        try {
            if (!healthCheck) {
                tp = ProcessLocator.locate(t, runDir);
            } else if (!t.command().isEmpty()) {
                tp = ProcessLocator.locate(t, runDir);
                waitHealthy(health, ready, tp, t.tls());
            } else {
                waitHealthy(health, ready, null, t.tls());
                tp = ProcessLocator.locate(t, runDir);
            }
        } catch (TargetNotFoundException ex) {
            throw new SoakException(ex.getMessage(), ex);
        }
        return new TargetHandle(t.endpoint(), tp.pid(), tp, null, tp.description());
    }

    /**
     * How long a server that asked for a client certificate may keep closing connections without a TLS alert before
     * the readiness check reads it as a refused certificate. A TLS 1.3 server refuses a certificate (or its absence)
     * after the client's side of the handshake, often by a close that the HTTP client reports as a plain I/O error;
     * a server that asks for one optionally, and closes connections while it is still starting, looks the same at
     * one attempt. A refusal repeats at every attempt; a start-up does not last.
     */
    static final Duration CLIENT_CERT_CLOSES = Duration.ofSeconds(5);

    /**
     * Polls {@code health} until it answers 200; a spawned process that exits meanwhile, or a TLS
     * certificate that is not accepted, fails at once (a close right after the server asked for a client
     * certificate, after {@link #CLIENT_CERT_CLOSES} of them).
     */
    static void waitHealthy(URI health, Duration timeout, TargetProcess spawned, TlsTrust tls) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        boolean closing = false; // the last attempts were closed right after a client-certificate request …
        long closingSince = 0; // … since this System.nanoTime()
        while (true) {
            if (spawned != null && spawned.spawned().isPresent() && !spawned.isAlive()) {
                throw new SoakException("The target command exited (code " + spawned.exitCode().orElse(-1)
                    + ") before its health check " + health + " answered. Its output is in "
                    + spawned.outputFile().map(Path::toString).orElse("target-output.log")
                    + "; fix [target] command and try again.");
            }
            TlsFailure tlsFailure = null;
            AtomicBoolean clientCertificateRequested = new AtomicBoolean();
            try {
                HttpURLConnection c = tls.open(health, clientCertificateRequested);
                c.setConnectTimeout(2000);
                c.setReadTimeout(2000);
                int code = c.getResponseCode();
                c.disconnect();
                if (code == 200) {
                    return;
                }
                last = "HTTP " + code;
                closing = false;
            } catch (IOException | IllegalArgumentException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                tlsFailure = TlsFailure.of(e, clientCertificateRequested.get()).orElse(null);
                boolean plainClose = tlsFailure == TlsFailure.CLIENT_CERT && TlsFailure.of(e).isEmpty();
                long now = System.nanoTime();
                if (plainClose && !closing) {
                    closingSince = now;
                }
                closing = plainClose;
                if (tlsFailure != null && tlsFailure != TlsFailure.HANDSHAKE
                        && (!plainClose || now - closingSince >= CLIENT_CERT_CLOSES.toNanos())) {
                    throw tlsError(health, tlsFailure, e, tls);
                }
            }
            if (System.nanoTime() - deadline > 0 && tlsFailure != null) {
                throw tlsError(health, tlsFailure, new IOException(last), tls);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new SoakException(String.format(Locale.ROOT, "The target's health check %s did not answer 200 within"
                    + " %.0f s (last: %s). Start the service first (or give [target] command so that Soak starts it),"
                    + " check [target] endpoint and health_path, or raise [target] ready_timeout_sec.",
                    health, timeout.toMillis() / 1000.0, last));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SoakException("interrupted while waiting for the target's health check " + health);
            }
        }
    }

    /** One paragraph: what failed in the TLS handshake, with which endpoint and trust, and the fix. */
    private static SoakException tlsError(URI health, TlsFailure failure, Throwable cause, TlsTrust tls) {
        return new SoakException("The target's health check " + health + " failed: "
            + failure.describe(cause, health.getHost()) + "; " + tls.describe() + ". " + failure.fix() + ".", cause);
    }

    URI endpoint() {
        return endpoint;
    }

    long pid() {
        return pid;
    }

    TargetProcess process() {
        return process;
    }

    boolean embedded() {
        return embedded != null;
    }

    String description() {
        return description;
    }

    /** The command that started the target, when Soak started it. */
    Optional<String> command() {
        if (embedded != null) {
            return Optional.of(embedded.process().info().commandLine().orElse("java dev.soak.reference.ReferenceServer"));
        }
        return process.spawned().flatMap(p -> p.info().commandLine());
    }

    boolean isAlive() {
        return embedded != null ? embedded.isAlive() : process.isAlive();
    }

    /** The exit code of a child (embedded or spawned), waiting up to 1 s for it to be reaped. */
    OptionalInt exitCode() {
        Process p = embedded != null ? embedded.process() : process.spawned().orElse(null);
        if (p == null) {
            return OptionalInt.empty();
        }
        try {
            if (p.waitFor(1, java.util.concurrent.TimeUnit.SECONDS)) {
                return OptionalInt.of(p.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OptionalInt.empty();
    }

    /** Stops a target Soak started (embedded or spawned); leaves a found process alone. */
    @Override
    public void close() {
        if (embedded != null) {
            embedded.stop(Duration.ofSeconds(5));
        } else if (process != null && !watchedOnly) {
            process.stopSpawned(Duration.ofSeconds(5));
        }
    }
}
