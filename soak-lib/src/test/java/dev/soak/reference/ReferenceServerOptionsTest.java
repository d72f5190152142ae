package dev.soak.reference;

import dev.soak.scenario.FaultSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReferenceServerOptionsTest {

    @Test
    void toArgs_parse_roundTripIsExact() {
        var faults = new FaultSpec(12.5, 100, 2.9e137, 20, 6, 7, 64, 30, 0.01, 120);
        var o = ReferenceServerOptions.builder().host("127.0.0.2").port(7432).embeddingDim(0).capacityPerSpace(123)
                .maxSpaces(3).recallScanLimit(77).maxBodyBytes(9999).maxContentChars(55).threads(3).seed(-5).parentPid(12345)
                .faults(faults).fullGcIntervalSec(7).build();
        assertThat(ReferenceServerOptions.parse(o.toArgs().toArray(String[]::new))).isEqualTo(o);
        assertThat(o.toArgs()).containsSequence("--leak-mb-per-hour", "12.5").containsSequence("--port", "7432")
                .containsSequence("--full-gc-interval-sec", "7");
    }

    @Test
    void keystore_roundTrips_andAPlainServerWritesNoKeystoreFlags() {
        var o = ReferenceServerOptions.builder().keystore(java.nio.file.Path.of("/tmp/server.p12"), "pw").build();
        assertThat(o.https()).isTrue();
        assertThat(o.toArgs()).containsSequence("--keystore", "/tmp/server.p12").containsSequence("--keystore-password", "pw");
        assertThat(ReferenceServerOptions.parse(o.toArgs().toArray(String[]::new))).isEqualTo(o);
        var plain = ReferenceServerOptions.builder().build();
        assertThat(plain.https()).isFalse();
        assertThat(plain.toArgs()).doesNotContain("--keystore", "--keystore-password", "--client-ca");
    }

    @Test
    void clientCa_roundTrips_andNeedsAKeystore() {
        var o = ReferenceServerOptions.builder().keystore(java.nio.file.Path.of("/tmp/server.p12"), "pw")
                .clientCa(java.nio.file.Path.of("/tmp/clients.pem")).build();
        assertThat(o.toArgs()).containsSequence("--client-ca", "/tmp/clients.pem");
        assertThat(ReferenceServerOptions.parse(o.toArgs().toArray(String[]::new))).isEqualTo(o);
        assertThat(ReferenceServerOptions.builder().keystore(java.nio.file.Path.of("/tmp/server.p12"), "pw").build().toArgs())
                .doesNotContain("--client-ca");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReferenceServerOptions.builder()
                .clientCa(java.nio.file.Path.of("/tmp/clients.pem")).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--client-ca /tmp/clients.pem needs --keystore: client certificates are asked for over HTTPS only");
    }

    @Test
    void fromFaultSpec_defaultsPlusFaults() {
        var f = new FaultSpec(1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        var o = ReferenceServerOptions.fromFaultSpec(f);
        assertThat(o.faults()).isEqualTo(f);
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isZero();
        assertThat(o.embeddingDim()).isEqualTo(768);
        assertThat(o.fullGcIntervalSec()).isEqualTo(60);
    }

    @Test
    void parse_equalsFormAndDefaults() {
        var o = ReferenceServerOptions.parse("--port=0", "--error-rate", "0.5");
        assertThat(o.faults().errorRate()).isEqualTo(0.5);
        assertThat(o.threads()).isEqualTo(8);
    }

    @Test
    void parse_unknownFlag_namesItAndListsTheFlags() {
        assertThatThrownBy(() -> ReferenceServerOptions.parse("--leak-mb-per-hr", "5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--leak-mb-per-hr").hasMessageContaining("--leak-mb-per-hour");
    }

    @Test
    void parse_badValues_areNamed() {
        assertThatThrownBy(() -> ReferenceServerOptions.parse("--port", "abc")).hasMessageContaining("--port = 'abc'");
        assertThatThrownBy(() -> ReferenceServerOptions.parse("--error-rate", "1.5")).hasMessageContaining("--error-rate = 1.5");
        assertThatThrownBy(() -> ReferenceServerOptions.parse("--leak-mb-per-hour", "-1")).hasMessageContaining("≥ 0");
        assertThatThrownBy(() -> ReferenceServerOptions.parse("--warmup-mb", "10")).hasMessageContaining("--warmup-tau-sec");
        assertThatThrownBy(() -> ReferenceServerOptions.parse("--port")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ReferenceServerOptions.parse("7432")).hasMessageContaining("unexpected argument");
        assertThatThrownBy(() -> ReferenceServerOptions.parse("--full-gc-interval-sec", "-1"))
                .hasMessageContaining("--full-gc-interval-sec = -1").hasMessageContaining("0 to 86400");
    }
}
