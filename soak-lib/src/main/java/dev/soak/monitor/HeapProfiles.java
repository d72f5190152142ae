package dev.soak.monitor;

import com.sun.management.GcInfo;
import dev.soak.checkpoint.HeapProfile;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@link HeapProfile}s: from a Prometheus exposition, and from a JVM's memory pools.
 *
 * <p>Prometheus mapping, first match wins per field:
 * <ul>
 * <li>{@code allocated}, {@code active}, {@code metadata}, {@code resident}, {@code mapped}: a
 *     series whose name contains {@code jemalloc} and the word (e.g. {@code jemalloc_allocated_bytes},
 *     {@code engram_jemalloc_active_bytes}); else a {@code *_bytes} series, not {@code process_*} or
 *     {@code jvm_*}, whose name contains {@code _<word>_} or ends in {@code _<word>_bytes};
 *     {@code resident} finally falls back to {@code process_resident_memory_bytes}.</li>
 * <li>JVM heap used: the sum of {@code jvm_memory_used_bytes{area="heap"}} (Micrometer, one series
 *     per pool) or {@code jvm_memory_bytes_used{area="heap"}} (Prometheus simpleclient).</li>
 * <li>JVM heap after GC: the sum over heap series of a {@code jvm_memory_*after_gc*} metric in bytes,
 *     else {@code jvm_memory_pool_collection_used_bytes} summed over pools (simpleclient's pools
 *     after their last collection), else {@code jvm_gc_live_data_size_bytes} (Micrometer).</li>
 * </ul>
 * Values are bytes; NaN where nothing matched. Stateless and thread-safe.
 */
public final class HeapProfiles {

    private static final String[] JEMALLOC_WORDS = {"allocated", "active", "metadata", "resident", "mapped"};

    private HeapProfiles() {
    }

    /** Maps a target's Prometheus metrics into a heap profile with source {@code prometheus}. */
    public static HeapProfile fromPrometheus(PrometheusExposition e) {
        double[] j = new double[JEMALLOC_WORDS.length];
        for (int k = 0; k < j.length; k++) {
            j[k] = allocatorField(e, JEMALLOC_WORDS[k]);
        }
        if (Double.isNaN(j[3])) {
            j[3] = first(e, "process_resident_memory_bytes");
        }
        double used = sumHeap(e, "jvm_memory_used_bytes");
        if (Double.isNaN(used)) {
            used = sumHeap(e, "jvm_memory_bytes_used");
        }
        double afterGc = Double.NaN;
        for (PrometheusSample s : e.samples()) {
            String n = s.name();
            if (n.startsWith("jvm_memory") && n.contains("after_gc") && n.contains("bytes")) {
                afterGc = sumHeap(e, n);
                break;
            }
        }
        if (Double.isNaN(afterGc)) {
            afterGc = sumAll(e, "jvm_memory_pool_collection_used_bytes");
        }
        if (Double.isNaN(afterGc)) {
            afterGc = first(e, "jvm_gc_live_data_size_bytes");
        }
        return new HeapProfile(j[0], j[1], j[2], j[3], j[4], used, afterGc, "prometheus");
    }

    /**
     * The current JVM: heap in use now, and heap after GC (right after its most recent collection, as
     * {@link #fromPools} reads it; NaN until the first collection). Source {@code in-process}.
     */
    public static HeapProfile inProcess() {
        return fromPools(ManagementFactory.getMemoryPoolMXBeans(),
                ManagementFactory.getGarbageCollectorMXBeans(), "in-process");
    }

    /** The current JVM's heap after its last collections, in MB (NaN before the first collection). */
    public static double inProcessHeapAfterGcMb() {
        return inProcess().jvmHeapAfterGcBytes() / ProcParsers.BYTES_PER_MB;
    }

    /** Field by field, the first profile that measured it; source names joined with {@code +}. */
    static HeapProfile firstMeasured(List<HeapProfile> profiles) {
        double[] f = new double[7];
        java.util.Arrays.fill(f, Double.NaN);
        java.util.Set<String> used = new java.util.LinkedHashSet<>();
        for (HeapProfile p : profiles) {
            double[] v = {p.allocatedBytes(), p.activeBytes(), p.metadataBytes(), p.residentBytes(), p.mappedBytes(),
                p.jvmHeapUsedBytes(), p.jvmHeapAfterGcBytes()};
            for (int i = 0; i < f.length; i++) {
                if (Double.isNaN(f[i]) && !Double.isNaN(v[i])) {
                    f[i] = v[i];
                    used.add(p.source());
                }
            }
        }
        return new HeapProfile(f[0], f[1], f[2], f[3], f[4], f[5], f[6], used.isEmpty() ? "none" : String.join("+", used));
    }

    /**
     * A profile from a JVM's pool and collector beans (local or over a JMX connection). Heap after GC is the heap in
     * use right after the JVM's most recent collection of any kind, every heap pool summed, from that collector's
     * last {@link GcInfo} ({@link #afterLastCollection}); the pools' {@link MemoryPoolMXBean#getCollectionUsage()}
     * summed only where no collector gives one. Those alone miss a leak under G1 (JDK 17): the old generation's
     * collection usage moves only after mixed or full collections, so while young collections promote what leaks
     * into the old generation it stays flat (a JVM keeping 20 MB a second read 1–2 MB after GC for 16 s while its
     * heap in use grew to 680 MB). After a young collection the old generation still holds the garbage promoted
     * since its last collection; that climbs and falls back at each mixed collection, a sawtooth whose lower
     * envelope the leak test reads.
     */
    static HeapProfile fromPools(List<MemoryPoolMXBean> pools, List<? extends GarbageCollectorMXBean> gcs,
                                 String source) {
        double used = 0;
        double afterGc = 0;
        boolean anyHeap = false;
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : pools) {
            if (pool.getType() != MemoryType.HEAP) {
                continue;
            }
            anyHeap = true;
            heapPools.add(pool.getName());
            MemoryUsage u = pool.getUsage();
            if (u != null) {
                used += u.getUsed();
            }
            MemoryUsage c = pool.getCollectionUsage();
            if (c != null) {
                afterGc += c.getUsed();
            }
        }
        long collections = 0;
        for (GarbageCollectorMXBean gc : gcs) {
            collections += Math.max(0, gc.getCollectionCount());
        }
        double afterLast = afterLastCollection(gcs, heapPools);
        double n = Double.NaN;
        return new HeapProfile(n, n, n, n, n, anyHeap ? used : n,
                !Double.isNaN(afterLast) ? afterLast : anyHeap && collections > 0 ? afterGc : n, source);
    }

    /**
     * Bytes in use in {@code heapPools} right after the most recent collection any of {@code gcs} ran (the latest
     * {@link GcInfo#getEndTime()}), from its {@link com.sun.management.GarbageCollectorMXBean#getLastGcInfo()}; NaN
     * when none is such a bean or none has collected yet.
     */
    static double afterLastCollection(List<? extends GarbageCollectorMXBean> gcs, Set<String> heapPools) {
        GcInfo latest = null;
        for (GarbageCollectorMXBean gc : gcs) {
            if (gc instanceof com.sun.management.GarbageCollectorMXBean sun) {
                GcInfo info = sun.getLastGcInfo();
                if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                    latest = info;
                }
            }
        }
        if (latest == null) {
            return Double.NaN;
        }
        double bytes = 0;
        for (Map.Entry<String, MemoryUsage> e : latest.getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                bytes += e.getValue().getUsed();
            }
        }
        return bytes;
    }

    private static double allocatorField(PrometheusExposition e, String word) {
        for (PrometheusSample s : e.samples()) {
            String n = s.name().toLowerCase(Locale.ROOT);
            if (n.contains("jemalloc") && n.contains(word) && !n.endsWith("_total")) {
                return s.value();
            }
        }
        for (PrometheusSample s : e.samples()) {
            String n = s.name().toLowerCase(Locale.ROOT);
            if (n.contains("bytes") && !n.startsWith("process_") && !n.startsWith("jvm_") && !n.endsWith("_total")
                    && (n.contains("_" + word + "_") || n.endsWith("_" + word + "_bytes") || n.startsWith(word + "_"))) {
                return s.value();
            }
        }
        return Double.NaN;
    }

    private static double first(PrometheusExposition e, String name) {
        var v = e.value(name, Map.of());
        return v.isPresent() ? v.getAsDouble() : Double.NaN;
    }

    /** Sum of series {@code name} with {@code area="heap"}, or of all its series when none has an area label. */
    private static double sumHeap(PrometheusExposition e, String name) {
        List<PrometheusSample> series = e.series(name);
        if (series.isEmpty()) {
            return Double.NaN;
        }
        boolean anyArea = series.stream().anyMatch(s -> s.label("area") != null);
        double sum = 0;
        boolean any = false;
        for (PrometheusSample s : series) {
            if (!anyArea || "heap".equals(s.label("area"))) {
                sum += s.value();
                any = true;
            }
        }
        return any ? sum : Double.NaN;
    }

    private static double sumAll(PrometheusExposition e, String name) {
        List<PrometheusSample> series = e.series(name);
        return series.isEmpty() ? Double.NaN : series.stream().mapToDouble(PrometheusSample::value).sum();
    }
}
