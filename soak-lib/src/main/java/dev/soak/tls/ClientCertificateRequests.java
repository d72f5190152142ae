package dev.soak.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Remembers, in the TLS session, that the server asked for a client certificate. With TLS 1.3 a server that
 * refuses the client's certificate (or its absence) does so after the client has finished its side of the
 * handshake: the client sees a closed connection or an alert at its first read, which says nothing about
 * certificates. The JDK asks the key manager for a client alias exactly when the server sent a
 * CertificateRequest (RFC 8446 §4.3.2), so the key manager installed here marks the handshake session then,
 * and {@link #requested(SSLSession)} tells an early close after such a request (a refused client certificate)
 * from any other.
 *
 * <p>Example: {@code ctx.init(ClientCertificateRequests.recording(identityKeyManagers), trust, null)}; after a
 * close, {@code requested(engine.getSession())}. Stateless; the mark lives in each session.
 */
public final class ClientCertificateRequests {
    private static final String MARK = "dev.soak.tls.client-certificate-requested";

    private ClientCertificateRequests() {
    }

    /**
     * Key managers that present what {@code identity} presents (nothing when null or empty) and mark each
     * session whose server asks for a client certificate.
     */
    public static KeyManager[] recording(KeyManager[] identity) {
        return recording(identity, new AtomicBoolean());
    }

    /** As {@link #recording(KeyManager[])}, also setting {@code requested} when any server asks. */
    public static KeyManager[] recording(KeyManager[] identity, AtomicBoolean requested) {
        X509KeyManager delegate = null;
        if (identity != null) {
            for (KeyManager k : identity) {
                if (k instanceof X509KeyManager x) {
                    delegate = x;
                    break;
                }
            }
        }
        return new KeyManager[] {new Recording(delegate, requested)};
    }

    /** Whether the server of {@code session} asked for a client certificate (seen by {@link #recording}'s managers). */
    public static boolean requested(SSLSession session) {
        return session != null && session.getValue(MARK) != null;
    }

    private static final class Recording extends X509ExtendedKeyManager {
        private final X509KeyManager delegate;
        private final AtomicBoolean requested;

        Recording(X509KeyManager delegate, AtomicBoolean requested) {
            this.delegate = delegate;
            this.requested = requested;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            mark(engine == null ? null : engine.getHandshakeSession());
            if (delegate instanceof X509ExtendedKeyManager x) {
                return x.chooseEngineClientAlias(keyType, issuers, engine);
            }
            return delegate == null ? null : delegate.chooseClientAlias(keyType, issuers, null);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            if (socket instanceof javax.net.ssl.SSLSocket s) {
                mark(s.getHandshakeSession());
            }
            return delegate == null ? null : delegate.chooseClientAlias(keyType, issuers, socket);
        }

        private void mark(SSLSession handshake) {
            requested.set(true);
            if (handshake != null) {
                handshake.putValue(MARK, Boolean.TRUE);
            }
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate == null ? null : delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate == null ? null : delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate == null ? null : delegate.getPrivateKey(alias);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
