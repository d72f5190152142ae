package dev.soak.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TlsFailureTest {
    @Test
    void afterTheServerAskedForAClientCertificate_aGenericFailureIsItsRefusal_aSpecificOneStaysWhatItIs() {
        SSLException alert = new SSLHandshakeException("Received fatal alert: bad_certificate");
        EOFException closed = new EOFException("SSL peer shut down incorrectly");
        SSLException untrusted = new SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new CertificateException("unable to find valid certification path"));

        assertThat(TlsFailure.of(alert, false)).contains(TlsFailure.HANDSHAKE);
        assertThat(TlsFailure.of(alert, true)).contains(TlsFailure.CLIENT_CERT);
        assertThat(TlsFailure.of(closed, false)).isEmpty();
        assertThat(TlsFailure.of(closed, true)).contains(TlsFailure.CLIENT_CERT);
        assertThat(TlsFailure.of(untrusted, true)).contains(TlsFailure.UNTRUSTED);
        assertThat(TlsFailure.of(new SocketTimeoutException("Read timed out"), true)).isEmpty();
        assertThat(TlsFailure.CLIENT_CERT.describe(alert, "10.0.0.7"))
                .isEqualTo("10.0.0.7 asked for a client certificate and refused the connection (Received fatal alert: bad_certificate)");
    }
}
