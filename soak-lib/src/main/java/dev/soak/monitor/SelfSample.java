package dev.soak.monitor;

import dev.soak.checkpoint.ResourceSample;

/**
 * The driver's own footprint at one moment: its {@link ResourceSample} (RSS, CPU, threads, fds,
 * {@code heap_after_gc_mb}, …) plus its garbage collector's totals. Immutable.
 *
 * @param resources   the driver process's resources, with {@code heap_after_gc_mb} filled in
 * @param heapUsedMb  heap in use now
 * @param gcTimeSec   total time spent in collections since the JVM started (all collectors)
 * @param gcCount     total number of collections since the JVM started
 */
public record SelfSample(ResourceSample resources, double heapUsedMb, double gcTimeSec, long gcCount) {
}
