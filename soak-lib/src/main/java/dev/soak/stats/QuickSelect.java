package dev.soak.stats;

import java.util.Arrays;

/** In-place selection: afterwards a[from..to] hold the order statistics of ranks from..to, sorted. */
final class QuickSelect {
    private QuickSelect() {
    }

    static void range(double[] a, int from, int to) {
        if (a.length == 0) {
            return;
        }
        select(a, 0, a.length - 1, from);
        if (to > from) {
            select(a, from + 1, a.length - 1, to);
            Arrays.sort(a, from + 1, to);
        }
    }

    /** The median of {@code a} (n ≥ 1; the mean of the two middle values for an even n), reordering it: O(n). */
    static double median(double[] a) {
        int n = a.length;
        range(a, (n - 1) / 2, n / 2);
        return 0.5 * (a[(n - 1) / 2] + a[n / 2]);
    }

    /** Places the k-th smallest of a[lo..hi] at k, smaller ones before and larger ones after. */
    static void select(double[] a, int lo, int hi, int k) {
        while (hi > lo) {
            if (hi - lo < 32) {
                Arrays.sort(a, lo, hi + 1);
                return;
            }
            int mid = (lo + hi) >>> 1;
            double pivot = median3(a[lo], a[mid], a[hi]);
            // three-way partition (Dijkstra): < pivot | == pivot | > pivot
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                double v = a[i];
                if (v < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > pivot) {
                    a[i] = a[gt];
                    a[gt--] = v;
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return;
            }
        }
    }

    private static double median3(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
