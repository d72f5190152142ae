package dev.soak.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.soak.checkpoint.RunDirectoryReader;
import dev.soak.reference.ReferenceServer;
import dev.soak.reference.ReferenceServerOptions;
import dev.soak.tls.ClientIdentity;
import dev.soak.tls.TestCertificates;
import dev.soak.tls.TestCertificates.KeyPairFiles;
import dev.soak.tls.TlsTrust;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A target behind HTTPS: the readiness check trusts what the scenario says, and says clearly when it does not. */
@Timeout(120)
class HttpsTargetTest {
    @TempDir
    static Path dir;
    static TestCertificates.Loopback certs;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.loopback(dir);
    }

    private static ReferenceServer https(KeyPairFiles cert) {
        return ReferenceServer.start(ReferenceServerOptions.builder().embeddingDim(8).fullGcIntervalSec(0)
                .keystore(cert.keystore(), TestCertificates.PASSWORD).build());
    }

    @Test
    void readiness_untrustedCertificate_failsAtOnce_withWhatFailedTheEndpointAndTheFix() {
        try (ReferenceServer server = https(certs.ip())) {
            URI health = server.endpoint().resolve("/health");
            long t0 = System.nanoTime();
            SoakException e = catchThrowableOfType(
                    () -> TargetHandle.waitHealthy(health, Duration.ofSeconds(60), null, TlsTrust.DEFAULT), SoakException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30)); // not the ready timeout
            assertThat(e.getMessage())
                    .startsWith("The target's health check " + health + " failed: the certificate of 127.0.0.1 is not trusted (")
                    .contains("checked against the JDK's trust store")
                    .contains("Fix: give the CA certificate that signed it (or the self-signed certificate itself) as"
                            + " [target] tls_ca_file")
                    .contains("tls_insecure = true")
                    .doesNotContain("\n");
        }
    }

    @Test
    void readiness_hostNameMismatch_failsUnlessInsecure() {
        try (ReferenceServer server = https(certs.localhostOnly())) {
            URI health = server.endpoint().resolve("/health");
            SoakException e = catchThrowableOfType(() -> TargetHandle.waitHealthy(health, Duration.ofSeconds(60), null,
                    TlsTrust.caFile(certs.localhostOnly().pem())), SoakException.class);
            assertThat(e.getMessage()).contains("failed: the certificate presented by 127.0.0.1 does not name 127.0.0.1")
                    .contains("Fix: use a host in [target] endpoint that the certificate names");
            TargetHandle.waitHealthy(health, Duration.ofSeconds(30), null, TlsTrust.trustAll());
            TargetHandle.waitHealthy(URI.create("https://localhost:" + server.port() + "/health"), Duration.ofSeconds(30),
                    null, TlsTrust.caFile(certs.localhostOnly().pem()));
        }
    }

    @Test
    void readiness_serverAskingForAClientCertificate_refusesNoneAtOnce_andAcceptsTheConfiguredOne() throws Exception {
        KeyPairFiles client = TestCertificates.generate(dir, "ready-client", "dns:client.soak.test");
        Path key = client.writeKeyPem(dir.resolve("ready-client-key.pem"));
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.builder().embeddingDim(8)
                .fullGcIntervalSec(0).keystore(certs.ip().keystore(), TestCertificates.PASSWORD).clientCa(client.pem()).build())) {
            URI health = server.endpoint().resolve("/health");
            TlsTrust trusted = TlsTrust.caFile(certs.ip().pem());
            long t0 = System.nanoTime();
            SoakException e = catchThrowableOfType(() -> TargetHandle.waitHealthy(health, Duration.ofSeconds(60), null, trusted),
                    SoakException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30)); // not the ready timeout
            assertThat(e.getMessage())
                    .startsWith("The target's health check " + health + " failed: 127.0.0.1 asked for a client certificate"
                            + " and refused the connection")
                    .contains("Fix: give a client certificate the server accepts as [target] tls_client_cert (PEM) and its"
                            + " private key as tls_client_key (PKCS#8 PEM)");
            TargetHandle.waitHealthy(health, Duration.ofSeconds(30), null,
                    trusted.withIdentity(new ClientIdentity(client.pem(), key)));
        }
    }

    /**
     * A server that asks for a client certificate (optionally, as a TLS proxy may) and closes its first connections
     * right after the handshake because it is still starting: a close without a TLS alert is not yet a refused
     * certificate, so the readiness check keeps polling until the server answers.
     */
    @Test
    void readiness_serverAskingForAClientCertificate_thatClosesConnectionsWhileStarting_isWaitedFor() throws Exception {
        SSLContext ctx = certs.ip().serverContext();
        try (SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress())) {
            ss.setWantClientAuth(true);
            long readyAt = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            AtomicInteger closedEarly = new AtomicInteger();
            Thread server = new Thread(() -> {
                while (!ss.isClosed()) {
                    try (SSLSocket s = (SSLSocket) ss.accept()) {
                        s.startHandshake();
                        if (System.nanoTime() < readyAt) {
                            closedEarly.incrementAndGet();
                            continue;
                        }
                        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            // the request's head, unread
                        }
                        s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                    } catch (IOException e) {
                        // a client gone, or the socket closed at the end of the test
                    }
                }
            }, "closing-tls-server");
            server.setDaemon(true);
            server.start();
            URI health = URI.create("https://127.0.0.1:" + ss.getLocalPort() + "/health");
            TargetHandle.waitHealthy(health, Duration.ofSeconds(60), null, TlsTrust.caFile(certs.ip().pem()));
            assertThat(closedEarly.get()).as("connections closed after the handshake before the server was ready")
                    .isGreaterThan(0);
        }
    }

    /**
     * The whole path: readiness, driver and Prometheus scrape over HTTPS with a client certificate (mutual TLS); the
     * run directory says how TLS was checked.
     */
    @Test
    void soakRun_againstAnHttpsTarget_withTlsCaFile_andAClientCertificate_completesWithoutErrors() throws Exception {
        Path scenarioDir = Files.createDirectories(dir.resolve("scenarios"));
        KeyPairFiles client = TestCertificates.generate(scenarioDir, "client", "dns:client.soak.test");
        client.writeKeyPem(scenarioDir.resolve("client-key.pem"));
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.builder().embeddingDim(8)
                .fullGcIntervalSec(0).keystore(certs.ip().keystore(), TestCertificates.PASSWORD).clientCa(client.pem()).build())) {
            Files.copy(certs.ip().pem(), scenarioDir.resolve("ca.pem"));
            Path f = Files.writeString(scenarioDir.resolve("https.toml"), """
                name = "https"
                [duration]
                total_seconds = 6
                [arrival]
                pattern = "constant"
                rate = 50
                [operations]
                store_weight = 1.0
                recall_weight = 1.0
                [data]
                embedding_dim = 8
                [target]
                kind = "engram"
                endpoint = "%s"
                pid = %d
                tls_ca_file = "ca.pem"
                tls_client_cert = "client.pem"
                tls_client_key = "client-key.pem"
                [soak]
                sample_interval_sec = 1
                resource_check_interval_sec = 1
                """.formatted(server.endpoint(), ProcessHandle.current().pid()));
            Path out = dir.resolve("run");
            SoakResult r = SoakOrchestrator.builder().scenarioFile(f).outputDir(out).out(null).build().run();

            var reader = RunDirectoryReader.open(out);
            var metrics = reader.metrics().rows();
            assertThat(metrics).isNotEmpty();
            assertThat(metrics.stream().mapToLong(m -> m.all().ops()).sum()).isGreaterThan(150);
            assertThat(metrics.stream().mapToLong(m -> m.all().errors()).sum()).isZero();
            assertThat(Files.readString(out.resolve("scenario.toml")))
                    .contains("tls_ca_file = \"" + scenarioDir.resolve("ca.pem").toAbsolutePath().normalize() + "\"");
            assertThat(reader.events().rows()).anyMatch(e -> e.type().equals("start")
                    && e.message().contains("TLS: certificate checked against") && e.message().contains("ca.pem")
                    && e.message().contains("client certificate " + scenarioDir.resolve("client.pem").toAbsolutePath().normalize()));
            assertThat(r.measuredSec()).isPositive();
        }
    }
}
