package dev.soak.stats;

import java.util.Arrays;

/**
 * Order statistics of the pairwise slopes of a point set (see {@link TheilSen} for the method
 * and its references). Immutable after construction; not shared between threads.
 */
final class SlopeSelection {
    /** Below this many slopes, brute force is used. */
    static final long BRUTE_FORCE_MAX_SLOPES = 200_000;

    private final double[] xs;
    private final double[] ys;
    private final long count;

    private SlopeSelection(double[] xs, double[] ys, long count) {
        this.xs = xs;
        this.ys = ys;
        this.count = count;
    }

    static SlopeSelection of(double[] x, double[] y) {
        int n = x.length;
        long total = (long) n * (n - 1) / 2;
        long sameX = Ties.tiedPairs(x);
        return new SlopeSelection(x, y, total - sameX);
    }

    long count() {
        return count;
    }

    double median() {
        if (count == 0) {
            return Double.NaN;
        }
        long lo = (count - 1) / 2;
        long hi = count / 2;
        double[] s = select(lo, hi);
        return lo == hi ? s[0] : (s[0] + s[s.length - 1]) / 2;
    }

    /** Slopes of 0-based ranks from..to inclusive, sorted ascending. */
    double[] select(long from, long to) {
        return bruteForce(xs, ys, from, to);
    }

    static double[] bruteForce(double[] x, double[] y, long from, long to) {
        int n = x.length;
        long total = (long) n * (n - 1) / 2;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many points for brute force: " + n);
        }
        double[] s = new double[(int) total];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = x[j] - x[i];
                if (dx > 0) {
                    s[m++] = (y[j] - y[i]) / dx;
                } else if (dx < 0) {
                    s[m++] = (y[i] - y[j]) / -dx;
                }
            }
        }
        Arrays.sort(s, 0, m);
        return Arrays.copyOfRange(s, (int) from, (int) to + 1);
    }
}
