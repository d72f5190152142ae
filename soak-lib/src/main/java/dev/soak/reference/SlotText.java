package dev.soak.reference;

import java.nio.charset.StandardCharsets;

/**
 * Texts kept per ring slot as UTF-8 in byte buffers that are reused when the slot is overwritten
 * (a buffer is replaced only when a longer text arrives, rounded up to a power of two, at least 64
 * bytes). Why: a {@code String} per stored memory lives until its slot is overwritten, long enough
 * to be promoted to the old generation, and then dies there; at 200 stores/s that piles up tens of
 * KB/s of old-generation garbage, which shows as a slow rise of RSS and heap-after-GC until the next
 * full collection: exactly what a leak detector must not see from a healthy server. Reused buffers
 * make a full ring allocate nothing that outlives a request. A search matches ASCII texts in place
 * ({@link #containsAsciiIgnoreCase(int, byte[])}) instead of making a {@code String} of every
 * scanned slot.
 *
 * <p>Not thread-safe: {@link SpaceStore} guards it with its lock.
 */
final class SlotText {
    private final byte[][] buffers;
    private final int[] lengths;
    private final boolean[] ascii;

    SlotText(int capacity) {
        this.buffers = new byte[capacity][];
        this.lengths = new int[capacity];
        this.ascii = new boolean[capacity];
    }

    void set(int slot, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] buf = buffers[slot];
        if (buf == null || buf.length < utf8.length) {
            buf = new byte[Math.max(64, Integer.highestOneBit(Math.max(1, utf8.length - 1)) << 1)];
            buffers[slot] = buf;
        }
        System.arraycopy(utf8, 0, buf, 0, utf8.length);
        lengths[slot] = utf8.length;
        ascii[slot] = isAscii(utf8, utf8.length);
    }

    /** True when the slot holds a text of ASCII characters only (false for an empty slot). */
    boolean isAscii(int slot) {
        return buffers[slot] != null && ascii[slot];
    }

    /**
     * Whether the slot's ASCII text contains {@code lowerAsciiNeedle} ignoring ASCII case, compared
     * in place (no {@code String} made). For ASCII text and an ASCII lower-case needle this equals
     * {@code text.regionMatches(true, …)} at some offset: case folding of ASCII characters stays in
     * ASCII. Call only when {@link #isAscii(int)}; other texts need the {@code String} comparison
     * (e.g. U+212A KELVIN SIGN matches "k" ignoring case).
     */
    boolean containsAsciiIgnoreCase(int slot, byte[] lowerAsciiNeedle) {
        byte[] buf = buffers[slot];
        int n = lowerAsciiNeedle.length;
        int max = lengths[slot] - n;
        for (int i = 0; i <= max; i++) {
            int j = 0;
            while (j < n && lower(buf[i + j]) == lowerAsciiNeedle[j]) {
                j++;
            }
            if (j == n) {
                return true;
            }
        }
        return false;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }

    static boolean isAscii(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Length of the slot's buffer (0 when none), for tests. */
    int bufferLength(int slot) {
        return buffers[slot] == null ? 0 : buffers[slot].length;
    }

    String get(int slot) {
        byte[] buf = buffers[slot];
        return buf == null ? null : new String(buf, 0, lengths[slot], StandardCharsets.UTF_8);
    }
}
