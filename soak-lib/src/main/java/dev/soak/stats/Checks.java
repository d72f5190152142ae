package dev.soak.stats;

import java.util.Locale;

/** Argument checks shared by the package; messages name the parameter, index and value. */
final class Checks {
    private Checks() {
    }

    static void finite(String name, double[] a) {
        if (a == null) {
            throw new IllegalArgumentException(name + " is null; pass an array (it may be empty)");
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s[%d] = %s is not a finite number; drop non-finite points first, "
                                + "e.g. with Series.finite(x, y)", name, i, a[i]));
            }
        }
    }

    static void pair(double[] x, double[] y) {
        finite("x", x);
        finite("y", y);
        if (x.length != y.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "x has %d entries but y has %d; pass arrays of equal length", x.length, y.length));
        }
    }

    /** x must be non-decreasing (a series in time order). */
    static void increasing(double[] x) {
        for (int i = 1; i < x.length; i++) {
            if (x[i] < x[i - 1]) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "x[%d] = %s is smaller than x[%d] = %s; pass the series in time order (x non-decreasing)",
                        i, x[i], i - 1, x[i - 1]));
            }
        }
    }

    static void probability(String name, double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s = %s must lie strictly between 0 and 1", name, p));
        }
    }
}
