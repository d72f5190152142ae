package dev.soak.load;

import dev.soak.tls.TlsFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;

/**
 * A lean non-blocking HTTP/1.1 keep-alive client for the load driver: a few selector threads,
 * each with its own pool of connections (one request per connection at a time, no pipelining),
 * Content-Length, chunked and read-until-close responses, a per-request timeout, and failures
 * classified as refused / timeout / io. A connection reused from the pool that fails before any
 * response byte (the server closed it while idle) is retried once on a fresh connection.
 *
 * <p>HTTPS: given an engine factory, every new connection first completes a TLS handshake
 * ({@link TlsSession}, the byte pump; SNI and host-name verification come with the engine), then
 * carries the same HTTP/1.1 exchanges, kept alive the same way. A request on a new connection
 * waits for connect and handshake, and both count in its latency (it is timed from submit). A
 * failed handshake completes the exchange with a TLS error class ({@code tls_untrusted},
 * {@code tls_hostname}, {@code tls_handshake}, or {@code tls_client_cert} when the server closes a new
 * connection after asking for a client certificate); the client goes on with the next one. A selector
 * thread sets up at most {@link #MAX_TLS_SETUPS} TLS connections at once; a request that finds no
 * idle connection meanwhile waits for the first one that is set up or comes free (the wait counts
 * in its latency). Without the cap a burst opens a connection per request, and at ~1 ms of CPU per
 * handshake they queue behind each other: 10 s at a constant 1,000/s against nginx on loopback (this
 * 2-core machine, shared, load ~3), new connections each run, had a corrected max of 207–475 ms
 * (p99 3–292 ms) without the cap and 59–88 ms (p99 3–43 ms) with it; plain HTTP 8–12 ms
 * (jbang-scripts/bench/driver.java --modes tls).
 *
 * <p>Why our own: on this machine (2 cores, loopback) the JDK {@code HttpClient} costs ~440 µs of
 * CPU per request and Apache HttpClient 5 ~40 µs, where wrk costs ~9 µs; the driver shares the
 * machine with its target, so it must be nearly as lean as wrk (see jbang-scripts/bench/driver.java).
 *
 * <p>How it stays lean: the sending thread (the scheduler) takes an idle connection from a
 * lock-free pool and writes the pre-rendered request itself, so the normal path has no hand-off
 * and no selector wake-up; the selector thread only reads and parses responses (in place, body
 * skipped) and puts the connection back. Only new connections, partial writes and failures go
 * through the selector thread's queue. Nothing is allocated per request. Over TLS the engine
 * belongs to the selector thread, so the sender hands every request to it (batched: the wake-up
 * comes with {@link #kick()}), which costs a hand-off per request but no lock.
 *
 * <p>Thread safety: {@link #submit(Exchange)} and {@link #kick()} are called by one sending
 * thread at a time; completions run on the selector threads.
 */
final class NioHttpClient implements AutoCloseable {
    /** Receives the outcome of an exchange on an I/O thread; {@code error} null means a status arrived. */
    interface Completion {
        void complete(Exchange ex, int status, ErrorClass error, long nowNanos);
    }

    private static final long TIMEOUT_SCAN_MS = 5;
    /** TLS connections one selector thread sets up (connect + handshake) at once; see the class documentation. */
    static final int MAX_TLS_SETUPS = 16;
    private static final int IDLE = 0, BUSY = 1, CLOSED = 2;

    private final InetSocketAddress address;
    private final Supplier<SSLEngine> tls; // null: plain HTTP
    private final LongAdder handshakes = new LongAdder();
    private final LongAdder setupWaits = new LongAdder();
    private final long timeoutNanos;
    private final NanoClock clock;
    private final Completion completion;
    private final IoLoop[] loops;
    private int next;

    /**
     * @param tls a new client engine for each connection (HTTPS), or null for plain HTTP
     */
    NioHttpClient(InetSocketAddress address, Supplier<SSLEngine> tls, int ioThreads, long timeoutNanos,
                  NanoClock clock, Completion completion) throws IOException {
        this.address = address;
        this.tls = tls;
        this.timeoutNanos = timeoutNanos;
        this.clock = clock;
        this.completion = completion;
        this.loops = new IoLoop[ioThreads];
        for (int i = 0; i < ioThreads; i++) {
            loops[i] = new IoLoop("soak-http-io-" + i);
        }
        for (IoLoop l : loops) {
            l.thread.start();
        }
    }

    /**
     * Sends a rendered request: written right away on an idle pooled connection, else queued for
     * the selector thread to open a connection (call {@link #kick()} after a batch).
     */
    void submit(Exchange ex) {
        IoLoop l = loops[next];
        next = next + 1 == loops.length ? 0 : next + 1;
        ex.retried = false;
        long now = clock.nanoTime();
        ex.sendNanos = now;
        ex.deadlineNanos = now + timeoutNanos;
        Conn c;
        while ((c = l.idle.pop()) != null) {
            if (c.state.compareAndSet(IDLE, BUSY)) {
                break;
            }
        }
        if (c == null) {
            l.queue.push(ex);
            return;
        }
        c.reused = true;
        c.gotBytes = false;
        c.parser.reset(ex.head);
        ByteBuffer b = ex.request.buffer();
        c.out = b;
        if (c.tls != null) { // the engine is the selector thread's: it encrypts and writes
            c.sendPending = true;
            c.ex = ex;
            l.troubled.add(c); // woken by kick(), like a request that needs a new connection
            return;
        }
        c.ex = ex; // publishes the fields above to the selector thread
        try {
            c.ch.write(b);
            if (b.hasRemaining()) {
                l.troubled.add(c); // the selector thread finishes the write
                l.selector.wakeup();
            }
        } catch (IOException e) {
            c.writeFailed = true;
            l.troubled.add(c);
            l.selector.wakeup();
        }
    }

    /** TLS handshakes completed so far (one per HTTPS connection opened); 0 for plain HTTP. */
    long handshakes() {
        return handshakes.sum();
    }

    /** Requests that waited for a connection because {@link #MAX_TLS_SETUPS} were being set up. */
    long setupWaits() {
        return setupWaits.sum();
    }

    /** Wakes the selector threads that sleep while requests wait in their queue. */
    void kick() {
        for (IoLoop l : loops) {
            if (l.sleeping && (!l.queue.isEmpty() || !l.troubled.isEmpty())) {
                l.selector.wakeup();
            }
        }
    }

    /** Stops the selector threads; exchanges still in flight are completed as timeouts. */
    @Override
    public void close() {
        for (IoLoop l : loops) {
            l.running = false;
            l.selector.wakeup();
        }
        for (IoLoop l : loops) {
            try {
                l.thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * One connection. IDLE: in the pool, owned by nobody; BUSY: taken by the sender, then (once
     * {@code ex} is published) owned by the selector thread; CLOSED: dropped from the pool lazily.
     */
    private static final class Conn {
        final SocketChannel ch;
        final ResponseParser parser = new ResponseParser();
        final AtomicInteger state = new AtomicInteger(BUSY);
        SelectionKey key;
        TlsSession tls; // null: plain HTTP; set once by the selector thread before the connection is pooled
        volatile Exchange ex;
        ByteBuffer out;
        boolean reused;
        boolean gotBytes;
        volatile boolean writeFailed;
        boolean sendPending; // TLS: a request handed to the selector thread, not yet written
        boolean settingUp; // TLS: counted in IoLoop.setups until its handshake ends
        Conn nextIdle;
        int index = -1;

        Conn(SocketChannel ch) {
            this.ch = ch;
        }
    }

    /** Lock-free stack of idle connections: pushed by the selector thread, popped by the sender. */
    private static final class IdleStack {
        private final AtomicReference<Conn> head = new AtomicReference<>();

        void push(Conn c) {
            Conn h;
            do {
                h = head.get();
                c.nextIdle = h;
            } while (!head.compareAndSet(h, c));
        }

        Conn pop() {
            Conn h;
            do {
                h = head.get();
                if (h == null) {
                    return null;
                }
            } while (!head.compareAndSet(h, h.nextIdle));
            h.nextIdle = null;
            return h;
        }
    }

    private final class IoLoop implements Runnable {
        final ExchangeStack queue = new ExchangeStack();
        final ConcurrentLinkedQueue<Conn> troubled = new ConcurrentLinkedQueue<>();
        final IdleStack idle = new IdleStack();
        final Selector selector;
        final Thread thread;
        final ByteBuffer readBuf = ByteBuffer.allocateDirect(64 * 1024);
        final ArrayList<Conn> all = new ArrayList<>();
        /** TLS: requests that found no idle connection while MAX_TLS_SETUPS connections were being set up. */
        final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
        int setups;
        final Consumer<SelectionKey> handler = this::handle;
        volatile boolean sleeping;
        volatile boolean running = true;
        long nextScanNanos;

        IoLoop(String name) throws IOException {
            selector = Selector.open();
            thread = new Thread(this, name);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (running) {
                    Exchange ex = queue.popAllFifo();
                    while (ex != null) {
                        Exchange n = ex.next;
                        ex.next = null;
                        connect(ex);
                        ex = n;
                    }
                    Conn t;
                    while ((t = troubled.poll()) != null) {
                        trouble(t);
                    }
                    while (setups < MAX_TLS_SETUPS && !waiting.isEmpty()) {
                        connect(waiting.poll());
                    }
                    sleeping = true;
                    if (!queue.isEmpty() || !troubled.isEmpty() || !running) {
                        sleeping = false;
                        selector.selectNow(handler);
                    } else {
                        selector.select(handler, TIMEOUT_SCAN_MS); // the action form: no selected-key set
                        sleeping = false;
                    }
                    long now = clock.nanoTime();
                    if (now - nextScanNanos >= 0) {
                        nextScanNanos = now + TIMEOUT_SCAN_MS * 1_000_000L;
                        scanTimeouts(now);
                    }
                }
            } catch (IOException | ClosedSelectorException e) {
                // fall through to shutdown
            } finally {
                shutdown();
            }
        }

        private void shutdown() {
            long now = clock.nanoTime();
            for (int i = all.size() - 1; i >= 0; i--) {
                fail(all.get(i), ErrorClass.TIMEOUT, now);
            }
            Exchange ex = queue.popAllFifo();
            while (ex != null) {
                Exchange n = ex.next;
                ex.next = null;
                completion.complete(ex, 0, ErrorClass.TIMEOUT, now);
                ex = n;
            }
            while ((ex = waiting.poll()) != null) {
                completion.complete(ex, 0, ErrorClass.TIMEOUT, now);
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        /** A connection the sender could not finish writing on. */
        private void trouble(Conn c) {
            if (c.ex == null || c.state.get() != BUSY) {
                return;
            }
            if (c.sendPending) {
                c.sendPending = false;
                startWrite(c, c.ex);
            } else if (c.writeFailed) {
                c.writeFailed = false;
                retryOrFail(c, ErrorClass.IO);
            } else if (c.out != null && c.out.hasRemaining() && c.key.isValid()) {
                c.key.interestOps(SelectionKey.OP_WRITE);
            }
        }

        private void connect(Exchange ex) {
            if (tls != null && setups >= MAX_TLS_SETUPS) {
                waiting.add(ex); // served by the first connection that is set up or comes free
                setupWaits.increment();
                return;
            }
            SocketChannel ch = null;
            try {
                ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Conn c = new Conn(ch);
                boolean connected = ch.connect(address);
                c.key = ch.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
                c.index = all.size();
                all.add(c);
                if (tls != null) {
                    c.settingUp = true;
                    setups++;
                }
                c.ex = ex;
                if (connected) {
                    connected(c);
                }
            } catch (ConnectException e) {
                closeChannel(ch);
                completion.complete(ex, 0, ErrorClass.REFUSED, clock.nanoTime());
            } catch (IOException e) {
                closeChannel(ch);
                completion.complete(ex, 0, ErrorClass.IO, clock.nanoTime());
            }
        }

        private void closeChannel(SocketChannel ch) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
        }

        /** A new connection is up: plain HTTP writes at once, HTTPS starts its handshake. */
        private void connected(Conn c) {
            if (tls == null) {
                startWrite(c, c.ex);
                return;
            }
            c.tls = new TlsSession(tls.get());
            handshake(c);
        }

        private void handshake(Conn c) {
            try {
                int next = c.tls.handshake(c.ch, readBuf);
                if (next == TlsSession.DONE) {
                    handshakes.increment();
                    endSetup(c);
                    startWrite(c, c.ex);
                } else {
                    c.key.interestOps(next == TlsSession.NEED_READ ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
                }
            } catch (IOException e) {
                // TLS 1.2: a refused client certificate fails the handshake itself (an alert or a close)
                fail(c, TlsFailure.of(e, c.tls.clientCertificateRequested()).map(ErrorClass::of).orElse(ErrorClass.IO),
                        clock.nanoTime());
            }
        }

        /** Writes on a connection this thread owns (new, retried, or handed over for TLS). */
        private void startWrite(Conn c, Exchange ex) {
            c.gotBytes = false;
            c.parser.reset(ex.head);
            c.ex = ex;
            try {
                c.out = ex.request.buffer();
                c.key.interestOps(send(c) ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
            } catch (IOException e) {
                retryOrFail(c, ErrorClass.IO);
            }
        }

        /** Writes what is left of the request; true when all of it is out. */
        private boolean send(Conn c) throws IOException {
            if (c.tls != null) {
                return c.tls.write(c.ch, c.out);
            }
            c.ch.write(c.out);
            return !c.out.hasRemaining();
        }

        private void handle(SelectionKey k) {
            Conn c = (Conn) k.attachment();
            if (!k.isValid()) {
                return;
            }
            try {
                if (k.isConnectable()) {
                    c.ch.finishConnect();
                    connected(c);
                    return;
                }
                if (c.tls != null && !c.tls.handshakeDone()) {
                    handshake(c);
                    return;
                }
                if (k.isWritable()) {
                    if (c.ex == null || c.out == null || c.sendPending) {
                        k.interestOps(SelectionKey.OP_READ);
                        return;
                    }
                    if (send(c)) {
                        k.interestOps(SelectionKey.OP_READ);
                    }
                    return;
                }
                if (k.isReadable()) {
                    read(c);
                }
            } catch (ConnectException e) {
                fail(c, ErrorClass.REFUSED, clock.nanoTime());
            } catch (IOException e) {
                retryOrFail(c, refusedClientCertificate(c) ? ErrorClass.TLS_CLIENT_CERT : ErrorClass.IO);
            }
        }

        /**
         * Whether the server ended a fresh TLS connection before any byte of the response after asking for a client
         * certificate: with TLS 1.3 that is how a refused (or missing) client certificate shows (RFC 8446 §4.4.2.4).
         */
        private static boolean refusedClientCertificate(Conn c) {
            return c.tls != null && !c.reused && !c.gotBytes && c.tls.clientCertificateRequested();
        }

        private void read(Conn c) throws IOException {
            while (true) {
                readBuf.clear();
                int n = c.tls == null ? c.ch.read(readBuf) : c.tls.read(c.ch, readBuf);
                Exchange ex = c.ex;
                if (n < 0) {
                    if (ex == null) { // idle connection closed by the server (or just taken: next round)
                        if (c.state.compareAndSet(IDLE, CLOSED)) {
                            drop(c);
                        }
                    } else if (c.gotBytes && c.parser.readsUntilClose()) {
                        finish(c, false);
                    } else {
                        retryOrFail(c, refusedClientCertificate(c) ? ErrorClass.TLS_CLIENT_CERT : ErrorClass.IO);
                    }
                    return;
                }
                if (n == 0) {
                    return;
                }
                if (ex == null) { // bytes nobody asked for
                    if (c.state.compareAndSet(IDLE, CLOSED)) {
                        drop(c);
                    }
                    return;
                }
                c.gotBytes = true;
                readBuf.flip();
                int r = c.parser.feed(readBuf);
                if (r == ResponseParser.DONE) {
                    finish(c, c.parser.keepAlive());
                    return;
                }
                if (r == ResponseParser.MALFORMED) {
                    fail(c, ErrorClass.IO, clock.nanoTime());
                    return;
                }
                if (c.tls == null ? n < readBuf.capacity() : !c.tls.moreBuffered()) {
                    return;
                }
            }
        }

        private void finish(Conn c, boolean keepAlive) {
            Exchange ex = c.ex;
            int status = c.parser.status(); // before the connection goes back: the sender resets the parser
            ex.errorBodyLen = c.parser.excerpt(ex.errorBody);
            c.ex = null;
            c.out = null;
            long now = clock.nanoTime();
            Exchange next = null;
            if (keepAlive && running && !c.writeFailed) {
                next = waiting.poll(); // TLS only: a request waiting for a connection takes this one
                if (next == null) {
                    c.state.set(IDLE);
                    idle.push(c); // back in the pool before the exchange is released
                }
            } else {
                c.state.set(CLOSED);
                drop(c);
            }
            completion.complete(ex, status, null, now);
            if (next != null) {
                c.reused = true;
                startWrite(c, next);
            }
        }

        private void retryOrFail(Conn c, ErrorClass error) {
            Exchange ex = c.ex;
            if (ex != null && c.reused && !c.gotBytes && !ex.retried && running) {
                ex.retried = true;
                c.ex = null;
                c.state.set(CLOSED);
                drop(c);
                connect(ex);
                return;
            }
            fail(c, error, clock.nanoTime());
        }

        private void fail(Conn c, ErrorClass error, long now) {
            Exchange ex = c.ex;
            c.ex = null;
            c.out = null;
            c.state.set(CLOSED);
            drop(c);
            if (ex != null) {
                completion.complete(ex, 0, error, now);
            }
        }

        private void scanTimeouts(long now) {
            while (!waiting.isEmpty() && now - waiting.peek().deadlineNanos >= 0) { // about FIFO by deadline
                completion.complete(waiting.poll(), 0, ErrorClass.TIMEOUT, now);
            }
            for (int i = all.size() - 1; i >= 0; i--) {
                Conn c = all.get(i);
                Exchange ex = c.ex;
                if (ex != null && c.state.get() == BUSY && now - ex.deadlineNanos >= 0) {
                    fail(c, ErrorClass.TIMEOUT, now);
                }
            }
        }

        /** A TLS connection's set-up ended (handshake done, or the connection dropped): frees a slot. */
        private void endSetup(Conn c) {
            if (c.settingUp) {
                c.settingUp = false;
                setups--;
            }
        }

        /** Closes and forgets a connection (it may still sit in the idle stack, marked CLOSED). */
        private void drop(Conn c) {
            endSetup(c);
            if (c.key != null) {
                c.key.cancel();
            }
            if (c.tls != null) {
                c.tls.close(c.ch);
            }
            closeChannel(c.ch);
            int i = c.index;
            if (i >= 0) {
                Conn last = all.remove(all.size() - 1);
                if (last != c) {
                    all.set(i, last);
                    last.index = i;
                }
                c.index = -1;
            }
        }
    }
}
