package dev.soak.detect;

import java.util.Arrays;

/** Temporary brute-force Theil–Sen slope until stats' slope selection is merged. Stateless. */
final class Slopes {
    private Slopes() {
    }

    static double median(double[] x, double[] y) {
        int n = x.length;
        double[] s = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (x[j] != x[i]) {
                    s[k++] = (y[j] - y[i]) / (x[j] - x[i]);
                }
            }
        }
        if (k == 0) {
            return Double.NaN;
        }
        s = Arrays.copyOf(s, k);
        Arrays.sort(s);
        return k % 2 == 1 ? s[k / 2] : 0.5 * (s[k / 2 - 1] + s[k / 2]);
    }
}
