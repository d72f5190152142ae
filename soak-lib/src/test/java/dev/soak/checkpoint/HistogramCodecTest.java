package dev.soak.checkpoint;

import static dev.soak.checkpoint.Fixtures.autoResizing;
import static dev.soak.checkpoint.Fixtures.compressed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * {@link HistogramCodec#addTo} gives the sum HdrHistogram's own decode-and-add gives: the same counts in every
 * bucket, total, minimum, maximum and percentiles, over histograms of latencies from microseconds to minutes, empty
 * ones, and encodings it does not read itself (another precision, a lowest value above 1), which it decodes whole.
 */
class HistogramCodecTest {

    @Test
    void addingEncodedHistograms_equalsDecodingAndAddingThem() {
        SplittableRandom random = new SplittableRandom(7);
        Histogram direct = autoResizing(3);
        Histogram viaHdr = autoResizing(3);
        for (int i = 0; i < 300; i++) {
            Histogram h = autoResizing(3);
            int n = random.nextInt(0, 2000);
            double scaleNs = Math.pow(10, random.nextDouble(1, 11)); // 10 ns .. 100 s (below 2,048 ns: no resize)
            for (int j = 0; j < n; j++) {
                h.recordValue(1 + (long) (scaleNs * -Math.log(1 - random.nextDouble())));
            }
            byte[] bytes = compressed(h);
            HistogramCodec.addTo(bytes, direct);
            viaHdr.add(HistogramCodec.decode(bytes));
        }
        assertSame(direct, viaHdr);
        assertThat(direct.getTotalCount()).isGreaterThan(100_000);
    }

    @Test
    void anotherPrecisionOrLowestValue_isDecodedWholeAndAdded() {
        Histogram twoDigits = autoResizing(2);
        Histogram fromMicros = new Histogram(1000, 3_600_000_000L, 3);
        for (long v = 1; v < 5_000_000; v = v * 3 + 1) {
            twoDigits.recordValue(v);
            fromMicros.recordValue(Math.max(1000, v));
        }
        Histogram direct = autoResizing(3);
        Histogram viaHdr = autoResizing(3);
        for (Histogram h : new Histogram[] {twoDigits, fromMicros}) {
            HistogramCodec.addTo(compressed(h), direct);
            viaHdr.add(HistogramCodec.decode(compressed(h)));
        }
        assertSame(direct, viaHdr);
    }

    @Test
    void bytesThatAreNotAHistogram_throw_andAddNothing() {
        Histogram h = autoResizing(3);
        h.recordValue(12_345);
        byte[] good = compressed(h);
        Histogram sum = autoResizing(3);
        HistogramCodec.addTo(good, sum);

        byte[] cut = Arrays.copyOf(good, good.length - 3);
        byte[] garbled = good.clone();
        for (int i = 10; i < garbled.length; i++) {
            garbled[i] ^= 0x5a;
        }
        for (byte[] bad : new byte[][] {cut, garbled, {1, 2, 3}}) {
            assertThatThrownBy(() -> HistogramCodec.addTo(bad, sum)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be decoded");
        }
        assertThat(sum.getTotalCount()).isEqualTo(1);
        assertThat(sum.getMaxValue()).isEqualTo(h.getMaxValue());
    }

    @Test
    void countsReadOnAnotherThread_addWhatAddToAdds() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Histogram h = autoResizing(i % 50 == 7 ? 2 : 3); // a few of another precision: decoded whole when added
            double scaleNs = Math.pow(10, random.nextDouble(1, 11));
            for (int j = random.nextInt(0, 500); j > 0; j--) {
                h.recordValue(1 + (long) (scaleNs * -Math.log(1 - random.nextDouble())));
            }
            lines.add(compressed(h));
        }
        byte[] garbled = lines.get(3).clone();
        for (int i = 10; i < garbled.length; i++) {
            garbled[i] ^= 0x5a;
        }
        lines.add(garbled);
        lines.add(new byte[] {1, 2, 3});
        ExecutorService other = Executors.newSingleThreadExecutor();
        List<HistogramCodec.Counts> counts;
        try {
            counts = other.submit(() -> lines.stream().map(b -> HistogramCodec.counts(b, 3, 1)).toList()).get();
        } finally {
            other.shutdownNow();
        }
        Histogram direct = autoResizing(3);
        Histogram ahead = autoResizing(3);
        int failed = 0;
        for (int i = 0; i < lines.size(); i++) {
            try {
                HistogramCodec.addTo(lines.get(i), direct);
            } catch (IllegalArgumentException e) {
                int k = i;
                assertThatThrownBy(() -> counts.get(k).addTo(ahead)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(e.getMessage());
                failed++;
                continue;
            }
            counts.get(i).addTo(ahead);
        }
        assertThat(failed).isEqualTo(2);
        assertSame(ahead, direct);
        Histogram otherPrecision = autoResizing(2);
        counts.get(0).addTo(otherPrecision); // read for 3 digits: added by decoding, as addTo would
        Histogram expected = autoResizing(2);
        HistogramCodec.addTo(lines.get(0), expected);
        assertSame(otherPrecision, expected);
    }

    @Test
    void aCountBeyondTheEncodedRange_throws_andAddsNothing() {
        // a well-formed stream whose zero run puts a count far past its highest trackable value (2,047)
        ByteBuffer raw = ByteBuffer.allocate(64);
        raw.putInt(0x1c849313).putInt(0).putInt(0).putInt(3).putLong(1).putLong(2047).putDouble(1.0);
        int payloadStart = raw.position();
        putZigZag(raw, 5);               // 5 at index 0
        putZigZag(raw, -(1L << 30));     // 2^30 empty buckets
        putZigZag(raw, 1);               // 1 at index 2^30 + 1
        raw.putInt(4, raw.position() - payloadStart);
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(raw.array(), 0, raw.position());
        deflater.finish();
        byte[] deflated = new byte[256];
        int n = deflater.deflate(deflated);
        deflater.end();
        ByteBuffer compressed = ByteBuffer.allocate(8 + n).putInt(0x1c849314).putInt(n).put(deflated, 0, n);

        Histogram sum = autoResizing(3);
        assertThatThrownBy(() -> HistogramCodec.addTo(compressed.array(), sum)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("beyond its range");
        assertThat(sum.getTotalCount()).isZero();
    }

    /** HdrHistogram's ZigZag LEB128 encoding of a long. */
    private static void putZigZag(ByteBuffer b, long v) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            b.put((byte) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        b.put((byte) z);
    }

    private static void assertSame(Histogram direct, Histogram viaHdr) {
        assertThat(direct.getTotalCount()).isEqualTo(viaHdr.getTotalCount());
        assertThat(direct.getMaxValue()).isEqualTo(viaHdr.getMaxValue());
        assertThat(direct.getMinNonZeroValue()).isEqualTo(viaHdr.getMinNonZeroValue());
        for (double p : new double[] {0, 1, 50, 90, 99, 99.9, 99.99, 100}) {
            assertThat(direct.getValueAtPercentile(p)).as("p%s", p).isEqualTo(viaHdr.getValueAtPercentile(p));
        }
        viaHdr.recordedValues().forEach(v -> assertThat(direct.getCountAtValue(v.getValueIteratedTo()))
            .as("count at %d", v.getValueIteratedTo()).isEqualTo(v.getCountAtValueIteratedTo()));
        assertThat(direct).isEqualTo(viaHdr);
    }
}
