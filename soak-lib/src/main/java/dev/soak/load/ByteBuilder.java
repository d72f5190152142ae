package dev.soak.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable growable byte array for rendering requests without allocating per request: it only
 * grows to the largest request rendered into it and is then reused. Not thread-safe.
 */
final class ByteBuilder {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private byte[] bytes;
    private int length;
    private ByteBuffer view;

    ByteBuilder(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
        view = ByteBuffer.wrap(bytes);
    }

    void clear() {
        length = 0;
    }

    int length() {
        return length;
    }

    byte[] array() {
        return bytes;
    }

    /** A buffer over the rendered bytes, positioned at 0 (the same object every time until growth). */
    ByteBuffer buffer() {
        view.limit(length).position(0);
        return view;
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
            view = ByteBuffer.wrap(bytes);
        }
    }

    ByteBuilder append(byte[] b) {
        return append(b, 0, b.length);
    }

    ByteBuilder append(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, length, len);
        length += len;
        return this;
    }

    ByteBuilder append(ByteBuilder other) {
        return append(other.bytes, 0, other.length);
    }

    ByteBuilder appendByte(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
        return this;
    }

    /** Appends ASCII text (callers pass only ASCII). */
    ByteBuilder appendAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** Appends a decimal integer without allocating. */
    ByteBuilder appendLong(long v) {
        if (v == Long.MIN_VALUE) {
            return appendAscii("-9223372036854775808");
        }
        ensure(20);
        if (v < 0) {
            bytes[length++] = '-';
            v = -v;
        }
        int start = length;
        do {
            bytes[length++] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
        return this;
    }

    /** Appends {@code v} rounded to {@code decimals} digits after the point, locale-free (e.g. -0.0123). */
    ByteBuilder appendFixed(double v, int decimals) {
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        long scaled = Math.round(Math.abs(v) * scale);
        if (v < 0 && scaled != 0) {
            appendByte('-');
        }
        appendLong(scaled / scale);
        if (decimals > 0) {
            appendByte('.');
            long frac = scaled % scale;
            for (long d = scale / 10; d >= 1; d /= 10) {
                appendByte((int) ('0' + (frac / d) % 10));
            }
        }
        return this;
    }

    /** Appends a random version-4 UUID in its canonical 36-character form. */
    ByteBuilder appendUuid(SplitMix64 rng) {
        long hi = (rng.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        appendHex(hi >>> 32, 8).appendByte('-').appendHex(hi >>> 16, 4).appendByte('-').appendHex(hi, 4)
                .appendByte('-').appendHex(lo >>> 48, 4).appendByte('-').appendHex(lo, 12);
        return this;
    }

    private ByteBuilder appendHex(long v, int digits) {
        ensure(digits);
        for (int i = digits - 1; i >= 0; i--) {
            bytes[length++] = HEX[(int) ((v >>> (4 * i)) & 0xF)];
        }
        return this;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
}
