package dev.soak.reference;

import dev.soak.tls.TlsTrust;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * The reference server as a watched child process ({@code [target] kind = "embedded"}): same JVM
 * binary ({@code ProcessHandle.current().info().command()}, else {@code java.home/bin/java}) and
 * class path ({@code java.class.path}) as this process, so its resources are measured apart from
 * the driver's.
 *
 * <p>Child JVM flags ({@link #DEFAULT_JVM_ARGS}): {@code -XX:+UseSerialGC} (one GC thread: a flat
 * thread count, no concurrent uncommit, and what ergonomics picks on small machines anyway),
 * {@code -Xms64m -Xmx512m} with {@code -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30} (the heap
 * follows the live set closely, so a leak shows in RSS as well as in heap-after-GC, while a stable
 * server's RSS plateaus; the heap is not pre-touched, so RSS grows with what is used — the server's
 * periodic full collection, {@link LiveSetCollector}, keeps old-generation garbage from creeping up
 * through untouched pages), {@code -XX:MarkSweepDeadRatio=0} (a full collection compacts the whole
 * old generation: by default SerialGC may leave up to 5 % of it as dead objects turned into filler
 * {@code int[]}s, compacting fully only every fourth time, so the heap after a full collection
 * wandered by megabytes above the live set — measured: +2.4 MB of {@code int[]} between two
 * class histograms 2 minutes apart, and the old generation grew by 1 MB steps to hold it),
 * {@code -XX:+ExitOnOutOfMemoryError} (a leak ends in a clean exit the
 * orchestrator records, not a zombie), {@code -Xss512k}, and TCP_NODELAY for the JDK HTTP server
 * (see {@link ReferenceServer}). Environment: {@code MALLOC_ARENA_MAX=2} unless set (glibc otherwise
 * grows up to 8 malloc arenas per core as threads allocate natively, a slow RSS creep that looks
 * like a small leak).
 *
 * <p>Lifetime: the child gets {@code --parent-pid} of this process and exits when this process is
 * gone (even after a SIGKILL); a shutdown hook also stops it when this JVM exits normally.
 *
 * <p>Start-up: the child's stdout and stderr go (appended) to the given log file; the port is read
 * from the {@code listening on http://…} line the server prints there, then {@code GET /health} is
 * polled until it answers 200 or the ready timeout passes. With a key store in the options the
 * server speaks HTTPS, and the health check trusts exactly the certificates of that key store
 * (pinned, so the host name is not checked: the child is ours, on loopback).
 *
 * <p>Example:
 * <pre>{@code
 * try (var target = EmbeddedTarget.start(ReferenceServerOptions.fromFaultSpec(spec),
 *                                        runDir.resolve("target.log"), Duration.ofSeconds(30))) {
 *     URI endpoint = target.endpoint();   // http://127.0.0.1:41234
 *     long pid = target.pid();            // watch this process
 * }
 * }</pre>
 *
 * <p>Thread-safe: all methods may be called from any thread.
 */
public final class EmbeddedTarget implements AutoCloseable {
    /** Flags of the child JVM (see the class documentation for why). */
    public static final List<String> DEFAULT_JVM_ARGS = List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx512m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:MarkSweepDeadRatio=0", "-XX:+ExitOnOutOfMemoryError",
            "-Xss512k", "-Dsun.net.httpserver.nodelay=true");

    private final Process process;
    private final URI endpoint;
    private final Path logFile;

    private final Thread reaper;

    private EmbeddedTarget(Process process, URI endpoint, Path logFile) {
        this.process = process;
        this.endpoint = endpoint;
        this.logFile = logFile;
        this.reaper = new Thread(() -> stop(process, Duration.ofSeconds(2)), "embedded-target-reaper");
    }

    /** Starts a child with {@link #DEFAULT_JVM_ARGS}; see {@link #start(ReferenceServerOptions, Path, Duration, List)}. */
    public static EmbeddedTarget start(ReferenceServerOptions options, Path logFile, Duration readyTimeout)
            throws IOException {
        return start(options, logFile, readyTimeout, DEFAULT_JVM_ARGS);
    }

    /**
     * Starts the reference server as a child process and waits until it is healthy. The port of
     * {@code options} is used as given (0 = any free port, the usual choice).
     *
     * @param options      server options (faults included); passed with {@link ReferenceServerOptions#toArgs()}
     * @param logFile      where the child's stdout and stderr are appended (parent directories are created)
     * @param readyTimeout how long to wait for the port line and a 200 from {@code /health}
     * @param jvmArgs      flags of the child JVM
     * @throws IOException when the child cannot be started, exits early, or is not healthy in time
     *                     (the child is then stopped; the message quotes the end of its log)
     */
    public static EmbeddedTarget start(ReferenceServerOptions options, Path logFile, Duration readyTimeout,
                                       List<String> jvmArgs) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(logFile, "logFile");
        Path parent = logFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!Files.exists(logFile)) {
            Files.createFile(logFile);
        }
        long logStart = Files.size(logFile);
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ReferenceServer.class.getName());
        cmd.addAll(options.toBuilder().parentPid(ProcessHandle.current().pid()).build().toArgs());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        Process p = pb
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                .start();
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        try {
            SSLContext tls = options.https() ? trustingOwnCertificate(options) : null;
            URI endpoint = awaitEndpoint(p, logFile, logStart, deadline);
            awaitHealthy(p, endpoint, tls, logFile, logStart, deadline);
            EmbeddedTarget target = new EmbeddedTarget(p, endpoint, logFile);
            Runtime.getRuntime().addShutdownHook(target.reaper);
            return target;
        } catch (IOException | RuntimeException e) {
            stop(p, Duration.ofSeconds(2));
            throw e;
        } catch (InterruptedException e) {
            stop(p, Duration.ofSeconds(2));
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the reference server to start", e);
        }
    }

    /** Base URI of the server, e.g. {@code http://127.0.0.1:41234} ({@code https://} with a key store). */
    public URI endpoint() {
        return endpoint;
    }

    /** Process id of the child (the process to watch). */
    public long pid() {
        return process.pid();
    }

    /** The child process. */
    public Process process() {
        return process;
    }

    /** The child's log file (stdout and stderr). */
    public Path logFile() {
        return logFile;
    }

    /** True while the child runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops the child: SIGTERM ({@link Process#destroy()}), then after {@code grace} SIGKILL
     * ({@link Process#destroyForcibly()}).
     *
     * @return its exit code (143 after SIGTERM on Linux, the crash fault's 3, …), or -1 if it could
     *         not be reaped
     */
    public int stop(Duration grace) {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down already (the hook is running or ran), or removed before
        }
        return stop(process, grace);
    }

    /** {@link #stop(Duration)} with a 5 s grace. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    private static int stop(Process p, Duration grace) {
        try {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    if (!p.waitFor(5, TimeUnit.SECONDS)) {
                        return -1;
                    }
                }
            }
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return -1;
        }
    }

    private static URI awaitEndpoint(Process p, Path log, long logStart, long deadline)
            throws IOException, InterruptedException {
        while (true) {
            String text = readFrom(log, logStart);
            int at = text.indexOf(ReferenceServer.LISTENING_PREFIX);
            if (at >= 0) {
                int end = text.indexOf('\n', at);
                if (end > 0) {
                    return URI.create(text.substring(at + ReferenceServer.LISTENING_PREFIX.length(), end).trim());
                }
            }
            if (!p.isAlive()) {
                throw new IOException("the reference server exited with code " + p.exitValue()
                        + " before listening; the end of its log " + log + ":\n" + tail(text));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the reference server did not print its port within the ready timeout; "
                        + "raise [target] ready_timeout_sec; the end of its log " + log + ":\n" + tail(text));
            }
            Thread.sleep(20);
        }
    }

    /** A client context whose only trust anchors are the certificates of the server's key store. */
    private static SSLContext trustingOwnCertificate(ReferenceServerOptions options) throws IOException {
        Path file = options.keystore().orElseThrow();
        char[] pw = options.keystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pw);
            List<X509Certificate> certs = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.getCertificate(alias) instanceof X509Certificate c) {
                    certs.add(c);
                }
            }
            if (certs.isEmpty()) {
                throw new IOException("the key store " + file + " holds no X.509 certificate");
            }
            return TlsTrust.trusting(certs);
        } catch (GeneralSecurityException e) {
            throw new IOException("the key store " + file + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static void awaitHealthy(Process p, URI endpoint, SSLContext tls, Path log, long logStart, long deadline)
            throws IOException, InterruptedException {
        String last = "no answer";
        while (true) {
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/health").toURL().openConnection();
                if (tls != null && c instanceof HttpsURLConnection https) {
                    https.setSSLSocketFactory(tls.getSocketFactory());
                    https.setHostnameVerifier((host, session) -> true); // pinned to the server's own certificate
                }
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                int code = c.getResponseCode();
                try (InputStream in = code < 400 ? c.getInputStream() : c.getErrorStream()) {
                    if (in != null) {
                        in.readAllBytes();
                    }
                }
                if (code == 200) {
                    return;
                }
                last = "HTTP " + code;
            } catch (IOException e) {
                last = e.toString();
            }
            if (!p.isAlive()) {
                throw new IOException("the reference server exited with code " + p.exitValue()
                        + " before it was healthy; the end of its log " + log + ":\n" + tail(readFrom(log, logStart)));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the reference server at " + endpoint + " was not healthy within the ready "
                        + "timeout (last: " + last + "); raise [target] ready_timeout_sec");
            }
            Thread.sleep(50);
        }
    }

    private static String readFrom(Path log, long offset) throws IOException {
        try (var f = new java.io.RandomAccessFile(log.toFile(), "r")) {
            long n = Math.min(f.length() - offset, 1 << 20);
            if (n <= 0) {
                return "";
            }
            byte[] b = new byte[(int) n];
            f.seek(offset);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .filter(c -> Files.isExecutable(Path.of(c)))
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

}
