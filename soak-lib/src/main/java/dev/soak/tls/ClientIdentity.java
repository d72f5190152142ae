package dev.soak.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The certificate a client of the target presents when the server asks for one (mutual TLS):
 * {@code [target] tls_client_cert}, the certificate and any intermediates in PEM, the client's own first,
 * and {@code [target] tls_client_key}, its private key in unencrypted PKCS#8 PEM ({@link PemPrivateKey}).
 * Both paths may name the same file.
 *
 * <p>Example: {@code new ClientIdentity(Path.of("client.pem"), Path.of("client-key.pem")).keyManagers()}
 * gives key managers for {@code SSLContext.init}; a key that does not belong to the certificate is refused
 * there, before any connection, rather than by the server's handshake alert. Immutable; {@link #keyManagers()}
 * reads the files on each call.
 *
 * @param certFile PEM certificate chain, the client's certificate first
 * @param keyFile  PEM private key of that certificate
 */
public record ClientIdentity(Path certFile, Path keyFile) {
    public ClientIdentity {
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(keyFile, "keyFile");
    }

    /**
     * Key managers presenting this identity.
     *
     * @throws IOException when a file cannot be read or is not what it should be, or the key does not belong to
     *                     the certificate; the message names the key ({@code tls_client_cert} or
     *                     {@code tls_client_key}) and the file
     */
    public KeyManager[] keyManagers() throws IOException {
        List<X509Certificate> chain = PemFiles.read("tls_client_cert", certFile, PemCertificates::read);
        PrivateKey key = PemFiles.read("tls_client_key", keyFile, PemPrivateKey::read);
        if (!belongTogether(key, chain.get(0).getPublicKey())) {
            throw new IOException("tls_client_key " + keyFile + " is not the private key of the certificate in"
                    + " tls_client_cert " + certFile + " (" + chain.get(0).getSubjectX500Principal().getName() + ")");
        }
        try {
            char[] none = new char[0];
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", key, none, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, none);
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new IOException("tls_client_cert " + certFile + " and tls_client_key " + keyFile
                    + " cannot be used together (" + e.getMessage() + ")", e);
        }
    }

    /** One clause for a plan or report, e.g. "client certificate client.pem (tls_client_cert)". */
    public String describe() {
        return "client certificate " + certFile + " (tls_client_cert)";
    }

    /** Whether {@code key} signs what {@code pub} verifies (any key type the JDK signs with). */
    private static boolean belongTogether(PrivateKey key, PublicKey pub) {
        if (!key.getAlgorithm().equals(pub.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> key.getAlgorithm(); // Ed25519, Ed448, EdDSA
        };
        byte[] challenge = "soak: does this key belong to this certificate?".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            Signature s = Signature.getInstance(algorithm);
            if (algorithm.equals("RSASSA-PSS")) {
                s.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            }
            s.initSign(key);
            s.update(challenge);
            byte[] sig = s.sign();
            s.initVerify(pub);
            s.update(challenge);
            return s.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
