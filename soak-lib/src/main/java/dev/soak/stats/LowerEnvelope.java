package dev.soak.stats;

import java.util.Arrays;

/**
 * Lower envelope of a sawtooth series: the minimum of each window of width w in x units.
 *
 * <p>Windows are [x₀ + k·w, x₀ + (k+1)·w), k = 0, 1, …, anchored at the smallest x. For a
 * garbage-collected heap the minima are the post-collection floor, whose trend is the leak while
 * the teeth are not (Oracle, "Troubleshooting Guide", live set after old collections). Choose w of
 * several collection cycles so that each window holds at least one collection. Windows without
 * points are skipped. Ties keep the first minimum.
 *
 * <p>Example: x = 0…9, y = 5,3,4,9, 6,2,8,7, 1,0 with w = 4 gives minima (1, 3), (5, 2), (9, 0);
 * with {@link Position#WINDOW_CENTRE} the x values are 2, 6, 10.
 *
 * <p>Complexity O(n) for x in increasing order, O(n log n) otherwise. Non-finite entries, unequal
 * lengths or w ≤ 0 throw {@link IllegalArgumentException}; empty input gives empty arrays.
 *
 * <p>Stateless; safe from any thread.
 */
public final class LowerEnvelope {

    /** Which x to report for a window's minimum. Immutable. */
    public enum Position {
        /** The x at which the minimum occurred. */
        AT_MINIMUM,
        /** The centre of the window, x₀ + (k + ½)·w. */
        WINDOW_CENTRE
    }

    /**
     * Points of a reduced series. The arrays are fresh for each call and not copied again:
     * treat them as read-only if the record is shared between threads.
     *
     * @param x abscissae in increasing order
     * @param y the window minima
     */
    public record Points(double[] x, double[] y) {
        /** Number of points. */
        public int size() {
            return x.length;
        }
    }

    private LowerEnvelope() {
    }

    /** Window minima reported at the x of each minimum. */
    public static Points minima(double[] x, double[] y, double windowX) {
        return minima(x, y, windowX, Position.AT_MINIMUM);
    }

    /** Window minima of width {@code windowX}, reported at the chosen position. */
    public static Points minima(double[] x, double[] y, double windowX, Position position) {
        Checks.pair(x, y);
        if (!(windowX > 0) || Double.isInfinite(windowX)) {
            throw new IllegalArgumentException("windowX = " + windowX + " must be a positive finite width in x units");
        }
        int n = x.length;
        if (n == 0) {
            return new Points(new double[0], new double[0]);
        }
        int[] order = sortedOrder(x);
        double x0 = x[order[0]];
        double[] ox = new double[n];
        double[] oy = new double[n];
        int m = 0;
        long current = Long.MIN_VALUE;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            long w = (long) Math.floor((x[i] - x0) / windowX);
            if (w != current) {
                current = w;
                ox[m] = position == Position.AT_MINIMUM ? x[i] : x0 + (w + 0.5) * windowX;
                oy[m] = y[i];
                m++;
            } else if (y[i] < oy[m - 1]) {
                oy[m - 1] = y[i];
                if (position == Position.AT_MINIMUM) {
                    ox[m - 1] = x[i];
                }
            }
        }
        return new Points(Arrays.copyOf(ox, m), Arrays.copyOf(oy, m));
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
