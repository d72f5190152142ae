package dev.soak.monitor;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ProcessProbe} that reads Linux {@code /proc} directly, without OSHI.
 *
 * <p>Per process it reads {@code stat} (CPU ticks, start time, virtual size), {@code status}
 * (RSS, threads, swap and anonymous memory as a fallback), {@code smaps_rollup} (PSS, anonymous,
 * swap), {@code io}, {@code limits}, {@code cgroup} and the cgroup's memory limit, lists
 * {@code fd/} and reads each fd's link (the only per-fd work), and — only when the process holds a
 * socket — {@code net/tcp}, {@code tcp6}, {@code udp}, {@code udp6} to tell TCP/UDP sockets from
 * Unix ones. Measured by {@code jbang-scripts/bench/monitor.java}: about 1–2 ms for a process with
 * 1,000 open fds and 200 threads.
 *
 * <p>A file that cannot be read (another user's process, an old kernel without
 * {@code smaps_rollup}) leaves its fields NaN. The procfs and cgroup roots are injectable, so tests
 * run on a directory of literal {@code /proc} text. Thread-safe: no mutable state.
 */
public final class LinuxProcProbe implements ProcessProbe {

    private static final String[] NET_TABLES = {"tcp", "tcp6", "udp", "udp6"};

    private final Path procRoot;
    private final Path cgroupRoot;
    private final double ticksPerSec;

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
    }

    @Override
    public String name() {
        return "linux-proc";
    }

    @Override
    public Optional<ProcessStats> read(long pid) {
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
        double rssMb = ProcParsers.kbFieldMb(status, "VmRSS");
        double vsizeMb = stat.vsizeBytes() / ProcParsers.BYTES_PER_MB;
        double anonMb = ProcParsers.kbFieldMb(status, "RssAnon");
        double swapMb = ProcParsers.kbFieldMb(status, "VmSwap");
        double pssMb = Double.NaN;
        String rollup = readOrNull(dir.resolve("smaps_rollup"));
        if (rollup != null) {
            pssMb = ProcParsers.kbFieldMb(rollup, "Pss");
            double a = ProcParsers.kbFieldMb(rollup, "Anonymous");
            double s = ProcParsers.kbFieldMb(rollup, "Swap");
            anonMb = Double.isNaN(a) ? anonMb : a;
            swapMb = Double.isNaN(s) ? swapMb : s;
        }
        String io = readOrNull(dir.resolve("io"));
        String limits = readOrNull(dir.resolve("limits"));
        double[] fdsAndSockets = countFdsAndSockets(dir);
        return Optional.of(new ProcessStats(pid, stat.ppid(), stat.startTimeTicks(),
                (stat.utimeTicks() + stat.stimeTicks()) / ticksPerSec, rssMb, vsizeMb, stat.threads(),
                fdsAndSockets[0], fdsAndSockets[1], io == null ? Double.NaN : ProcParsers.parseIoMb(io),
                pssMb, anonMb, swapMb, limits == null ? Double.NaN : ProcParsers.parseMaxOpenFiles(limits),
                memoryLimitMb(dir)));
    }

    /** {@code {open fds, TCP+UDP sockets}}, each NaN when {@code fd/} cannot be listed. */
    private double[] countFdsAndSockets(Path dir) {
        long fds = 0;
        long[] socketInodes = new long[16];
        int sockets = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.resolve("fd"))) {
            for (Path fd : entries) {
                fds++;
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException | UnsupportedOperationException e) {
                    continue; // closed between listing and reading, or not a link
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
            return new double[] {Double.NaN, Double.NaN};
        }
        if (sockets == 0) {
            return new double[] {fds, 0};
        }
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
            return new double[] {fds, Double.NaN};
        }
        long connections = 0;
        for (int i = 0; i < sockets; i++) {
            if (inet.contains(socketInodes[i])) {
                connections++;
            }
        }
        return new double[] {fds, connections};
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
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | SecurityException e) {
            return null;
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
