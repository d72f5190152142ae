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

    /** Number of pairs i &lt; j with a[j] &lt; a[i] (a is not changed). */
    static long strictInversions(double[] a) {
        double[] copy = a.clone();
        return Inversions.sortCounting(copy, new int[copy.length], new double[copy.length])[0];
    }
}
