package dev.soak.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemCertificatesTest {
    @Test
    void bundle_withCommentsAndAKeyBlock_givesEveryCertificateInOrder(@TempDir Path dir) throws Exception {
        String a = Files.readString(TestCertificates.generate(dir, "a", "dns:a.test").pem());
        String b = Files.readString(TestCertificates.generate(dir, "b", "dns:b.test").pem());
        String bundle = "# two anchors\n" + a + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
                + "Subject: CN=b\n" + b;

        var certs = PemCertificates.parse(bundle);

        assertThat(certs).extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly("CN=a,O=Soak test", "CN=b,O=Soak test");
    }

    @Test
    void noCertificateBlock_saysSo() {
        assertThatThrownBy(() -> PemCertificates.parse("name = \"a scenario, not a certificate\"\n"))
                .isInstanceOf(IOException.class).hasMessage("holds no PEM certificate (no -----BEGIN CERTIFICATE----- line)");
    }

    @Test
    void brokenBlock_namesItsNumber() {
        assertThatThrownBy(() -> PemCertificates.parse("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("has certificate block 1 that is not a valid X.509 certificate");
        assertThatThrownBy(() -> PemCertificates.parse("-----BEGIN CERTIFICATE-----\nAAAA\n"))
                .isInstanceOf(IOException.class).hasMessage("has certificate block 1 without an -----END CERTIFICATE----- line");
    }

    @Test
    void tlsTrust_caFileAndInsecure_contradict() {
        assertThatThrownBy(() -> new TlsTrust(java.util.Optional.of(Path.of("ca.pem")), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contradict");
    }
}
