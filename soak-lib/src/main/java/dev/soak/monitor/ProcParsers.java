package dev.soak.monitor;

import java.util.HashSet;
import java.util.Set;

/**
 * Parsers for the text of Linux {@code /proc} and cgroup files, one small static method per file,
 * each tested on literal file text ({@code ProcParsersTest}).
 *
 * <p>Every parser returns {@link Double#NaN} (or an empty result) for a field it cannot find, never
 * 0. Stateless and thread-safe.
 */
final class ProcParsers {

    static final double KIB_PER_MB = 1024.0;
    static final double BYTES_PER_MB = 1024.0 * 1024.0;
    /** Cgroup v1 reports "no limit" as a page-rounded {@code LONG_MAX}; anything this large is no limit. */
    static final long UNLIMITED_THRESHOLD_BYTES = 1L << 60;

    private ProcParsers() {
    }

    /**
     * The fields of {@code /proc/<pid>/stat} that the monitor uses.
     *
     * @param state          field 3, e.g. R, S, Z (zombie)
     * @param ppid           field 4
     * @param utimeTicks     field 14, user CPU in clock ticks
     * @param stimeTicks     field 15, system CPU in clock ticks
     * @param threads        field 20
     * @param startTimeTicks field 22, start time after boot in clock ticks (identifies the process across pid reuse)
     * @param vsizeBytes     field 23
     */
    record Stat(char state, long ppid, long utimeTicks, long stimeTicks, long threads, long startTimeTicks, long vsizeBytes) {
    }

    /**
     * Parses {@code /proc/<pid>/stat}. The command name (field 2) is in parentheses and may itself
     * contain spaces and parentheses, so fields are counted from the <em>last</em> ')'.
     *
     * @return the fields, or {@code null} when the text is not a stat line
     */
    static Stat parseStat(String text) {
        int close = text.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        // after ") " come fields 3 (state), 4 (ppid), ...
        String[] f = text.substring(close + 1).trim().split("\\s+");
        // f[0] = field 3, so field k is f[k - 3]
        if (f.length < 21 || f[0].isEmpty()) {
            return null;
        }
        try {
            return new Stat(f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                    Long.parseLong(f[17]), Long.parseLong(f[19]), Long.parseUnsignedLong(f[20]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The value, in kB, of the line {@code key: value kB} in a {@code status}, {@code smaps_rollup}
     * or {@code meminfo}-style file, converted to MB.
     *
     * @return MB, or NaN when the key is absent
     */
    static double kbFieldMb(String text, String key) {
        long kb = longField(text, key);
        return kb < 0 ? Double.NaN : kb / KIB_PER_MB;
    }

    /**
     * The first number after {@code key:} at the start of a line (e.g. {@code Threads:\t12}).
     *
     * @return the number, or -1 when the key is absent or not a number
     */
    static long longField(String text, String key) {
        int at = 0;
        while (true) {
            int i = text.indexOf(key, at);
            if (i < 0) {
                return -1;
            }
            int end = i + key.length();
            boolean lineStart = i == 0 || text.charAt(i - 1) == '\n';
            if (lineStart && end < text.length() && text.charAt(end) == ':') {
                int p = end + 1;
                while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
                    p++;
                }
                int q = p;
                while (q < text.length() && Character.isDigit(text.charAt(q))) {
                    q++;
                }
                if (q == p) {
                    return -1;
                }
                return Long.parseLong(text, p, q, 10);
            }
            at = end;
        }
    }

    /**
     * Parses {@code /proc/<pid>/io}: {@code read_bytes + write_bytes} (bytes that really reached
     * the storage layer) in MB.
     *
     * @return MB, or NaN when either line is missing
     */
    static double parseIoMb(String text) {
        long read = longField(text, "read_bytes");
        long write = longField(text, "write_bytes");
        if (read < 0 || write < 0) {
            return Double.NaN;
        }
        return (read + write) / BYTES_PER_MB;
    }

    /**
     * The soft limit of "Max open files" in {@code /proc/<pid>/limits}.
     *
     * @return the limit, or NaN when absent or "unlimited"
     */
    static double parseMaxOpenFiles(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("Max open files")) {
                String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                if (f.length == 0 || f[0].equals("unlimited")) {
                    return Double.NaN;
                }
                try {
                    return Long.parseLong(f[0]);
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
        return Double.NaN;
    }

    /**
     * The socket inodes of a {@code /proc/<pid>/net/{tcp,tcp6,udp,udp6}} table (column 10,
     * {@code inode}); the header line is skipped.
     */
    static Set<Long> parseNetInodes(String text) {
        Set<Long> inodes = new HashSet<>();
        forEachNetRow(text, (cols) -> {
            try {
                inodes.add(Long.parseLong(cols[9]));
            } catch (NumberFormatException ignored) {
                // a malformed row is skipped
            }
        });
        return inodes;
    }

    /**
     * The inodes of sockets in state LISTEN ({@code st = 0A}) on {@code port} in a
     * {@code /proc/net/tcp} or {@code tcp6} table.
     */
    static Set<Long> parseListenInodes(String text, int port) {
        Set<Long> inodes = new HashSet<>();
        forEachNetRow(text, (cols) -> {
            String local = cols[1];
            int colon = local.lastIndexOf(':');
            if (colon < 0 || !cols[3].equals("0A")) {
                return;
            }
            try {
                if (Integer.parseInt(local.substring(colon + 1), 16) == port) {
                    long inode = Long.parseLong(cols[9]);
                    if (inode != 0) {
                        inodes.add(inode);
                    }
                }
            } catch (NumberFormatException ignored) {
                // a malformed row is skipped
            }
        });
        return inodes;
    }

    private static void forEachNetRow(String text, java.util.function.Consumer<String[]> row) {
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] cols = lines[i].trim().split("\\s+");
            if (cols.length >= 10) {
                row.accept(cols);
            }
        }
    }

    /**
     * The inode of a {@code /proc/<pid>/fd/<n>} link target such as {@code socket:[12345]}.
     *
     * @return the inode, or -1 when the target is not a socket
     */
    static long socketInode(String linkTarget) {
        if (!linkTarget.startsWith("socket:[") || !linkTarget.endsWith("]")) {
            return -1;
        }
        try {
            return Long.parseLong(linkTarget, 8, linkTarget.length() - 1, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The cgroup path of the memory controller in {@code /proc/<pid>/cgroup}: the v1 line naming
     * {@code memory} when there is one, otherwise the v2 line {@code 0::/path}.
     *
     * @return {@code {version, path}} with version "1" or "2", or {@code null} when neither is present
     */
    static String[] parseMemoryCgroup(String text) {
        String v2 = null;
        for (String line : text.split("\n")) {
            int a = line.indexOf(':');
            int b = a < 0 ? -1 : line.indexOf(':', a + 1);
            if (b < 0) {
                continue;
            }
            String controllers = line.substring(a + 1, b);
            String path = line.substring(b + 1).trim();
            if (controllers.isEmpty() && line.startsWith("0:")) {
                v2 = path;
            }
            for (String c : controllers.split(",")) {
                if (c.equals("memory")) {
                    return new String[] {"1", path};
                }
            }
        }
        return v2 == null ? null : new String[] {"2", v2};
    }

    /**
     * A cgroup memory limit file ({@code memory.max} in v2, {@code memory.limit_in_bytes} in v1) in MB.
     *
     * @return MB, or NaN for {@code max}, a v1 "unlimited" value (≥ 2^60) or unparsable text
     */
    static double parseCgroupLimitMb(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.equals("max")) {
            return Double.NaN;
        }
        try {
            long bytes = Long.parseLong(t);
            return bytes >= UNLIMITED_THRESHOLD_BYTES || bytes < 0 ? Double.NaN : bytes / BYTES_PER_MB;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
