package dev.soak.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PemPrivateKeyTest {
    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "EC", "Ed25519"})
    void pkcs8_ofEachKeyType_isReadBack_evenAfterACertificate(String algorithm) throws Exception {
        PrivateKey key = KeyPairGenerator.getInstance(algorithm).generateKeyPair().getPrivate();
        String text = "# client\n-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" + pem("PRIVATE KEY", key.getEncoded());

        PrivateKey read = PemPrivateKey.parse(text);

        assertThat(read.getAlgorithm()).isEqualTo(key.getAlgorithm());
        assertThat(read.getEncoded()).isEqualTo(key.getEncoded());
    }

    @Test
    void olderFormsAndEncryptedKeys_areRefused_withTheCommandThatConverts() {
        assertThatThrownBy(() -> PemPrivateKey.parse(pem("RSA PRIVATE KEY", new byte[] {1, 2, 3})))
                .isInstanceOf(IOException.class).hasMessageContaining("holds a key in an older format (-----BEGIN RSA PRIVATE KEY-----)")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
        assertThatThrownBy(() -> PemPrivateKey.parse(pem("EC PRIVATE KEY", new byte[] {1, 2, 3})))
                .isInstanceOf(IOException.class).hasMessageContaining("(-----BEGIN EC PRIVATE KEY-----)");
        assertThatThrownBy(() -> PemPrivateKey.parse(pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3})))
                .isInstanceOf(IOException.class).hasMessageStartingWith("holds an encrypted private key");
    }

    @Test
    void noKey_twoKeys_brokenBlocks_saySo() throws Exception {
        assertThatThrownBy(() -> PemPrivateKey.parse("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(IOException.class).hasMessage("holds no PEM private key (no -----BEGIN PRIVATE KEY----- line)");
        byte[] der = KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate().getEncoded();
        assertThatThrownBy(() -> PemPrivateKey.parse(pem("PRIVATE KEY", der) + pem("PRIVATE KEY", der)))
                .isInstanceOf(IOException.class).hasMessageStartingWith("holds more than one private key");
        assertThatThrownBy(() -> PemPrivateKey.parse("-----BEGIN PRIVATE KEY-----\nAAAA\n"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("has a private key block without an");
        assertThatThrownBy(() -> PemPrivateKey.parse(pem("PRIVATE KEY", new byte[] {48, 3, 2, 1, 0})))
                .isInstanceOf(IOException.class).hasMessageStartingWith("has a private key block that is not a PKCS#8");
    }
}
