package dev.soak.soak;

import java.util.ArrayDeque;
import java.util.Locale;

/**
 * A limit that counts as breached only when it has been exceeded for a sustained time: a sliding
 * window of the last {@code sustainedSec} seconds of observations, never a cumulative figure since
 * the start (a bad first minute does not abort an hour-long run, and a good hour does not hide a
 * bad last minute).
 *
 * <p>Two kinds of window:
 * <ul>
 * <li>{@linkplain #level level} ({@code max_rss_mb}, {@code max_p99_ms}): breached when every
 *     observation of the window is above the limit and the window spans at least
 *     {@code sustainedSec}. Example: limit 100 MB, sustained 10 s, samples each second; samples 0–9 s
 *     at 120 MB, then 90 MB at 10 s: not breached (the run above the limit lasted 9 s and was
 *     broken); 120 MB from 11 s to 21 s: breached at 21 s.</li>
 * <li>{@linkplain #ratio ratio} ({@code max_error_rate}): each observation is a count of events
 *     and of trials (errors and operations of one sample interval); breached when the summed ratio
 *     over the window is above the limit and the window spans at least {@code sustainedSec}.</li>
 * </ul>
 * Times are seconds on any clock that only moves forward (the caller passes them, so tests use a
 * fake clock). Memory: at most one entry per observation inside the window. NaN observations are
 * ignored (not measured is not a breach, and does not break one).
 *
 * <p>Not thread-safe: one owner feeds it (the orchestrator synchronizes on it).
 */
final class SustainedLimit {
    private final String name;
    private final double limit;
    private final double sustainedSec;
    private final boolean ratio;
    private final ArrayDeque<double[]> window = new ArrayDeque<>(); // {tSec, value-or-numerator, denominator}
    private double numerator;
    private double denominator;
    private double breachStartSec = Double.NaN; // level: start of the current uninterrupted run above the limit

    private SustainedLimit(String name, double limit, double sustainedSec, boolean ratio) {
        if (!(sustainedSec >= 0) || !Double.isFinite(sustainedSec)) {
            throw new IllegalArgumentException("sustained_sec = " + sustainedSec + " must be a finite number >= 0");
        }
        this.name = name;
        this.limit = limit;
        this.sustainedSec = sustainedSec;
        this.ratio = ratio;
    }

    /** A level limit: every observation in the window above {@code limit}. */
    static SustainedLimit level(String name, double limit, double sustainedSec) {
        return new SustainedLimit(name, limit, sustainedSec, false);
    }

    /** A ratio limit: summed numerator / summed denominator over the window above {@code limit}. */
    static SustainedLimit ratio(String name, double limit, double sustainedSec) {
        return new SustainedLimit(name, limit, sustainedSec, true);
    }

    /**
     * Adds a level observation at {@code tSec}.
     *
     * @return true when the limit is now breached for at least the sustained time
     */
    boolean observe(double tSec, double value) {
        if (ratio) {
            throw new IllegalStateException(name + " is a ratio limit: call observe(tSec, numerator, denominator)");
        }
        if (Double.isNaN(value)) {
            return breached(tSec);
        }
        if (value > limit) {
            if (Double.isNaN(breachStartSec)) {
                breachStartSec = tSec;
            }
        } else {
            breachStartSec = Double.NaN;
        }
        lastValue = value;
        return breached(tSec);
    }

    private double lastValue = Double.NaN;

    private boolean breached(double tSec) {
        return !Double.isNaN(breachStartSec) && tSec - breachStartSec >= sustainedSec;
    }

    /**
     * Adds a ratio observation covering {@code (tSec - intervalSec, tSec]}.
     *
     * @return true when the windowed ratio is above the limit over at least the sustained time
     */
    boolean observe(double tSec, double intervalSec, double num, double den) {
        if (!ratio) {
            throw new IllegalStateException(name + " is a level limit: call observe(tSec, value)");
        }
        if (Double.isNaN(num) || Double.isNaN(den)) {
            return ratioBreached(tSec);
        }
        window.addLast(new double[] {tSec - intervalSec, num, den});
        numerator += num;
        denominator += den;
        // drop intervals that start before the window, as long as the rest still spans it
        while (window.size() > 1 && tSec - secondStartSec() >= sustainedSec) {
            double[] old = window.removeFirst();
            numerator -= old[1];
            denominator -= old[2];
        }
        return ratioBreached(tSec);
    }

    private double secondStartSec() {
        var it = window.iterator();
        it.next();
        return it.next()[0];
    }

    private boolean ratioBreached(double tSec) {
        if (window.isEmpty() || denominator <= 0) {
            return false;
        }
        return tSec - window.peekFirst()[0] >= sustainedSec && numerator / denominator > limit;
    }

    /** The current value: the windowed ratio, or the last level observation. */
    double current() {
        return ratio ? (denominator > 0 ? numerator / denominator : Double.NaN) : lastValue;
    }

    /** One sentence for the abort event and the report. */
    String describe(double tSec) {
        if (ratio) {
            return String.format(Locale.ROOT, "%s %.4g over the last %.0f s exceeded the limit %.4g (sustained_sec = %.0f)",
                name, current(), tSec - window.peekFirst()[0], limit, sustainedSec);
        }
        return String.format(Locale.ROOT, "%s stayed above the limit %.4g for %.0f s (last %.4g; sustained_sec = %.0f)",
            name, limit, tSec - breachStartSec, lastValue, sustainedSec);
    }

    String name() {
        return name;
    }

    double limit() {
        return limit;
    }
}
