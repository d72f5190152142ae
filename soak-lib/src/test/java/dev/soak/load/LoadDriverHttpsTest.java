package dev.soak.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.soak.reference.ReferenceServer;
import dev.soak.reference.ReferenceServerOptions;
import dev.soak.scenario.ArrivalPattern;
import dev.soak.scenario.HttpRequestTemplate;
import dev.soak.scenario.Operations;
import dev.soak.scenario.Scenario;
import com.sun.net.httpserver.HttpsExchange;
import dev.soak.tls.ClientIdentity;
import dev.soak.tls.PemCertificates;
import dev.soak.tls.TestCertificates;
import dev.soak.tls.TestCertificates.KeyPairFiles;
import dev.soak.tls.TlsTrust;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The driver over HTTPS: real TLS on 127.0.0.1 with self-signed certificates made by keytool. */
@Timeout(120)
class LoadDriverHttpsTest {
    static KeyPairFiles ipCert;
    static KeyPairFiles localhostCert;
    static Path certDir;

    @BeforeAll
    static void certificates(@TempDir Path dir) throws Exception {
        TestCertificates.Loopback certs = TestCertificates.loopback(dir);
        ipCert = certs.ip();
        localhostCert = certs.localhostOnly();
        certDir = dir;
    }

    private static Scenario get(int port, String path, double rate, TlsTrust tls) {
        return https(TestScenarios.template(new ArrivalPattern.Constant(rate), port, "get", "GET", path, "", List.of()),
                "127.0.0.1", port, tls);
    }

    private static Scenario https(Scenario s, String host, int port, TlsTrust tls) {
        return TestScenarios.at(s, URI.create("https://" + host + ":" + port), tls);
    }

    private static LoadDriver driver(Scenario s) {
        return LoadDriver.builder(s).seed(7).sampleInterval(Duration.ofMillis(500)).build();
    }

    @Test
    void referenceServer_overHttpsWithCaFile_succeeds_recordsLatency_andKeepsConnectionsAlive() throws Exception {
        ReferenceServerOptions o = ReferenceServerOptions.builder().embeddingDim(8).fullGcIntervalSec(0)
                .keystore(ipCert.keystore(), TestCertificates.PASSWORD).build();
        try (ReferenceServer server = ReferenceServer.start(o)) {
            assertThat(server.endpoint().getScheme()).isEqualTo("https");
            Scenario warmup = https(TestScenarios.engram(new ArrivalPattern.Constant(50), server.port(),
                    Map.of("store", 1.0, "recall", 1.0), 0, 8), "127.0.0.1", server.port(), TlsTrust.caFile(ipCert.pem()));
            // A cold JVM's first handshakes take ~0.3 s, and every request arriving meanwhile opens its own
            // connection (open model): warm up first, so the count below is the steady state.
            RunCapture.run(driver(warmup), 1000);
            Scenario s = https(TestScenarios.engram(new ArrivalPattern.Constant(200), server.port(),
                    Map.of("store", 1.0, "recall", 1.0), 0, 8), "127.0.0.1", server.port(), TlsTrust.caFile(ipCert.pem()));
            LoadDriver d = driver(s);
            RunCapture c = RunCapture.run(d, 2500);
            assertThat(c.errors()).isZero();
            assertThat((double) c.ops()).isCloseTo(200 * c.sendSec, within(Math.max(15, 0.05 * 200 * c.sendSec)));
            assertThat(c.corrected.getTotalCount()).isEqualTo(c.ops());
            assertThat(c.corrected.getValueAtPercentile(50)).isPositive();
            assertThat(d.tlsHandshakes()).isPositive().isLessThan(c.ops() / 10); // keep-alive: a handshake per connection
        }
    }

    /** TLS 1.3 refuses a client certificate after the client's side of the handshake, TLS 1.2 within it. */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void mutualTls_theServerAsksForAClientCertificate_theConfiguredOneIsAccepted_anUntrustedOneOrNoneIsRefused(String protocol)
            throws Exception {
        KeyPairFiles client = TestCertificates.generate(certDir, "client-" + protocol, "dns:client.soak.test");
        Path key = client.writeKeyPem(certDir.resolve("client-key-" + protocol + ".pem"));
        List<String> peers = new java.util.concurrent.CopyOnWriteArrayList<>();
        SSLContext serverTls = ipCert.serverContext(PemCertificates.read(client.pem()), protocol);
        try (TestServer srv = new TestServer(2, ex -> {
            peers.add(((HttpsExchange) ex).getSSLSession().getProtocol() + " "
                    + ((HttpsExchange) ex).getSSLSession().getPeerPrincipal().getName());
            TestServer.respond(ex, 200, "ok", false);
        }, serverTls, true)) {
            TlsTrust trusted = TlsTrust.caFile(ipCert.pem());
            RunCapture with = RunCapture.run(driver(get(srv.port(), "/", 50, trusted.withIdentity(
                    new ClientIdentity(client.pem(), key)))), 1000);
            assertThat(with.ops()).isGreaterThan(20);
            assertThat(with.errors()).isZero();
            assertThat(peers).hasSize((int) with.ops()).allMatch(p -> p.startsWith(protocol + " CN=client"));

            KeyPairFiles stranger = TestCertificates.generate(certDir, "stranger-" + protocol, "dns:stranger.soak.test");
            RunCapture untrusted = RunCapture.run(driver(get(srv.port(), "/", 50, trusted.withIdentity(new ClientIdentity(
                    stranger.pem(), stranger.writeKeyPem(certDir.resolve("stranger-key-" + protocol + ".pem")))))), 1000);
            assertThat(untrusted.ops()).isGreaterThan(20);
            assertThat(untrusted.errors("tls_client_cert")).as("errors by class: %s", untrusted.intervals.stream()
                    .map(m -> m.all().errorsByClass()).toList()).isEqualTo(untrusted.ops());

            RunCapture without = RunCapture.run(driver(get(srv.port(), "/", 50, trusted)), 1000);
            assertThat(without.ops()).isGreaterThan(20);
            assertThat(without.errors("tls_client_cert")).as("errors by class: %s", without.intervals.stream()
                    .map(m -> m.all().errorsByClass()).toList()).isEqualTo(without.ops());
            assertThat(peers).hasSize((int) with.ops()); // none of them reached the handler
        }
    }

    /**
     * A server that closes every connection makes the driver connect anew for each request; the TLS sessions are
     * resumed (an abbreviated handshake, as browsers and HTTP clients do), not negotiated in full each time: the
     * server sees a few sessions created (the first connections race each other) under many connections. A
     * resumed session keeps the creation time of the one it resumes (TLS 1.2 by session id, TLS 1.3 by PSK).
     */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void connectionsClosedByTheServer_reconnect_withResumedTlsSessions(String protocol) throws Exception {
        List<Long> created = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (TestServer srv = new TestServer(2, ex -> {
            created.add(((HttpsExchange) ex).getSSLSession().getCreationTime());
            ex.getResponseHeaders().add("Connection", "close");
            TestServer.respond(ex, 200, "ok", false);
        }, ipCert.serverContext(List.of(), protocol))) {
            LoadDriver d = driver(get(srv.port(), "/", 20, TlsTrust.caFile(ipCert.pem())));
            RunCapture c = RunCapture.run(d, 1500);
            assertThat(c.ops()).isGreaterThan(20);
            assertThat(c.errors()).isZero();
            assertThat(d.tlsHandshakes()).as("a connection per request").isEqualTo(c.ops());
            assertThat(created).hasSize((int) c.ops());
            assertThat(created.stream().distinct().count()).as("sessions negotiated in full").isLessThan(c.ops() / 4);
        }
    }

    @Test
    void untrustedCertificate_countsTlsUntrusted_andTheDriverKeepsGoing() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        try (TestServer srv = new TestServer(2, ex -> {
            hits.incrementAndGet();
            TestServer.respond(ex, 200, "ok", false);
        }, ipCert.serverContext())) {
            RunCapture c = RunCapture.run(driver(get(srv.port(), "/", 50, TlsTrust.DEFAULT)), 1200);
            assertThat(c.ops()).isGreaterThan(30);
            assertThat(c.errors("tls_untrusted")).isEqualTo(c.ops());
            assertThat(c.corrected.getTotalCount()).isZero(); // a failed handshake is no latency sample
            assertThat(hits.get()).isZero();
        }
    }

    @Test
    void untrustedCertificate_insecure_succeeds() throws Exception {
        try (TestServer srv = new TestServer(2, ex -> TestServer.respond(ex, 200, "ok", false), ipCert.serverContext())) {
            RunCapture c = RunCapture.run(driver(get(srv.port(), "/", 100, TlsTrust.trustAll())), 1200);
            assertThat(c.ops()).isGreaterThan(60);
            assertThat(c.errors()).isZero();
        }
    }

    @Test
    void hostNameMismatch_failsVerification_unlessInsecure() throws Exception {
        try (TestServer srv = new TestServer(2, ex -> TestServer.respond(ex, 200, "ok", false), localhostCert.serverContext())) {
            TlsTrust trusted = TlsTrust.caFile(localhostCert.pem());
            RunCapture mismatch = RunCapture.run(driver(get(srv.port(), "/", 50, trusted)), 1000);
            assertThat(mismatch.ops()).isGreaterThan(20);
            assertThat(mismatch.errors("tls_hostname")).isEqualTo(mismatch.ops());

            RunCapture insecure = RunCapture.run(driver(get(srv.port(), "/", 50, TlsTrust.trustAll())), 1000);
            assertThat(insecure.ops()).isGreaterThan(20);
            assertThat(insecure.errors()).isZero();

            Scenario byName = https(TestScenarios.template(new ArrivalPattern.Constant(50), srv.port(), "get", "GET", "/", "",
                    List.of()), "localhost", srv.port(), trusted); // the name the certificate holds (and SNI)
            RunCapture named = RunCapture.run(driver(byName), 1000);
            assertThat(named.ops()).isGreaterThan(20);
            assertThat(named.errors()).isZero();
        }
    }

    @Test
    void largeBodies_biggerThanOneTlsRecord_parseBothWays_onKeptAliveConnections() throws Exception {
        byte[] big = new byte[100 * 1024 + 7]; // six 16 KiB records and a bit
        Arrays.fill(big, (byte) 'x');
        big[big.length - 1] = '\n';
        String requestBody = "y".repeat(40_000);
        AtomicInteger badRequests = new AtomicInteger();
        try (TestServer srv = new TestServer(2, ex -> {
            byte[] in = ex.getRequestBody().readAllBytes();
            if (ex.getRequestMethod().equals("POST") && !new String(in, StandardCharsets.UTF_8).equals(requestBody)) {
                badRequests.incrementAndGet();
            }
            boolean chunked = ex.getRequestURI().getPath().equals("/chunked");
            ex.sendResponseHeaders(200, chunked ? 0 : big.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(big);
            }
        }, ipCert.serverContext())) {
            List<HttpRequestTemplate> templates = List.of(
                    new HttpRequestTemplate("fixed", 1, "GET", "/fixed", "", Map.of(), List.of()),
                    new HttpRequestTemplate("chunked", 1, "GET", "/chunked", "", Map.of(), List.of()),
                    new HttpRequestTemplate("upload", 1, "POST", "/upload", requestBody, Map.of(), List.of()));
            Scenario s = TestScenarios.of(new ArrivalPattern.Constant(100),
                    new Operations(Map.of("fixed", 1.0, "chunked", 1.0, "upload", 1.0), templates), TestScenarios.data(0, 8),
                    srv.port(), 1);
            LoadDriver d = driver(https(s, "127.0.0.1", srv.port(), TlsTrust.caFile(ipCert.pem())));
            RunCapture c = RunCapture.run(d, 2000);
            assertThat(c.ops()).isGreaterThan(120);
            assertThat(c.errors()).isZero();
            assertThat(badRequests.get()).isZero();
            // a body read one byte too far or too short would break the next response on the connection
            assertThat(d.tlsHandshakes()).isLessThan(c.ops() / 10);
        }
    }

    /**
     * A burst against a slow server needs many connections at once: at most MAX_TLS_SETUPS handshake
     * at a time, the other requests wait for a connection, and every one is answered.
     */
    @Test
    void burstOfNewConnections_handshakesAreCapped_theRestWait_noErrors() throws Exception {
        try (TestServer srv = new TestServer(64, ex -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestServer.respond(ex, 200, "ok", false);
        }, ipCert.serverContext())) {
            LoadDriver d = driver(get(srv.port(), "/", 2000, TlsTrust.caFile(ipCert.pem())));
            RunCapture c = RunCapture.run(d, 500);
            assertThat(c.ops()).isGreaterThan(500);
            assertThat(c.errors()).isZero();
            assertThat(d.tlsSetupWaits()).isPositive();
            assertThat(d.tlsHandshakes()).isLessThan(c.ops());
        }
    }

    /** A plain-HTTP server that answers whatever arrives with a 400 and closes, as nginx does to a TLS hello. */
    @Test
    void plainHttpServer_atAnHttpsEndpoint_countsTlsHandshake() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        s.getInputStream().read(new byte[512]);
                        s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        // closed: the test is over
                    }
                }
            }, "plain-http-400");
            acceptor.setDaemon(true);
            acceptor.start();
            RunCapture c = RunCapture.run(driver(get(server.getLocalPort(), "/", 50, TlsTrust.DEFAULT)), 1000);
            assertThat(c.ops()).isGreaterThan(20);
            assertThat(c.errors("tls_handshake")).isEqualTo(c.ops());
        }
    }
}
