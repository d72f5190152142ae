package dev.soak.scenario;

/**
 * {@code [data.embedding_distribution]} (a sub-table or an inline table): how random embeddings
 * are drawn. All implementations are immutable.
 */
public sealed interface EmbeddingDistribution
        permits EmbeddingDistribution.Clustered, EmbeddingDistribution.Uniform, EmbeddingDistribution.HotSpot {

    /** The TOML value of {@code type}. */
    String typeName();

    /** {@code type = "clustered"}: Gaussian clouds of {@code std_dev} around {@code num_clusters} random unit centres. */
    record Clustered(int numClusters, double stdDev) implements EmbeddingDistribution {
        public String typeName() { return "clustered"; }
    }

    /** {@code type = "uniform"}: uniformly random directions. */
    record Uniform() implements EmbeddingDistribution {
        public String typeName() { return "uniform"; }
    }

    /**
     * {@code type = "hot_spot"}: most draws fall near one hot region.
     *
     * <p>{@code center} is written either as a number in [0, 1], the fraction of draws that come
     * from the hot spot (default 0.8), or, as the Engram load tool writes it, as an array of
     * numbers: the hot spot's direction (padded with zeros or cut to {@code embedding_dim});
     * then every draw comes from the hot spot ({@code center() == 1}) and
     * {@code centerVector()} holds the array. An empty {@code centerVector} means a random direction.
     *
     * @param center       fraction of draws from the hot spot, in [0, 1]
     * @param centerVector the hot spot's direction as given, or empty
     */
    record HotSpot(double center, java.util.List<Double> centerVector) implements EmbeddingDistribution {
        public HotSpot {
            centerVector = java.util.List.copyOf(centerVector);
        }

        /** A hot spot in a random direction that receives {@code center} of the draws. */
        public HotSpot(double center) {
            this(center, java.util.List.of());
        }

        public String typeName() { return "hot_spot"; }
    }
}
