package dev.soak.detect;

import dev.soak.stats.Jumps;
import dev.soak.stats.Windows;
import java.util.Arrays;
import java.util.List;

/**
 * A series that climbs and falls back to a floor, again and again: a cache cleared on a schedule, a pool trimmed
 * every so often, an allocator that returns memory in bulk. Its level over a run is that of its floor; its climbs
 * between falls are not growth. Whether it leaks is whether the floor rises.
 *
 * <p>The model: y(t) = a + b·t + r·c(t) + d·1[t ≥ t₁] + noise, c(t) the hours since the last fall (since the window
 * began, before the first), t₁ the first fall. Between falls the series climbs at b + r; at each fall it drops
 * back to the floor a + b·t, so b, the trend of the design ({@link TrendPipeline}), is the floor's rate, while r
 * is the climb; d takes the first tooth's height when the window began, which is unknown (the cache had been
 * filling before the run). Read as a line with its falls as free level shifts, such a series grows at the climb's
 * rate; read as a line through it, its teeth are noise that persists for hours. A cache cleared every 2 h, 40 MB
 * teeth, AR(1) noise φ 0.5 σ 3 MB, 8 h starting at a floor: 13 of 40 runs FAILed at 5–6 MB/h beside one fall read
 * as a −20 MB level shift (docs/calibration.md, "Thirty-seventh session").
 *
 * <p>Found on the samples from the window's start on: at least {@link #MIN_FALLS} falls ({@code stats.Jumps}: beyond
 * {@link #FALL_SD} robust sds of the differences, to a level that holds for {@link SampleFit#SPIKE_HALF_WINDOW}
 * samples, so that a spike is no fall) and no rise beyond them (a series that steps up and down is level shifts,
 * left to the search), the falls on average at least {@link #MIN_TOOTH_BLOCKS} blocks apart (teeth shorter than
 * that are smoothed away by the blocks' medians; a GC sawtooth on the heap is read by its lower envelope instead);
 * then every fall beyond {@link #MORE_FALL_SD} is one of its falls. The falls in the design need not be regular or
 * equal; a fall that returns less than the climb is a floor that rises. With the sawtooth modelled, the same
 * 8 h: 40 of 40 PASS, and a floor rising 10 MB/h under the same teeth FAILs at 9.98 MB/h (90 % CI 9.70–10.3).
 * Over the grid's cells with such a cache on RSS ({@code calibrate --cells cache}, 2000 runs each; docs/calibration.md,
 * "Thirty-ninth session") false alarms are 0.2–2.9 % (0.2–41 % of 1000 before) and a 10 MB/h leak FAILs in
 * 94.3–98.4 % of 8 h runs (74.4–96.3 %).
 *
 * @param fallSec  times of the falls (the first sample after each), ascending
 * @param fromSec  the window's start
 */
record Sawtooth(double[] fallSec, double fromSec) {
    /** Robust sds of the samples' differences beyond which a difference is a fall ({@code stats.Jumps}). */
    static final double FALL_SD = 6;
    /**
     * Once a series is a sawtooth, its further falls are those beyond the larger of this many robust sds and the
     * Bonferroni bar z<sub>1 − 0.05/n</sub> over its n differences: a fall of the cache that the noise brought under
     * {@link #FALL_SD} would otherwise be searched for as a level shift, with the climbs after it read from the
     * fall before it. At φ 0.9 per minute, σ 10 MB, 40 MB teeth are 9 sds on average, 6.7–11 with their jitter.
     */
    static final double MORE_FALL_SD = 4;
    /**
     * Values a fall of a lower envelope's blocks must hold for ({@link #fallsOfBlocks}; {@code stats.Jumps}): one.
     * Block minima are already free of spikes up (one would have to last the whole block) and a blip down is a fall
     * and a rise, which makes no sawtooth; a level of several blocks (10 min each over 8 h) leaves a fall in the run's
     * first or last half hour out of the model, its tooth read as noise that persists. A 10 MB/h leak under a cache on
     * the heap (30 MB collector's teeth, 8 h, φ 0.5 per minute, σ 3 MB): 90.0 % FAIL with a level of 3 blocks,
     * 95.0 % with 2, 97.0 % with 1 (200 runs; docs/calibration.md, "Thirty-eighth session").
     */
    static final int ENVELOPE_HOLD = 1;
    /** Fewest falls that make a sawtooth: one alone is a level shift. */
    static final int MIN_FALLS = 2;
    /** Shortest mean time between falls, in blocks. */
    static final double MIN_TOOTH_BLOCKS = 3;

    /**
     * The sudden falls of a series' samples: those beyond the larger of {@link #MORE_FALL_SD} robust sds of the
     * differences and the Bonferroni bar ({@code stats.Jumps}).
     *
     * @param atSec   their times (the first sample after each), ascending
     * @param strict  how many of them are beyond {@link #FALL_SD}
     * @param rises   whether a rise is beyond {@link #FALL_SD}
     */
    record Falls(double[] atSec, int strict, boolean rises) {
        /** Whether one of the falls lies within one block of block {@code k} of {@code b}. */
        boolean near(Blocks b, int k) {
            return anyNear(atSec, b, k);
        }
    }

    /** The sudden falls of the finite, time-sorted samples {@code (tSec, y)} from {@code fromSec} on. */
    static Falls falls(double[] tSec, double[] y, double fromSec) {
        return falls(tSec, y, fromSec, SampleFit.SPIKE_HALF_WINDOW);
    }

    /** As {@link #falls(double[], double[], double)}, to a level that holds for {@code hold} values. */
    private static Falls falls(double[] tSec, double[] y, double fromSec, int hold) {
        int i0 = TrendPipeline.firstAtOrAfter(tSec, fromSec);
        double[] x = Arrays.copyOfRange(y, i0, y.length);
        double bar = Math.min(FALL_SD, Math.max(MORE_FALL_SD, Normal.quantile(1 - 0.05 / Math.max(1, x.length - 1))));
        Jumps.Result jumps = Jumps.find(x, bar, hold);
        double strictDrop = FALL_SD * jumps.scale();
        double[] at = new double[jumps.falls().length];
        int strict = 0;
        for (int j = 0; j < at.length; j++) {
            int i = jumps.falls()[j];
            at[j] = tSec[i0 + i];
            strict += x[i] - x[i - 1] < -strictDrop ? 1 : 0;
        }
        boolean rises = false;
        for (int i : jumps.rises()) {
            rises |= x[i] - x[i - 1] > strictDrop;
        }
        return new Falls(at, strict, rises);
    }

    /**
     * The sudden falls of the minima of blocks {@code b} of {@code blockSec} (a lower envelope), each at the start of
     * the first block after it: a collector's own teeth lie within the blocks, while a floor that falls (a cache on
     * the heap, cleared) shows between two blocks' minima, and the block after it holds the lower floor throughout.
     */
    static Falls fallsOfBlocks(Blocks b, double blockSec) {
        double[] t = new double[b.size()];
        for (int k = 0; k < t.length; k++) {
            t[k] = b.tHours()[k] * 3600;
        }
        Falls f = falls(t, b.value(), t.length == 0 ? 0 : t[0], ENVELOPE_HOLD);
        double[] at = f.atSec().clone();
        for (int j = 0; j < at.length; j++) {
            at[j] = blockStartSec(at[j], blockSec);
        }
        return new Falls(at, f.strict(), f.rises());
    }

    /**
     * The start of the block of {@code blockSec} (aligned at 0, as {@link Blocks#aggregate} makes them) holding
     * {@code tSec}.
     */
    static double blockStartSec(double tSec, double blockSec) {
        return Math.floor(tSec / blockSec) * blockSec;
    }

    /**
     * The sawtooth that {@code falls}, found from {@code fromSec} on, make in blocks of {@code blockSec}; null when
     * they make none.
     */
    static Sawtooth of(Falls falls, double fromSec, double blockSec) {
        double[] at = falls.atSec();
        int k = at.length;
        if (falls.rises() || falls.strict() < MIN_FALLS || (at[k - 1] - at[0]) / (k - 1) < MIN_TOOTH_BLOCKS * blockSec) {
            return null;
        }
        return new Sawtooth(at, fromSec);
    }

    /** This sawtooth with falls at {@code moreSec} too. */
    Sawtooth withFalls(List<Double> moreSec) {
        double[] all = java.util.stream.DoubleStream.concat(Arrays.stream(fallSec),
                moreSec.stream().mapToDouble(Double::doubleValue)).sorted().distinct().toArray();
        return new Sawtooth(all, fromSec);
    }

    /** Whether one of the falls lies within one block of block {@code k} of {@code b}: a level shift there is that fall. */
    boolean near(Blocks b, int k) {
        return anyNear(fallSec, b, k);
    }

    private static boolean anyNear(double[] sec, Blocks b, int k) {
        for (double f : sec) {
            if (Math.abs(TrendPipeline.blockAt(b, f) - k) <= 1) {
                return true;
            }
        }
        return false;
    }

    /** The number of falls. */
    int falls() {
        return fallSec.length;
    }

    /**
     * The model's columns on the samples at {@code tSec}: the climb c(t) in hours and, unless it is the same at every
     * one of them, the first tooth's indicator 1[t ≥ t₁].
     */
    double[][] columns(double[] tSec) {
        int n = tSec.length;
        double[] climb = new double[n];
        double[] after = new double[n];
        int ones = 0;
        int j = -1;
        for (int i = 0; i < n; i++) {
            while (j + 1 < fallSec.length && fallSec[j + 1] <= tSec[i]) {
                j++;
            }
            climb[i] = (tSec[i] - (j < 0 ? fromSec : fallSec[j])) / 3600;
            after[i] = j < 0 ? 0 : 1;
            ones += (int) after[i];
        }
        return ones == 0 || ones == n ? new double[][] {climb} : new double[][] {climb, after};
    }

    /**
     * The model's columns on blocks {@code b} of {@code blockSec} (aligned at 0, as {@link Blocks#aggregate} makes
     * them) of the samples at {@code tSec}: each the median of its samples' values ({@link #columns}), as the blocks'
     * values are medians, so that a block a fall splits is on the side of its majority in both; the indicator only
     * where it varies over the blocks.
     */
    double[][] onBlocks(double[] tSec, Blocks b, double blockSec) {
        int i0 = TrendPipeline.firstAtOrAfter(tSec, fromSec);
        double[] t = Arrays.copyOfRange(tSec, i0, tSec.length);
        double[][] cols = columns(t);
        int m = b.size();
        double[][] out = new double[cols.length][m];
        for (int c = 0; c < cols.length; c++) {
            Windows.Summary w = Windows.summarise(t, cols[c], 0, blockSec, Windows.Statistic.MEDIAN);
            for (int k = 0; k < m; k++) {
                int at = Arrays.binarySearch(w.index(), (long) Math.floor(b.tHours()[k] * 3600 / blockSec));
                out[c][k] = at >= 0 ? w.value()[at] : Double.NaN;
            }
        }
        boolean indicatorVaries = out.length == 2 && Arrays.stream(out[1]).anyMatch(v -> v != out[1][0]);
        return out.length == 2 && !indicatorVaries ? new double[][] {out[0]} : out;
    }
}
