package dev.soak.load;

import dev.soak.tls.TlsFailure;

/**
 * Why an operation failed; {@link #key()} is the name in {@code errors_by_class}. A connection
 * failure ({@link #connectionFailure()}) fails before the target did any work, so its latency is
 * not recorded (it would read as a fast target).
 */
enum ErrorClass {
    /** The target refused the TCP connection (nothing listening). */
    REFUSED("refused", true),
    /** No complete response within the request timeout (connect, TLS handshake, send or receive). */
    TIMEOUT("timeout", false),
    /** A 4xx status. */
    HTTP_4XX("http_4xx", false),
    /** A 5xx status. */
    HTTP_5XX("http_5xx", false),
    /** A 1xx–3xx status that was not expected (Engram store expects 201, a template its {@code expect_status}). */
    UNEXPECTED_STATUS("unexpected_status", false),
    /** Another network failure: reset, early close, malformed response, a TLS error after the handshake. */
    IO("io", true),
    /** A Java operation threw. */
    EXCEPTION("exception", false),
    /** TLS handshake: the server's certificate is not trusted ({@link TlsFailure#UNTRUSTED}). */
    TLS_UNTRUSTED(TlsFailure.UNTRUSTED.key(), true),
    /** TLS handshake: the certificate does not name the endpoint's host ({@link TlsFailure#HOSTNAME}). */
    TLS_HOSTNAME(TlsFailure.HOSTNAME.key(), true),
    /** TLS handshake failed otherwise ({@link TlsFailure#HANDSHAKE}). */
    TLS_HANDSHAKE(TlsFailure.HANDSHAKE.key(), true),
    /** The server asked for a client certificate and closed the connection ({@link TlsFailure#CLIENT_CERT}). */
    TLS_CLIENT_CERT(TlsFailure.CLIENT_CERT.key(), true);

    static final ErrorClass[] VALUES = values();

    private final String key;
    private final boolean connectionFailure;

    ErrorClass(String key, boolean connectionFailure) {
        this.key = key;
        this.connectionFailure = connectionFailure;
    }

    String key() {
        return key;
    }

    /** Whether the request never reached the target's application (no latency is recorded). */
    boolean connectionFailure() {
        return connectionFailure;
    }

    /** The class of a failed TLS handshake. */
    static ErrorClass of(TlsFailure f) {
        return switch (f) {
            case UNTRUSTED -> TLS_UNTRUSTED;
            case HOSTNAME -> TLS_HOSTNAME;
            case HANDSHAKE -> TLS_HANDSHAKE;
            case CLIENT_CERT -> TLS_CLIENT_CERT;
        };
    }
}
