package dev.soak.detect;

import dev.soak.stats.Windows;
import java.util.Arrays;

/**
 * Block aggregation of a raw series into consecutive time blocks ({@link Windows}): the block
 * median (robust to spikes) or the block minimum (the lower envelope of a GC sawtooth: the
 * post-collection floor), with the block's mean load.
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
        Windows.Summary w = Windows.summarise(tSec, y, 0, blockSec,
                envelope ? Windows.Statistic.MIN : Windows.Statistic.MEDIAN);
        int out = w.size();
        int maxCount = 0;
        for (int c : w.count()) {
            maxCount = Math.max(maxCount, c);
        }
        if (out > 1 && w.count()[out - 1] * 2 < maxCount) {
            out--;
        }
        double[] tt = new double[out];
        double[] ll = new double[out];
        Arrays.fill(ll, Double.NaN);
        for (int r = 0; r < out; r++) {
            tt[r] = w.meanX()[r] / 3600.0;
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
                long b = (long) Math.floor(loadT[r] / blockSec);
                while (q < out && w.index()[q] < b) {
                    q++;
                }
                if (q < out && w.index()[q] == b) {
                    sum[q] += loadV[r];
                    num[q]++;
                }
            }
            for (int r = 0; r < out; r++) {
                ll[r] = num[r] > 0 ? sum[r] / num[r] : Double.NaN;
            }
        }
        return new Blocks(tt, Arrays.copyOf(w.value(), out), ll, Arrays.copyOf(w.count(), out));
    }
}
