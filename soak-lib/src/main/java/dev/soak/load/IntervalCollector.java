package dev.soak.load;

import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.LatencySummary;
import dev.soak.checkpoint.OperationMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Turns the operations' cumulative counters and recorders into one {@link IntervalMetrics} and
 * its interval histograms. Allocates per interval only (new interval histograms that the listener
 * then owns), never per request. Called from one thread at a time (the collector thread, then
 * the thread calling {@code stop()}), serialised by the driver.
 */
final class IntervalCollector {
    private final OpStats[] stats;
    private final long startNanos;
    private final long startEpochMs;
    private long lastNanos;

    IntervalCollector(OpStats[] stats, long startNanos, long startEpochMs) {
        this.stats = stats;
        this.startNanos = startNanos;
        this.startEpochMs = startEpochMs;
        this.lastNanos = startNanos;
    }

    /** The result of one interval. */
    record Interval(IntervalMetrics metrics, Map<String, Histogram> corrected, Map<String, Histogram> uncorrected) {
    }

    /** Closes the interval ending at {@code nowNanos}, in which the generator paused at most {@code driverPauseMs}. */
    Interval collect(long nowNanos, double driverPauseMs) {
        double intervalSec = Math.max(1e-9, (nowNanos - lastNanos) / 1e9);
        long fromMs = startEpochMs + (lastNanos - startNanos) / 1_000_000;
        long toMs = startEpochMs + (nowNanos - startNanos) / 1_000_000;
        lastNanos = nowNanos;
        Map<String, OperationMetrics> perOp = new LinkedHashMap<>();
        Map<String, Histogram> corrected = new LinkedHashMap<>();
        Map<String, Histogram> uncorrected = new LinkedHashMap<>();
        Histogram allCorrected = new Histogram(3);
        Histogram allUncorrected = new Histogram(3);
        long ops = 0;
        long intended = 0;
        long late = 0;
        long dropped = 0;
        long[] errorsByClass = new long[ErrorClass.VALUES.length];
        for (OpStats s : stats) {
            Histogram c = s.corrected.getIntervalHistogram();
            Histogram u = s.uncorrected.getIntervalHistogram();
            for (Histogram h : new Histogram[] {c, u}) {
                h.setStartTimeStamp(fromMs);
                h.setEndTimeStamp(toMs);
                h.setTag(s.name);
            }
            corrected.put(s.name, c);
            uncorrected.put(s.name, u);
            allCorrected.add(c);
            allUncorrected.add(u);

            long sIntended = s.intended.sum();
            long sCompleted = s.completed.sum();
            long sLate = s.late.sum();
            long sDropped = s.dropped.sum();
            long dIntended = sIntended - s.prevIntended;
            long dOps = sCompleted - s.prevCompleted;
            s.prevIntended = sIntended;
            s.prevCompleted = sCompleted;
            late += sLate - s.prevLate;
            dropped += sDropped - s.prevDropped;
            s.prevLate = sLate;
            s.prevDropped = sDropped;
            Map<String, Long> byClass = new LinkedHashMap<>();
            long dErrors = 0;
            for (ErrorClass e : ErrorClass.VALUES) {
                long v = s.errors[e.ordinal()].sum();
                long d = v - s.prevErrors[e.ordinal()];
                s.prevErrors[e.ordinal()] = v;
                byClass.put(e.key(), d);
                dErrors += d;
                errorsByClass[e.ordinal()] += d;
            }
            ops += dOps;
            intended += dIntended;
            perOp.put(s.name, new OperationMetrics(dOps, dErrors, byClass, dIntended / intervalSec,
                    dOps / intervalSec, summary(c), summary(u)));
        }
        Map<String, Long> byClass = new LinkedHashMap<>();
        long errors = 0;
        for (ErrorClass e : ErrorClass.VALUES) {
            byClass.put(e.key(), errorsByClass[e.ordinal()]);
            errors += errorsByClass[e.ordinal()];
        }
        OperationMetrics all = new OperationMetrics(ops, errors, byClass, intended / intervalSec, ops / intervalSec,
                summary(allCorrected), summary(allUncorrected));
        IntervalMetrics m = new IntervalMetrics((nowNanos - startNanos) / 1e9, intervalSec, all, late, dropped, perOp,
                driverPauseMs);
        return new Interval(m, corrected, uncorrected);
    }

    /** Percentiles of a nanosecond histogram in milliseconds; NaN for an empty one. */
    static LatencySummary summary(Histogram h) {
        if (h.getTotalCount() == 0) {
            return LatencySummary.empty();
        }
        return new LatencySummary(ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)),
                ms(h.getMaxValue()));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
