package dev.soak.load;

import dev.soak.scenario.EmbeddingDistribution;
import java.nio.charset.StandardCharsets;

/**
 * A fixed pool of embeddings drawn once from {@code [data.embedding_distribution]} and rendered
 * once as JSON arrays (plain, URL-encoded, and with some components {@code null} for pattern
 * completion), so requests copy bytes instead of drawing and formatting floats (768 Gaussians
 * and their formatting cost ~40 µs; a copy costs well under 1 µs). Operations pick a pool entry
 * with the seeded per-operation RNG. Distributions:
 * <ul>
 *   <li>uniform: a standard Gaussian vector normalised to unit length (a uniform direction);</li>
 *   <li>clustered: one of {@code num_clusters} random unit centres plus N(0, std_dev²) per component;</li>
 *   <li>hot_spot: with probability {@code center} a point near one hot unit vector (std dev 0.05;
 *       the scenario's {@code center} array when given, else a random direction), otherwise a
 *       uniform direction.</li>
 * </ul>
 * Values are written with 4 decimals. Immutable after construction; safe to share.
 */
final class EmbeddingPool {
    /** Pool entries per run. */
    static final int SIZE = 256;
    /** Share of components replaced by {@code null} in partial embeddings. */
    static final double PARTIAL_NULL_SHARE = 0.5;

    private final byte[][] json;
    private final byte[][] urlEncoded;
    private final byte[][] partialJson;

    EmbeddingPool(EmbeddingDistribution distribution, int dim, long seed) {
        this(distribution, dim, seed, SIZE);
    }

    EmbeddingPool(EmbeddingDistribution distribution, int dim, long seed, int size) {
        SplitMix64 rng = new SplitMix64(seed ^ 0x5DEECE66DL);
        json = new byte[size][];
        urlEncoded = new byte[size][];
        partialJson = new byte[size][];
        float[][] centres = null;
        if (distribution instanceof EmbeddingDistribution.Clustered c) {
            centres = new float[Math.max(1, c.numClusters())][];
            for (int i = 0; i < centres.length; i++) {
                centres[i] = unitGaussian(rng, dim);
            }
        } else if (distribution instanceof EmbeddingDistribution.HotSpot h) {
            centres = new float[][] {h.centerVector().isEmpty() ? unitGaussian(rng, dim) : unit(h.centerVector(), dim)};
        }
        ByteBuilder b = new ByteBuilder(dim * 10);
        ByteBuilder u = new ByteBuilder(dim * 14);
        ByteBuilder p = new ByteBuilder(dim * 10);
        for (int i = 0; i < size; i++) {
            float[] v;
            if (distribution instanceof EmbeddingDistribution.Clustered c) {
                float[] centre = centres[rng.nextInt(centres.length)];
                v = new float[dim];
                for (int d = 0; d < dim; d++) {
                    v[d] = (float) (centre[d] + c.stdDev() * rng.nextGaussian());
                }
            } else if (distribution instanceof EmbeddingDistribution.HotSpot h && rng.nextDouble() < h.center()) {
                v = new float[dim];
                for (int d = 0; d < dim; d++) {
                    v[d] = (float) (centres[0][d] + 0.05 * rng.nextGaussian());
                }
            } else {
                v = unitGaussian(rng, dim);
            }
            b.clear();
            u.clear();
            p.clear();
            b.appendByte('[');
            u.appendAscii("%5B");
            p.appendByte('[');
            for (int d = 0; d < dim; d++) {
                if (d > 0) {
                    b.appendByte(',');
                    u.appendAscii("%2C");
                    p.appendByte(',');
                }
                b.appendFixed(v[d], 4);
                u.appendFixed(v[d], 4);
                if (rng.nextDouble() < PARTIAL_NULL_SHARE) {
                    p.appendAscii("null");
                } else {
                    p.appendFixed(v[d], 4);
                }
            }
            b.appendByte(']');
            u.appendAscii("%5D");
            p.appendByte(']');
            json[i] = java.util.Arrays.copyOf(b.array(), b.length());
            urlEncoded[i] = java.util.Arrays.copyOf(u.array(), u.length());
            partialJson[i] = java.util.Arrays.copyOf(p.array(), p.length());
        }
    }

    /** The given direction padded with zeros or cut to {@code dim}, scaled to unit length (kept if all zero). */
    private static float[] unit(java.util.List<Double> direction, int dim) {
        float[] v = new float[dim];
        double norm = 0;
        for (int d = 0; d < dim && d < direction.size(); d++) {
            v[d] = direction.get(d).floatValue();
            norm += v[d] * (double) v[d];
        }
        if (norm > 0) {
            norm = Math.sqrt(norm);
            for (int d = 0; d < dim; d++) {
                v[d] /= (float) norm;
            }
        }
        return v;
    }

    private static float[] unitGaussian(SplitMix64 rng, int dim) {
        float[] v = new float[dim];
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            double g = rng.nextGaussian();
            v[d] = (float) g;
            norm += g * g;
        }
        norm = Math.sqrt(norm);
        for (int d = 0; d < dim; d++) {
            v[d] /= (float) norm;
        }
        return v;
    }

    int size() {
        return json.length;
    }

    /** Entry {@code i} as a JSON array, e.g. {@code [0.0123,-0.0456]}. */
    byte[] json(int i) {
        return json[i];
    }

    /** Entry {@code i} URL-encoded for a query string. */
    byte[] urlEncoded(int i) {
        return urlEncoded[i];
    }

    /** Entry {@code i} with about half its components {@code null}. */
    byte[] partialJson(int i) {
        return partialJson[i];
    }

    /** Entry {@code i} as text (tests). */
    String jsonString(int i) {
        return new String(json[i], StandardCharsets.US_ASCII);
    }
}
