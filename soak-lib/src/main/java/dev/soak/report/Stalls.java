package dev.soak.report;

import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.detect.DurationText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the target answered nothing while the load went on: load intervals in which no operation completed (neither
 * answered nor failed) although at least {@value #MIN_INTENDED} were due, merged where they follow each other. A
 * frozen process (a long GC pause, a lock, a stopped VM) shows so, and the operations sent meanwhile complete after
 * it with their latency counted from their intended start, so the first interval after a stall shows how long it held
 * them. A soak's trend tests see such a stall as one spike; here it is named, when and how long. Stateless.
 */
public final class Stalls {
    /** Operations due in an interval for it to count: a slow trickle of load completes nothing in many intervals. */
    static final double MIN_INTENDED = 3;

    private Stalls() {
    }

    /**
     * One stall.
     *
     * @param startSec        when it began (the start of its first interval), seconds since the run's start
     * @param durationSec     how long nothing completed (whole load intervals)
     * @param intendedOps     operations due meanwhile
     * @param maxLatencyMsAfter the longest latency in the interval after it (operations held by it), NaN when none
     * @param driverPauseMs   the load generator's own longest pause in its intervals and the one after it
     *                        ({@link DriverPauses}), NaN when not measured
     */
    public record Stall(double startSec, double durationSec, long intendedOps, double maxLatencyMsAfter,
                        double driverPauseMs) {
        /** A stall of intervals whose generator's pauses were not measured. */
        public Stall(double startSec, double durationSec, long intendedOps, double maxLatencyMsAfter) {
            this(startSec, durationSec, intendedOps, maxLatencyMsAfter, Double.NaN);
        }

        /** Whether the generator itself was paused for at least half of it: the stall is the generator's. */
        public boolean generators() {
            return driverPauseMs >= 500 * durationSec;
        }
    }

    /** The stalls of {@code intervals} (in time order), longest first. */
    public static List<Stall> of(List<IntervalMetrics> intervals) {
        List<Stall> out = new ArrayList<>();
        Tracker t = new Tracker();
        for (IntervalMetrics m : intervals) {
            t.add(m).ifPresent(out::add);
        }
        t.end().ifPresent(out::add);
        out.sort(Comparator.comparingDouble(Stall::durationSec).reversed().thenComparingDouble(Stall::startSec));
        return out;
    }

    /**
     * Finds stalls one interval at a time, as a run writes them: {@link #add} answers a stall when the interval after
     * it arrives (with the latency it shows). Not thread-safe.
     */
    public static final class Tracker {
        private double startSec = Double.NaN;
        private double endSec;
        private double intended;
        private double pauseMs = Double.NaN;

        /** The stall that {@code m} ends, if any. */
        public Optional<Stall> add(IntervalMetrics m) {
            double from = m.tSec() - m.intervalSec();
            boolean open = !Double.isNaN(startSec);
            if (stalled(m) && (!open || from <= endSec + m.intervalSec() / 2)) {
                if (!open) {
                    startSec = from;
                    intended = 0;
                    pauseMs = Double.NaN;
                }
                intended += intended(m);
                pauseMs = longer(pauseMs, m.driverPauseMs());
                endSec = m.tSec();
                return Optional.empty();
            }
            Optional<Stall> ended = open ? Optional.of(new Stall(startSec, endSec - startSec, Math.round(intended),
                    stalled(m) ? Double.NaN : m.all().latency().maxMs(),
                    stalled(m) ? pauseMs : longer(pauseMs, m.driverPauseMs()))) : Optional.empty();
            startSec = Double.NaN;
            if (stalled(m)) { // a stall after a gap (a resume): a new one begins here
                startSec = from;
                intended = intended(m);
                pauseMs = m.driverPauseMs();
                endSec = m.tSec();
            }
            return ended;
        }

        /** The stall still open at the end of the intervals, if any (nothing came after it). */
        public Optional<Stall> end() {
            Optional<Stall> open = Double.isNaN(startSec) ? Optional.empty()
                    : Optional.of(new Stall(startSec, endSec - startSec, Math.round(intended), Double.NaN, pauseMs));
            startSec = Double.NaN;
            return open;
        }
    }

    /** The stalls worth a line each in a report: the longest ones. */
    static final int LISTED = 10;

    /**
     * {@code s} in a line: "at 00:00:05 for 10 s, 1000 operations due; those held up to 9.93 s", and when the generator
     * itself was paused through most of it, that it was.
     */
    public static String line(Stall s) {
        return String.format(Locale.ROOT, "at %s for %s, %d operations due%s%s", DurationText.clock(s.startSec()),
                DurationText.of(s.durationSec()), s.intendedOps(), Double.isFinite(s.maxLatencyMsAfter())
                        ? "; those held up to " + DurationText.of(s.maxLatencyMsAfter() / 1000) : "",
                s.generators() ? "; but the load generator itself was paused " + DriverPauses.ms(s.driverPauseMs())
                        + " then: the stall is the generator's, not the target's" : "");
    }

    /** The longer of two pauses, either NaN when not measured. */
    private static double longer(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    /** The line saying how many stalls {@link #LISTED} left out, and their time; empty when none were. */
    static Optional<String> rest(List<Stall> all) {
        if (all.size() <= LISTED) {
            return Optional.empty();
        }
        double sec = all.stream().skip(LISTED).mapToDouble(Stall::durationSec).sum();
        return Optional.of(String.format(Locale.ROOT, "… and %d shorter ones, %s in all",
                all.size() - LISTED, DurationText.of(sec)));
    }

    private static boolean stalled(IntervalMetrics m) {
        return m.all().ops() == 0 && intended(m) >= MIN_INTENDED;
    }

    private static double intended(IntervalMetrics m) {
        double r = m.all().intendedRate();
        return Double.isFinite(r) ? r * m.intervalSec() : 0;
    }
}
