/**
 * TLS trust for everything that talks to the target: the load driver, the readiness check, the
 * Prometheus scrape and the embedded reference server's own health check.
 *
 * <p>{@link dev.soak.tls.TlsTrust} is the scenario's {@code [target] tls_ca_file} /
 * {@code tls_insecure} as a value, and turns it into an {@link javax.net.ssl.SSLContext}, client
 * {@link javax.net.ssl.SSLEngine}s (SNI and host-name verification set) and configured
 * {@link java.net.HttpURLConnection}s, so every client of the target trusts exactly the same
 * certificates. With mutual TLS it also presents the same client certificate,
 * {@link dev.soak.tls.ClientIdentity} ({@code tls_client_cert} and {@code tls_client_key}), and
 * {@link dev.soak.tls.ClientCertificateRequests} notes which servers asked for one.
 * {@link dev.soak.tls.PemCertificates} and {@link dev.soak.tls.PemPrivateKey} read PEM files;
 * {@link dev.soak.tls.TlsFailure} says in one sentence why a connection failed (certificate not trusted,
 * host name mismatch, client certificate refused, other).
 *
 * <p>This package depends on nothing else in Soak; {@code scenario} (validation), {@code load},
 * {@code monitor}, {@code reference} and {@code soak} use it.
 */
package dev.soak.tls;
