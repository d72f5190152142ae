package dev.soak.stats;

/**
 * Autocovariance sums by FFT: Σ<sub>t</sub> d<sub>t</sub>d<sub>t+k</sub> for all k at once
 * (Wiener–Khinchin: the inverse transform of |D|² of the zero-padded series). In-place iterative
 * radix-2 Cooley–Tukey (Cooley, J. W. &amp; Tukey, J. W. (1965), Math. Comp. 19:297–301).
 */
final class Fft {
    private Fft() {
    }

    /** Σ<sub>t=0…n−1−k</sub> d[t]·d[t+k] for k = 0 … maxLag (maxLag &lt; n). O(n log n). */
    static double[] lagProducts(double[] d, int maxLag) {
        int n = d.length;
        int size = Integer.highestOneBit(Math.max(1, 2 * n - 1));
        if (size < 2 * n) {
            size <<= 1;
        }
        double[] re = new double[size];
        double[] im = new double[size];
        System.arraycopy(d, 0, re, 0, n);
        transform(re, im, false);
        for (int i = 0; i < size; i++) {
            re[i] = re[i] * re[i] + im[i] * im[i];
            im[i] = 0;
        }
        transform(re, im, true);
        double[] out = new double[maxLag + 1];
        for (int k = 0; k <= maxLag; k++) {
            out[k] = re[k] / size;
        }
        return out;
    }

    /** Unnormalised in-place FFT of (re, im); size a power of two. */
    static void transform(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = 2 * Math.PI / len * (inverse ? 1 : -1);
            int half = len >> 1;
            // twiddles computed directly for accuracy
            double[] wr = new double[half];
            double[] wi = new double[half];
            for (int k = 0; k < half; k++) {
                wr[k] = Math.cos(ang * k);
                wi[k] = Math.sin(ang * k);
            }
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < half; k++) {
                    int a = i + k;
                    int b = a + half;
                    double xr = re[b] * wr[k] - im[b] * wi[k];
                    double xi = re[b] * wi[k] + im[b] * wr[k];
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
