package dev.soak.checkpoint;

/**
 * The {@code heap_profile} of a checkpoint: the target's allocator and heap figures, in bytes.
 *
 * <p>The first five are the seed's jemalloc fields ({@code allocated}, {@code active},
 * {@code metadata}, {@code resident}, {@code mapped}); the JVM ones come from a JVM target's
 * memory pools. Whatever the target does not expose is {@link Double#NaN} here and absent from
 * JSON. Immutable.
 *
 * @param allocatedBytes       {@code allocated}: bytes allocated by the application
 * @param activeBytes          {@code active}: bytes in active pages
 * @param metadataBytes        {@code metadata}: allocator metadata
 * @param residentBytes        {@code resident}: resident bytes
 * @param mappedBytes          {@code mapped}: mapped bytes
 * @param jvmHeapUsedBytes     {@code jvm_heap_used}: JVM heap in use now
 * @param jvmHeapAfterGcBytes  {@code jvm_heap_after_gc}: JVM heap live after the last collection
 * @param source               where the figures came from: {@code prometheus}, {@code jmx}, {@code in-process}, {@code none}
 */
public record HeapProfile(double allocatedBytes, double activeBytes, double metadataBytes, double residentBytes,
                          double mappedBytes, double jvmHeapUsedBytes, double jvmHeapAfterGcBytes, String source) {
    public static HeapProfile none() {
        double n = Double.NaN;
        return new HeapProfile(n, n, n, n, n, n, n, "none");
    }
}
