package dev.soak.load;

import dev.soak.scenario.Scenario;
import dev.soak.tls.TlsTrust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The open-model load driver: sends the scenario's operation mix at the intended times of its
 * arrival pattern, whatever the target's latency, and records latency from the intended start
 * (coordinated-omission corrected, as wrk2 does) and from the actual send.
 *
 * <p>Example: a constant 1,000 ops/s against a target that stalls for 500 ms. The 500 operations
 * intended during the stall are sent on time (up to {@code maxInFlight}) or late, and each one's
 * corrected latency counts from its intended time, so the stall shows in the corrected p99.
 * Operations that find no free in-flight slot within {@code dropAfter} of their intended time are
 * counted as {@code dropped}; those sent more than {@code lateTolerance} after it as {@code late}.
 *
 * <pre>{@code
 * LoadDriver d = LoadDriver.builder(scenario).seed(42).build();
 * d.preload((done, failed, total) -> System.out.printf("%d/%d%n", done, total));
 * d.start((metrics, corrected, uncorrected) -> writer.write(metrics, corrected));
 * ... d.status() ...
 * d.stop();   // stops sending within 1 s, drains in-flight, emits the final partial interval
 * }</pre>
 *
 * <p>Reproducibility: with the same seed the n-th operation (choice and payload) is the same in
 * every run (its RNG is reseeded from (seed, n)), and so are the arrival times.
 *
 * <p>Thread safety: {@code preload}, {@code start} and {@code stop} are called by one controlling
 * thread in that order; {@link #status()} may be called from any thread. A driver runs once.
 */
public final class LoadDriver {
    private final Scenario scenario;
    private final long seed;
    private final NanoClock clock;
    private final long lateToleranceNanos;
    private final long dropAfterNanos;
    private final long timeoutNanos;
    private final long intervalNanos;
    private final int javaThreads;
    private final int ioThreads;
    private final InetSocketAddress address;
    private final Supplier<SSLEngine> tls; // null: plain HTTP
    private final String[] names;
    private final RequestRenderer[] renderers; // null for Java operations
    private final Operation[] javaOps;          // null for HTTP operations
    private final RequestRenderer preloadRenderer; // null when the mix is not Engram
    private final boolean hasHttp;
    private final boolean hasJava;
    /** Whether the generator's pauses are its own (the target runs elsewhere), measured by a {@link PauseMeter}. */
    private final boolean measurePauses;
    private final OperationMix mix;
    private final OpStats[] stats;
    private final Exchange[] exchanges;
    private final ExchangeStack free = new ExchangeStack();
    private final ArrayBlockingQueue<Exchange> javaQueue;
    private final LongAdder inFlight = new LongAdder();
    private final LongAdder preloadDone = new LongAdder();
    private final LongAdder preloadFailed = new LongAdder();
    private final ErrorSamples errorSamples;
    private final Object collectLock = new Object();

    private NioHttpClient client;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private volatile boolean started;
    private volatile Thread waiter;
    private final AtomicInteger freeCount = new AtomicInteger();
    private final int wakeBatch;
    private static final VarHandle WAITER;

    static {
        try {
            WAITER = MethodHandles.lookup().findVarHandle(LoadDriver.class, "waiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private volatile long startNanos;
    private volatile double lastAchievedRate = Double.NaN;
    private volatile double lastIntendedRate = Double.NaN;
    private volatile double lastP99Ms = Double.NaN;
    private volatile double lastPauseMs = Double.NaN;
    private volatile double lastErrorRate = Double.NaN;
    private long seqBase;
    private IntervalCollector collector;
    private IntervalListener listener;
    private Thread scheduler;
    private Thread collectorThread;
    private PauseMeter pauses;
    /** The pause measured in the last interval closed (the collector's thread, under collectLock). */
    private double previousPauseMs;

    LoadDriver(LoadDriverBuilder b) {
        this.scenario = b.scenario;
        this.seed = b.seed;
        this.clock = b.clock;
        this.lateToleranceNanos = b.lateTolerance.toNanos();
        this.dropAfterNanos = b.dropAfter.toNanos();
        this.timeoutNanos = b.timeout.toNanos();
        this.intervalNanos = b.sampleInterval.toNanos();
        this.javaThreads = b.javaThreads;
        this.ioThreads = b.ioThreads;
        URI endpoint = b.endpoint != null ? b.endpoint : scenario.target().endpoint();
        boolean https = "https".equalsIgnoreCase(endpoint.getScheme());
        if (!(https || "http".equalsIgnoreCase(endpoint.getScheme())) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("[target] endpoint = \"" + endpoint + "\" is not supported by the load "
                    + "driver: use http://HOST:PORT or https://HOST:PORT (HTTP/1.1)");
        }
        int port = endpoint.getPort() < 0 ? (https ? 443 : 80) : endpoint.getPort();
        String hostHeader = endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + port);
        this.address = new InetSocketAddress(endpoint.getHost(), port);
        this.tls = https ? engines(scenario.target().tls(), endpoint.getHost(), port) : null;

        OperationSet ops = new OperationSet(scenario, b.javaOps, b.includeScenarioOperations, hostHeader, seed);
        this.names = ops.names;
        this.renderers = ops.renderers;
        this.javaOps = ops.javaOps;
        this.preloadRenderer = ops.preloadRenderer;
        this.hasHttp = ops.hasHttp();
        this.hasJava = ops.hasJava();
        this.measurePauses = !hasJava && !b.targetInThisJvm;
        this.mix = new OperationMix(ops.weights);
        this.stats = new OpStats[names.length];
        for (int i = 0; i < names.length; i++) {
            stats[i] = new OpStats(names[i]);
        }
        this.errorSamples = new ErrorSamples(List.of(names), ops.redactions());
        this.exchanges = new Exchange[b.maxInFlight];
        for (int i = 0; i < exchanges.length; i++) {
            exchanges[i] = new Exchange();
            free.push(exchanges[i]);
        }
        freeCount.set(exchanges.length);
        this.wakeBatch = Math.max(1, Math.min(16, exchanges.length / 4));
        this.javaQueue = new ArrayBlockingQueue<>(b.maxInFlight);
    }

    /** A builder for a driver of {@code scenario}. */
    public static LoadDriverBuilder builder(Scenario scenario) {
        return new LoadDriverBuilder(Objects.requireNonNull(scenario, "scenario"));
    }

    /**
     * The first failure of each operation and error class (and of the preload) not handed out before: what
     * was sent and what came back, so that a run can say why requests fail. Thread-safe.
     */
    public List<ErrorSample> newErrorSamples() {
        return errorSamples.drain();
    }

    /** The preload's first failure, if an item failed. Thread-safe. */
    public Optional<ErrorSample> firstPreloadError() {
        return errorSamples.firstOf(-1);
    }

    /** Operation names in the mix, in a stable order (the keys of {@code per_operation}). */
    public List<String> operationNames() {
        return List.of(names);
    }

    /** The n-th operation's name and full request text for this driver's seed (tests, debugging). */
    String describe(long seq) {
        SplitMix64 rng = new SplitMix64(0);
        rng.reseed(seed, seq);
        int op = mix.pick(rng.nextDouble());
        if (renderers[op] == null) {
            return names[op];
        }
        Exchange ex = new Exchange();
        renderers[op].render(seq, rng, ex.scratch, ex.request);
        return names[op] + "\n" + ex.request;
    }

    private NioHttpClient client() {
        if (client == null) {
            try {
                client = new NioHttpClient(address, tls, ioThreads, timeoutNanos, clock, this::complete);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a selector for the load driver", e);
            }
        }
        return client;
    }

    /** Client engines for an https endpoint, trusting what {@code [target] tls_ca_file} / {@code tls_insecure} say. */
    private static Supplier<SSLEngine> engines(TlsTrust trust, String host, int port) {
        SSLContext ctx;
        try {
            ctx = trust.sslContext();
        } catch (IOException e) {
            throw new UncheckedIOException("[target] " + e.getMessage(), e);
        }
        return () -> trust.clientEngine(ctx, host, port);
    }

    /** TLS handshakes completed so far (one per HTTPS connection the driver opened); 0 for plain HTTP. */
    long tlsHandshakes() {
        return client == null ? 0 : client.handshakes();
    }

    /** Requests that waited for a TLS connection because the client was setting up its maximum at once. */
    long tlsSetupWaits() {
        return client == null ? 0 : client.setupWaits();
    }

    private void complete(Exchange ex, int status, ErrorClass error, long nowNanos) {
        if (error == null && !ex.renderer.expected(status)) {
            error = status >= 500 ? ErrorClass.HTTP_5XX : status >= 400 ? ErrorClass.HTTP_4XX
                    : ErrorClass.UNEXPECTED_STATUS;
        }
        if (error != null) {
            errorSamples.offer(ex.op, error, status, ex.request, ex.errorBody, status > 0 ? ex.errorBodyLen : 0);
        }
        ex.errorBodyLen = 0;
        if (ex.op < 0) { // preload
            preloadDone.increment();
            if (error != null) {
                preloadFailed.increment();
            }
        } else {
            stats[ex.op].record(ex.intendedNanos, ex.sendNanos, nowNanos, error, lateToleranceNanos);
        }
        release(ex);
    }

    /** Returns an exchange to the pool and wakes the thread waiting for one, if any. */
    private void release(Exchange ex) {
        inFlight.decrement();
        free.push(ex);
        int nFree = freeCount.incrementAndGet();
        Thread w = waiter;
        if (w != null && nFree >= wakeBatch && WAITER.compareAndSet(this, w, null)) {
            LockSupport.unpark(w);
        }
    }

    private Exchange popFree() {
        Exchange ex = free.pop();
        if (ex != null) {
            freeCount.decrementAndGet();
        }
        return ex;
    }

    /**
     * Takes a free exchange, waiting until {@code deadlineNanos} at most; null when none freed up
     * (or on interrupt / stop). When the pool is empty the waiter is woken once {@code wakeBatch}
     * exchanges are free again (or after 1 ms), so a saturated driver hands over work in batches
     * instead of one park/unpark per request. Single consumer (the scheduler, or the preloading thread).
     */
    private Exchange takeFree(long deadlineNanos) {
        Exchange ex = popFree();
        while (ex == null) {
            long d = deadlineNanos - clock.nanoTime();
            if (d <= 0 || Thread.currentThread().isInterrupted()) {
                return null;
            }
            waiter = Thread.currentThread();
            if (freeCount.get() >= wakeBatch) { // re-check after publishing the waiter
                waiter = null;
                ex = popFree();
                continue;
            }
            if (client != null) {
                client.kick();
            }
            LockSupport.parkNanos(Math.min(d, 1_000_000L));
            waiter = null;
            ex = popFree();
        }
        return ex;
    }

    /**
     * Stores {@code [data] num_nodes} items with the Engram store operation before measuring, as
     * fast as the target allows with at most 64 in flight, reporting progress about every 1 %.
     * Does nothing (returns 0) when the mix is not the Engram one. Blocks until done.
     *
     * @return items stored successfully
     */
    public long preload(PreloadProgress progress) {
        Objects.requireNonNull(progress, "progress");
        if (started) {
            throw new IllegalStateException("preload must be called before start");
        }
        long total = scenario.data().numNodes();
        if (preloadRenderer == null || total <= 0) {
            return 0;
        }
        int concurrency = Math.min(64, exchanges.length);
        long step = Math.max(1, total / 100);
        long nextReport = step;
        NioHttpClient c = client();
        SplitMix64 rng = new SplitMix64(0);
        for (long i = 0; i < total; i++) {
            while (inFlight.sum() >= concurrency) { // a full window: report here too, or a fast target's
                LockSupport.parkNanos(50_000);      // completions come in bursts of up to 64 between reports
                nextReport = reportPreload(progress, total, nextReport, step);
            }
            Exchange ex = takeFree(clock.nanoTime() + 3_600_000_000_000L);
            if (ex == null) {
                break;
            }
            rng.reseed(seed ^ 0x7072656C6F6164L, i);
            ex.op = -1;
            ex.seq = i;
            ex.renderer = preloadRenderer;
            ex.head = false;
            preloadRenderer.render(i, rng, ex.scratch, ex.request);
            ex.intendedNanos = clock.nanoTime();
            inFlight.increment();
            c.submit(ex);
            c.kick();
            nextReport = reportPreload(progress, total, nextReport, step);
        }
        long giveUp = clock.nanoTime() + timeoutNanos + 1_000_000_000L;
        while (inFlight.sum() > 0 && clock.nanoTime() - giveUp < 0) {
            LockSupport.parkNanos(1_000_000);
            nextReport = reportPreload(progress, total, nextReport, step); // the last ones in flight report too
        }
        progress.onProgress(preloadDone.sum(), preloadFailed.sum(), total);
        seqBase = total;
        return preloadDone.sum() - preloadFailed.sum();
    }

    /** Reports preload progress when another {@code step} items are done (the final total is left to the caller). */
    private long reportPreload(PreloadProgress progress, long total, long nextReport, long step) {
        long done = preloadDone.sum();
        if (done < nextReport || done >= total) {
            return nextReport;
        }
        progress.onProgress(done, preloadFailed.sum(), total);
        return done + step;
    }

    /**
     * Starts sending and measuring now; {@code listener} receives an interval every
     * {@code sample_interval_sec} (measured from now) until {@link #stop()}.
     */
    public void start(IntervalListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (started) {
            throw new IllegalStateException("a LoadDriver runs once; build a new one");
        }
        started = true;
        this.listener = listener;
        if (hasHttp) {
            client();
        }
        for (int i = 0; i < javaThreads && hasJava; i++) {
            Thread t = new Thread(this::javaWorker, "soak-java-op-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        startNanos = clock.nanoTime();
        collector = new IntervalCollector(stats, startNanos, System.currentTimeMillis());
        scheduler = new Thread(this::schedule, "soak-scheduler");
        scheduler.setDaemon(true);
        collectorThread = new Thread(this::collectLoop, "soak-interval");
        collectorThread.setDaemon(true);
        if (measurePauses) {
            pauses = new PauseMeter(clock);
            pauses.start();
        }
        threads.forEach(Thread::start);
        scheduler.start();
        collectorThread.start();
    }

    private void schedule() {
        ArrivalSchedule arrivals = new ArrivalSchedule(scenario::rateAtWallSec, scenario.arrival().isRandom(), seed);
        SplitMix64 rng = new SplitMix64(0);
        long seq = seqBase;
        double scannedSec = 0;
        try {
            while (!stopping) {
                double tSec = arrivals.nextSec();
                if (Double.isNaN(tSec)) { // rate 0 for a while: wait until the scanned point
                    scannedSec += ArrivalSchedule.MAX_SCAN_SEC;
                    waitUntil(startNanos + (long) (scannedSec * 1e9));
                    continue;
                }
                scannedSec = tSec;
                long intended = startNanos + (long) (tSec * 1e9);
                if (!waitUntil(intended)) {
                    break;
                }
                rng.reseed(seed, seq);
                int op = mix.pick(rng.nextDouble());
                OpStats s = stats[op];
                s.intended.increment();
                Exchange ex = popFree();
                if (ex == null) {
                    ex = takeFree(intended + dropAfterNanos);
                    if (stopping) {
                        if (ex != null) {
                            inFlight.increment();
                            release(ex);
                        }
                        break;
                    }
                    if (ex == null) {
                        s.dropped.increment();
                        seq++;
                        continue;
                    }
                }
                ex.op = op;
                ex.seq = seq;
                ex.intendedNanos = intended;
                inFlight.increment();
                RequestRenderer r = renderers[op];
                if (r != null) {
                    ex.renderer = r;
                    ex.head = r.head();
                    r.render(seq, rng, ex.scratch, ex.request);
                    client.submit(ex);
                } else {
                    ex.renderer = null;
                    javaQueue.offer(ex);
                }
                seq++;
            }
        } finally {
            waiter = null;
        }
    }

    /** Parks until {@code deadline}; false when stopping. Wakes at least every 100 ms to check. */
    private boolean waitUntil(long deadlineNanos) {
        while (true) {
            if (stopping) {
                return false;
            }
            long d = deadlineNanos - clock.nanoTime();
            if (d <= 0) {
                return true;
            }
            if (client != null) {
                client.kick(); // the batch of due requests goes out before the scheduler sleeps
            }
            LockSupport.parkNanos(Math.min(d, 100_000_000L));
        }
    }

    private void javaWorker() {
        while (true) {
            Exchange ex;
            try {
                ex = javaQueue.take();
            } catch (InterruptedException e) {
                return;
            }
            ex.sendNanos = clock.nanoTime();
            ErrorClass error = null;
            try {
                javaOps[ex.op].execute();
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) {
                error = ErrorClass.EXCEPTION;
                errorSamples.offer(ex.op, t);
            }
            stats[ex.op].record(ex.intendedNanos, ex.sendNanos, clock.nanoTime(), error, lateToleranceNanos);
            release(ex);
        }
    }

    private void collectLoop() {
        long next = startNanos + intervalNanos;
        while (!stopping) {
            long d = next - clock.nanoTime();
            if (d > 0) {
                LockSupport.parkNanos(Math.min(d, 100_000_000L));
                continue;
            }
            synchronized (collectLock) {
                if (stopping) {
                    return;
                }
                emit(collector.collect(next, pauseMs(next)));
            }
            next += intervalNanos;
        }
    }

    /**
     * The generator's longest pause that can have delayed the operations of the interval due to close at
     * {@code dueNanos}: one in it (what the pause meter saw, or how late this thread came to close it: a pause that
     * froze the meter too is seen by both, and catching up after it each interval it spanned shows how far it reached)
     * or in the interval before, since the operations held by a pause complete after it, in the interval then open.
     */
    private double pauseMs(long dueNanos) {
        if (pauses == null) {
            return Double.NaN;
        }
        double now = Math.max(pauses.takeLongestMs(), Math.max(0, clock.nanoTime() - dueNanos) / 1e6);
        double held = Math.max(now, previousPauseMs);
        previousPauseMs = now;
        return held;
    }

    private void emit(IntervalCollector.Interval i) {
        var all = i.metrics().all();
        lastAchievedRate = all.achievedRate();
        lastIntendedRate = all.intendedRate();
        lastP99Ms = all.latency().p99Ms();
        lastPauseMs = i.metrics().driverPauseMs();
        lastErrorRate = all.ops() == 0 ? Double.NaN : (double) all.errors() / all.ops();
        listener.onInterval(i.metrics(), i.corrected(), i.uncorrected());
    }

    /**
     * Stops sending (within about 100 ms), waits for in-flight operations to finish or time out
     * (at most the request timeout plus 1 s), then emits the final partial interval. Idempotent;
     * also closes the connections of a driver that only preloaded.
     */
    public void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (!started) { // preloaded only: release the connections
            if (client != null) {
                client.close();
            }
            return;
        }
        scheduler.interrupt();
        join(scheduler, 2_000);
        long giveUp = clock.nanoTime() + timeoutNanos + 1_000_000_000L;
        while (inFlight.sum() > 0 && clock.nanoTime() - giveUp < 0) {
            LockSupport.parkNanos(1_000_000);
        }
        if (client != null) {
            client.close();
        }
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            join(t, 1_000);
        }
        join(collectorThread, 1_000);
        synchronized (collectLock) {
            long now = clock.nanoTime();
            emit(collector.collect(now, pauseMs(now)));
        }
        if (pauses != null) {
            pauses.close();
        }
    }

    private static void join(Thread t, long ms) {
        try {
            t.join(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A snapshot for a progress display; safe from any thread. */
    public DriverStatus status() {
        long completed = 0;
        long errors = 0;
        long late = 0;
        long dropped = 0;
        for (OpStats s : stats) {
            completed += s.completed.sum();
            errors += s.errorTotal();
            late += s.late.sum();
            dropped += s.dropped.sum();
        }
        double elapsed = started ? (clock.nanoTime() - startNanos) / 1e9 : 0;
        return new DriverStatus(elapsed, started ? scenario.rateAtWallSec(elapsed) : 0, lastIntendedRate, lastAchievedRate,
                lastP99Ms, lastErrorRate, inFlight.sum(), completed, errors, late, dropped, lastPauseMs);
    }
}
