package dev.soak.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Remembers which connections' servers asked for a client certificate. With TLS 1.3 a server that refuses the
 * client's certificate (or its absence) does so after the client has finished its side of the handshake: the
 * client sees a closed connection or an alert at its first read, which says nothing about certificates; with
 * TLS 1.2 it is a handshake alert such as bad_certificate, which says little more. The JDK asks the key manager
 * for a client alias exactly when the server sent a CertificateRequest (RFC 8446 §4.3.2, RFC 5246 §7.4.4), so
 * the key manager installed here notes the engine then (or sets a flag, for a socket), and
 * {@link #requested(SSLEngine)} tells a failure after such a request (a refused client certificate) from any
 * other. The note is kept outside the TLS session, which a failed TLS 1.2 handshake discards.
 *
 * <p>Example: {@code ctx.init(ClientCertificateRequests.recording(identityKeyManagers, asked), trust, null)}; after a
 * failure, {@code requested(engine)}. Thread-safe; engines are held weakly, so a closed connection's is
 * forgotten with it.
 */
public final class ClientCertificateRequests {
    private static final Map<SSLEngine, Boolean> ASKED = Collections.synchronizedMap(new WeakHashMap<>());

    private ClientCertificateRequests() {
    }

    /**
     * Key managers that present what {@code identity} presents (nothing when null or empty), note each engine whose
     * server asks for a client certificate, and set {@code requested} when any server asks.
     */
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

    /** Whether the server of {@code engine}'s connection asked for a client certificate (seen by the managers of {@link #recording}). */
    public static boolean requested(SSLEngine engine) {
        return ASKED.containsKey(engine);
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
            requested.set(true);
            if (engine != null) {
                ASKED.put(engine, Boolean.TRUE);
            }
            if (delegate instanceof X509ExtendedKeyManager x) {
                return x.chooseEngineClientAlias(keyType, issuers, engine);
            }
            return delegate == null ? null : delegate.chooseClientAlias(keyType, issuers, null);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            requested.set(true);
            return delegate == null ? null : delegate.chooseClientAlias(keyType, issuers, socket);
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
