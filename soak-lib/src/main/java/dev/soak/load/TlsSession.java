package dev.soak.load;

import dev.soak.tls.ClientCertificateRequests;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The TLS byte pump of one non-blocking client connection of {@link NioHttpClient}: drives a
 * client-mode {@link SSLEngine} over a {@link SocketChannel} in non-blocking mode — the handshake,
 * then plaintext in and out — and never blocks: every step that would wait says what the selector
 * should wait for ({@link #NEED_READ} / {@link #NEED_WRITE}) or returns what it could do.
 *
 * <p>Buffers: {@code netIn} (bytes read from the socket, not yet decrypted, kept in fill mode) and
 * {@code netOut} (encrypted bytes not yet written, kept in drain mode), each the session's packet
 * size (about 16.7 KiB: one TLS record), grown if the engine asks (BUFFER_UNDERFLOW on a full
 * buffer, BUFFER_OVERFLOW). Plaintext is decrypted straight into the caller's buffer, which must
 * hold at least one record ({@link #MIN_PLAINTEXT_BUFFER}); a response larger than what fits is
 * delivered over several {@link #read} calls ({@link #moreBuffered()} says when to call again
 * without waiting for the socket). Delegated tasks (certificate validation) run inline on the
 * calling thread: they run once per new connection, and keep-alive makes new connections rare.
 * {@link #close} sends close_notify (or the pending alert of a failed handshake) best effort.
 *
 * <p>Example, as {@link NioHttpClient} uses it: on connect, {@code handshake(ch, scratch)} until it
 * returns {@link #DONE} (registering for OP_READ / OP_WRITE as it asks); then
 * {@code write(ch, request)} (false: register OP_WRITE and call again) and {@code read(ch, buf)} on
 * OP_READ, exactly like {@code ch.write} / {@code ch.read} of plain HTTP.
 *
 * <p>Thread safety: none; one thread at a time (the connection's selector thread) uses it.
 */
final class TlsSession {
    /** Handshake finished. */
    static final int DONE = 0;
    /** Wait until the socket is readable, then call {@link #handshake} again. */
    static final int NEED_READ = 1;
    /** Wait until the socket is writable, then call {@link #handshake} again. */
    static final int NEED_WRITE = 2;
    /** The smallest plaintext buffer {@link #read} accepts: one TLS record's plaintext (2^14) plus slack. */
    static final int MIN_PLAINTEXT_BUFFER = 17 * 1024;

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private boolean started;
    private boolean handshakeDone;
    private boolean moreBuffered;

    TlsSession(SSLEngine engine) {
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet).flip();
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    /** Whether the last {@link #read} stopped because {@code dst} was full while decrypted records may remain. */
    boolean moreBuffered() {
        return moreBuffered;
    }

    /**
     * Advances the handshake as far as the socket allows. {@code scratch} receives any plaintext
     * the server sends during it (an HTTP server sends none; it is discarded).
     *
     * @return {@link #DONE}, {@link #NEED_READ} or {@link #NEED_WRITE}
     * @throws SSLHandshakeException when the handshake fails (untrusted certificate, host name, alert)
     *                               or the server closes the connection during it
     */
    int handshake(SocketChannel ch, ByteBuffer scratch) throws IOException {
        if (!started) {
            started = true;
            engine.beginHandshake();
        }
        while (true) {
            if (!flush(ch)) {
                return NEED_WRITE;
            }
            HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NOT_HANDSHAKING, FINISHED -> {
                    handshakeDone = true;
                    return DONE;
                }
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> wrap(EMPTY);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    scratch.clear();
                    SSLEngineResult r = unwrap(scratch);
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLHandshakeException("the server closed the TLS session during the handshake");
                    }
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        int n = ch.read(netIn);
                        if (n < 0) {
                            throw new SSLHandshakeException("the server closed the connection during the TLS handshake");
                        }
                        if (n == 0) {
                            return NEED_READ;
                        }
                    }
                }
            }
        }
    }

    /**
     * Encrypts and writes {@code src} (advancing its position) as far as the socket takes it.
     *
     * @return true when all of {@code src} has been written; false: wait for OP_WRITE and call again
     */
    boolean write(SocketChannel ch, ByteBuffer src) throws IOException {
        while (true) {
            if (!flush(ch)) {
                return false;
            }
            if (!src.hasRemaining()) {
                return true;
            }
            wrap(src);
        }
    }

    /**
     * Reads and decrypts into {@code dst} (fill mode, at least {@link #MIN_PLAINTEXT_BUFFER} free)
     * until the socket has nothing more or {@code dst} cannot take another record.
     *
     * @return plaintext bytes put into {@code dst}; 0 when only TLS records without data came (such
     *         as a TLS 1.3 session ticket) or nothing; -1 at the end of the stream (close_notify or
     *         the socket closed) when nothing was put
     * @throws SSLException on a broken record or an alert from the server
     */
    int read(SocketChannel ch, ByteBuffer dst) throws IOException {
        int start = dst.position();
        moreBuffered = false;
        while (true) {
            SSLEngineResult r = unwrap(dst);
            int produced = dst.position() - start;
            switch (r.getStatus()) {
                case OK -> afterUnwrap(ch);
                case BUFFER_OVERFLOW -> {
                    if (produced == 0) {
                        throw new SSLException("plaintext buffer of " + dst.remaining() + " bytes is smaller than a TLS"
                                + " record (" + engine.getSession().getApplicationBufferSize() + " bytes)");
                    }
                    moreBuffered = true;
                    return produced;
                }
                case BUFFER_UNDERFLOW -> {
                    int n = ch.read(netIn);
                    if (n < 0) {
                        return produced > 0 ? produced : -1;
                    }
                    if (n == 0) {
                        return produced;
                    }
                }
                case CLOSED -> {
                    return produced > 0 ? produced : -1;
                }
            }
        }
    }

    /** Whether the server asked for a client certificate in this connection's handshake. */
    boolean clientCertificateRequested() {
        return ClientCertificateRequests.requested(engine);
    }

    /**
     * Sends close_notify (or, after a failed handshake, the alert the engine has pending) with one
     * non-blocking write, best effort; the caller closes the channel.
     */
    void close(SocketChannel ch) {
        try {
            engine.closeOutbound();
            while (!engine.isOutboundDone() && netOut.limit() < netOut.capacity() - 64) {
                SSLEngineResult r = wrapOnce(EMPTY);
                if (r.getStatus() != SSLEngineResult.Status.OK) {
                    break;
                }
            }
            ch.write(netOut);
        } catch (IOException | RuntimeException e) {
            // closing anyway: the peer sees the TCP close
        }
    }

    /** Post-handshake messages (TLS 1.3 session tickets, key updates) may ask for a task or a reply. */
    private void afterUnwrap(SocketChannel ch) throws IOException {
        HandshakeStatus hs = engine.getHandshakeStatus();
        if (hs == HandshakeStatus.NEED_TASK) {
            runTasks();
            hs = engine.getHandshakeStatus();
        }
        if (hs == HandshakeStatus.NEED_WRAP) {
            wrap(EMPTY);
            flush(ch); // what the socket does not take now goes out before the next request
        }
    }

    /** Writes pending encrypted bytes; true when none are left. */
    private boolean flush(SocketChannel ch) throws IOException {
        if (netOut.hasRemaining()) {
            ch.write(netOut);
        }
        return !netOut.hasRemaining();
    }

    private void wrap(ByteBuffer src) throws IOException {
        SSLEngineResult r = wrapOnce(src);
        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new SSLException("the TLS session is closed");
        }
    }

    /** One wrap into netOut, growing it on BUFFER_OVERFLOW. */
    private SSLEngineResult wrapOnce(ByteBuffer src) throws IOException {
        while (true) {
            netOut.compact();
            SSLEngineResult r;
            try {
                r = engine.wrap(src, netOut);
            } finally {
                netOut.flip();
            }
            if (r.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW) {
                return r;
            }
            netOut = grow(netOut, engine.getSession().getPacketBufferSize() + netOut.remaining(), false);
        }
    }

    /** One unwrap from netIn into dst; on BUFFER_UNDERFLOW with a full netIn, netIn grows. */
    private SSLEngineResult unwrap(ByteBuffer dst) throws SSLException {
        netIn.flip();
        SSLEngineResult r;
        try {
            r = engine.unwrap(netIn, dst);
        } finally {
            netIn.compact();
        }
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && !netIn.hasRemaining()) {
            netIn = grow(netIn, Math.max(engine.getSession().getPacketBufferSize(), 2 * netIn.capacity()), true);
        }
        return r;
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** A larger copy of {@code b}: fill mode stays fill mode, drain mode stays drain mode. */
    private static ByteBuffer grow(ByteBuffer b, int capacity, boolean fillMode) {
        ByteBuffer g = ByteBuffer.allocate(Math.max(capacity, b.capacity()));
        if (fillMode) {
            b.flip();
        }
        g.put(b);
        return fillMode ? g : g.flip();
    }
}
