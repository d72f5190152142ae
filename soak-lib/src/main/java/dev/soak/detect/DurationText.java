package dev.soak.detect;

import java.util.Locale;

/**
 * How a run time is written for people, in the unit that reads best: seconds below 90 s ("40 s"),
 * minutes below 1.5 h ("18 min"), else hours with one decimal ("1.5 h"). Used by the verdicts'
 * explanations, the exhaustion forecasts and the reports, so that all of them say the same time the
 * same way; and a point in a run as an elapsed clock, "HH:MM:SS" ({@link #clock}), as the console's
 * progress lines and the reports' event lists show it. Stateless.
 */
public final class DurationText {
    private DurationText() {
    }

    /** {@code sec} seconds as text. */
    public static String of(double sec) {
        return sec >= 5400 ? String.format(Locale.ROOT, "%.1f h", sec / 3600)
                : sec >= 90 ? String.format(Locale.ROOT, "%.0f min", sec / 60)
                : String.format(Locale.ROOT, "%.0f s", sec);
    }

    /** {@code sec} seconds as an elapsed clock, e.g. "00:01:00", "26:30:00"; "--:--:--" when unknown. */
    public static String clock(double sec) {
        if (!Double.isFinite(sec)) {
            return "--:--:--";
        }
        long s = Math.max(0, Math.round(sec));
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
