package dev.soak.soak;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the last published {@link LiveMetrics} at {@code GET /metrics} ({@code text/plain; version=0.0.4}) for a
 * Prometheus server to scrape during the run; anything else is 404. The run publishes its state each second from its
 * own thread; a scrape reads the last one and never touches the run. One daemon thread.
 *
 * <p>Thread-safe.
 */
final class LiveMetricsServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile String text = "";

    private LiveMetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Listens on {@code address} (port 0: any free one).
     *
     * @throws SoakException when it cannot, saying why and what to give instead
     */
    static LiveMetricsServer start(InetSocketAddress address) {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            // read once per JVM by the JDK's server: Nagle on, each answer would wait on the scraper's delayed ACK
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server;
        try {
            server = HttpServer.create(address, 8);
        } catch (IOException e) {
            throw new SoakException(String.format("cannot serve the live metrics on %s (--metrics-listen): %s. Give a free"
                + " port, e.g. --metrics-listen 9464, or an address of this host, e.g. --metrics-listen 0.0.0.0:9464 for"
                + " every interface.", address.getHostString() + ":" + address.getPort(), e.getMessage()), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "soak-live-metrics");
            t.setDaemon(true);
            return t;
        });
        LiveMetricsServer s = new LiveMetricsServer(server, executor);
        server.createContext("/", s::handle);
        server.setExecutor(executor);
        server.start();
        return s;
    }

    /**
     * The address of {@code --metrics-listen [HOST:]PORT}: {@code 9464} is 127.0.0.1:9464 (this host only),
     * {@code 0.0.0.0:9464} every interface, {@code [::1]:9464} an IPv6 address.
     *
     * @throws SoakException when it is not one, saying what is allowed
     */
    static InetSocketAddress address(String spec) {
        String s = spec.strip();
        int colon = s.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535 || host.isEmpty()) {
            throw new SoakException("--metrics-listen " + spec + " is not an address to listen on: give [HOST:]PORT, a port"
                + " from 0 to 65535 (0: any free one), e.g. 9464 (this host only) or 0.0.0.0:9464 (every interface).");
        }
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw new SoakException("--metrics-listen " + spec + ": the host " + host + " does not resolve; give an address"
                + " of this host, e.g. 127.0.0.1 or 0.0.0.0 (every interface).");
        }
        return a;
    }

    /** Where a scrape finds the metrics. */
    URI url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/metrics");
    }

    /** The state the next scrapes read. */
    void publish(LiveMetrics state) {
        text = state.text();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getRequestBody().readAllBytes();
            boolean metrics = ex.getRequestURI().getPath().equals("/metrics");
            byte[] body = (metrics ? text : "not found: the live metrics are at /metrics\n").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", metrics ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain");
            ex.sendResponseHeaders(metrics ? 200 : 404, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
