package dev.soak.scenario;

/**
 * The {@code [data]} section.
 *
 * @param numNodes       items stored before measuring starts ({@code num_nodes}, default 0)
 * @param embeddingDim   embedding dimension ({@code embedding_dim}, default 768, ≥ 1)
 * @param memorySpaces   number of memory spaces ({@code memory_spaces}, default 1, ≥ 1)
 * @param distribution   {@code [data.embedding_distribution]}, default clustered with 10 clusters and std_dev 0.1
 *                       (the Engram load tool's default, so its files mean the same here)
 */
public record DataSpec(long numNodes, int embeddingDim, int memorySpaces, EmbeddingDistribution distribution) {
}
