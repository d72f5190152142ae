package dev.soak.checkpoint;

import org.HdrHistogram.Histogram;

/**
 * A sum of latency histograms kept as its non-empty buckets (each bucket's lowest value and count, by value), for the
 * percentiles of one interval's few hundred recorded buckets without the dense counts array an HdrHistogram
 * {@link Histogram} holds over its whole range (about 18,000 counts up to 100 ms at three significant digits), which
 * its percentiles walk and which merging load generators built afresh for every tag of every interval.
 *
 * <p>The layout is {@code new Histogram(}{@value #DIGITS}{@code )}'s (lowest discernible value 1), and
 * {@link #valueAtPercentile} and {@link #maxValue} answer exactly as that histogram's {@code getValueAtPercentile}
 * and {@code getMaxValue} would with the same counts (HdrHistogram 2, {@code AbstractHistogram}: the count at the
 * percentile is {@code max(1, ceil(p⁻ · total / 100))} with {@code p⁻} one ulp below {@code p}, and the answer is the
 * highest value equivalent to the first bucket whose running count reaches it; the lowest for {@code p = 0}). A part of
 * another layout ({@link #add(Histogram)}) turns the sum into an ordinary histogram. Not thread-safe.
 */
public final class SparseHistogram {
    /** Significant digits of the layout. */
    public static final int DIGITS = 3;
    /** Only for the layout's value arithmetic (equivalent value ranges); nothing is recorded into it. */
    private static final Histogram LAYOUT = new Histogram(DIGITS);

    private long[] values = new long[0];
    private long[] counts = new long[0];
    private int size;
    private long total;
    /** The sum as an ordinary histogram, once a part of another layout was added; null until then. */
    private Histogram dense;

    /** Adds buckets given by their lowest values, ascending, with their counts (the first {@code n}). */
    void add(long[] addValues, long[] addCounts, int n) {
        if (dense != null) {
            for (int i = 0; i < n; i++) {
                dense.recordValueWithCount(addValues[i], addCounts[i]);
            }
            return;
        }
        long[] v = new long[size + n];
        long[] c = new long[size + n];
        int i = 0, j = 0, k = 0;
        while (i < size || j < n) {
            if (j == n || (i < size && values[i] < addValues[j])) {
                v[k] = values[i];
                c[k++] = counts[i++];
            } else if (i == size || addValues[j] < values[i]) {
                v[k] = addValues[j];
                c[k++] = addCounts[j++];
            } else {
                v[k] = values[i];
                c[k++] = counts[i++] + addCounts[j++];
            }
        }
        for (int m = 0; m < n; m++) {
            total += addCounts[m];
        }
        values = v;
        counts = c;
        size = k;
    }

    /** Adds a histogram of any layout; from then on the sum is kept as an ordinary histogram. */
    void add(Histogram h) {
        if (dense == null) {
            dense = new Histogram(DIGITS);
            dense.setAutoResize(true);
            for (int i = 0; i < size; i++) {
                dense.recordValueWithCount(values[i], counts[i]);
            }
            values = null;
            counts = null;
        }
        dense.add(h);
    }

    /** The number of values recorded. */
    public long totalCount() {
        return dense != null ? dense.getTotalCount() : total;
    }

    /** {@code Histogram.getValueAtPercentile} of the sum (0 when it is empty). */
    public long valueAtPercentile(double percentile) {
        if (dense != null) {
            return dense.getValueAtPercentile(percentile);
        }
        double requested = Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0D), 100.0D);
        long countAtPercentile = Math.max((long) Math.ceil((requested * total) / 100.0D), 1);
        long running = 0;
        for (int i = 0; i < size; i++) {
            running += counts[i];
            if (running >= countAtPercentile) {
                return percentile == 0.0 ? LAYOUT.lowestEquivalentValue(values[i]) : LAYOUT.highestEquivalentValue(values[i]);
            }
        }
        return 0;
    }

    /** {@code Histogram.getMaxValue} of the sum (0 when it is empty). */
    public long maxValue() {
        if (dense != null) {
            return dense.getMaxValue();
        }
        return size == 0 ? 0 : LAYOUT.highestEquivalentValue(values[size - 1]);
    }
}
