package dev.soak.soak;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Loopback test servers ({@code com.sun.net.httpserver}) that answer with a status and a UTF-8 text. */
final class TextAnswer {
    static {
        // Read once per JVM, when its first server is created: without it every keep-alive answer of any later test's
        // server waits ~40 ms on the client's delayed ACK (LoadDriverHttpTest's stall test then fails), as TestServer says.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private TextAnswer() {
    }

    /** A server on 127.0.0.1, any free port, not started. */
    static HttpServer loopback(int backlog) throws IOException {
        return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), backlog);
    }

    static void answer(HttpExchange ex, int status, String body) throws IOException {
        ex.getRequestBody().readAllBytes();
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }
}
