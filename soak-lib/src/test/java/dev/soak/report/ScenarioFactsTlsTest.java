package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioFactsTlsTest {
    private static final String TOML = """
            name = "t"
            [arrival]
            pattern = "constant"
            rate = 5
            [target]
            endpoint = "https://127.0.0.1:8443"
            """;

    @Test
    void tlsInsecure_addsANoteThatVerificationWasOff() {
        List<String> notes = new ArrayList<>();
        ScenarioFacts.parse(TOML + "tls_insecure = true\n", notes);
        assertThat(notes).singleElement().asString()
                .startsWith("TLS verification was off ([target] tls_insecure = true)");
    }

    @Test
    void verifiedTls_addsNoNote() {
        List<String> notes = new ArrayList<>();
        ScenarioFacts.parse(TOML + "tls_ca_file = \"/etc/ca.pem\"\n", notes);
        assertThat(notes).isEmpty();
    }
}
