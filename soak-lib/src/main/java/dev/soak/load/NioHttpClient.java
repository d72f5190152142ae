package dev.soak.load;

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
import java.util.Iterator;

/**
 * A lean non-blocking HTTP/1.1 keep-alive client for the load driver: a few selector threads,
 * each with its own pool of connections (one request per connection at a time, no pipelining),
 * Content-Length, chunked and read-until-close responses, a per-request timeout, and failures
 * classified as refused / timeout / io. A connection reused from the pool that fails before any
 * response byte (the server closed it while idle) is retried once on a fresh connection.
 *
 * <p>Why our own: on this machine (2 cores, loopback) the JDK {@code HttpClient} costs ~440 µs of
 * CPU per request and Apache HttpClient 5 ~40 µs, where wrk costs ~9 µs; the driver shares the
 * machine with its target, so it must be nearly as lean as wrk (see jbang-scripts/bench/driver.java).
 *
 * <p>Per request nothing is allocated on the hot path: requests are pre-rendered into the
 * exchange's reusable buffer, responses are parsed in place and skipped. Thread safety:
 * {@link #submit(Exchange)} may be called from any thread; completions run on the I/O threads.
 */
final class NioHttpClient implements AutoCloseable {
    /** Receives the outcome of an exchange on an I/O thread; {@code error} null means a status arrived. */
    interface Completion {
        void complete(Exchange ex, int status, ErrorClass error, long nowNanos);
    }

    private static final long TIMEOUT_SCAN_NANOS = 5_000_000L;

    private final InetSocketAddress address;
    private final long timeoutNanos;
    private final NanoClock clock;
    private final Completion completion;
    private final IoLoop[] loops;
    private int next;

    NioHttpClient(InetSocketAddress address, int ioThreads, long timeoutNanos, NanoClock clock,
                  Completion completion) throws IOException {
        this.address = address;
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
     * Queues a rendered request without waking the I/O thread: call {@link #kick()} after a batch
     * (one wake-up per batch instead of one per request). Called by one thread at a time.
     */
    void submit(Exchange ex) {
        IoLoop l = loops[next];
        next = next + 1 == loops.length ? 0 : next + 1;
        ex.retried = false;
        l.queue.push(ex);
    }

    /** Wakes the I/O threads that sleep while requests wait in their queue. */
    void kick() {
        for (IoLoop l : loops) {
            if (l.sleeping && !l.queue.isEmpty()) {
                l.selector.wakeup();
            }
        }
    }

    /** Open connections over all I/O threads (approximate). */
    int openConnections() {
        int n = 0;
        for (IoLoop l : loops) {
            n += l.open;
        }
        return n;
    }

    /** Stops the I/O threads; exchanges still in flight are completed as timeouts. */
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

    /** One connection; owned by one I/O thread. */
    private static final class Conn {
        final SocketChannel ch;
        final ResponseParser parser = new ResponseParser();
        SelectionKey key;
        Exchange ex;
        ByteBuffer out;
        boolean reused;
        boolean gotBytes;
        int activeIndex = -1;

        Conn(SocketChannel ch) {
            this.ch = ch;
        }
    }

    private final class IoLoop implements Runnable {
        final ExchangeStack queue = new ExchangeStack();
        final Selector selector;
        final Thread thread;
        final ArrayDeque<Conn> idle = new ArrayDeque<>();
        final ByteBuffer readBuf = ByteBuffer.allocateDirect(64 * 1024);
        Conn[] active = new Conn[64];
        int activeCount;
        volatile boolean sleeping;
        volatile boolean running = true;
        volatile int open;
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
                        dispatch(ex);
                        ex = n;
                    }
                    sleeping = true;
                    if (!queue.isEmpty() || !running) {
                        sleeping = false;
                        selector.selectNow();
                    } else {
                        long waitMs = activeCount == 0 ? 0 : Math.max(1, TIMEOUT_SCAN_NANOS / 1_000_000);
                        selector.select(waitMs);
                        sleeping = false;
                    }
                    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey k = it.next();
                        it.remove();
                        handle(k);
                    }
                    long now = clock.nanoTime();
                    if (activeCount > 0 && now - nextScanNanos >= 0) {
                        nextScanNanos = now + TIMEOUT_SCAN_NANOS;
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
            for (int i = activeCount - 1; i >= 0; i--) {
                Conn c = active[i];
                fail(c, ErrorClass.TIMEOUT, now);
            }
            Exchange ex = queue.popAllFifo();
            while (ex != null) {
                Exchange n = ex.next;
                ex.next = null;
                completion.complete(ex, 0, ErrorClass.TIMEOUT, now);
                ex = n;
            }
            for (Conn c : idle) {
                closeQuietly(c);
            }
            idle.clear();
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        private void dispatch(Exchange ex) {
            long now = clock.nanoTime();
            ex.sendNanos = now;
            ex.deadlineNanos = now + timeoutNanos;
            Conn c = idle.pollFirst();
            if (c != null) {
                c.reused = true;
                startWrite(c, ex);
                return;
            }
            connect(ex);
        }

        private void connect(Exchange ex) {
            SocketChannel ch = null;
            try {
                ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Conn c = new Conn(ch);
                c.ex = ex;
                open++;
                boolean connected = ch.connect(address);
                c.key = ch.register(selector, connected ? 0 : SelectionKey.OP_CONNECT, c);
                addActive(c);
                if (connected) {
                    removeActive(c);
                    startWrite(c, ex);
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
                    if (ch.isOpen()) {
                        ch.close();
                        open--;
                    }
                } catch (IOException ignored) {
                    // already failing
                }
            }
        }

        private void startWrite(Conn c, Exchange ex) {
            c.ex = ex;
            c.gotBytes = false;
            c.parser.reset(ex.head);
            addActive(c);
            try {
                ByteBuffer b = ex.request.buffer();
                c.out = b;
                c.ch.write(b);
                c.key.interestOps(b.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            } catch (IOException e) {
                retryOrFail(c, ErrorClass.IO);
            }
        }

        private void handle(SelectionKey k) {
            Conn c = (Conn) k.attachment();
            if (!k.isValid()) {
                return;
            }
            try {
                if (k.isConnectable()) {
                    c.ch.finishConnect();
                    Exchange ex = c.ex;
                    removeActive(c);
                    startWrite(c, ex);
                    return;
                }
                if (k.isWritable()) {
                    ByteBuffer b = c.out;
                    c.ch.write(b);
                    if (!b.hasRemaining()) {
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
                retryOrFail(c, ErrorClass.IO);
            }
        }

        private void read(Conn c) throws IOException {
            while (true) {
                readBuf.clear();
                int n = c.ch.read(readBuf);
                if (n < 0) {
                    if (c.ex == null) { // idle connection closed by the server
                        idle.remove(c);
                        closeQuietly(c);
                    } else if (c.gotBytes && c.parser.readsUntilClose()) {
                        finish(c, false);
                    } else {
                        retryOrFail(c, ErrorClass.IO);
                    }
                    return;
                }
                if (n == 0) {
                    return;
                }
                if (c.ex == null) { // bytes nobody asked for
                    idle.remove(c);
                    closeQuietly(c);
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
                if (n < readBuf.capacity()) {
                    return;
                }
            }
        }

        private void finish(Conn c, boolean keepAlive) {
            Exchange ex = c.ex;
            c.ex = null;
            c.out = null;
            removeActive(c);
            if (keepAlive && running) {
                idle.addFirst(c);
            } else {
                closeQuietly(c);
            }
            completion.complete(ex, c.parser.status(), null, clock.nanoTime());
        }

        private void retryOrFail(Conn c, ErrorClass error) {
            Exchange ex = c.ex;
            if (ex != null && c.reused && !c.gotBytes && !ex.retried && running) {
                ex.retried = true;
                c.ex = null;
                removeActive(c);
                closeQuietly(c);
                connect(ex);
                return;
            }
            fail(c, error, clock.nanoTime());
        }

        private void fail(Conn c, ErrorClass error, long now) {
            Exchange ex = c.ex;
            c.ex = null;
            c.out = null;
            removeActive(c);
            closeQuietly(c);
            if (ex != null) {
                completion.complete(ex, 0, error, now);
            }
        }

        private void scanTimeouts(long now) {
            for (int i = activeCount - 1; i >= 0; i--) {
                Conn c = active[i];
                if (c.ex != null && now - c.ex.deadlineNanos >= 0) {
                    fail(c, ErrorClass.TIMEOUT, now);
                }
            }
        }

        private void closeQuietly(Conn c) {
            if (c.key != null) {
                c.key.cancel();
            }
            closeChannel(c.ch);
        }

        private void addActive(Conn c) {
            if (c.activeIndex >= 0) {
                return;
            }
            if (activeCount == active.length) {
                active = java.util.Arrays.copyOf(active, active.length * 2);
            }
            c.activeIndex = activeCount;
            active[activeCount++] = c;
        }

        private void removeActive(Conn c) {
            int i = c.activeIndex;
            if (i < 0) {
                return;
            }
            Conn last = active[--activeCount];
            active[i] = last;
            last.activeIndex = i;
            active[activeCount] = null;
            c.activeIndex = -1;
        }
    }
}
