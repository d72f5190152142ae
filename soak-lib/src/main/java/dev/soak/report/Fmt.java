package dev.soak.report;

import dev.soak.detect.DurationText;
import dev.soak.detect.RateText;

import java.util.Locale;

/** Locale-pinned number formatting for the reports ("n/a" for NaN, "never" for +∞). Stateless. */
final class Fmt {
    static final String LEAK_MARKER = "MEMORY_LEAK_DETECTED";
    static final String DRIFT_MARKER = "LATENCY_DRIFT_DETECTED";
    static final String EXHAUSTION_MARKER = "RESOURCE_EXHAUSTION_PREDICTED";

    private Fmt() {
    }

    /** {@code v} with {@code digits} decimals, "n/a" when NaN, "never" when +∞. */
    static String num(double v, int digits) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == Double.POSITIVE_INFINITY) {
            return "never";
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    /** Three significant figures, or fixed when large. */
    static String sig(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return num(v, 0);
        }
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2e", v); // an extrapolated rate of a short run: 1.71e+88, not 89 digits
        }
        if (a >= 100 || a == 0) {
            return num(v, a >= 100 ? 0 : 1);
        }
        if (a >= 10) {
            return num(v, 1);
        }
        if (a >= 1) {
            return num(v, 2);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A rate in {@code unit}: three significant figures, or its bound when beyond a tenfold change per hour ({@link RateText}). */
    static String rate(double v, String unit) {
        return RateText.of(v, unit, Fmt::sig);
    }

    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "n/a";
        }
        return p < 1e-4 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    /**
     * A run time given in hours, as the verdicts' explanations write it ({@link DurationText}); "n/a" when
     * unknown. So an INCONCLUSIVE of a one-minute run asks for "40 s", not "0.0 h".
     */
    static String runTime(double hours) {
        return Double.isFinite(hours) ? DurationText.of(hours * 3600) : num(hours, 0);
    }

    /** Removes the report.txt marker strings from free text, so only verdicts can print them. */
    static String scrub(String s) {
        return s == null ? "" : s.replace(LEAK_MARKER, "memory leak detected").replace(DRIFT_MARKER, "latency drift detected");
    }
}
