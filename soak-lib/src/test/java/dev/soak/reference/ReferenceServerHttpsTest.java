package dev.soak.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.soak.monitor.PrometheusExposition;
import dev.soak.monitor.PrometheusText;
import dev.soak.tls.TestCertificates;
import dev.soak.tls.TestCertificates.KeyPairFiles;
import dev.soak.tls.TlsTrust;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The reference server with a key store: HTTPS in this JVM and as the embedded child; its metrics scraped over TLS. */
@Timeout(120)
class ReferenceServerHttpsTest {
    @TempDir
    static Path dir;
    static KeyPairFiles cert;

    @BeforeAll
    static void certificate() throws Exception {
        cert = TestCertificates.generate(dir, "ref", "ip:127.0.0.1,dns:localhost");
    }

    private static ReferenceServerOptions https() {
        return ReferenceServerOptions.builder().embeddingDim(8).fullGcIntervalSec(0)
                .keystore(cert.keystore(), TestCertificates.PASSWORD).build();
    }

    @Test
    void prometheusScrape_overHttps_trustsWhatItIsTold() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(https())) {
            var url = server.endpoint().resolve("/metrics/prometheus");
            assertThat(url.getScheme()).isEqualTo("https");
            PrometheusExposition e = PrometheusText.fetch(url, Duration.ofSeconds(10), TlsTrust.caFile(cert.pem()));
            assertThat(e.samples()).isNotEmpty();
            assertThat(PrometheusText.fetch(url, Duration.ofSeconds(10), TlsTrust.trustAll()).samples()).isNotEmpty();
            assertThatThrownBy(() -> PrometheusText.fetch(url, Duration.ofSeconds(10), TlsTrust.DEFAULT))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void embeddedTarget_withAKeyStore_isHealthyOverHttps() throws Exception {
        try (EmbeddedTarget t = EmbeddedTarget.start(https(), dir.resolve("embedded.log"), Duration.ofSeconds(60))) {
            assertThat(t.endpoint().toString()).startsWith("https://127.0.0.1:");
            assertThat(Files.readString(dir.resolve("embedded.log"))).contains("listening on https://127.0.0.1:");
        }
    }

    @Test
    void badKeyStorePassword_isOneClearMessage() {
        var bad = ReferenceServerOptions.builder().keystore(cert.keystore(), "wrong").build();
        assertThatThrownBy(() -> ReferenceServer.start(bad)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("reference server: --keystore " + cert.keystore() + " cannot be used")
                .hasMessageContaining("--keystore-password");
    }
}
