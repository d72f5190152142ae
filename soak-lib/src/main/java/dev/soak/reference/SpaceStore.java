package dev.soak.reference;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The memories of one memory space: a ring of at most {@code capacity} slots; a store overwrites the
 * oldest slot once the ring is full, so the space's memory is bounded by
 * {@code capacity × (4·dim + content)} bytes and, once full, stays flat (embedding rows are copied
 * into slabs allocated once, 256 rows at a time, and reused in place; ids and contents go into
 * reused byte buffers, see {@link SlotText}).
 *
 * <p>Recall is exact cosine similarity over the newest {@code scanLimit} memories only (newest
 * first): cost O(scanLimit × dim) per recall, independent of how much was ever stored. That is the
 * documented approximation: an old memory beyond the scan window is not found.
 *
 * <p>Thread-safe: stores take a write lock, recalls and searches a read lock.
 */
final class SpaceStore {
    private static final int CHUNK_ROWS = 256;

    private final int dim;
    private final int capacity;
    private final int scanLimit;
    private final float[][] chunks;
    private final float[] norms;
    private final float[] confidences;
    private final SlotText ids;
    private final SlotText contents;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private long written;

    SpaceStore(int dim, int capacity, int scanLimit) {
        this.dim = dim;
        this.capacity = capacity;
        this.scanLimit = scanLimit;
        this.chunks = new float[(capacity + CHUNK_ROWS - 1) / CHUNK_ROWS][];
        this.norms = new float[capacity];
        this.confidences = new float[capacity];
        this.ids = new SlotText(capacity);
        this.contents = new SlotText(capacity);
    }

    /** One recall/search hit. */
    record Hit(String id, String content, float confidence, double score) {
    }

    /** Memories currently held (at most the capacity). */
    int size() {
        lock.readLock().lock();
        try {
            return (int) Math.min(written, capacity);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Stores a memory, overwriting the oldest when full; {@code embedding} has length dim. */
    void put(String id, String content, float[] embedding, float confidence) {
        double norm = 0;
        for (float v : embedding) {
            norm += (double) v * v;
        }
        lock.writeLock().lock();
        try {
            int slot = (int) (written % capacity);
            int chunk = slot / CHUNK_ROWS;
            if (chunks[chunk] == null) {
                chunks[chunk] = new float[CHUNK_ROWS * dim];
            }
            System.arraycopy(embedding, 0, chunks[chunk], (slot % CHUNK_ROWS) * dim, dim);
            norms[slot] = (float) Math.sqrt(norm);
            confidences[slot] = confidence;
            ids.set(slot, id);
            contents.set(slot, content);
            written++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The {@code maxResults} memories most cosine-similar to {@code query} with similarity ≥
     * {@code threshold}, best first, among the newest {@code scanLimit}.
     */
    List<Hit> recall(float[] query, double threshold, int maxResults) {
        double qn = 0;
        for (float v : query) {
            qn += (double) v * v;
        }
        qn = Math.sqrt(qn);
        TopK top = new TopK(maxResults);
        lock.readLock().lock();
        try {
            int n = (int) Math.min(Math.min(written, capacity), scanLimit);
            for (int i = 0; i < n; i++) {
                int slot = (int) ((written - 1 - i) % capacity);
                float norm = norms[slot];
                if (norm == 0 || qn == 0) {
                    continue;
                }
                double sim = dot(query, chunks[slot / CHUNK_ROWS], (slot % CHUNK_ROWS) * dim) / (qn * norm);
                if (sim >= threshold) {
                    top.offer(slot, i, sim);
                }
            }
            return top.hits(this);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Token match: memories among the newest {@code scanLimit} whose content contains (ignoring case)
     * at least one token of {@code query}; score = fraction of the query's tokens found; best first,
     * newer first among equal scores.
     */
    List<Hit> search(String query, int limit) {
        String[] tokens = Arrays.stream(query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(t -> !t.isEmpty()).distinct().toArray(String[]::new);
        TopK top = new TopK(limit);
        if (tokens.length == 0) {
            return List.of();
        }
        byte[][] asciiTokens = new byte[tokens.length][];
        for (int k = 0; k < tokens.length; k++) {
            byte[] b = tokens[k].getBytes(StandardCharsets.UTF_8);
            asciiTokens[k] = SlotText.isAscii(b, b.length) ? b : null;
        }
        lock.readLock().lock();
        try {
            int n = (int) Math.min(Math.min(written, capacity), scanLimit);
            for (int i = 0; i < n; i++) {
                int slot = (int) ((written - 1 - i) % capacity);
                boolean asciiText = contents.isAscii(slot);
                String content = null; // made only when a comparison needs it
                int found = 0;
                for (int k = 0; k < tokens.length; k++) {
                    boolean match;
                    if (asciiText && asciiTokens[k] != null) {
                        match = contents.containsAsciiIgnoreCase(slot, asciiTokens[k]);
                    } else {
                        if (content == null) {
                            content = contents.get(slot);
                        }
                        match = containsIgnoreCase(content, tokens[k]);
                    }
                    if (match) {
                        found++;
                    }
                }
                if (found > 0) {
                    top.offer(slot, i, (double) found / tokens.length);
                }
            }
            return top.hits(this);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The best match for a partial embedding ({@code known[i]} false = masked) by cosine similarity on
     * the known dimensions only; fills the masked values of {@code values} from that match.
     *
     * @return the match, or null when the space is empty or nothing has a positive similarity
     */
    Hit complete(float[] values, boolean[] known) {
        double qn = 0;
        for (int i = 0; i < dim; i++) {
            if (known[i]) {
                qn += (double) values[i] * values[i];
            }
        }
        qn = Math.sqrt(qn);
        lock.readLock().lock();
        try {
            int n = (int) Math.min(Math.min(written, capacity), scanLimit);
            int best = -1;
            double bestSim = 0;
            for (int i = 0; i < n; i++) {
                int slot = (int) ((written - 1 - i) % capacity);
                float[] row = chunks[slot / CHUNK_ROWS];
                int off = (slot % CHUNK_ROWS) * dim;
                double d = 0;
                double rn = 0;
                for (int j = 0; j < dim; j++) {
                    if (known[j]) {
                        float r = row[off + j];
                        d += values[j] * r;
                        rn += r * r;
                    }
                }
                double sim = qn == 0 ? (i == 0 ? 1e-9 : 0) : (rn == 0 ? 0 : d / (qn * Math.sqrt(rn)));
                if (sim > bestSim) {
                    bestSim = sim;
                    best = slot;
                }
            }
            if (best < 0) {
                return null;
            }
            float[] row = chunks[best / CHUNK_ROWS];
            int off = (best % CHUNK_ROWS) * dim;
            for (int j = 0; j < dim; j++) {
                if (!known[j]) {
                    values[j] = row[off + j];
                }
            }
            return new Hit(ids.get(best), contents.get(best), confidences[best], qn == 0 ? 0 : bestSim);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Dot product with four independent accumulators (lets the CPU overlap the additions). */
    static double dot(float[] a, float[] row, int off) {
        int n = a.length;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * row[off + i];
            s1 += a[i + 1] * row[off + i + 1];
            s2 += a[i + 2] * row[off + i + 2];
            s3 += a[i + 3] * row[off + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * row[off + i];
        }
        return (double) s0 + s1 + s2 + s3;
    }

    static boolean containsIgnoreCase(String haystack, String lowerNeedle) {
        int max = haystack.length() - lowerNeedle.length();
        for (int i = 0; i <= max; i++) {
            if (haystack.regionMatches(true, i, lowerNeedle, 0, lowerNeedle.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A bounded min-heap of (slot, score, age), kept small: maxResults is clamped by the caller. It
     * keeps the k best by score and, among equal scores, the newest (so which of several equal
     * memories make the cut does not depend on the heap's layout).
     */
    private static final class TopK {
        private final int k;
        private final int[] slots;
        private final int[] ages;
        private final double[] scores;
        private int size;

        TopK(int k) {
            this.k = k;
            this.slots = new int[k];
            this.ages = new int[k];
            this.scores = new double[k];
        }

        /** {@code age} 0 = newest; among equal scores the newer memory wins. */
        void offer(int slot, int age, double score) {
            if (k == 0) {
                return;
            }
            if (size < k) {
                slots[size] = slot;
                ages[size] = age;
                scores[size] = score;
                siftUp(size++);
            } else if (score > scores[0] || (score == scores[0] && age < ages[0])) {
                slots[0] = slot;
                ages[0] = age;
                scores[0] = score;
                siftDown(0);
            }
        }

        List<Hit> hits(SpaceStore s) {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> scores[x] != scores[y]
                    ? Double.compare(scores[y], scores[x]) : Integer.compare(ages[x], ages[y]));
            List<Hit> out = new ArrayList<>(size);
            for (int i : order) {
                int slot = slots[i];
                out.add(new Hit(s.ids.get(slot), s.contents.get(slot), s.confidences[slot], scores[i]));
            }
            return out;
        }

        private void siftUp(int i) {
            while (i > 0) {
                int p = (i - 1) / 2;
                if (!worse(i, p)) {
                    return;
                }
                swap(i, p);
                i = p;
            }
        }

        private void siftDown(int i) {
            while (true) {
                int l = 2 * i + 1;
                int r = l + 1;
                int m = i;
                if (l < size && worse(l, m)) {
                    m = l;
                }
                if (r < size && worse(r, m)) {
                    m = r;
                }
                if (m == i) {
                    return;
                }
                swap(i, m);
                i = m;
            }
        }

        /** Lower score, or the same score and older: the root of the heap is the first to go. */
        private boolean worse(int a, int b) {
            return scores[a] < scores[b] || (scores[a] == scores[b] && ages[a] > ages[b]);
        }

        private void swap(int a, int b) {
            int ts = slots[a];
            slots[a] = slots[b];
            slots[b] = ts;
            int ta = ages[a];
            ages[a] = ages[b];
            ages[b] = ta;
            double tc = scores[a];
            scores[a] = scores[b];
            scores[b] = tc;
        }
    }
}
