package dev.soak.checkpoint;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@code errors_by_class} object of a metrics record as it is read (a repeated class counts with its last value),
 * and the immutable map it makes. Nearly every operation of every interval has the same counts (eleven classes, all
 * zero, or none), so the map made last is handed out again while the counts are the same, and a new one is shared
 * with the earlier intervals that had the same counts: a week of 1 s intervals of four operations holds a few maps,
 * not millions, and reading one costs a comparison of a few names and numbers.
 *
 * <p>Not thread-safe: one per thread ({@link #ofThisThread()}); the shared maps are kept in a concurrent map.
 */
final class ErrorCounts {
    private static final ThreadLocal<ErrorCounts> OF_THREAD = ThreadLocal.withInitial(ErrorCounts::new);
    /** Maps already made, each the one for its counts; at most {@link #SHARED_MAX} are kept. */
    private static final Map<Map<String, Long>, Map<String, Long>> SHARED = new ConcurrentHashMap<>();
    private static final int SHARED_MAX = 4096;

    private String[] names = new String[16];
    private long[] counts = new long[16];
    private int size;
    private String[] lastNames = new String[0];
    private long[] lastCounts = new long[0];
    private Map<String, Long> last = Map.of();

    private ErrorCounts() {
    }

    /** This thread's, emptied. */
    static ErrorCounts ofThisThread() {
        ErrorCounts c = OF_THREAD.get();
        c.size = 0;
        return c;
    }

    void put(String name, long count) {
        int i = indexOf(name);
        if (i < 0) {
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            i = size++;
            names[i] = name;
        }
        counts[i] = count;
    }

    void remove(String name) {
        int i = indexOf(name);
        if (i >= 0) {
            System.arraycopy(names, i + 1, names, i, size - i - 1);
            System.arraycopy(counts, i + 1, counts, i, size - i - 1);
            size--;
        }
    }

    private int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The counts put so far, as an immutable map. */
    Map<String, Long> map() {
        if (size == 0) {
            return Map.of();
        }
        if (Arrays.equals(names, 0, size, lastNames, 0, lastNames.length)
                && Arrays.equals(counts, 0, size, lastCounts, 0, lastCounts.length)) {
            return last;
        }
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            m.put(names[i], counts[i]);
        }
        last = shared(m);
        lastNames = Arrays.copyOf(names, size);
        lastCounts = Arrays.copyOf(counts, size);
        return last;
    }

    private static Map<String, Long> shared(Map<String, Long> counts) {
        Map<String, Long> copy = Map.copyOf(counts);
        Map<String, Long> seen = SHARED.get(copy);
        if (seen != null) {
            return seen;
        }
        if (SHARED.size() < SHARED_MAX) {
            SHARED.putIfAbsent(copy, copy);
        }
        return copy;
    }
}
