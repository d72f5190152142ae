package dev.soak.monitor;

import dev.soak.checkpoint.HeapProfile;
import dev.soak.checkpoint.ResourceSample;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Samples the driver's own JVM: RSS, CPU and the rest through the same {@link ProcessProbe} as the
 * target, heap after GC from its memory pools, and GC time and count from its
 * {@link GarbageCollectorMXBean}s. A driver whose own RSS or GC time climbs during a soak makes the
 * target's latency figures suspect, so the two are sampled side by side.
 *
 * <p>Thread-safe: {@link #sample()} is safe to call from any thread.
 */
public final class SelfMonitor {

    private final ResourceMonitor monitor;

    private SelfMonitor(ResourceMonitor monitor) {
        this.monitor = monitor;
    }

    /** A self-monitor on the system clock, {@code t_sec} counted from {@code runStartNanos} ({@link System#nanoTime()}). */
    public static SelfMonitor create(long runStartNanos) {
        return create(ProcessProbe.forThisPlatform(), System::nanoTime, runStartNanos);
    }

    /** A self-monitor with an explicit probe and clock. */
    public static SelfMonitor create(ProcessProbe probe, LongSupplier nanoClock, long runStartNanos) {
        return new SelfMonitor(ResourceMonitor.builder(ProcessHandle.current().pid())
                .probe(probe)
                .nanoClock(nanoClock)
                .runStartNanos(runStartNanos)
                .heapAfterGcMb(HeapProfiles::inProcessHeapAfterGcMb)
                .build());
    }

    /** One sample of this JVM. */
    public SelfSample sample() {
        Optional<ResourceSample> r = monitor.sample();
        ResourceSample resources = r.orElseGet(() -> ResourceSample.empty(monitor.tSecNow()));
        HeapProfile heap = HeapProfiles.inProcess();
        long gcMillis = 0;
        long gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
            gcCount += Math.max(0, gc.getCollectionCount());
        }
        return new SelfSample(resources, heap.jvmHeapUsedBytes() / ProcParsers.BYTES_PER_MB, gcMillis / 1000.0, gcCount);
    }
}
