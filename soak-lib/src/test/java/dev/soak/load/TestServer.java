package dev.soak.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import dev.soak.reference.ReferenceServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/** A loopback {@code com.sun.net.httpserver} for tests; HTTPS when given a server context. */
final class TestServer implements AutoCloseable {
    static {
        // Without it the JDK server writes headers and body as two segments with Nagle on, and the
        // client's delayed ACK adds ~40 ms to every keep-alive response. Read once per JVM.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    final HttpServer server;
    private final ExecutorService pool;

    TestServer(int threads, HttpHandler handler) throws IOException {
        this(threads, handler, null);
    }

    TestServer(int threads, HttpHandler handler, SSLContext tls) throws IOException {
        this(threads, handler, tls, false);
    }

    /** An HTTPS server that, with {@code needClientAuth}, refuses a client without a certificate {@code tls} trusts. */
    TestServer(int threads, HttpHandler handler, SSLContext tls, boolean needClientAuth) throws IOException {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
        if (tls != null) {
            HttpsServer https = HttpsServer.create(address, 512);
            https.setHttpsConfigurator(ReferenceServer.httpsConfigurator(tls, needClientAuth));
            server = https;
        } else {
            server = HttpServer.create(address, 512);
        }
        pool = Executors.newFixedThreadPool(threads);
        server.setExecutor(pool);
        server.createContext("/", handler);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    static void respond(HttpExchange ex, int status, String body, boolean chunked) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.readAllBytes();
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, chunked ? 0 : (b.length == 0 ? -1 : b.length));
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
