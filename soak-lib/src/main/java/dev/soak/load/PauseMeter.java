package dev.soak.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The load generator's own pauses, measured as jHiccup measures a JVM's (G. Tene, jHiccup, Azul Systems, 2012): a
 * daemon thread that only sleeps, {@value #RESOLUTION_NANOS} ns at a time, records how much later than asked it woke.
 * A pause of this JVM (a collection, a safepoint) or of its host (a stopped, suspended or CPU-starved machine) holds
 * every thread alike, so the operations due meanwhile go out late, and their latency, counted from the intended
 * start, includes the pause: a spike that is the generator's, not the target's. Thread-safe.
 */
final class PauseMeter implements AutoCloseable {
    /** How long the meter sleeps between looks: its resolution. */
    static final long RESOLUTION_NANOS = 1_000_000;

    private final NanoClock clock;
    private final LongConsumer sleep;
    private final AtomicLong longestNanos = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;

    /** A meter on {@code clock}, sleeping with {@link LockSupport#parkNanos(long)}; not started. */
    PauseMeter(NanoClock clock) {
        this(clock, LockSupport::parkNanos);
    }

    /** A meter whose sleeps are {@code sleep} (a test makes one of them last long, as a pause would). */
    PauseMeter(NanoClock clock, LongConsumer sleep) {
        this.clock = clock;
        this.sleep = sleep;
        this.thread = new Thread(this::measure, "soak-pause-meter");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void measure() {
        while (!stopping) {
            long before = clock.nanoTime();
            sleep.accept(RESOLUTION_NANOS);
            long late = clock.nanoTime() - before - RESOLUTION_NANOS;
            longestNanos.accumulateAndGet(late, Math::max);
        }
    }

    /** The longest pause seen since the last call (ms; 0 for none), and starts the next span. */
    double takeLongestMs() {
        return longestNanos.getAndSet(0) / 1e6;
    }

    @Override
    public void close() {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
