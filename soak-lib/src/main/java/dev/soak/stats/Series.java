package dev.soak.stats;

import java.util.Arrays;

/**
 * Small helpers on paired series: dropping non-finite points, index ranges, medians, magnitudes.
 *
 * <p>Stateless; safe from any thread.
 */
public final class Series {
    private Series() {
    }

    /**
     * Returns the points of ({@code x}, {@code y}) where both are finite, in their original order.
     *
     * @return {@code {xKept, yKept}}
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double[][] finite(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " entries but y has " + y.length
                    + "; pass arrays of equal length");
        }
        int m = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                m++;
            }
        }
        double[] xs = new double[m];
        double[] ys = new double[m];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                xs[k] = x[i];
                ys[k++] = y[i];
            }
        }
        return new double[][] {xs, ys};
    }

    /** The indices {@code 0, 1, …, n−1} as doubles: the abscissa of an equally spaced series. */
    public static double[] index(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    /**
     * The median (mean of the two middle values for an even count), as numpy's {@code median};
     * {@code NaN} for an empty array. O(n log n).
     */
    public static double median(double[] a) {
        if (a.length == 0) {
            return Double.NaN;
        }
        double[] s = a.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /**
     * The median absolute deviation from the median, unscaled (multiply by 1.4826 for a normal σ);
     * {@code NaN} for an empty array.
     */
    public static double mad(double[] a) {
        double med = median(a);
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = Math.abs(a[i] - med);
        }
        return median(d);
    }

    /** Mean; {@code NaN} for an empty array. */
    public static double mean(double[] a) {
        if (a.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double v : a) {
            s += v;
        }
        double m = s / a.length;
        double c = 0;
        for (double v : a) {
            c += v - m;
        }
        return m + c / a.length;
    }

    /** The largest magnitude |a_i|; 0 for an empty array. The scale that rounding errors are judged against. */
    public static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
