package dev.soak.stats;

/** Knight's (1966) O(n log n) pair counts for Kendall's S. */
final class KendallCount {
    private KendallCount() {
    }

    /**
     * Returns {n0, n1, n2, n3, swaps}: all pairs, pairs tied in x, tied in y, tied in both, and
     * discordant pairs (strict inversions of y after sorting by (x, y)).
     */
    static long[] count(double[] x, double[] y) {
        int n = x.length;
        int[] order = Inversions.lexOrder(x, y, false);
        double[] ys = new double[n];
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            ys[i] = y[order[i]];
            xs[i] = x[order[i]];
        }
        long n0 = (long) n * (n - 1) / 2;
        long n1 = 0;
        long n3 = 0;
        int i = 0;
        while (i < n) {
            int j = i + 1;
            while (j < n && xs[j] == xs[i]) {
                j++;
            }
            long t = j - i;
            n1 += t * (t - 1) / 2;
            int k = i;
            while (k < j) {
                int m = k + 1;
                while (m < j && ys[m] == ys[k]) {
                    m++;
                }
                long u = m - k;
                n3 += u * (u - 1) / 2;
                k = m;
            }
            i = j;
        }
        long n2 = Ties.tiedPairs(y);
        long swaps = strictInversions(ys);
        return new long[] {n0, n1, n2, n3, swaps};
    }

    /** Number of pairs i &lt; j with a[j] &lt; a[i]; sorts a copy by merge sort. */
    static long strictInversions(double[] a) {
        int n = a.length;
        double[] src = a.clone();
        double[] dst = new double[n];
        long inv = 0;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int l = lo;
                int r = mid;
                int k = lo;
                while (l < mid && r < hi) {
                    if (src[r] < src[l]) {
                        inv += mid - l;
                        dst[k++] = src[r++];
                    } else {
                        dst[k++] = src[l++];
                    }
                }
                while (l < mid) {
                    dst[k++] = src[l++];
                }
                while (r < hi) {
                    dst[k++] = src[r++];
                }
            }
            double[] t = src;
            src = dst;
            dst = t;
        }
        return inv;
    }
}
