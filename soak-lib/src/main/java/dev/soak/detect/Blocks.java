package dev.soak.detect;

import java.util.Arrays;

/**
 * Block aggregation of a raw series into consecutive time blocks: the block median (robust to
 * spikes) or the block minimum (the lower envelope of a GC sawtooth: the post-collection floor).
 * Aggregating to blocks of about the noise's correlation time costs almost no information on a
 * trend (the information limit depends on T, not on the sampling rate, once Δ exceeds the
 * correlation time) and makes every later step O(m) in the number of blocks. Stateless.
 *
 * @param tHours  block centre times, hours since the run started
 * @param value   block medians or minima
 * @param load    block mean load (NaN when not measured)
 * @param count   raw samples per block
 */
record Blocks(double[] tHours, double[] value, double[] load, int[] count) {

    int size() {
        return value.length;
    }

    /** Blocks from index {@code from} on. */
    Blocks from(int from) {
        int m = value.length;
        return new Blocks(Arrays.copyOfRange(tHours, from, m), Arrays.copyOfRange(value, from, m),
                Arrays.copyOfRange(load, from, m), Arrays.copyOfRange(count, from, m));
    }

    /** Total raw samples. */
    int samples() {
        int s = 0;
        for (int c : count) {
            s += c;
        }
        return s;
    }

    /**
     * Aggregates finite {@code (tSec, y)} pairs (sorted by time) into blocks of {@code blockSec},
     * aligned at 0; a trailing block with less than half the samples of a full one is dropped.
     * {@code loadT}/{@code loadV} (may be empty) are averaged per block by their own times.
     */
    static Blocks aggregate(double[] tSec, double[] y, double blockSec, boolean envelope, double[] loadT,
                            double[] loadV) {
        int n = tSec.length;
        int nb = n == 0 ? 0 : (int) Math.floor(tSec[n - 1] / blockSec) + 1;
        double[] tt = new double[nb];
        double[] vv = new double[nb];
        double[] ll = new double[nb];
        int[] cc = new int[nb];
        double[] buf = new double[Math.max(1, n)];
        int out = 0, i = 0, maxCount = 0;
        int[] counts = new int[nb];
        while (i < n) {
            int b = (int) Math.floor(tSec[i] / blockSec);
            int j = i;
            double ts = 0;
            while (j < n && (int) Math.floor(tSec[j] / blockSec) == b) {
                buf[j - i] = y[j];
                ts += tSec[j];
                j++;
            }
            int k = j - i;
            double v;
            if (envelope) {
                v = Double.POSITIVE_INFINITY;
                for (int q = 0; q < k; q++) {
                    v = Math.min(v, buf[q]);
                }
            } else {
                v = median(buf, k);
            }
            tt[out] = ts / k / 3600.0;
            vv[out] = v;
            cc[out] = k;
            ll[out] = Double.NaN;
            counts[out] = b;
            maxCount = Math.max(maxCount, k);
            out++;
            i = j;
        }
        if (out > 1 && cc[out - 1] * 2 < maxCount) {
            out--;
        }
        // mean load per block by the load's own times
        if (loadT.length > 0 && out > 0) {
            double[] sum = new double[out];
            int[] num = new int[out];
            int q = 0;
            for (int r = 0; r < loadT.length; r++) {
                if (Double.isNaN(loadV[r])) {
                    continue;
                }
                int b = (int) Math.floor(loadT[r] / blockSec);
                while (q < out && counts[q] < b) {
                    q++;
                }
                if (q < out && counts[q] == b) {
                    sum[q] += loadV[r];
                    num[q]++;
                }
            }
            for (int r = 0; r < out; r++) {
                ll[r] = num[r] > 0 ? sum[r] / num[r] : Double.NaN;
            }
        }
        return new Blocks(Arrays.copyOf(tt, out), Arrays.copyOf(vv, out), Arrays.copyOf(ll, out),
                Arrays.copyOf(cc, out));
    }

    static double median(double[] a, int k) {
        double[] c = Arrays.copyOf(a, k);
        Arrays.sort(c);
        return (k % 2 == 1) ? c[k / 2] : 0.5 * (c[k / 2 - 1] + c[k / 2]);
    }
}
