package dev.soak.checkpoint;

import static dev.soak.checkpoint.Fixtures.autoResizing;
import static dev.soak.checkpoint.Fixtures.compressed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * A sum kept as its non-empty buckets answers every percentile, the maximum and the count exactly as HdrHistogram's
 * own sum of the same histograms: over sums of one to four intervals of latencies from microseconds to minutes, with
 * values of zero, a single value, an empty sum, and a part of another layout (after which it is an ordinary histogram).
 */
class SparseHistogramTest {
    private static final double[] PERCENTILES = {0, 0.001, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 99.999, 100};

    @Test
    void percentilesMaximumAndCount_areHdrHistogramsOwn() {
        SplittableRandom random = new SplittableRandom(11);
        for (int sum = 0; sum < 200; sum++) {
            SparseHistogram sparse = new SparseHistogram();
            Histogram dense = autoResizing(3);
            int parts = random.nextInt(1, 5);
            for (int p = 0; p < parts; p++) {
                Histogram h = autoResizing(3);
                int n = random.nextInt(0, 3000);
                double scaleNs = Math.pow(10, random.nextDouble(2, 11));
                for (int j = 0; j < n; j++) {
                    h.recordValue(random.nextInt(50) == 0 ? 0 : (long) (scaleNs * -Math.log(1 - random.nextDouble())));
                }
                HistogramCodec.addTo(compressed(h), sparse);
                dense.add(h);
            }
            assertSame(sparse, dense);
        }
    }

    @Test
    void anEmptySumAndASingleValue_andAPartOfAnotherLayout() {
        SparseHistogram empty = new SparseHistogram();
        assertSame(empty, autoResizing(3));

        Histogram one = autoResizing(3);
        one.recordValue(123_456_789);
        SparseHistogram single = new SparseHistogram();
        HistogramCodec.addTo(compressed(one), single);
        assertSame(single, one);

        Histogram twoDigits = autoResizing(2);
        for (long v = 3; v < 50_000_000; v = v * 5 / 2) {
            twoDigits.recordValue(v);
        }
        HistogramCodec.addTo(compressed(twoDigits), single);
        HistogramCodec.addTo(compressed(one), single);
        Histogram dense = autoResizing(3);
        dense.add(one);
        dense.add(twoDigits);
        dense.add(one);
        assertSame(single, dense);
    }

    private static void assertSame(SparseHistogram sparse, Histogram dense) {
        assertThat(sparse.totalCount()).isEqualTo(dense.getTotalCount());
        assertThat(sparse.maxValue()).isEqualTo(dense.getMaxValue());
        for (double p : PERCENTILES) {
            assertThat(sparse.valueAtPercentile(p)).as("p%s of %s values", p, dense.getTotalCount())
                .isEqualTo(dense.getValueAtPercentile(p));
        }
    }
}
