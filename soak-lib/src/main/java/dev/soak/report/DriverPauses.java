package dev.soak.report;

import dev.soak.checkpoint.FullIntervals;
import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.detect.DurationText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When the load generator itself paused ({@link IntervalMetrics#driverPauseMs}: a collection in Soak's JVM, a stopped,
 * suspended or CPU-starved host): the load intervals {@link FullIntervals} does not read for a pause (one of
 * {@value FullIntervals#PAUSED_MS} ms or more: longer than most services' p99), merged where they follow each other. The operations due meanwhile went out that late, and their latency, counted from the intended
 * start, includes the pause: a latency spike there is the generator's as much as the target's. Stateless.
 */
public final class DriverPauses {
    /** A pause this long is said on the console as the run goes, not only in events.jsonl and the report. */
    public static final double CONSOLE_MS = 1000;

    private DriverPauses() {
    }

    /**
     * One pause, or several in intervals that follow each other.
     *
     * @param startSec  the start of its first interval, seconds since the run's start
     * @param endSec    the end of its last interval
     * @param longestMs the longest pause in them
     */
    public record Pause(double startSec, double endSec, double longestMs) { }

    /** The pauses of {@code intervals} (in time order), longest first. */
    public static List<Pause> of(List<IntervalMetrics> intervals) {
        List<Pause> out = new ArrayList<>();
        Tracker t = new Tracker();
        for (IntervalMetrics m : intervals) {
            t.add(m).ifPresent(out::add);
        }
        t.end().ifPresent(out::add);
        out.sort(Comparator.comparingDouble(Pause::longestMs).reversed().thenComparingDouble(Pause::startSec));
        return out;
    }

    /** The longest pause the generator measured over {@code intervals}, ms; NaN when it measured none. */
    public static double longestMs(List<IntervalMetrics> intervals) {
        return intervals.stream().mapToDouble(IntervalMetrics::driverPauseMs).filter(Double::isFinite).max()
                .orElse(Double.NaN);
    }

    /** Finds pauses one interval at a time, as a run writes them: {@link #add} answers one when it has ended. */
    public static final class Tracker {
        private double startSec = Double.NaN;
        private double endSec;
        private double longestMs;

        /** The pause that {@code m} ends (the interval after it paused no more), if any. */
        public Optional<Pause> add(IntervalMetrics m) {
            boolean open = !Double.isNaN(startSec);
            boolean paused = FullIntervals.paused(m);
            double from = m.tSec() - m.intervalSec();
            if (paused && open && from <= endSec + m.intervalSec() / 2) {
                endSec = m.tSec();
                longestMs = Math.max(longestMs, m.driverPauseMs());
                return Optional.empty();
            }
            Optional<Pause> ended = end();
            if (paused) {
                startSec = from;
                endSec = m.tSec();
                longestMs = m.driverPauseMs();
            }
            return ended;
        }

        /** The pause still open, if any, and forgets it. */
        public Optional<Pause> end() {
            Optional<Pause> open = Double.isNaN(startSec) ? Optional.empty()
                    : Optional.of(new Pause(startSec, endSec, longestMs));
            startSec = Double.NaN;
            return open;
        }
    }

    /** The pauses worth a line each in a report: the longest ones. */
    static final int LISTED = 10;

    /** {@code p} in a line: "2.0 s at 00:00:12". */
    public static String line(Pause p) {
        return ms(p.longestMs()) + " at " + DurationText.clock(p.startSec());
    }

    /** A pause as text: "250 ms", "2.0 s", or as {@link DurationText#of} from 90 s. */
    static String ms(double ms) {
        return ms < 1000 ? String.format(Locale.ROOT, "%.0f ms", ms)
                : ms < 90_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000) : DurationText.of(ms / 1000);
    }

    /** The line saying how many pauses {@link #LISTED} left out; empty when none were. */
    static Optional<String> rest(List<Pause> all) {
        return all.size() <= LISTED ? Optional.empty()
                : Optional.of(String.format(Locale.ROOT, "… and %d shorter ones", all.size() - LISTED));
    }
}
