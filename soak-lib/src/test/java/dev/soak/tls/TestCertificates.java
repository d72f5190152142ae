package dev.soak.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Self-signed EC (secp256r1) key pairs made at test time with the JDK's {@code keytool}: a PKCS12
 * key store for a server and the certificate as PEM for a client to trust. Each call runs keytool
 * twice (about a second). Stateless and thread-safe.
 */
public final class TestCertificates {
    /** The password of every key store made here (key and store). */
    public static final String PASSWORD = "soak-test";

    /**
     * One key pair: {@code keystore} (PKCS12, alias {@code server}) and {@code pem} (its certificate).
     */
    public record KeyPairFiles(Path keystore, Path pem) {
        /** A server context presenting this key pair. */
        public SSLContext serverContext() {
            return serverContext(List.of());
        }

        /**
         * A server context presenting this key pair that trusts exactly {@code clients} as client certificates
         * (for a server asking for one); the JDK's trust store when empty.
         */
        public SSLContext serverContext(List<X509Certificate> clients) {
            return serverContext(clients, "TLS");
        }

        /** As {@link #serverContext(List)}, with {@code protocol} as the context's (e.g. "TLSv1.2" for at most TLS 1.2). */
        public SSLContext serverContext(List<X509Certificate> clients, String protocol) {
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(), PASSWORD.toCharArray());
                TrustManager[] trust = clients.isEmpty() ? null : TlsTrust.anchoredAt(clients);
                SSLContext ctx = SSLContext.getInstance(protocol);
                ctx.init(kmf.getKeyManagers(), trust, null);
                return ctx;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Writes the private key as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) to {@code file}. */
        public Path writeKeyPem(Path file) throws IOException {
            try {
                byte[] der = load().getKey("server", PASSWORD.toCharArray()).getEncoded();
                String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
                return Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private KeyStore load() throws IOException, GeneralSecurityException {
            try (InputStream in = Files.newInputStream(keystore)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(in, PASSWORD.toCharArray());
                return ks;
            }
        }
    }

    /**
     * The two certificates the loopback tests need: {@code ip} names 127.0.0.1 and localhost (valid for
     * {@code https://127.0.0.1} once trusted), {@code localhostOnly} names localhost only (so
     * {@code https://127.0.0.1} does not match it).
     */
    public record Loopback(KeyPairFiles ip, KeyPairFiles localhostOnly) {
    }

    private TestCertificates() {
    }

    /** Generates the {@link Loopback} pair into {@code dir}. */
    public static Loopback loopback(Path dir) throws IOException, InterruptedException {
        return new Loopback(generate(dir, "ip", "ip:127.0.0.1,dns:localhost"), generate(dir, "localhost", "dns:localhost"));
    }

    /**
     * Generates {@code dir/name.p12} and {@code dir/name.pem} for a certificate whose subject
     * alternative names are {@code san} in keytool's syntax, e.g. {@code ip:127.0.0.1,dns:localhost}.
     */
    public static KeyPairFiles generate(Path dir, String name, String san) throws IOException, InterruptedException {
        Path keystore = dir.resolve(name + ".p12");
        Path pem = dir.resolve(name + ".pem");
        keytool(dir, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD,
                "-dname", "CN=" + name + ", O=Soak test", "-validity", "2", "-ext", "SAN=" + san);
        keytool(dir, "-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-file", pem.toString());
        return new KeyPairFiles(keystore, pem);
    }

    private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Path log = dir.resolve("keytool.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool did not finish within 60 s: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool failed (exit " + p.exitValue() + "): " + cmd + "\n" + Files.readString(log));
        }
    }
}
