package dev.soak.reference;

import java.io.Closeable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks the server's JVM for a full collection ({@link System#gc()}) every
 * {@link ReferenceServerOptions#fullGcIntervalSec()} seconds, on one daemon thread started up front.
 *
 * <p>Why: with a generational collector (the embedded child runs SerialGC) a young collection
 * promotes whatever is still alive after a number of young collections — connection buffers of
 * keep-alive connections the server later closes, request data caught in flight by a burst or a
 * scheduling stall — and that old-generation garbage is reclaimed only by the next full collection,
 * which a server with a steady live set reaches after tens of minutes to hours. Measured on the
 * 500 ops/s stability scenario: old-generation garbage grew about 4.5 MB in 30 minutes with no full
 * collection, which Soak saw as heap-after-GC growing ~9 MB/h and RSS ~6.5 MB/h (the old
 * generation's top moving into committed pages never touched before) — the rising edge of a
 * sawtooth longer than the run, read as a leak. A full collection every interval reclaims that
 * garbage: the heap after GC is then the live set (as Soak measures an in-process JVM, see
 * {@code dev.soak.Soak}), and the old generation's top, hence RSS, stops creeping.
 *
 * <p>What it does not hide: memory that is retained (the injected leak and warm-up faults, or any
 * real leak) survives every full collection, so heap-after-GC and RSS still grow with it.
 * Cost: one stop-the-world full collection per interval (tens of milliseconds for the ~70 MB live
 * set of two full spaces at 768 dimensions).
 *
 * <p>Thread-safe.
 */
final class LiveSetCollector implements Closeable {
    private final ScheduledExecutorService timer;

    /** Starts collecting every {@code intervalSec} seconds; 0 = never (no thread is started). */
    LiveSetCollector(int intervalSec) {
        if (intervalSec <= 0) {
            timer = null;
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reference-live-set-gc");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(System::gc, intervalSec, intervalSec, TimeUnit.SECONDS);
    }

    /** Stops the timer (idempotent). */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
