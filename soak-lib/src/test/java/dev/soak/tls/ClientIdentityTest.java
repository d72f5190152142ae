package dev.soak.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientIdentityTest {
    @Test
    void certificateAndItsKey_giveAKeyManagerPresentingThem_inTwoFilesOrOne(@TempDir Path dir) throws Exception {
        TestCertificates.KeyPairFiles client = TestCertificates.generate(dir, "client", "dns:client.test");
        Path key = client.writeKeyPem(dir.resolve("client-key.pem"));
        Path both = Files.writeString(dir.resolve("both.pem"), Files.readString(client.pem()) + Files.readString(key));

        for (ClientIdentity id : new ClientIdentity[] {new ClientIdentity(client.pem(), key), new ClientIdentity(both, both)}) {
            X509KeyManager km = (X509KeyManager) id.keyManagers()[0];
            String alias = km.chooseClientAlias(new String[] {"EC"}, null, null);
            assertThat(alias).isNotNull();
            assertThat(km.getCertificateChain(alias)[0].getSubjectX500Principal().getName()).isEqualTo("CN=client,O=Soak test");
            assertThat(km.getPrivateKey(alias).getEncoded()).isEqualTo(
                    PemPrivateKey.read(key).getEncoded());
        }
    }

    @Test
    void aKeyOfAnotherCertificate_orAMissingFile_isRefused_namingTheScenarioKeyAndTheFile(@TempDir Path dir) throws Exception {
        TestCertificates.KeyPairFiles client = TestCertificates.generate(dir, "client", "dns:client.test");
        TestCertificates.KeyPairFiles other = TestCertificates.generate(dir, "other", "dns:other.test");
        Path otherKey = other.writeKeyPem(dir.resolve("other-key.pem"));

        assertThatThrownBy(() -> new ClientIdentity(client.pem(), otherKey).keyManagers()).isInstanceOf(IOException.class)
                .hasMessage("tls_client_key " + otherKey + " is not the private key of the certificate in tls_client_cert "
                        + client.pem() + " (CN=client,O=Soak test)");
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> new ClientIdentity(missing, otherKey).keyManagers()).isInstanceOf(IOException.class)
                .hasMessage("tls_client_cert " + missing + " does not exist");
        assertThatThrownBy(() -> new ClientIdentity(client.pem(), client.pem()).keyManagers()).isInstanceOf(IOException.class)
                .hasMessageStartingWith("tls_client_key " + client.pem() + " holds no PEM private key");
    }
}
