package dev.soak.monitor;

import java.util.Optional;
import oshi.SystemInfo;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * A {@link ProcessProbe} backed by OSHI, for platforms without {@code /proc} (macOS, Windows, the
 * BSDs).
 *
 * <p>OSHI reports "unknown" as 0 or -1 on some platforms; this probe turns every value that is not
 * positive where a positive value is certain (RSS, virtual size, thread count, soft fd limit) and
 * every negative value elsewhere into NaN, so that 0 never stands for "not measured". It cannot
 * give PSS, anonymous or swap memory, nor a cgroup limit (NaN). Network connections come from
 * OSHI's system-wide connection table filtered by owning pid where the platform fills that in,
 * which is slower than the process data. Thread-safe (OSHI's {@link OperatingSystem} is).
 */
public final class OshiProbe implements ProcessProbe {

    private final OperatingSystem os;

    /** A probe over the running system. */
    public OshiProbe() {
        this.os = new SystemInfo().getOperatingSystem();
    }

    @Override
    public String name() {
        return "oshi";
    }

    @Override
    public Optional<ProcessStats> read(long pid, boolean costly) {
        if (pid > Integer.MAX_VALUE || pid < 0) {
            return Optional.empty();
        }
        OSProcess p = os.getProcess((int) pid);
        if (p == null || p.getState() == OSProcess.State.INVALID || p.getState() == OSProcess.State.ZOMBIE) {
            return Optional.empty();
        }
        double cpuSec = (p.getKernelTime() + p.getUserTime()) / 1000.0;
        double io = p.getBytesRead() < 0 || p.getBytesWritten() < 0 ? Double.NaN
                : (p.getBytesRead() + p.getBytesWritten()) / ProcParsers.BYTES_PER_MB;
        return Optional.of(new ProcessStats(pid, p.getParentProcessID(), p.getStartTime(), cpuSec,
                positiveOrNaN(p.getResidentSetSize()) / ProcParsers.BYTES_PER_MB,
                positiveOrNaN(p.getVirtualSize()) / ProcParsers.BYTES_PER_MB,
                positiveOrNaN(p.getThreadCount()), nonNegativeOrNaN(p.getOpenFiles()), costly ? connections(pid) : Double.NaN, io,
                Double.NaN, Double.NaN, Double.NaN, positiveOrNaN(p.getSoftOpenFileLimit()), Double.NaN));
    }

    private double connections(long pid) {
        try {
            InternetProtocolStats ip = os.getInternetProtocolStats();
            long n = 0;
            boolean anyOwner = false;
            for (InternetProtocolStats.IPConnection c : ip.getConnections()) {
                if (c.getowningProcessId() >= 0) {
                    anyOwner = true;
                }
                if (c.getowningProcessId() == pid) {
                    n++;
                }
            }
            return anyOwner ? n : Double.NaN;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double positiveOrNaN(long v) {
        return v > 0 ? v : Double.NaN;
    }

    private static double nonNegativeOrNaN(long v) {
        return v >= 0 ? v : Double.NaN;
    }
}
