package dev.soak.reference;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.soak.tls.PemCertificates;
import dev.soak.tls.TlsTrust;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * An in-memory, Engram-compatible HTTP server with fault injection: the embedded default target of
 * a soak run. Built on the JDK's {@code com.sun.net.httpserver} with a fixed pool of
 * {@link ReferenceServerOptions#threads()} worker threads, all started up front so the thread count
 * is flat from the first request (a bounded queue of 1,024 waiting exchanges; beyond it the
 * accepting thread runs the request itself, which slows accepting: back-pressure, not growth).
 * TCP_NODELAY is switched on ({@code sun.net.httpserver.nodelay=true} unless set otherwise): with
 * the JDK's default, each response waits ~40 ms for a delayed ACK (measured here: 44–58 ms per
 * request with curl, 1.4–2 ms with it on).
 *
 * <p>HTTPS: with {@link ReferenceServerOptions#keystore()} (a PKCS12 file with one key pair) it is an
 * {@code HttpsServer} with the JDK's default TLS settings, same routes; its endpoint is {@code https://…}.
 *
 * <p>Run it as a process with {@link #main(String[])} (it prints
 * {@code listening on http://127.0.0.1:PORT} on its first stdout line, then blocks), start it in
 * this JVM with {@link #start(ReferenceServerOptions)}, or as a watched child process with
 * {@link EmbeddedTarget}. Routes, shapes and the memory bound: see the package documentation.
 *
 * <p>Every {@link ReferenceServerOptions#fullGcIntervalSec()} seconds (default 60) it asks its JVM
 * for a full collection, so old-generation garbage does not pile up between the JVM's own rare full
 * collections and read as a slow leak (see {@link LiveSetCollector}).
 *
 * <p>A {@code crash_after_sec} fault halts the JVM the server runs in (exit code 3): use it in a
 * child process only.
 *
 * <p>Thread-safe; {@link #close()} may be called from any thread, more than once.
 */
public final class ReferenceServer implements AutoCloseable {
    /** Exit code of the crash fault. */
    public static final int CRASH_EXIT_CODE = 3;
    /** Prefix of the line printed when the server listens; the URI follows it. */
    public static final String LISTENING_PREFIX = "listening on ";
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final ReferenceServerOptions options;
    private final HttpServer http;
    private final ThreadPoolExecutor executor;
    private final FaultInjector faults;
    private final LiveSetCollector collector;
    private final CountDownLatch closed = new CountDownLatch(1);

    private ReferenceServer(ReferenceServerOptions options, HttpServer http, ThreadPoolExecutor executor,
                            FaultInjector faults, LiveSetCollector collector) {
        this.options = options;
        this.http = http;
        this.executor = executor;
        this.faults = faults;
        this.collector = collector;
    }

    /**
     * Starts a server in this JVM.
     *
     * @throws UncheckedIOException when the address cannot be bound, naming host and port
     */
    public static ReferenceServer start(ReferenceServerOptions options) {
        // The JDK server leaves Nagle on by default: with a delayed-ACK client every response then
        // waits ~40 ms. Read once, when the first server of this JVM is created.
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
        HttpServer http;
        SSLContext tls = options.keystore().map(k -> serverContext(k, options.keystorePassword(), options.clientCa()))
                .orElse(null);
        try {
            InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
            if (tls != null) {
                HttpsServer https = HttpsServer.create(address, 256);
                https.setHttpsConfigurator(httpsConfigurator(tls, options.clientCa().isPresent()));
                http = https;
            } else {
                http = HttpServer.create(address, 256);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reference server: cannot listen on " + options.host() + ":"
                    + options.port() + " (" + e.getMessage() + "); choose another --port (0 takes any free port)"
                    + " or --host", e);
        }
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(options.threads(), options.threads(), 0,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024), r -> {
                    Thread t = new Thread(r, "reference-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        executor.prestartAllCoreThreads();
        FaultInjector faults = new FaultInjector(options.faults(), options.seed(), System::nanoTime, () -> {
            System.out.printf(Locale.ROOT, "reference server: crashing on purpose after %.1f s (crash_after_sec)%n",
                    options.faults().crashAfterSec());
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(CRASH_EXIT_CODE);
        });
        Spaces spaces = new Spaces(options);
        ServerMetrics metrics = new ServerMetrics();
        http.createContext("/", new EngramHandler(options, spaces, faults, metrics));
        http.setExecutor(executor);
        http.start();
        faults.start();
        return new ReferenceServer(options, http, executor, faults,
                new LiveSetCollector(options.fullGcIntervalSec()));
    }

    /**
     * A server context with the key pair of a PKCS12 file.
     *
     * @throws UncheckedIOException naming the file when it cannot be read or used
     */
    private static SSLContext serverContext(Path keystore, String password, Optional<Path> clientCa) {
        char[] pw = password.toCharArray();
        TrustManager[] clients = clientCa.map(ReferenceServer::clientTrust).orElse(null);
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pw);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), clients, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new UncheckedIOException("reference server: --keystore " + keystore + " cannot be used ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); give a PKCS12 file with the server's key"
                    + " pair and its --keystore-password, e.g. made with keytool -genkeypair -storetype PKCS12",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /**
     * The TLS set-up of a JDK HTTPS server with {@code tls}'s defaults; with {@code needClientAuth} a client without a
     * certificate {@code tls} trusts is refused (mutual TLS).
     */
    public static HttpsConfigurator httpsConfigurator(SSLContext tls, boolean needClientAuth) {
        return new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = tls.getDefaultSSLParameters();
                p.setNeedClientAuth(needClientAuth);
                params.setSSLParameters(p);
            }
        };
    }

    /** Trust managers whose anchors are the certificates of {@code --client-ca}. */
    private static TrustManager[] clientTrust(Path pem) {
        try {
            return TlsTrust.anchoredAt(PemCertificates.read(pem));
        } catch (IOException e) {
            throw new UncheckedIOException("reference server: --client-ca " + pem + " " + e.getMessage()
                    + "; give the PEM certificate(s) that client certificates must chain to", e);
        }
    }

    /** The options it was started with (with the requested port, which may be 0). */
    public ReferenceServerOptions options() {
        return options;
    }

    /** The port it listens on (the chosen one when started with port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Base URI, e.g. {@code http://127.0.0.1:40123} ({@code https://} with a key store). */
    public URI endpoint() {
        String host = options.host();
        if (host.contains(":")) {
            host = "[" + host + "]";
        } else if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        return URI.create((options.https() ? "https://" : "http://") + host + ":" + port());
    }

    /**
     * Stops listening (in-flight exchanges get up to one second), stops the worker pool, the faults
     * and the periodic full collections.
     */
    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        http.stop(1);
        executor.shutdownNow();
        faults.close();
        collector.close();
        closed.countDown();
    }

    /** Blocks until {@link #close()}. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /**
     * Starts a server, prints {@code listening on <uri>} to {@code out} and blocks until the process is
     * stopped (SIGTERM / SIGINT close it cleanly) or, with {@code parent_pid}, the parent is gone.
     *
     * @return the exit code: 0 after a clean stop, 2 when the address cannot be bound
     */
    public static int serve(ReferenceServerOptions options, PrintStream out, PrintStream err) {
        ReferenceServer server;
        try {
            server = start(options);
        } catch (UncheckedIOException e) {
            err.println(e.getMessage());
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "reference-shutdown"));
        if (options.parentPid() > 0) {
            var parent = ProcessHandle.of(options.parentPid());
            if (parent.isEmpty()) {
                err.println("reference server: parent process " + options.parentPid() + " is gone; exiting");
                server.close();
                return 0;
            }
            parent.get().onExit().thenRun(() -> {
                err.println("reference server: parent process " + options.parentPid() + " exited; stopping");
                System.exit(0);
            });
        }
        out.println(LISTENING_PREFIX + server.endpoint());
        out.flush();
        try {
            server.awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return 0;
    }

    /**
     * Command line: the flags of {@link ReferenceServerOptions#parse(String...)}; a bad flag prints one
     * paragraph to stderr and exits with 2.
     */
    public static void main(String[] args) {
        ReferenceServerOptions options;
        try {
            options = ReferenceServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int code = serve(options, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }
}
