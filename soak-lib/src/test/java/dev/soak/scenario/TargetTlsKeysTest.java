package dev.soak.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.soak.tls.TestCertificates;
import dev.soak.tls.TlsTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [target] tls_ca_file} and {@code tls_insecure}: reading, resolving, writing back, the plan. */
class TargetTlsKeysTest {
    private static final String HEAD = """
            name = "tls"
            [arrival]
            pattern = "constant"
            rate = 10
            [target]
            endpoint = "https://127.0.0.1:8443"
            """;

    @Test
    void tlsCaFile_relative_isReadFromTheScenarioFilesDirectory_andTheRunDirectoryCopyResumes(@TempDir Path dir)
            throws Exception {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Path pem = TestCertificates.generate(certs, "ca", "ip:127.0.0.1").pem();
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Path file = Files.writeString(scenarios.resolve("s.toml"), HEAD + "tls_ca_file = \"../certs/ca.pem\"\n");

        Scenario s = ScenarioLoader.load(file);

        assertThat(s.target().tls()).isEqualTo(TlsTrust.caFile(pem.toAbsolutePath().normalize()));
        String written = ScenarioToml.write(s);
        assertThat(written).contains("tls_ca_file = \"" + pem.toAbsolutePath().normalize() + "\"")
                .doesNotContain("tls_insecure");
        Path runDir = Files.createDirectories(dir.resolve("runs").resolve("r1")); // elsewhere, as --resume reads it
        Scenario resumed = ScenarioLoader.load(Files.writeString(runDir.resolve("scenario.toml"), written));
        assertThat(resumed).isEqualTo(s);
        assertThat(ScenarioPlan.render(s)).contains("TLS: certificate checked against " + pem.toAbsolutePath().normalize()
                + " (tls_ca_file), host name verified");
    }

    @Test
    void tlsInsecure_roundTrips_andThePlanSaysVerificationIsOff() {
        Scenario s = ScenarioLoader.parse(HEAD + "tls_insecure = true\n", "insecure.toml");

        assertThat(s.target().tls()).isEqualTo(TlsTrust.trustAll());
        assertThat(ScenarioLoader.parse(ScenarioToml.write(s), "written")).isEqualTo(s);
        assertThat(ScenarioToml.write(s)).contains("tls_insecure = true");
        assertThat(ScenarioPlan.render(s)).contains("TLS: certificate and host name NOT verified (tls_insecure = true)");
    }

    @Test
    void httpsWithoutTlsKeys_usesTheJdkTrustStore_andWritesNoTlsKeys() {
        Scenario s = ScenarioLoader.parse(HEAD, "default.toml");

        assertThat(s.target().tls()).isEqualTo(TlsTrust.DEFAULT);
        assertThat(ScenarioToml.write(s)).doesNotContain("tls_");
        assertThat(ScenarioPlan.render(s)).contains("TLS: certificate checked against the JDK's trust store, host name verified");
    }

    @Test
    void builder_tlsInsecure_isValidatedLikeTheFile() {
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> Scenario.builder("b")
                .arrival(new ArrivalPattern.Constant(1)).endpoint("http://127.0.0.1:80").tlsInsecure(true).build(),
                ScenarioException.class);
        assertThat(e.getMessage()).contains("[target] tls_insecure = true only applies to an https:// endpoint");
    }
}
