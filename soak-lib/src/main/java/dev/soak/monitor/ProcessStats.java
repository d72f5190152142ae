package dev.soak.monitor;

/**
 * One reading of one process, as a {@link ProcessProbe} returns it: cumulative counters and
 * instantaneous levels, before CPU time is turned into a percentage and descendants are summed.
 *
 * <p>A field the platform cannot give is {@link Double#NaN}, never 0. Immutable.
 *
 * @param pid                 the process id
 * @param ppid                the parent's pid, or -1 when unknown
 * @param startTimeTicks      when the process started (any monotonic unit the probe chooses, stable
 *                            across readings), used to notice a pid reused by a new process; -1 when unknown
 * @param cpuTimeSec          user + system CPU consumed since start, seconds
 * @param rssMb               resident set size
 * @param vsizeMb             virtual size
 * @param threads             number of threads
 * @param openFds             number of open file descriptors
 * @param networkConnections  TCP and UDP sockets (IPv4 and IPv6) the process holds; NaN unless read as costly
 * @param diskIoMb            bytes read + written at the storage layer since start, MB
 * @param pssMb               proportional set size (Linux {@code smaps_rollup}); NaN unless read as costly
 * @param anonMb              anonymous memory (Linux)
 * @param swapMb              swapped-out memory (Linux)
 * @param maxOpenFiles        soft limit on open files
 * @param memoryLimitMb       the cgroup memory limit, NaN when there is none
 */
public record ProcessStats(long pid, long ppid, long startTimeTicks, double cpuTimeSec, double rssMb, double vsizeMb,
                           double threads, double openFds, double networkConnections, double diskIoMb,
                           double pssMb, double anonMb, double swapMb, double maxOpenFiles,
                           double memoryLimitMb) {
}
