package dev.soak.reference;

import dev.soak.scenario.FaultSpec;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Injects the faults of a {@link FaultSpec}, each a deterministic function of wall time since start
 * (or of the request count), so a test can predict it:
 * <ul>
 * <li>leak: retained bytes = {@code leak_mb_per_hour × 2^20 × t/3600} (t in seconds since start), held
 *     as touched 64 KiB byte arrays that are never released (both heap-after-GC and RSS grow);
 *     plus {@code leak_bytes_per_store} bytes retained per successful store (plus a ~16 B array header);</li>
 * <li>warm-up: retained bytes = {@code warmup_mb × 2^20 × (1 − e^(−t/τ))}, also 64 KiB arrays: a
 *     cache filling up, which plateaus;</li>
 * <li>latency: every API request sleeps {@code base_latency_ms × (1 + latency_drift_pct_per_hour/100)^(t/3600)}
 *     (compounding, so log latency grows linearly); with a drift but no base, the base is 1 ms;
 *     the added time is capped at 10 s;</li>
 * <li>fd leak: {@code floor(fd_leak_per_minute × t/60)} file descriptors opened (a temporary file,
 *     read-only) and never closed;</li>
 * <li>thread leak: {@code floor(thread_leak_per_minute × t/60)} threads started and parked forever;</li>
 * <li>errors: API request number n (counting from 0) is answered 500 when
 *     {@code splitmix64(seed + n) / 2^64 < error_rate}; deterministic for a given request order;</li>
 * <li>crash: after {@code crash_after_sec} the process prints one line and halts with exit code 3.</li>
 * </ul>
 * Time-driven faults are applied by a timer every 50 ms (so they lag by at most that).
 *
 * <p>Thread-safe.
 */
final class FaultInjector implements Closeable {
    static final int CHUNK_BYTES = 64 * 1024;
    static final double MIB = 1024.0 * 1024.0;
    private static final long MAX_ADDED_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final FaultSpec spec;
    private final long seed;
    private final LongSupplier nanoTime;
    private final Runnable crash;
    private final long startNanos;
    private final AtomicLong requests = new AtomicLong();
    private final List<byte[]> leaked = new ArrayList<>();
    private final List<byte[]> warmup = new ArrayList<>();
    private final List<byte[]> perStore = new ArrayList<>();
    private final List<Closeable> leakedFds = new ArrayList<>();
    private final List<Thread> leakedThreads = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private long perStoreBytes;
    private Path fdFile;
    private volatile boolean crashed;

    FaultInjector(FaultSpec spec, long seed, LongSupplier nanoTime, Runnable crash) {
        this.spec = spec;
        this.seed = seed;
        this.nanoTime = nanoTime;
        this.crash = crash;
        this.startNanos = nanoTime.getAsLong();
        boolean timed = spec.leakMbPerHour() > 0 || spec.warmupMb() > 0 || spec.fdLeakPerMinute() > 0
                || spec.threadLeakPerMinute() > 0 || spec.crashAfterSec() > 0;
        this.timer = timed ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reference-fault-clock");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Starts the timer of the time-driven faults (none when no such fault is set). */
    void start() {
        if (timer != null) {
            timer.scheduleAtFixedRate(this::tickSafely, 0, 50, TimeUnit.MILLISECONDS);
        }
    }

    /** Seconds since this injector was created. */
    double elapsedSec() {
        return (nanoTime.getAsLong() - startNanos) / 1e9;
    }

    /** Decides whether the next API request fails with 500 (error-rate fault). */
    boolean nextRequestFails() {
        if (spec.errorRate() <= 0) {
            return false;
        }
        long n = requests.getAndIncrement();
        double u = (splitmix64(seed + n) >>> 11) * 0x1.0p-53;
        return u < spec.errorRate();
    }

    /** Added service time of an API request now, in nanoseconds (0 without latency faults). */
    long addedLatencyNanos() {
        double base = spec.baseLatencyMs();
        if (base <= 0 && spec.latencyDriftPctPerHour() <= 0) {
            return 0;
        }
        if (base <= 0) {
            base = 1;
        }
        double hours = elapsedSec() / 3600.0;
        double ms = base * Math.exp(hours * Math.log1p(spec.latencyDriftPctPerHour() / 100.0));
        double nanos = ms * 1e6;
        return nanos >= MAX_ADDED_LATENCY_NANOS ? MAX_ADDED_LATENCY_NANOS : (long) nanos;
    }

    /** Sleeps the added service time, if any. */
    void injectLatency() {
        long nanos = addedLatencyNanos();
        long deadline = System.nanoTime() + nanos;
        while (nanos > 0) {
            LockSupport.parkNanos(nanos);
            nanos = deadline - System.nanoTime();
        }
    }

    /** Called after each successful store (leak-per-store fault). */
    void onStore() {
        int n = (int) Math.min(spec.leakBytesPerStore(), Integer.MAX_VALUE - 16);
        if (n <= 0) {
            return;
        }
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 0x5a);
        synchronized (perStore) {
            perStore.add(b);
            perStoreBytes += n;
        }
    }

    /** The current state of every fault, for {@code /admin/faults} and metrics. */
    Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("elapsed_sec", elapsedSec());
        synchronized (this) {
            m.put("leaked_bytes", (long) leaked.size() * CHUNK_BYTES);
            m.put("warmup_bytes", (long) warmup.size() * CHUNK_BYTES);
            m.put("leaked_fds", leakedFds.size());
            m.put("leaked_threads", leakedThreads.size());
        }
        synchronized (perStore) {
            m.put("leaked_store_bytes", perStoreBytes);
        }
        m.put("added_latency_ms", addedLatencyNanos() / 1e6);
        m.put("api_requests_counted", requests.get());
        return m;
    }

    private void tickSafely() {
        try {
            tick();
        } catch (Throwable t) { // keep the clock alive: a failed fd open must not stop the other faults
            System.err.println("reference server: fault clock: " + t);
        }
    }

    synchronized void tick() throws IOException {
        double t = elapsedSec();
        if (spec.crashAfterSec() > 0 && t >= spec.crashAfterSec() && !crashed) {
            crashed = true;
            crash.run();
            return;
        }
        fill(leaked, spec.leakMbPerHour() * MIB * t / 3600.0);
        if (spec.warmupMb() > 0) {
            fill(warmup, spec.warmupMb() * MIB * -Math.expm1(-t / spec.warmupTauSec()));
        }
        long fdTarget = (long) Math.floor(spec.fdLeakPerMinute() * t / 60.0);
        while (leakedFds.size() < fdTarget) {
            if (fdFile == null) {
                fdFile = Files.createTempFile("soak-reference-fd-leak", ".tmp");
                fdFile.toFile().deleteOnExit();
            }
            InputStream in = Files.newInputStream(fdFile);
            leakedFds.add(in);
        }
        long threadTarget = (long) Math.floor(spec.threadLeakPerMinute() * t / 60.0);
        while (leakedThreads.size() < threadTarget) {
            Thread th = new Thread(null, () -> {
                while (true) {
                    LockSupport.park();
                }
            }, "reference-leaked-" + leakedThreads.size(), 64 * 1024);
            th.setDaemon(true);
            th.start();
            leakedThreads.add(th);
        }
    }

    private static void fill(List<byte[]> held, double targetBytes) {
        long chunks = (long) Math.floor(targetBytes / CHUNK_BYTES);
        while (held.size() < chunks) {
            byte[] b = new byte[CHUNK_BYTES];
            java.util.Arrays.fill(b, (byte) 0xa5);
            held.add(b);
        }
    }

    static long splitmix64(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Stops the timer; leaked fds are closed and leaked threads stay parked (they are daemons). */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        for (Closeable c : leakedFds) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing a read-only stream on a temp file: nothing to do
            }
        }
        leakedFds.clear();
    }
}
