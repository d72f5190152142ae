package dev.soak.tls;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URLConnection;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which server certificates a client of the target accepts: {@code [target] tls_ca_file} and
 * {@code tls_insecure} as a value. Three cases:
 * <ul>
 *   <li>{@link #DEFAULT}: the JDK's trust store (the {@code cacerts} of the running JDK), host name
 *       verified;</li>
 *   <li>{@link #caFile(Path)}: exactly the PEM certificates of that file are trust anchors (a CA, or
 *       a self-signed server certificate itself), host name verified;</li>
 *   <li>{@link #trustAll()}: any certificate and any host name ({@code tls_insecure = true}, for
 *       self-signed test services). The traffic is still encrypted, but not authenticated.</li>
 * </ul>
 * "Host name verified" is RFC 2818 / RFC 6125 matching as HTTPS does it (the JDK's endpoint
 * identification algorithm {@code "HTTPS"}): an endpoint {@code https://127.0.0.1:8443} needs an IP
 * subject alternative name 127.0.0.1 in the certificate, {@code https://localhost:8443} a DNS name
 * {@code localhost}.
 *
 * <p>Example: {@code TlsTrust.caFile(Path.of("/etc/soak/ca.pem")).sslContext()} gives a context
 * whose engines ({@link #clientEngine}) accept a server whose chain ends in a certificate of ca.pem.
 *
 * <p>Trust runs both ways with mutual TLS: a server that asks for a client certificate is shown
 * {@link #identity()} ({@code tls_client_cert} and {@code tls_client_key}), in any of the three cases.
 *
 * <p>Immutable and thread-safe; {@link #sslContext()} reads the files on each call, so call it
 * once per client and keep the context.
 *
 * @param caFile   PEM certificates to trust instead of the JDK's trust store; empty = the JDK's
 * @param insecure accept any certificate and host name (then {@code caFile} must be empty)
 * @param identity the certificate presented when the server asks for one; empty = none
 */
public record TlsTrust(Optional<Path> caFile, boolean insecure, Optional<ClientIdentity> identity) {
    /** The JDK's trust store, host name verified: what {@code https://} means without tls_* keys. */
    public static final TlsTrust DEFAULT = new TlsTrust(Optional.empty(), false);

    public TlsTrust {
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(identity, "identity");
        if (insecure && caFile.isPresent()) {
            throw new IllegalArgumentException("tls_ca_file = \"" + caFile.get() + "\" and tls_insecure = true contradict each"
                    + " other (one says which certificates to trust, the other to trust any); keep one of them");
        }
    }

    /** Without a client certificate. */
    public TlsTrust(Optional<Path> caFile, boolean insecure) {
        this(caFile, insecure, Optional.empty());
    }

    /** The same trust, presenting {@code id} to a server that asks for a client certificate. */
    public TlsTrust withIdentity(ClientIdentity id) {
        return new TlsTrust(caFile, insecure, Optional.of(id));
    }

    /** Trusts exactly the PEM certificates of {@code file}. */
    public static TlsTrust caFile(Path file) {
        return new TlsTrust(Optional.of(file), false);
    }

    /** Trusts any certificate and host name ({@code tls_insecure = true}). */
    public static TlsTrust trustAll() {
        return new TlsTrust(Optional.empty(), true);
    }

    /** Whether certificates and host names are checked (false only for {@link #trustAll()}). */
    public boolean verifies() {
        return !insecure;
    }

    /**
     * A client context for these settings.
     *
     * @throws IOException when the CA file or the client certificate or key cannot be read or is not valid (the
     *                     message names the key and the file)
     */
    public SSLContext sslContext() throws IOException {
        return sslContext(new AtomicBoolean());
    }

    /** As {@link #sslContext()}, setting {@code clientCertificateRequested} when a server asks for a client certificate. */
    private SSLContext sslContext(AtomicBoolean clientCertificateRequested) throws IOException {
        KeyManager[] keys = ClientCertificateRequests.recording(identity.isPresent() ? identity.get().keyManagers() : null,
                clientCertificateRequested);
        TrustManager[] trust = insecure ? new TrustManager[] {new TrustAll()}
                : caFile.isPresent() ? anchoredAt(PemFiles.read("tls_ca_file", caFile.get(), PemCertificates::read))
                : null; // the JDK's default trust managers
        return context(keys, trust);
    }

    /** A client context whose only trust anchors are {@code certs} (PKIX validation, as the JDK does it). */
    public static SSLContext trusting(Collection<X509Certificate> certs) {
        return context(null, anchoredAt(certs));
    }

    private static SSLContext context(KeyManager[] keys, TrustManager[] trust) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, trust, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot create a TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * Trust managers whose only anchors are {@code certs} (PKIX validation, as the JDK does it): a client's view of
     * servers here, and a server's view of client certificates in the reference server.
     */
    public static TrustManager[] anchoredAt(Collection<X509Certificate> certs) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int i = 0;
            for (X509Certificate c : certs) {
                anchors.setCertificateEntry("anchor-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("this JDK cannot create trust managers: " + e.getMessage(), e);
        }
    }

    /**
     * A client-mode engine for {@code host:port} from {@code ctx} (made by {@link #sslContext()}):
     * SNI is the host when it is a name (RFC 6066 allows no IP address there), and the host name is
     * verified unless {@code insecure}.
     */
    public SSLEngine clientEngine(SSLContext ctx, String host, int port) {
        String bare = unbracket(host);
        SSLEngine engine = ctx.createSSLEngine(bare, port);
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        if (!insecure) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isIpLiteral(bare)) {
            p.setServerNames(List.of(new SNIHostName(bare)));
        }
        engine.setSSLParameters(p);
        return engine;
    }

    /**
     * Makes {@code connection} use {@code ctx} (made by {@link #sslContext()}) when it is an https
     * one, and accept any host name when {@code insecure}; a plain-http connection is left as it is.
     */
    public void configure(URLConnection connection, SSLContext ctx) {
        if (connection instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(ctx.getSocketFactory());
            if (insecure) {
                https.setHostnameVerifier((name, session) -> true);
            }
        }
    }

    /**
     * Opens {@code url} with these settings: a fresh context each call, so use it for a few requests
     * (a health check, a scrape a minute), not in a loop.
     */
    public HttpURLConnection open(java.net.URI url) throws IOException {
        return open(url, new AtomicBoolean());
    }

    /** As {@link #open(java.net.URI)}, setting {@code clientCertificateRequested} when the server asks for a client certificate. */
    public HttpURLConnection open(java.net.URI url, AtomicBoolean clientCertificateRequested) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        if (c instanceof HttpsURLConnection) {
            configure(c, sslContext(clientCertificateRequested));
        }
        return c;
    }

    /** One clause for a plan or report, e.g. "certificate checked against ca.pem (tls_ca_file), host name verified". */
    public String describe() {
        String server = insecure ? "certificate and host name NOT verified (tls_insecure = true)"
                : caFile.map(f -> "certificate checked against " + f + " (tls_ca_file), host name verified")
                        .orElse("certificate checked against the JDK's trust store, host name verified");
        return identity.map(id -> server + "; " + id.describe()).orElse(server);
    }

    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Accepts every chain and, being an extended trust manager, skips the host-name check too. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
