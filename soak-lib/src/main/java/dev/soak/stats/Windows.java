package dev.soak.stats;

import java.util.Arrays;

/**
 * Window summaries of a series: the minimum or the median of y in each window
 * [origin + k·w, origin + (k + 1)·w) of width w in x units, with the window's mean x and count.
 *
 * <p>Minima give the lower envelope of a sawtooth: for a garbage-collected heap the window minima
 * are the post-collection floor, whose trend is the leak while the teeth are not (Oracle,
 * "Troubleshooting Guide", live set after old collections); choose w of several collection cycles
 * so that each window holds at least one collection. Medians are a spike-robust reduction. Both
 * reduce a long series to windows of about the noise's correlation time, which costs a trend test
 * almost nothing (its information depends on the span, not the sampling rate, once the spacing
 * exceeds the correlation time: see {@link RunLength}). Windows without points are skipped.
 *
 * <p>Example: x = 0…9, y = 5,3,4,9, 6,2,8,7, 1,0 with origin 0 and w = 4 gives windows 0, 1, 2
 * with minima 3, 2, 0, medians 4.5, 6.5, 0.5, mean x 1.5, 5.5, 8.5 and counts 4, 4, 2.
 *
 * <p>Complexity O(n) for minima, O(n log(n/m)) for medians of m windows, plus O(n log n) when x is
 * not in increasing order. Non-finite entries, unequal lengths, a non-finite origin or w ≤ 0
 * throw {@link IllegalArgumentException}; empty input gives an empty summary.
 *
 * <p>Stateless; safe from any thread.
 */
public final class Windows {

    /** The per-window statistic. */
    public enum Statistic {
        /** The smallest y (lower envelope). */
        MIN,
        /** The median y (mean of the two middle values for an even count). */
        MEDIAN
    }

    /**
     * The windows that hold points, in increasing order. Arrays are owned by the record; treat
     * them as read-only if the record is shared between threads.
     *
     * @param index window number k (window [origin + k·w, origin + (k + 1)·w))
     * @param meanX mean x of the window's points
     * @param value the window's statistic
     * @param count points in the window
     */
    public record Summary(long[] index, double[] meanX, double[] value, int[] count) {
        /** Number of windows. */
        public int size() {
            return value.length;
        }
    }

    private Windows() {
    }

    /** Summaries of y over windows of width {@code width} starting at {@code origin}. */
    public static Summary summarise(double[] x, double[] y, double origin, double width, Statistic statistic) {
        Checks.pair(x, y);
        if (!(width > 0) || Double.isInfinite(width)) {
            throw new IllegalArgumentException("width = " + width + " must be a positive finite width in x units");
        }
        if (!Double.isFinite(origin)) {
            throw new IllegalArgumentException("origin = " + origin + " must be finite");
        }
        int n = x.length;
        int[] order = sortedOrder(x);
        long[] idx = new long[n];
        double[] mx = new double[n];
        double[] val = new double[n];
        int[] cnt = new int[n];
        double[] buf = new double[n];
        int m = 0;
        int k = 0;
        while (k < n) {
            long w = (long) Math.floor((x[order[k]] - origin) / width);
            int j = k;
            double sx = 0;
            while (j < n && (long) Math.floor((x[order[j]] - origin) / width) == w) {
                buf[j - k] = y[order[j]];
                sx += x[order[j]];
                j++;
            }
            int c = j - k;
            idx[m] = w;
            mx[m] = sx / c;
            val[m] = statistic == Statistic.MIN ? min(buf, c) : median(buf, c);
            cnt[m] = c;
            m++;
            k = j;
        }
        return new Summary(Arrays.copyOf(idx, m), Arrays.copyOf(mx, m), Arrays.copyOf(val, m), Arrays.copyOf(cnt, m));
    }

    private static double min(double[] a, int c) {
        double v = Double.POSITIVE_INFINITY;
        for (int i = 0; i < c; i++) {
            v = Math.min(v, a[i]);
        }
        return v;
    }

    private static double median(double[] a, int c) {
        Arrays.sort(a, 0, c);
        return c % 2 == 1 ? a[c / 2] : 0.5 * (a[c / 2 - 1] + a[c / 2]);
    }

    private static int[] sortedOrder(double[] x) {
        int n = x.length;
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = x[i] >= x[i - 1];
        }
        if (sorted) {
            int[] o = new int[n];
            for (int i = 0; i < n; i++) {
                o[i] = i;
            }
            return o;
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(x[a], x[b]));
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = boxed[i];
        }
        return o;
    }
}
