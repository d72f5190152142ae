package dev.soak.tls;

import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Why a TLS connection to the target failed, for error counts and for the one-paragraph message a
 * user gets: the certificate is not trusted, it does not name the endpoint's host, or the handshake
 * failed otherwise (the port does not speak TLS, no common protocol or cipher, an alert from the
 * server). {@link #key()} is the name in {@code errors_by_class}.
 *
 * <p>Example: an endpoint {@code https://127.0.0.1:8443} whose certificate names only
 * {@code localhost} fails with {@link #HOSTNAME}; the same server with a certificate not in the
 * trust store fails with {@link #UNTRUSTED}. Immutable and thread-safe.
 */
public enum TlsFailure {
    /** The server's certificate chain does not end in a trusted certificate (or is expired, or malformed). */
    UNTRUSTED("tls_untrusted"),
    /** The certificate is trusted but does not name the endpoint's host. */
    HOSTNAME("tls_hostname"),
    /** Any other handshake failure. */
    HANDSHAKE("tls_handshake"),
    /**
     * The server asked for a client certificate and then closed the connection or sent an alert: it refused the
     * certificate presented, or none was (see {@link ClientCertificateRequests}). Only {@link #of(Throwable, boolean)}
     * returns it: the caller knows whether the server asked.
     */
    CLIENT_CERT("tls_client_cert");

    private final String key;

    TlsFailure(String key) {
        this.key = key;
    }

    /** The snake_case name used in error counts. */
    public String key() {
        return key;
    }

    /**
     * The failure {@code t} is, when it is a TLS one ({@link SSLException} anywhere in its cause
     * chain); empty otherwise (e.g. a refused connection or a timeout).
     */
    public static Optional<TlsFailure> of(Throwable t) {
        boolean ssl = false;
        for (Throwable c = t; c != null; c = c.getCause()) {
            ssl |= c instanceof SSLException;
            if (c instanceof CertificateException) {
                return Optional.of(isHostNameMismatch(c) ? HOSTNAME : UNTRUSTED);
            }
        }
        return ssl ? Optional.of(HANDSHAKE) : Optional.empty();
    }

    /**
     * As {@link #of(Throwable)}, knowing whether the server asked for a client certificate before {@code t}: then a
     * failure with no more specific reason (a generic alert, a close; not a timeout, not our refusal of the server's
     * certificate) is {@link #CLIENT_CERT}, the server's refusal of the certificate presented or of its absence.
     */
    public static Optional<TlsFailure> of(Throwable t, boolean clientCertificateRequested) {
        Optional<TlsFailure> f = of(t);
        boolean generic = f.isEmpty() || f.get() == HANDSHAKE;
        return clientCertificateRequested && generic && !(t instanceof java.net.SocketTimeoutException)
                ? Optional.of(CLIENT_CERT) : f;
    }

    /**
     * What failed, as a clause about {@code host}, with the JDK's innermost reason in parentheses,
     * e.g. "the certificate of 127.0.0.1 is not trusted (PKIX path building failed: …)".
     */
    public String describe(Throwable t, String host) {
        String reason = innermostMessage(t);
        String what = switch (this) {
            case UNTRUSTED -> "the certificate of " + host + " is not trusted";
            case HOSTNAME -> "the certificate presented by " + host + " does not name " + host;
            case HANDSHAKE -> "the TLS handshake with " + host + " failed";
            case CLIENT_CERT -> host + " asked for a client certificate and refused the connection";
        };
        return reason.isEmpty() ? what : what + " (" + reason + ")";
    }

    /** How to fix it, one sentence starting with "Fix:". */
    public String fix() {
        return switch (this) {
            case UNTRUSTED -> "Fix: give the CA certificate that signed it (or the self-signed certificate itself) as"
                    + " [target] tls_ca_file = \"ca.pem\" (PEM), or set tls_insecure = true for a test service";
            case HOSTNAME -> "Fix: use a host in [target] endpoint that the certificate names (its subject alternative"
                    + " names), or set [target] tls_insecure = true for a test service";
            case HANDSHAKE -> "Fix: check that the endpoint's port speaks TLS (use http:// if it does not), that"
                    + " client and server share a TLS version and cipher suite, and, if the server asks for a client"
                    + " certificate (mutual TLS), give one it accepts as [target] tls_client_cert and tls_client_key";
            case CLIENT_CERT -> "Fix: give a client certificate the server accepts as [target] tls_client_cert (PEM) and"
                    + " its private key as tls_client_key (PKCS#8 PEM)";
        };
    }

    private static boolean isHostNameMismatch(Throwable c) {
        // sun.security.util.HostnameChecker throws a plain CertificateException with these messages
        // (JDK 8 to 21); PKIX failures are subclasses (ValidatorException, CertificateExpiredException).
        String m = c.getMessage();
        return c.getClass() == CertificateException.class && m != null
                && (m.startsWith("No subject alternative") || m.startsWith("No name matching")
                || m.startsWith("Illegal given domain name"));
    }

    private static String innermostMessage(Throwable t) {
        String m = "";
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                m = c.getMessage();
            }
        }
        return m;
    }
}
