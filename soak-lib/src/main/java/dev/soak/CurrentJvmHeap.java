package dev.soak;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.soak.checkpoint.HeapProfile;
import dev.soak.monitor.HeapProfileSource;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The current JVM's heap after garbage collection, for in-process soaks: the leak signal of an
 * application that runs in the same JVM as the driver.
 *
 * <p>Why not the memory pools' {@link MemoryPoolMXBean#getCollectionUsage()} alone: under G1
 * (JDK 17) the old generation's collection usage changes only after mixed or full collections, so
 * while young collections promote a leak into the old generation the summed collection usage stays
 * flat (measured here: 1.5 MB reported after GC while 8 MB leaked in 15 s). Two modes instead:
 * <ul>
 * <li><b>forced</b> (default for {@link Soak#monitorCurrentJvm()}): each reading first runs a full
 *     collection ({@link System#gc()}), then sums the heap pools' collection usage — after a full
 *     collection that is exactly the live set. Costs a stop-the-world pause per reading (about
 *     10–50 ms for a heap of 100 MB live), once per {@code resource_check_interval_sec}. If
 *     explicit GC is disabled ({@code -XX:+DisableExplicitGC}: the collection count does not move
 *     for 5 readings in a row) the readings fall back to the observed mode.</li>
 * <li><b>observed</b>: no collection is forced; every collection the JVM runs is seen through its
 *     {@link GarbageCollectionNotificationInfo} and the heap in use right after it (all heap pools,
 *     so old-generation garbage not yet collected is included) is kept. A reading is the lowest
 *     such value since the previous reading (a per-window lower envelope), or the last one seen when
 *     no collection ran in between; NaN before the first collection.</li>
 * </ul>
 *
 * <p>What this cannot separate: everything live in the JVM counts — the application, the test
 * framework, and the soak driver itself. The driver preallocates its request slots and histograms,
 * so its live set is flat apart from the run's own record of samples (a few hundred bytes per
 * resource sample and metrics interval, well under 1 MB per hour at the default intervals). To
 * measure an application without any of that, run it in its own JVM and watch it by pid or
 * command.
 *
 * <p>Thread-safe: readings may come from any thread; notifications arrive on the JVM's
 * notification thread.
 */
final class CurrentJvmHeap implements HeapProfileSource {
    private static final double BYTES_PER_MB = 1024.0 * 1024.0;

    private final boolean forceGc;
    private final Set<String> heapPools = new HashSet<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private final Object lock = new Object();
    private double windowMinBytes = Double.NaN;
    private double lastAfterGcBytes = Double.NaN;
    private volatile boolean explicitGcWorks = true;
    private int missedGcs; // consecutive System.gc() calls that ran no collection
    private static final int MAX_MISSED_GCS = 5;

    /** @param forceGc whether each reading runs a full collection first */
    CurrentJvmHeap(boolean forceGc) {
        this.forceGc = forceGc;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                heapPools.add(p.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter) {
                NotificationEmitter e = (NotificationEmitter) gc;
                e.addNotificationListener(listener, null, null);
                emitters.add(e);
            }
        }
    }

    /** Whether readings force a full collection (and explicit GC is not disabled). */
    boolean forcesGc() {
        return forceGc && explicitGcWorks;
    }

    /** The heap after GC now, in MB; NaN when not known yet (no collection observed). */
    double heapAfterGcMb() {
        return heapAfterGcBytes() / BYTES_PER_MB;
    }

    private double heapAfterGcBytes() {
        if (forceGc && explicitGcWorks) {
            long before = collections();
            System.gc();
            if (collections() != before) {
                missedGcs = 0;
                synchronized (lock) { // the forced collection's own notification is part of this reading
                    windowMinBytes = Double.NaN;
                }
                return heapCollectionUsageBytes();
            }
            if (++missedGcs >= MAX_MISSED_GCS) {
                explicitGcWorks = false;
            }
        }
        synchronized (lock) {
            double v = Double.isNaN(windowMinBytes) ? lastAfterGcBytes : windowMinBytes;
            windowMinBytes = Double.NaN;
            return v;
        }
    }

    @Override
    public HeapProfile capture() {
        double afterGc = heapAfterGcBytes();
        double used = 0;
        boolean any = false;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = p.getType() == MemoryType.HEAP ? p.getUsage() : null;
            if (u != null) {
                used += u.getUsed();
                any = true;
            }
        }
        double n = Double.NaN;
        return new HeapProfile(n, n, n, n, n, any ? used : n, afterGc, forcesGc() ? "in-process-gc" : "in-process");
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already removed
            }
        }
        emitters.clear();
    }

    private void onNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        double after = heapBytes(info.getGcInfo().getMemoryUsageAfterGc());
        if (Double.isNaN(after)) {
            return;
        }
        synchronized (lock) {
            lastAfterGcBytes = after;
            windowMinBytes = Double.isNaN(windowMinBytes) ? after : Math.min(windowMinBytes, after);
        }
    }

    /** Sum over the heap pools of a GC's after-usage map (pool name to usage). */
    private double heapBytes(Map<String, MemoryUsage> usage) {
        double sum = 0;
        boolean any = false;
        for (Map.Entry<String, MemoryUsage> e : usage.entrySet()) {
            if (heapPools.contains(e.getKey())) {
                sum += e.getValue().getUsed();
                any = true;
            }
        }
        return any ? sum : Double.NaN;
    }

    private static double heapCollectionUsageBytes() {
        double sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage c = p.getType() == MemoryType.HEAP ? p.getCollectionUsage() : null;
            if (c != null) {
                sum += c.getUsed();
            }
        }
        return sum;
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }
}
