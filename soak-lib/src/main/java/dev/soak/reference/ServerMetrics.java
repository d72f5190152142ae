package dev.soak.reference;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.UnixOperatingSystemMXBean;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.io.File;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters and the Prometheus text exposition ({@code GET /metrics/prometheus}, format
 * 0.0.4) of the reference server. Process metrics come from {@code /proc/self} on Linux and are
 * left out where a platform cannot give them (never written as 0).
 *
 * <p>Exposed: {@code process_resident_memory_bytes}, {@code process_virtual_memory_bytes},
 * {@code process_open_fds}, {@code process_max_fds}, {@code process_cpu_seconds_total},
 * {@code process_start_time_seconds}, {@code process_threads},
 * {@code jvm_threads_current}, {@code jvm_memory_used_bytes{area="heap"|"nonheap"}},
 * {@code jvm_memory_committed_bytes}, {@code jvm_memory_max_bytes{area="heap"}},
 * {@code jvm_memory_heap_after_gc_bytes} (heap in use right after the most recent collection, of any
 * kind: the live set plus garbage not yet collected by an old-generation collection),
 * {@code jvm_memory_heap_after_major_gc_bytes} (right after the most recent old-generation
 * collection: the live set, but updated only as often as such collections run),
 * {@code jvm_gc_collections_total}, {@code jvm_gc_major_collections_total}, {@code soak_reference_requests_total{route,status}},
 * {@code soak_reference_request_seconds_sum/_count{route}}, {@code soak_reference_memories{space}},
 * and the fault state ({@code soak_reference_fault_*}).
 *
 * <p>Thread-safe.
 */
final class ServerMetrics {
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> secondsNanos = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final AtomicLong heapAfterGcBytes = new AtomicLong(-1);
    private final AtomicLong gcCount = new AtomicLong();
    private final AtomicLong heapAfterMajorGcBytes = new AtomicLong(-1);
    private final AtomicLong majorGcCount = new AtomicLong();

    private final java.util.Set<String> heapPools = new java.util.HashSet<>();

    ServerMetrics() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                heapPools.add(p.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, hb) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                        long used = 0;
                        for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                            if (heapPools.contains(e.getKey())) {
                                used += e.getValue().getUsed();
                            }
                        }
                        heapAfterGcBytes.set(used);
                        gcCount.incrementAndGet();
                        if (info.getGcAction().contains("major")) {
                            heapAfterMajorGcBytes.set(used);
                            majorGcCount.incrementAndGet();
                        }
                    }
                }, null, null);
            }
        }
    }

    /** Counts one answered request. */
    void record(String route, int status, long nanos) {
        requests.computeIfAbsent(route + "\u0000" + status, k -> new LongAdder()).increment();
        secondsNanos.computeIfAbsent(route, k -> new LongAdder()).add(nanos);
        counts.computeIfAbsent(route, k -> new LongAdder()).increment();
    }

    /** Heap in use after the most recent GC, bytes, or -1 before the first GC. */
    long heapAfterGcBytes() {
        return heapAfterGcBytes.get();
    }

    /** The exposition text. */
    String exposition(Map<String, Integer> spaceSizes, Map<String, Object> faultState) {
        StringBuilder sb = new StringBuilder(4096);
        Map<String, Long> status = readStatus();
        gauge(sb, "process_resident_memory_bytes", "Resident set size in bytes.", status.get("VmRSS"));
        gauge(sb, "process_virtual_memory_bytes", "Virtual memory size in bytes.", status.get("VmSize"));
        gauge(sb, "process_open_fds", "Number of open file descriptors.", openFds());
        gauge(sb, "process_max_fds", "Maximum number of open file descriptors.", maxFds());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                && os.getProcessCpuTime() >= 0) {
            header(sb, "process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.");
            sb.append("process_cpu_seconds_total ").append(os.getProcessCpuTime() / 1e9).append('\n');
        }
        ProcessHandle.current().info().startInstant().ifPresent(start -> {
            header(sb, "process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.");
            sb.append("process_start_time_seconds ").append(start.toEpochMilli() / 1000.0).append('\n');
        });
        Long threads = status.get("Threads");
        gauge(sb, "process_threads", "Number of OS threads in the process.", threads);
        gauge(sb, "jvm_threads_current", "Current thread count of the JVM.",
                (long) ManagementFactory.getThreadMXBean().getThreadCount());
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        header(sb, "jvm_memory_used_bytes", "gauge", "Used bytes of a given JVM memory area.");
        sample(sb, "jvm_memory_used_bytes{area=\"heap\"}", heap.getUsed());
        sample(sb, "jvm_memory_used_bytes{area=\"nonheap\"}", nonHeap.getUsed());
        header(sb, "jvm_memory_committed_bytes", "gauge", "Committed bytes of a given JVM memory area.");
        sample(sb, "jvm_memory_committed_bytes{area=\"heap\"}", heap.getCommitted());
        sample(sb, "jvm_memory_committed_bytes{area=\"nonheap\"}", nonHeap.getCommitted());
        if (heap.getMax() >= 0) {
            header(sb, "jvm_memory_max_bytes", "gauge", "Max bytes of a given JVM memory area.");
            sample(sb, "jvm_memory_max_bytes{area=\"heap\"}", heap.getMax());
        }
        long after = heapAfterGcBytes.get();
        gauge(sb, "jvm_memory_heap_after_gc_bytes", "Heap bytes in use right after the most recent GC.",
                after >= 0 ? after : null);
        long afterMajor = heapAfterMajorGcBytes.get();
        gauge(sb, "jvm_memory_heap_after_major_gc_bytes",
                "Heap bytes in use right after the most recent major (old-generation) GC: the live set.",
                afterMajor >= 0 ? afterMajor : null);
        header(sb, "jvm_gc_collections_total", "counter", "Garbage collections since start.");
        sample(sb, "jvm_gc_collections_total", gcCount.get());
        header(sb, "jvm_gc_major_collections_total", "counter", "Major (old-generation) collections since start.");
        sample(sb, "jvm_gc_major_collections_total", majorGcCount.get());

        header(sb, "soak_reference_requests_total", "counter", "Requests answered, by route and HTTP status.");
        new java.util.TreeMap<>(requests).forEach((k, v) -> {
            int z = k.indexOf('\u0000');
            sample(sb, "soak_reference_requests_total{route=\"" + k.substring(0, z) + "\",status=\""
                    + k.substring(z + 1) + "\"}", v.sum());
        });
        header(sb, "soak_reference_request_seconds", "summary", "Service time of answered requests.");
        new java.util.TreeMap<>(secondsNanos).forEach((k, v) -> {
            sb.append("soak_reference_request_seconds_sum{route=\"").append(k).append("\"} ")
                    .append(String.format(Locale.ROOT, "%.6f", v.sum() / 1e9)).append('\n');
            sample(sb, "soak_reference_request_seconds_count{route=\"" + k + "\"}", counts.get(k).sum());
        });
        header(sb, "soak_reference_memories", "gauge", "Memories held, by memory space.");
        spaceSizes.forEach((k, v) -> sample(sb, "soak_reference_memories{space=\"" + k + "\"}", v));
        header(sb, "soak_reference_fault", "gauge", "State of the injected faults (see /admin/faults).");
        faultState.forEach((k, v) -> sb.append("soak_reference_fault{state=\"").append(k).append("\"} ")
                .append(v instanceof Double d ? String.format(Locale.ROOT, "%.6f", d) : v).append('\n'));
        return sb.toString();
    }

    private static void header(StringBuilder sb, String name, String type, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void gauge(StringBuilder sb, String name, String help, Long value) {
        if (value == null) {
            return; // not measured on this platform: absent, never 0
        }
        header(sb, name, "gauge", help);
        sample(sb, name, value);
    }

    private static void sample(StringBuilder sb, String series, long value) {
        sb.append(series).append(' ').append(value).append('\n');
    }

    /** VmRSS, VmSize (in bytes) and Threads from /proc/self/status; empty off Linux. */
    static Map<String, Long> readStatus() {
        Map<String, Long> out = new java.util.HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon);
                if (key.equals("VmRSS") || key.equals("VmSize") || key.equals("Threads")) {
                    String[] parts = line.substring(colon + 1).trim().split("\\s+");
                    long v = Long.parseLong(parts[0]);
                    out.put(key, parts.length > 1 && parts[1].equals("kB") ? v * 1024 : v);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: leave them out
        }
        return out;
    }

    private static Long openFds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean u) {
            return u.getOpenFileDescriptorCount();
        }
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? null : (long) fds.length;
    }

    private static Long maxFds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean u) {
            return u.getMaxFileDescriptorCount();
        }
        return null;
    }
}
