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

    /**
     * These blocks without isolated outliers: blocks whose value lies more than {@code sds} robust
     * standard deviations (1.4826·MAD of the residuals, Hampel 1974) from the Theil–Sen line of all
     * blocks are dropped, provided they are at most {@code maxShare} of the blocks (at least one may
     * always go); otherwise the blocks are returned unchanged. A block minimum (the lower envelope of
     * a sawtooth) is set by one low sample — the heap of a process that has just started, a sampler
     * glitch — and one such block on a short series blows up the residual variance and with it the
     * interval; a genuine level shift or warm-up moves many blocks and is left to the later steps.
     */
    Blocks withoutOutliers(double sds, double maxShare) {
        int m = value.length;
        if (m < 4) {
            return this;
        }
        double slope = dev.soak.stats.TheilSen.slope(tHours, value);
        double[] r = new double[m];
        for (int i = 0; i < m; i++) {
            r[i] = value[i] - slope * tHours[i];
        }
        double med = dev.soak.stats.Series.median(r.clone());
        double scale = 1.4826 * dev.soak.stats.Series.mad(r.clone());
        if (!(scale > 0)) {
            return this;
        }
        boolean[] keep = new boolean[m];
        int kept = 0;
        for (int i = 0; i < m; i++) {
            keep[i] = Math.abs(r[i] - med) <= sds * scale;
            kept += keep[i] ? 1 : 0;
        }
        int dropped = m - kept;
        if (dropped == 0 || dropped > Math.max(1, (int) Math.floor(maxShare * m))) {
            return this;
        }
        double[] tt = new double[kept];
        double[] vv = new double[kept];
        double[] ll = new double[kept];
        int[] cc = new int[kept];
        int k = 0;
        for (int i = 0; i < m; i++) {
            if (keep[i]) {
                tt[k] = tHours[i];
                vv[k] = value[i];
                ll[k] = load[i];
                cc[k] = count[i];
                k++;
            }
        }
        return new Blocks(tt, vv, ll, cc);
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
