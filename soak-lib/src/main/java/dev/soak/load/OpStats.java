package dev.soak.load;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and latency recorders of one operation. Two auto-resizing HdrHistogram
 * {@link Recorder}s (3 significant digits, nanoseconds, no highest trackable value, so no slow
 * sample is ever dropped): one from the intended start (coordinated-omission corrected), one from
 * the actual send. Counters are cumulative; the interval collector takes differences.
 *
 * <p>What is recorded as latency: every operation that got an HTTP status (expected or not),
 * every timeout (its latency is the time until it was given up) and every Java operation (also
 * when it threw). Refused connections and other I/O failures are counted as errors but not
 * recorded as latency (they fail in microseconds and would flatter the percentiles).
 *
 * <p>Thread-safe: recorded concurrently by I/O and worker threads; read by the collector.
 */
final class OpStats {
    final String name;
    final Recorder corrected = new Recorder(3);
    final Recorder uncorrected = new Recorder(3);
    final LongAdder intended = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder late = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder[] errors = new LongAdder[ErrorClass.VALUES.length];

    // collector-side previous cumulative values (collector thread only)
    long prevIntended;
    long prevCompleted;
    long prevLate;
    long prevDropped;
    final long[] prevErrors = new long[ErrorClass.VALUES.length];
    Histogram recycleCorrected;
    Histogram recycleUncorrected;

    OpStats(String name) {
        this.name = name;
        for (int i = 0; i < errors.length; i++) {
            errors[i] = new LongAdder();
        }
    }

    /**
     * Records one completion.
     *
     * @param error null for success
     */
    void record(long intendedNanos, long sendNanos, long endNanos, ErrorClass error, long lateToleranceNanos) {
        completed.increment();
        if (sendNanos - intendedNanos > lateToleranceNanos) {
            late.increment();
        }
        if (error != null) {
            errors[error.ordinal()].increment();
            if (error.connectionFailure()) {
                return;
            }
        }
        corrected.recordValue(Math.max(0, endNanos - intendedNanos));
        uncorrected.recordValue(Math.max(0, endNanos - sendNanos));
    }

    long errorTotal() {
        long n = 0;
        for (LongAdder a : errors) {
            n += a.sum();
        }
        return n;
    }
}
