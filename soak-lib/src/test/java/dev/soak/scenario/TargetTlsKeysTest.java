package dev.soak.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.soak.tls.ClientIdentity;
import dev.soak.tls.TestCertificates;
import dev.soak.tls.TlsTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [target] tls_ca_file}, {@code tls_insecure} and {@code tls_client_*}: reading, resolving, writing back, the plan. */
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
    void tlsClientCertificate_relative_isCheckedAtLoad_writtenBack_andShownInThePlan(@TempDir Path dir) throws Exception {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        TestCertificates.KeyPairFiles client = TestCertificates.generate(certs, "client", "dns:client.test");
        Path key = client.writeKeyPem(certs.resolve("client-key.pem")).toAbsolutePath().normalize();
        Path cert = client.pem().toAbsolutePath().normalize();
        Path file = Files.writeString(dir.resolve("s.toml"), HEAD
                + "tls_client_cert = \"certs/client.pem\"\ntls_client_key = \"certs/client-key.pem\"\n");

        Scenario s = ScenarioLoader.load(file);

        assertThat(s.target().tls()).isEqualTo(TlsTrust.DEFAULT.withIdentity(new ClientIdentity(cert, key)));
        String written = ScenarioToml.write(s);
        assertThat(written).contains("tls_client_cert = \"" + cert + "\"").contains("tls_client_key = \"" + key + "\"");
        Path runDir = Files.createDirectories(dir.resolve("runs").resolve("r1"));
        assertThat(ScenarioLoader.load(Files.writeString(runDir.resolve("scenario.toml"), written))).isEqualTo(s);
        assertThat(ScenarioPlan.render(s)).contains("TLS: certificate checked against the JDK's trust store, host name"
                + " verified; client certificate " + cert + " (tls_client_cert)");

        // another certificate's key: refused at load, naming the key, not at the server's handshake
        Path otherKey = TestCertificates.generate(certs, "other", "dns:other.test").writeKeyPem(certs.resolve("other-key.pem"));
        Path mismatched = Files.writeString(dir.resolve("m.toml"), HEAD
                + "tls_client_cert = \"certs/client.pem\"\ntls_client_key = \"certs/other-key.pem\"\n");
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> ScenarioLoader.load(mismatched), ScenarioException.class);
        assertThat(e.getMessage()).contains("[target] tls_client_key = \"" + otherKey.toAbsolutePath().normalize()
                + "\" cannot be used: tls_client_key").contains("is not the private key of the certificate in tls_client_cert");
    }

    @Test
    void runDirectoryCopy_keepsTheFilesComments_withTheTlsPathsMadeAbsolute(@TempDir Path dir) throws Exception {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        TestCertificates.KeyPairFiles client = TestCertificates.generate(certs, "client", "dns:client.test");
        client.writeKeyPem(certs.resolve("client-key.pem"));
        String text = HEAD.replace("[target]", "# the payments gateway, staging\n[target]")
                + "tls_ca_file = 'certs/client.pem'   # trust: our own CA\n"
                + "tls_client_cert = \"certs/client.pem\"\ntls_client_key=\"certs/client-key.pem\"\n";
        Path file = Files.writeString(dir.resolve("s.toml"), text);
        Scenario s = ScenarioLoader.load(file);

        String copy = ScenarioToml.withAbsolutePaths(text, s).orElseThrow();

        Path abs = certs.toAbsolutePath().normalize();
        assertThat(copy).contains("# the payments gateway, staging", "# trust: our own CA")
                .contains("tls_ca_file = \"" + abs.resolve("client.pem") + "\"   # trust")
                .contains("tls_client_key=\"" + abs.resolve("client-key.pem") + "\"");
        Path runDir = Files.createDirectories(dir.resolve("runs").resolve("r1"));
        assertThat(ScenarioLoader.load(Files.writeString(runDir.resolve("scenario.toml"), copy))).isEqualTo(s);
        // keys the text does not hold as plain lines (an inline table): no rewritten copy, the caller writes one
        String inline = "name = \"tls\"\ntarget = { endpoint = \"https://127.0.0.1:8443\", tls_ca_file = \"certs/client.pem\" }\n"
                + "[arrival]\npattern = \"constant\"\nrate = 10\n";
        Path inlineFile = Files.writeString(dir.resolve("inline.toml"), inline);
        assertThat(ScenarioToml.withAbsolutePaths(inline, ScenarioLoader.load(inlineFile))).isEmpty();
        assertThat(ScenarioToml.withAbsolutePaths(HEAD, ScenarioLoader.parse(HEAD, "plain"))).hasValue(HEAD);
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
