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
     * {@code type = "hot_spot"}: most draws fall near one hot region; {@code center} in [0, 1] is
     * the fraction of draws that come from the hot spot (default 0.8).
     */
    record HotSpot(double center) implements EmbeddingDistribution {
        public String typeName() { return "hot_spot"; }
    }
}
