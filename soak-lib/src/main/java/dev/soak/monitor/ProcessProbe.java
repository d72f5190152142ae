package dev.soak.monitor;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the resources of one process by pid, on one platform.
 *
 * <p>Implementations: {@link LinuxProcProbe} reads {@code /proc} directly (the fast path);
 * {@link OshiProbe} serves every other platform through OSHI. {@link #forThisPlatform()} is the one
 * place that chooses. Implementations are thread-safe.
 */
public interface ProcessProbe {

    /**
     * Reads one process.
     *
     * @param pid    the process id
     * @param costly whether to read the fields whose cost grows with the process
     *               ({@code pss_mb}, {@code network_connections}); when false they are NaN
     * @return its stats, or empty when no such process exists (any more)
     */
    Optional<ProcessStats> read(long pid, boolean costly);

    /** Reads one process with every field ({@code read(pid, true)}). */
    default Optional<ProcessStats> read(long pid) {
        return read(pid, true);
    }

    /**
     * The pids of every live descendant of {@code pid} (children, their children, …).
     * The default uses {@link ProcessHandle#descendants()}.
     */
    default List<Long> descendants(long pid) {
        return ProcessHandle.of(pid).stream()
                .flatMap(ProcessHandle::descendants)
                .map(ProcessHandle::pid)
                .toList();
    }

    /** A short name for reports and benchmarks, e.g. {@code linux-proc} or {@code oshi}. */
    String name();

    /** {@link LinuxProcProbe} on Linux when {@code /proc/self/stat} is readable, otherwise {@link OshiProbe}. */
    static ProcessProbe forThisPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux") && java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/self/stat"))) {
            return new LinuxProcProbe();
        }
        return new OshiProbe();
    }
}
