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
import javax.net.ssl.HttpsURLConnection;
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
 * <p>Immutable and thread-safe; {@link #sslContext()} reads the CA file on each call, so call it
 * once per client and keep the context.
 *
 * @param caFile   PEM certificates to trust instead of the JDK's trust store; empty = the JDK's
 * @param insecure accept any certificate and host name (then {@code caFile} must be empty)
 */
public record TlsTrust(Optional<Path> caFile, boolean insecure) {
    /** The JDK's trust store, host name verified: what {@code https://} means without tls_* keys. */
    public static final TlsTrust DEFAULT = new TlsTrust(Optional.empty(), false);

    public TlsTrust {
        Objects.requireNonNull(caFile, "caFile");
        if (insecure && caFile.isPresent()) {
            throw new IllegalArgumentException("tls_ca_file = \"" + caFile.get() + "\" and tls_insecure = true contradict each"
                    + " other (one says which certificates to trust, the other to trust any); keep one of them");
        }
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
     * @throws IOException when the CA file cannot be read or holds no valid certificate (the message
     *                     names the file)
     */
    public SSLContext sslContext() throws IOException {
        try {
            if (insecure) {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new TrustAll()}, null);
                return ctx;
            }
            if (caFile.isPresent()) {
                List<X509Certificate> certs;
                try {
                    certs = PemCertificates.read(caFile.get());
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new IOException("tls_ca_file " + caFile.get() + " does not exist", e);
                } catch (IOException e) {
                    throw new IOException("tls_ca_file " + caFile.get() + " " + e.getMessage(), e);
                }
                return trusting(certs);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, null, null); // the JDK's default trust managers
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot create a TLS context: " + e.getMessage(), e);
        }
    }

    /** A client context whose only trust anchors are {@code certs} (PKIX validation, as the JDK does it). */
    public static SSLContext trusting(Collection<X509Certificate> certs) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int i = 0;
            for (X509Certificate c : certs) {
                anchors.setCertificateEntry("anchor-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("this JDK cannot create a TLS context: " + e.getMessage(), e);
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
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        if (c instanceof HttpsURLConnection) {
            configure(c, sslContext());
        }
        return c;
    }

    /** One clause for a plan or report, e.g. "certificate checked against ca.pem (tls_ca_file), host name verified". */
    public String describe() {
        if (insecure) {
            return "certificate and host name NOT verified (tls_insecure = true)";
        }
        return caFile.map(f -> "certificate checked against " + f + " (tls_ca_file), host name verified")
                .orElse("certificate checked against the JDK's trust store, host name verified");
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
