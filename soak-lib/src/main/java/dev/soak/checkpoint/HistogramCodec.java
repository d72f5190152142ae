package dev.soak.checkpoint;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.HdrHistogram.Histogram;

/**
 * HdrHistogram's compressed encoding of a histogram, as each line of {@code latency.hlog} holds it (base64 decoded):
 * decoded into a {@link Histogram}, or added into a sum without one.
 *
 * <p>Decoding allocates a histogram as wide as the encoded one's range — about 150 KB for latencies up to 100 ms at
 * three significant digits — and zeroes it, though an interval fills a few hundred of its buckets. Reading a week of
 * 1 s intervals of four operations that way (six million histograms) took over four minutes of allocation.
 * {@link #addTo} instead inflates the counts into a reused buffer and records only the buckets that hold a count.
 *
 * <p>The encoding (HdrHistogram 2, {@code AbstractHistogram.encodeIntoCompressedByteBuffer}): a big-endian int cookie
 * ({@code 0x1c849304} in its low bits less {@code 0xf0}), the int length of a zlib stream, and the stream, which
 * inflates to a 40-byte header — cookie {@code 0x1c849303}, payload length, normalizing index offset, significant
 * digits, lowest discernible value, highest trackable value (longs), integer-to-double ratio (double) — and the
 * payload: the counts array in index order as ZigZag LEB128 longs, a negative number {@code -n} standing for {@code n}
 * empty buckets. A count at index {@code i} is the count of the values equivalent to
 * {@code valueFromIndex(i)} ({@code AbstractHistogram.valueFromIndex}). Anything else (an older encoding, a shifted
 * index, another precision than the sum's) is decoded whole and added. Each thread reuses its own inflater.
 */
public final class HistogramCodec {
    private static final int COMPRESSED_V2 = 0x1c849304;
    private static final int UNCOMPRESSED_V2 = 0x1c849303;
    private static final int HEADER_BYTES = 40;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private HistogramCodec() {
    }

    /**
     * Decodes a compressed histogram.
     *
     * @throws IllegalArgumentException when the bytes are not one
     */
    public static Histogram decode(byte[] compressed) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), 0);
        } catch (IllegalArgumentException | DataFormatException | IndexOutOfBoundsException
                 | java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("histogram payload cannot be decoded (" + e.getMessage() + ")");
        }
    }

    /**
     * Adds a compressed histogram's counts into {@code sum} (which should resize itself, or be wide enough): the same
     * counts, total, minimum and maximum as {@code sum.add(decode(compressed))}. Nothing is added when the bytes do
     * not decode.
     *
     * @throws IllegalArgumentException when the bytes are not a histogram
     */
    public static void addTo(byte[] compressed, Histogram sum) {
        Scratch s = SCRATCH.get();
        if (!s.read(compressed, sum.getNumberOfSignificantValueDigits(), sum.getLowestDiscernibleValue())) {
            sum.add(decode(compressed));
            return;
        }
        long[] values = s.values();
        for (int i = 0; i < s.size; i++) {
            sum.recordValueWithCount(values[i], s.counts[i]);
        }
    }

    /**
     * Adds a compressed histogram's counts into {@code sum}, as {@link #addTo(byte[], Histogram)} adds them into a
     * histogram of {@link SparseHistogram}'s layout.
     *
     * @throws IllegalArgumentException when the bytes are not a histogram
     */
    public static void addTo(byte[] compressed, SparseHistogram sum) {
        Scratch s = SCRATCH.get();
        if (s.read(compressed, SparseHistogram.DIGITS, 1)) {
            sum.add(s.values(), s.counts, s.size);
        } else {
            sum.add(decode(compressed));
        }
    }

    /**
     * Decodes a compressed histogram ahead of adding it, for a sum of {@code digits} significant digits and lowest
     * discernible value {@code lowest}: the inflating, most of {@link #addTo(byte[], Histogram)}'s time, can then run
     * on other threads while the sums are added in order on one ({@link Counts#addTo}).
     */
    public static Counts counts(byte[] compressed, int digits, long lowest) {
        Scratch s = SCRATCH.get();
        try {
            if (!s.read(compressed, digits, lowest)) {
                return new Counts(compressed, digits, lowest, null, null, null);
            }
        } catch (IllegalArgumentException e) {
            return new Counts(compressed, digits, lowest, null, null, e);
        }
        return new Counts(compressed, digits, lowest, Arrays.copyOf(s.values(), s.size), Arrays.copyOf(s.counts, s.size),
            null);
    }

    /**
     * A compressed histogram's non-empty buckets as {@link #counts} read them (holding no state of the thread that read
     * them). Immutable.
     */
    public static final class Counts {
        private final byte[] compressed;
        private final int digits;
        private final long lowest;
        /** Null when the encoding is decoded whole when added, or did not decode. */
        private final long[] values;
        private final long[] counts;
        private final IllegalArgumentException error;

        private Counts(byte[] compressed, int digits, long lowest, long[] values, long[] counts,
                       IllegalArgumentException error) {
            this.compressed = compressed;
            this.digits = digits;
            this.lowest = lowest;
            this.values = values;
            this.counts = counts;
            this.error = error;
        }

        /**
         * Adds the counts into {@code sum}, exactly as {@code HistogramCodec.addTo(compressed, sum)} would.
         *
         * @throws IllegalArgumentException when the bytes are not a histogram (nothing is added)
         */
        public void addTo(Histogram sum) {
            if (error != null) {
                throw new IllegalArgumentException(error.getMessage(), error);
            }
            if (values == null || sum.getNumberOfSignificantValueDigits() != digits
                    || sum.getLowestDiscernibleValue() != lowest) {
                HistogramCodec.addTo(compressed, sum);
                return;
            }
            for (int i = 0; i < values.length; i++) {
                sum.recordValueWithCount(values[i], counts[i]);
            }
        }
    }

    /** One thread's inflater, inflated bytes and the non-empty buckets of the last histogram read. */
    private static final class Scratch {
        final Inflater inflater = new Inflater();
        byte[] bytes = new byte[4096];
        int[] indices = new int[256];
        long[] counts = new long[256];
        long[] values = new long[256];
        int size;
        int subBucketHalfCountMagnitude;
        int subBucketHalfCount;
        int unitMagnitude;

        /**
         * Reads the non-empty buckets of {@code compressed} when it is a V2 encoding of the sum's structure (its
         * significant digits and lowest discernible value); false when it is another encoding (to be decoded whole).
         */
        boolean read(byte[] compressed, int sumDigits, long sumLowest) {
            ByteBuffer in = ByteBuffer.wrap(compressed);
            if (compressed.length < 8 || (in.getInt() & ~0xf0) != COMPRESSED_V2) {
                return false;
            }
            int length = in.getInt();
            if (length < 0 || length > compressed.length - 8) {
                throw new IllegalArgumentException("histogram payload cannot be decoded (its length is wrong)");
            }
            int inflated = inflate(compressed, length);
            if (inflated < HEADER_BYTES) {
                throw new IllegalArgumentException("histogram payload cannot be decoded (no header)");
            }
            ByteBuffer b = ByteBuffer.wrap(bytes, 0, inflated);
            int cookie = b.getInt();
            int payload = b.getInt();
            int normalizingIndexOffset = b.getInt();
            int digits = b.getInt();
            long lowest = b.getLong();
            long highest = b.getLong(); // no count lies above it; the sum resizes itself
            b.getDouble(); // integer-to-double ratio: 1 for an integer histogram
            if ((cookie & ~0xf0) != UNCOMPRESSED_V2 || normalizingIndexOffset != 0
                    || digits != sumDigits || lowest != sumLowest) {
                return false;
            }
            if (payload < 0 || payload > inflated - HEADER_BYTES) {
                throw new IllegalArgumentException("histogram payload cannot be decoded (the payload is cut short)");
            }
            structure(digits, lowest);
            b.limit(HEADER_BYTES + payload);
            size = 0;
            long index = 0;
            try {
                while (b.hasRemaining()) {
                    long count = zigZagLong(b);
                    if (count < 0) {
                        index -= count;
                    } else {
                        if (count > 0) {
                            put((int) index, count);
                        }
                        index++;
                    }
                    if (index > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("histogram payload cannot be decoded (an index out of range)");
                    }
                }
            } catch (java.nio.BufferUnderflowException e) {
                throw new IllegalArgumentException("histogram payload cannot be decoded (a count is cut short)");
            }
            if (size > 0 && !withinRange(indices[size - 1], highest)) {
                throw new IllegalArgumentException("histogram payload cannot be decoded (a count lies beyond its range)");
            }
            return true;
        }

        /** The lowest value of each bucket read, in their order (the first {@link #size}). */
        long[] values() {
            if (values.length < size) {
                values = new long[indices.length];
            }
            for (int i = 0; i < size; i++) {
                values[i] = valueFromIndex(indices[i]);
            }
            return values;
        }

        /** Inflates the stream at offset 8 into {@link #bytes} (grown as needed); the number of bytes. */
        private int inflate(byte[] compressed, int length) {
            inflater.reset();
            inflater.setInput(compressed, 8, length);
            int n = 0;
            try {
                while (true) {
                    n += inflater.inflate(bytes, n, bytes.length - n);
                    if (inflater.finished()) {
                        return n;
                    }
                    if (n == bytes.length) {
                        bytes = Arrays.copyOf(bytes, 2 * bytes.length);
                    } else if (inflater.needsInput() || inflater.needsDictionary()) {
                        return n; // a stream cut short: the header and payload lengths tell
                    }
                }
            } catch (DataFormatException e) {
                throw new IllegalArgumentException("histogram payload cannot be decoded (" + e.getMessage() + ")");
            }
        }

        private void put(int index, long count) {
            if (size == indices.length) {
                indices = Arrays.copyOf(indices, 2 * size);
                counts = Arrays.copyOf(counts, 2 * size);
            }
            indices[size] = index;
            counts[size] = count;
            size++;
        }

        /** AbstractHistogram's constructor: the sub-bucket layout of a precision and lowest discernible value. */
        private void structure(int digits, long lowest) {
            long largestValueWithSingleUnitResolution = 2 * (long) Math.pow(10, digits);
            unitMagnitude = (int) (Math.log(lowest) / Math.log(2));
            int subBucketCountMagnitude = (int) Math.ceil(Math.log(largestValueWithSingleUnitResolution) / Math.log(2));
            subBucketHalfCountMagnitude = subBucketCountMagnitude - 1;
            subBucketHalfCount = (1 << subBucketCountMagnitude) / 2;
        }

        /**
         * Whether a counts-array index lies within the counts array of a histogram of this highest trackable value
         * (AbstractHistogram.determineArrayLengthNeeded; the decoder's array, which such an index would overrun). The
         * array covers more than {@code highest}: a histogram made with the default range of 2 holds values up to
         * 2,047 before it grows.
         */
        private boolean withinRange(int index, long highest) {
            long smallestUntrackable = ((long) subBucketHalfCount << 1) << unitMagnitude;
            int buckets = 1;
            while (smallestUntrackable <= highest) {
                if (smallestUntrackable > Long.MAX_VALUE / 2) {
                    buckets++;
                    break;
                }
                smallestUntrackable <<= 1;
                buckets++;
            }
            return index < (long) (buckets + 1) * subBucketHalfCount;
        }

        /** AbstractHistogram.valueFromIndex: the lowest value a counts-array index stands for. */
        long valueFromIndex(int index) {
            int bucketIndex = (index >> subBucketHalfCountMagnitude) - 1;
            int subBucketIndex = (index & (subBucketHalfCount - 1)) + subBucketHalfCount;
            if (bucketIndex < 0) {
                subBucketIndex -= subBucketHalfCount;
                bucketIndex = 0;
            }
            return (long) subBucketIndex << (bucketIndex + unitMagnitude);
        }

        /** ZigZag LEB128 long of at most 9 bytes (HdrHistogram's {@code ZigZagEncoding.getLong}). */
        private static long zigZagLong(ByteBuffer b) {
            long value = 0;
            for (int shift = 0; shift < 56; shift += 7) {
                long v = b.get();
                value |= (v & 0x7F) << shift;
                if ((v & 0x80) == 0) {
                    return (value >>> 1) ^ -(value & 1);
                }
            }
            value |= ((long) b.get()) << 56;
            return (value >>> 1) ^ -(value & 1);
        }
    }
}
