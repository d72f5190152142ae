package dev.soak.checkpoint;

/**
 * One line of {@code resources.jsonl}: the watched process's resources at {@code tSec}.
 *
 * <p>A field that was not measured is {@link Double#NaN} here and absent from the JSON line —
 * never 0, because 0 is a real reading. Counts ({@code threads}, {@code openFds}, …) are whole
 * numbers held as doubles so that "absent" stays expressible. Immutable.
 *
 * @param tSec               seconds since the run started (JSON {@code t_sec})
 * @param cpuPercent         {@code cpu_percent}, 100 = one core
 * @param rssMb              {@code rss_mb}
 * @param vsizeMb            {@code vsize_mb}
 * @param threads            {@code threads}
 * @param openFds            {@code open_fds}
 * @param networkConnections {@code network_connections}
 * @param diskIoMb           {@code disk_io_mb}, cumulative read + written
 * @param pssMb              {@code pss_mb}
 * @param anonMb             {@code anon_mb}
 * @param swapMb             {@code swap_mb}
 * @param heapAfterGcMb      {@code heap_after_gc_mb}
 * @param maxOpenFiles       {@code max_open_files} (soft limit)
 * @param memoryLimitMb      {@code memory_limit_mb} (cgroup)
 */
public record ResourceSample(double tSec, double cpuPercent, double rssMb, double vsizeMb, double threads,
                             double openFds, double networkConnections, double diskIoMb, double pssMb,
                             double anonMb, double swapMb, double heapAfterGcMb, double maxOpenFiles,
                             double memoryLimitMb) {

    /** A sample at {@code tSec} with nothing measured yet. */
    public static ResourceSample empty(double tSec) {
        double n = Double.NaN;
        return new ResourceSample(tSec, n, n, n, n, n, n, n, n, n, n, n, n, n);
    }
}
