package dev.soak.checkpoint;

import dev.soak.stats.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * The load intervals a rate or a percentile can be read from: all but those shorter than {@link #MIN_SHARE} of the
 * median interval. A run's last interval ends when its load does, often a fraction of a second after the one
 * before (the smoke run's: 0.12 s of a 1 s interval, 9 operations, read as 75 ops/s against 200), and an interval
 * cut short by a stop is the same: its rates and percentiles are noise, and at the end of a series a trend test
 * and a plot give it the most weight. Nor is an interval in which the load generator itself paused
 * {@value #PAUSED_MS} ms or more ({@link IntervalMetrics#driverPauseMs}): the operations due meanwhile went out late,
 * and their latency, counted from the intended start, holds the generator's pause. Totals (operations, errors) still
 * count every interval; only what is read as a rate or a level per interval leaves them out.
 */
public final class FullIntervals {
    /** An interval shorter than this share of the median interval is not read as a rate or a percentile. */
    public static final double MIN_SHARE = 0.5;
    /** An interval in which the load generator paused this long is not read as a rate or a percentile either. */
    public static final double PAUSED_MS = 100;

    private FullIntervals() {
    }

    /**
     * {@code intervals} without those shorter than {@link #MIN_SHARE} of their median length and those in which the
     * generator paused {@link #PAUSED_MS} or more, in their order.
     */
    public static List<IntervalMetrics> of(List<IntervalMetrics> intervals) {
        if (intervals.size() < 2) {
            return intervals;
        }
        double median = Series.median(intervals.stream().mapToDouble(IntervalMetrics::intervalSec).filter(Double::isFinite)
                .toArray());
        double min = Double.isNaN(median) ? Double.NaN : MIN_SHARE * median;
        List<IntervalMetrics> out = new ArrayList<>(intervals.size());
        for (IntervalMetrics m : intervals) {
            if (!(m.intervalSec() < min) && !paused(m)) {
                out.add(m);
            }
        }
        return out.size() == intervals.size() ? intervals : out;
    }

    /** How many of {@code intervals} {@link #of} leaves out for a pause of the load generator. */
    public static long paused(List<IntervalMetrics> intervals) {
        return intervals.stream().filter(FullIntervals::paused).count();
    }

    /** Whether the load generator paused {@link #PAUSED_MS} or more in {@code m}. */
    public static boolean paused(IntervalMetrics m) {
        return m.driverPauseMs() >= PAUSED_MS;
    }
}
