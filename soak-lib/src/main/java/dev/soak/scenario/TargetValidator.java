package dev.soak.scenario;

import static dev.soak.scenario.Problems.quote;
import static dev.soak.scenario.ScenarioValidator.atLeastZero;
import static dev.soak.scenario.ScenarioValidator.fraction;
import static dev.soak.scenario.ScenarioValidator.positive;

import dev.soak.tls.ClientIdentity;
import dev.soak.tls.PemCertificates;
import dev.soak.tls.PemPrivateKey;
import dev.soak.tls.TlsTrust;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** The {@code [target]} and {@code [target.faults]} part of {@link ScenarioValidator}. Stateless and thread-safe. */
final class TargetValidator {
    private TargetValidator() {
    }

    // ---- [target] ----

    static TargetSpec target(Problems p, ScenarioBuilder b) {
        TargetSpec.TargetKind kind = b.kind != null ? b.kind
                : b.requests.isEmpty() ? TargetSpec.TargetKind.ENGRAM : TargetSpec.TargetKind.HTTP;
        String kindValue = quote(kind.key());
        if (kind == TargetSpec.TargetKind.ENGRAM && !b.requests.isEmpty()) {
            p.add("[target] kind", kindValue, "drives the Engram API and cannot send [[operations.request]] templates",
                    "Fix: set kind = \"http\" (or remove the templates)");
        }
        if (kind == TargetSpec.TargetKind.HTTP && b.requests.isEmpty()) {
            p.add("[target] kind", kindValue, "needs [[operations.request]] templates saying what to send",
                    "Fix: add at least one [[operations.request]] with name, method and path, or use kind = \"engram\"");
        }
        URI endpoint = endpoint(p, b.endpoint);
        if (b.pid != null && b.pid <= 0) {
            p.add("[target] pid", Long.toString(b.pid), "must be a process id > 0", "Fix: use the id `pgrep` or `jps` shows");
        }
        int ways = (b.pid != null ? 1 : 0) + (b.pidFile != null ? 1 : 0) + (b.command.isEmpty() ? 0 : 1);
        if (kind == TargetSpec.TargetKind.EMBEDDED && ways > 0) {
            p.add("[target] kind", kindValue, "starts its own reference server, so pid, pid_file and command must not be set",
                    "Fix: remove them, or use kind = \"engram\" or \"http\" to watch another process");
        } else if (ways > 1) {
            p.add("[target] " + (b.pid != null ? "pid" : "pid_file"), b.pid != null ? Long.toString(b.pid) : quote(b.pidFile.toString()),
                    "cannot be combined with " + (b.pid != null && b.pidFile != null ? "[target] pid_file" : "[target] command")
                            + ": the watched process is found one way only",
                    "Fix: keep only one of pid, pid_file and command");
        }
        for (String arg : b.command) {
            if (arg == null || arg.isEmpty()) {
                p.add("[target] command", b.command.toString(), "must not hold empty arguments", "Fix: e.g. command = [\"./server\", \"--port\", \"7432\"]");
                break;
            }
        }
        if (b.healthPath == null || !b.healthPath.startsWith("/")) {
            p.add("[target] health_path", b.healthPath == null ? "" : quote(b.healthPath), "must be a path starting with /",
                    "Fix: e.g. health_path = \"/health\"");
        }
        if (b.metricsPath == null || !(b.metricsPath.startsWith("/") || isHttpUrl(b.metricsPath))) {
            p.add("[target] metrics_path", b.metricsPath == null ? "" : quote(b.metricsPath), "must be a path starting with /"
                    + " (on the endpoint) or a whole http:// or https:// URL with a host (metrics served elsewhere, e.g. on a"
                    + " management port)", "Fix: e.g. metrics_path = \"/actuator/prometheus\" (Spring Boot), \"/metrics\","
                    + " or \"http://10.0.3.7:9090/metrics\"");
        } else if (kind == TargetSpec.TargetKind.EMBEDDED && !b.metricsPath.equals(TargetSpec.DEFAULT_METRICS_PATH)) {
            p.add("[target] metrics_path", quote(b.metricsPath), "does not apply to kind = \"embedded\": the reference server"
                    + " serves " + TargetSpec.DEFAULT_METRICS_PATH, "Fix: remove metrics_path");
        }
        metricsHeaders(p, b, kind);
        if (b.watch == TargetSpec.Watch.METRICS && ways > 0) {
            p.add("[target] watch", quote(b.watch.key()), "reads the process from its Prometheus text, so pid, pid_file and"
                    + " command, which name a process on this host, must not be set",
                    "Fix: remove watch to watch the named process, or remove pid, pid_file and command");
        } else if (b.watch == TargetSpec.Watch.PROCESS && kind == TargetSpec.TargetKind.EMBEDDED) {
            p.add("[target] watch", quote(b.watch.key()), "does not apply to kind = \"embedded\": the reference server is"
                    + " a child process, always watched as one", "Fix: remove watch, or set watch = \"metrics\"");
        }
        positive(p, "[target] ready_timeout_sec", b.readyTimeoutSec, "a number of seconds > 0", "Fix: e.g. ready_timeout_sec = 30");
        faults(p, b.faults, kind);
        TlsTrust tls = tls(p, b, kind, endpoint);
        if (endpoint == null || tls == null) {
            return null;
        }
        return new TargetSpec(kind, endpoint, b.pid == null ? OptionalLong.empty() : OptionalLong.of(b.pid),
                Optional.ofNullable(b.pidFile), b.command, b.healthPath, b.readyTimeoutSec, b.faults, tls, b.metricsPath, b.watch,
                b.metricsHeaders);
    }

    /**
     * {@code metrics_headers}: header names HTTP allows, values of one line whose only placeholder is {@code
     * {{env:NAME}}} of a variable that is set (a scrape sends the same headers each time); not for the embedded server.
     */
    private static void metricsHeaders(Problems p, ScenarioBuilder b, TargetSpec.TargetKind kind) {
        if (!b.metricsHeaders.isEmpty() && kind == TargetSpec.TargetKind.EMBEDDED) {
            p.add("[target] metrics_headers", String.join(", ", b.metricsHeaders.keySet()), "does not apply to kind ="
                    + " \"embedded\": the reference server's metrics need no credentials", "Fix: remove metrics_headers");
            return;
        }
        b.metricsHeaders.forEach((name, value) -> {
            String key = "[target] metrics_headers." + name;
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                p.add(key, quote(value), "has a header name HTTP does not allow (letters, digits and !#$%&'*+-.^_`|~ only)",
                        "Fix: e.g. metrics_headers = { Authorization = \"Bearer {{env:METRICS_TOKEN}}\" }");
                return;
            }
            try {
                if (TemplateText.parse(value).stream().anyMatch(s -> s.kind() != TemplateText.Kind.ENV
                        && s.kind() != TemplateText.Kind.LITERAL)) {
                    p.add(key, quote(value), "may use {{env:NAME}} only: every scrape sends the same headers",
                            "Fix: e.g. Authorization = \"Bearer {{env:METRICS_TOKEN}}\"");
                    return;
                }
            } catch (TemplateText.Malformed e) {
                // the check below names it
            }
            ScenarioValidator.placeholders(p, key, value, "a header");
        });
    }

    /** Whether {@code text} is an absolute http(s) URL with a host. */
    private static boolean isHttpUrl(String text) {
        try {
            URI u = new URI(text);
            return u.getScheme() != null && (u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))
                    && u.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** {@code tls_ca_file}, {@code tls_insecure}, {@code tls_client_cert} and {@code tls_client_key}; null after a problem. */
    private static TlsTrust tls(Problems p, ScenarioBuilder b, TargetSpec.TargetKind kind, URI endpoint) {
        if (b.tlsCaFile == null && !b.tlsInsecure && b.tlsClientCert == null && b.tlsClientKey == null) {
            return TlsTrust.DEFAULT;
        }
        String key = b.tlsCaFile != null ? "tls_ca_file" : b.tlsInsecure ? "tls_insecure"
                : b.tlsClientCert != null ? "tls_client_cert" : "tls_client_key";
        String value = switch (key) {
            case "tls_ca_file" -> quote(b.tlsCaFile.toString());
            case "tls_insecure" -> "true";
            case "tls_client_cert" -> quote(b.tlsClientCert.toString());
            default -> quote(b.tlsClientKey.toString());
        };
        boolean ok = true;
        if (kind == TargetSpec.TargetKind.EMBEDDED) {
            p.add("[target] " + key, value, "does not apply to kind = \"embedded\": the embedded reference server speaks plain HTTP",
                    "Fix: remove the tls_* keys, or use kind = \"engram\" or \"http\" with an https:// endpoint");
            ok = false;
        } else if (endpoint != null && !"https".equalsIgnoreCase(endpoint.getScheme())) {
            p.add("[target] " + key, value, "only applies to an https:// endpoint, but [target] endpoint = " + quote(endpoint.toString()),
                    "Fix: use https:// in endpoint if the service speaks TLS, or remove " + key);
            ok = false;
        }
        if (b.tlsCaFile != null && b.tlsInsecure) {
            p.add("[target] tls_insecure", "true", "cannot be combined with [target] tls_ca_file = " + quote(b.tlsCaFile.toString())
                            + ": one says which certificates to trust, the other to trust any",
                    "Fix: keep tls_ca_file to verify the service against it, or remove it to skip verification");
            return null;
        }
        if ((b.tlsClientCert == null) != (b.tlsClientKey == null)) {
            boolean certOnly = b.tlsClientCert != null;
            p.add("[target] " + (certOnly ? "tls_client_cert" : "tls_client_key"),
                    quote((certOnly ? b.tlsClientCert : b.tlsClientKey).toString()),
                    "needs [target] " + (certOnly ? "tls_client_key" : "tls_client_cert") + " as well: a client certificate"
                            + " is presented with its private key",
                    "Fix: give both, e.g. tls_client_cert = \"client.pem\" and tls_client_key = \"client-key.pem\""
                            + " (the key in PKCS#8 PEM; both may name one file holding the two)");
            return null;
        }
        if (b.tlsCaFile != null) {
            ok &= pemFile(p, "tls_ca_file", b.tlsCaFile, PemCertificates::read,
                    "Fix: give the certificate in PEM (-----BEGIN CERTIFICATE-----), e.g. from"
                            + " `keytool -exportcert -rfc -alias server -keystore server.p12 -file ca.pem` or"
                            + " `openssl x509 -in cert.der -inform der -out ca.pem`");
        }
        Optional<ClientIdentity> identity = Optional.empty();
        if (b.tlsClientCert != null) {
            boolean files = pemFile(p, "tls_client_cert", b.tlsClientCert, PemCertificates::read,
                    "Fix: give the client certificate in PEM (-----BEGIN CERTIFICATE-----), its own first, then any"
                            + " intermediates")
                    & pemFile(p, "tls_client_key", b.tlsClientKey, PemPrivateKey::read,
                    "Fix: give the private key of tls_client_cert in unencrypted PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)");
            identity = Optional.of(new ClientIdentity(b.tlsClientCert, b.tlsClientKey));
            if (files) {
                try {
                    identity.get().keyManagers();
                } catch (IOException e) {
                    p.add("[target] tls_client_key", quote(b.tlsClientKey.toString()), "cannot be used: " + e.getMessage(),
                            "Fix: give the private key that belongs to the certificate in tls_client_cert");
                    files = false;
                }
            }
            ok &= files;
        }
        if (!ok) {
            return null;
        }
        TlsTrust trust = b.tlsInsecure ? TlsTrust.trustAll() : b.tlsCaFile != null ? TlsTrust.caFile(b.tlsCaFile) : TlsTrust.DEFAULT;
        return identity.map(trust::withIdentity).orElse(trust);
    }

    private interface PemReader {
        void read(java.nio.file.Path file) throws IOException;
    }

    /** Whether {@code [target] key}'s file exists, can be read and holds what {@code reader} wants (reported otherwise). */
    private static boolean pemFile(Problems p, String key, java.nio.file.Path file, PemReader reader, String fix) {
        String value = quote(file.toString());
        String where = file.isAbsolute() ? "" : " (" + file.toAbsolutePath() + ")";
        try {
            if (Files.isDirectory(file)) {
                p.add("[target] " + key, value, "is a directory" + where + ", not a PEM file", "Fix: name the file itself");
                return false;
            }
            reader.read(file);
            return true;
        } catch (NoSuchFileException e) {
            p.add("[target] " + key, value, "does not exist" + where + "; a relative path is read from the scenario file's directory",
                    "Fix: check the path, or give an absolute one");
        } catch (AccessDeniedException e) {
            p.add("[target] " + key, value, "cannot be read" + where + " (permission denied)", "Fix: check the file's permissions");
        } catch (IOException e) {
            p.add("[target] " + key, value, "is not usable: it " + e.getMessage(), fix);
        }
        return false;
    }

    private static URI endpoint(Problems p, String endpoint) {
        String hint = "Fix: write a URL with scheme, host and port, e.g. endpoint = \"http://localhost:7432\"";
        try {
            URI u = new URI(endpoint);
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || u.getHost() == null || u.getPort() > 65_535 || u.getQuery() != null || u.getFragment() != null) {
                p.add("[target] endpoint", quote(endpoint), "is not a valid http:// or https:// URL with a host", hint);
                return null;
            }
            return u;
        } catch (URISyntaxException e) {
            p.add("[target] endpoint", quote(endpoint), "is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")", hint);
            return null;
        }
    }

    private static void faults(Problems p, FaultSpec f, TargetSpec.TargetKind kind) {
        String at = "[target.faults] ";
        String hint = "Fix: use 0 for no fault";
        atLeastZero(p, at + "leak_mb_per_hour", f.leakMbPerHour(), "MB per hour >= 0", hint);
        atLeastZero(p, at + "leak_bytes_per_store", f.leakBytesPerStore(), "bytes per store >= 0", hint);
        atLeastZero(p, at + "latency_drift_pct_per_hour", f.latencyDriftPctPerHour(), "percent per hour >= 0", hint);
        atLeastZero(p, at + "base_latency_ms", f.baseLatencyMs(), "milliseconds >= 0", hint);
        atLeastZero(p, at + "fd_leak_per_minute", f.fdLeakPerMinute(), "file descriptors per minute >= 0", hint);
        atLeastZero(p, at + "thread_leak_per_minute", f.threadLeakPerMinute(), "threads per minute >= 0", hint);
        atLeastZero(p, at + "warmup_mb", f.warmupMb(), "MB >= 0", hint);
        atLeastZero(p, at + "warmup_tau_sec", f.warmupTauSec(), "seconds >= 0", hint);
        atLeastZero(p, at + "crash_after_sec", f.crashAfterSec(), "seconds >= 0 (0 = never)", hint);
        fraction(p, at + "error_rate", f.errorRate() == 0 ? OptionalDouble.empty() : OptionalDouble.of(f.errorRate()));
        if (f.warmupMb() > 0 && f.warmupTauSec() == 0) {
            p.add(at + "warmup_tau_sec", "0", "must be > 0 when [target.faults] warmup_mb is set (it is the warm-up's time constant)",
                    "Fix: e.g. warmup_tau_sec = 60");
        }
        if (f.any() && kind != TargetSpec.TargetKind.EMBEDDED) {
            p.add("[target.faults]", "", "only works with the embedded reference server, but [target] kind = " + quote(kind.key()),
                    "Fix: set [target] kind = \"embedded\", or remove [target.faults]");
        }
    }
}
