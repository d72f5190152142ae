package dev.soak.monitor;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ProcessProbe} that reads Linux {@code /proc} directly, without OSHI.
 *
 * <p>Every reading takes {@code stat} (CPU ticks, start time, virtual size, threads),
 * {@code status} (RSS, anonymous, swap), {@code io}, {@code limits}, {@code cgroup} and the
 * cgroup's memory limit, and the fd count from one {@code stat} of {@code fd/} (its size is the fd
 * count since Linux 6.2; older kernels list it). That is about ten small reads, whatever the
 * process's size. The costly fields — {@code pss_mb} from {@code smaps_rollup} (walks the page
 * tables under the target's mmap lock) and {@code network_connections} (a readlink per fd, plus the
 * namespace's TCP/UDP tables for sockets not seen before) — are read only when asked
 * ({@code costly = true}); on the benchmark machine they cost ~2 ms and ~15–40 ms for 1,000 fds,
 * because a /proc readlink costs ~15 µs there.
 *
 * <p>A file that cannot be read (another user's process, an old kernel without
 * {@code smaps_rollup}) leaves its fields NaN. The procfs and cgroup roots are injectable, so tests
 * run on a directory of literal {@code /proc} text. Thread-safe: the only state is a concurrent
 * cache of socket classes.
 */
public final class LinuxProcProbe implements ProcessProbe {

    private static final String[] NET_TABLES = {"tcp", "tcp6", "udp", "udp6"};
    private static final int MAX_CACHED_INODES = 1 << 16;

    private final Path procRoot;
    private final Path cgroupRoot;
    private final double ticksPerSec;
    /** Socket inode to "is TCP or UDP"; a socket's class never changes while its inode lives. */
    private final Map<Long, Boolean> inetByInode = new ConcurrentHashMap<>();
    /** On a real procfs the size of {@code fd/} is the fd count (Linux ≥ 6.2; 0 before). */
    private final boolean fdDirSizeIsCount;

    /** Reads the live system: {@code /proc} and {@code /sys/fs/cgroup}. */
    public LinuxProcProbe() {
        this(Path.of("/proc"), Path.of("/sys/fs/cgroup"), ClockTicks.PER_SECOND);
    }

    /**
     * Reads a procfs tree at {@code procRoot} and a cgroup tree at {@code cgroupRoot} (tests).
     *
     * @param ticksPerSec clock ticks per second of {@code stat}'s CPU fields ({@code getconf CLK_TCK}, normally 100)
     */
    public LinuxProcProbe(Path procRoot, Path cgroupRoot, double ticksPerSec) {
        if (!(ticksPerSec > 0)) {
            throw new IllegalArgumentException("ticksPerSec = " + ticksPerSec + " must be > 0; pass getconf CLK_TCK (usually 100)");
        }
        this.procRoot = procRoot;
        this.cgroupRoot = cgroupRoot;
        this.ticksPerSec = ticksPerSec;
        this.fdDirSizeIsCount = isProcfs(procRoot);
    }

    private static boolean isProcfs(Path root) {
        try {
            return Files.getFileStore(root).type().equals("proc");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String name() {
        return "linux-proc";
    }

    @Override
    public Optional<ProcessStats> read(long pid, boolean costly) {
        Path dir = procRoot.resolve(Long.toString(pid));
        String statText = readOrNull(dir.resolve("stat"));
        ProcParsers.Stat stat = statText == null ? null : ProcParsers.parseStat(statText);
        if (stat == null || stat.state() == 'Z' || stat.state() == 'X') {
            return Optional.empty();
        }
        String status = readOrNull(dir.resolve("status"));
        if (status == null) {
            return Optional.empty();
        }
        double pssMb = Double.NaN;
        double connections = Double.NaN;
        if (costly) {
            String rollup = readOrNull(dir.resolve("smaps_rollup"));
            pssMb = rollup == null ? Double.NaN : ProcParsers.kbFieldMb(rollup, "Pss");
            connections = countInetSockets(dir);
        }
        String io = readOrNull(dir.resolve("io"));
        String limits = readOrNull(dir.resolve("limits"));
        return Optional.of(new ProcessStats(pid, stat.ppid(), stat.startTimeTicks(),
                (stat.utimeTicks() + stat.stimeTicks()) / ticksPerSec, ProcParsers.kbFieldMb(status, "VmRSS"),
                stat.vsizeBytes() / ProcParsers.BYTES_PER_MB, stat.threads(), countFds(dir.resolve("fd"), fdDirSizeIsCount), connections,
                io == null ? Double.NaN : ProcParsers.parseIoMb(io), pssMb, ProcParsers.kbFieldMb(status, "RssAnon"),
                ProcParsers.kbFieldMb(status, "VmSwap"),
                limits == null ? Double.NaN : ProcParsers.parseMaxOpenFiles(limits), memoryLimitMb(dir)));
    }

    /**
     * Open fds: since Linux 6.2 the size of {@code /proc/<pid>/fd} is the fd count (one stat call);
     * older kernels report 0 there, and then the directory is listed. NaN when not readable.
     */
    private static double countFds(Path fdDir, boolean dirSizeIsCount) {
        try {
            long size = Files.readAttributes(fdDir, BasicFileAttributes.class).size();
            if (dirSizeIsCount && size > 0) {
                return size;
            }
            long n = 0;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(fdDir)) {
                for (Path ignored : entries) {
                    n++;
                }
            }
            return n;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * TCP and UDP sockets among the process's fds: each fd's link is read ({@code socket:[inode]}),
     * and each socket inode not yet classified is looked up in the namespace's
     * {@code net/tcp}, {@code tcp6}, {@code udp}, {@code udp6} tables. Those tables are read only
     * when an unclassified socket appears (reading {@code net/tcp} walks the kernel's whole
     * connection hash table: ~17 ms on the benchmark machine), and a socket inode's class never
     * changes while it exists, so it is cached. NaN when {@code fd/} cannot be listed.
     */
    private double countInetSockets(Path dir) {
        long[] socketInodes = new long[16];
        int sockets = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.resolve("fd"))) {
            for (Path fd : entries) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException | UnsupportedOperationException e) {
                    continue; // closed between listing and reading
                }
                long inode = ProcParsers.socketInode(target);
                if (inode >= 0) {
                    if (sockets == socketInodes.length) {
                        socketInodes = Arrays.copyOf(socketInodes, sockets * 2);
                    }
                    socketInodes[sockets++] = inode;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        boolean unknown = false;
        for (int i = 0; i < sockets && !unknown; i++) {
            unknown = !inetByInode.containsKey(socketInodes[i]);
        }
        if (unknown) {
            Set<Long> inet = new HashSet<>();
            boolean anyTable = false;
            for (String table : NET_TABLES) {
                String text = readOrNull(dir.resolve("net").resolve(table));
                if (text != null) {
                    anyTable = true;
                    inet.addAll(ProcParsers.parseNetInodes(text));
                }
            }
            if (!anyTable) {
                return Double.NaN;
            }
            if (inetByInode.size() > MAX_CACHED_INODES) {
                inetByInode.clear();
            }
            for (int i = 0; i < sockets; i++) {
                inetByInode.put(socketInodes[i], inet.contains(socketInodes[i]));
            }
        }
        long connections = 0;
        for (int i = 0; i < sockets; i++) {
            if (Boolean.TRUE.equals(inetByInode.get(socketInodes[i]))) {
                connections++;
            }
        }
        return connections;
    }

    /**
     * The tightest memory limit on the process's cgroup and its ancestors, in MB; NaN when none is
     * set or the cgroup files cannot be found.
     */
    private double memoryLimitMb(Path dir) {
        String cg = readOrNull(dir.resolve("cgroup"));
        String[] memory = cg == null ? null : ProcParsers.parseMemoryCgroup(cg);
        if (memory == null) {
            return Double.NaN;
        }
        boolean v1 = memory[0].equals("1");
        Path base = v1 ? cgroupRoot.resolve("memory") : cgroupRoot;
        String file = v1 ? "memory.limit_in_bytes" : "memory.max";
        String rel = memory[1].startsWith("/") ? memory[1].substring(1) : memory[1];
        double min = Double.NaN;
        boolean foundAny = false;
        Path p = rel.isEmpty() ? base : base.resolve(rel);
        while (p != null && p.startsWith(base)) {
            String text = readOrNull(p.resolve(file));
            if (text != null) {
                foundAny = true;
                double mb = ProcParsers.parseCgroupLimitMb(text);
                if (!Double.isNaN(mb) && (Double.isNaN(min) || mb < min)) {
                    min = mb;
                }
            }
            if (p.equals(base)) {
                break;
            }
            p = p.getParent();
        }
        if (!foundAny && !rel.isEmpty()) {
            // in a cgroup namespace the path may not exist under our view of the tree; the root is ours
            String text = readOrNull(base.resolve(file));
            if (text != null) {
                min = ProcParsers.parseCgroupLimitMb(text);
            }
        }
        return min;
    }

    /** The whole file as ISO-8859-1 text (procfs is ASCII), or {@code null} when it cannot be read. */
    static String readOrNull(Path file) {
        try (InputStream in = new FileInputStream(file.toString())) {
            byte[] buf = new byte[4096];
            int n = 0;
            while (true) {
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
            }
            return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        } catch (IOException | SecurityException e) {
            return null; // gone, not ours to read, or not there on this kernel
        }
    }

    /** {@code getconf CLK_TCK}, read once; 100 (the value on every mainstream Linux) when it cannot be run. */
    static final class ClockTicks {
        static final double PER_SECOND = query();

        private ClockTicks() {
        }

        private static double query() {
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
                p.waitFor();
                double v = Double.parseDouble(out);
                return v > 0 ? v : 100;
            } catch (IOException | NumberFormatException e) {
                return 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 100;
            }
        }
    }
}
