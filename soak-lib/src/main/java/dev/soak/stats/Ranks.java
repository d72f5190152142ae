package dev.soak.stats;

/** Average ranks (1-based, ties get the mean rank), as scipy's {@code rankdata}. */
final class Ranks {
    private Ranks() {
    }

    static double[] average(double[] a) {
        int n = a.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        double[] sorted = a.clone();
        Inversions.stableSortByKey(sorted, idx);
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i + 1;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            double rank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                r[idx[k]] = rank;
            }
            i = j;
        }
        return r;
    }
}
