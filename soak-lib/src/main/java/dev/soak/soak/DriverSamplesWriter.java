package dev.soak.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.checkpoint.RunWriteException;
import dev.soak.monitor.SelfSample;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes {@code driver.jsonl}: the load driver's own footprint, one line per resource check,
 * beside the target's {@code resources.jsonl}. A driver whose own RSS, heap or GC time climbs
 * makes the target's latency figures suspect, so the two are kept side by side.
 *
 * <p>Format: the {@code resources.jsonl} field names for this JVM ({@code t_sec}, {@code rss_mb},
 * {@code cpu_percent}, {@code threads}, {@code open_fds}, {@code heap_after_gc_mb}, …; a field not
 * measured is left out), plus {@code heap_used_mb} (JVM heap in use now), {@code gc_time_sec} and
 * {@code gc_count} (cumulative). Because the names are those of {@code resources.jsonl}, a copy of
 * this file named {@code resources.jsonl} is analysed by {@code analyze} like any target.
 *
 * <p>Thread-safe: {@link #append} is synchronized.
 */
final class DriverSamplesWriter implements Closeable {
    static final String FILE_NAME = "driver.jsonl";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final FileChannel channel;
    private final Path file;

    DriverSamplesWriter(Path runDir) {
        file = runDir.resolve(FILE_NAME);
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + runDir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }

    synchronized void append(SelfSample s) {
        ResourceSample r = s.resources();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("t_sec", r.tSec());
        put(n, "cpu_percent", r.cpuPercent());
        put(n, "rss_mb", r.rssMb());
        put(n, "vsize_mb", r.vsizeMb());
        put(n, "threads", r.threads());
        put(n, "open_fds", r.openFds());
        put(n, "network_connections", r.networkConnections());
        put(n, "pss_mb", r.pssMb());
        put(n, "anon_mb", r.anonMb());
        put(n, "swap_mb", r.swapMb());
        put(n, "heap_after_gc_mb", r.heapAfterGcMb());
        put(n, "max_open_files", r.maxOpenFiles());
        put(n, "heap_used_mb", s.heapUsedMb());
        put(n, "gc_time_sec", s.gcTimeSec());
        n.put("gc_count", s.gcCount());
        try {
            channel.write(ByteBuffer.wrap((MAPPER.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new RunWriteException("cannot append to " + file, file, e);
        }
    }

    private static void put(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15 && (key.equals("threads") || key.equals("open_fds")
                || key.equals("network_connections") || key.equals("max_open_files"))) {
                n.put(key, (long) v);
            } else {
                n.put(key, v);
            }
        }
    }

    synchronized void sync() {
        try {
            channel.force(false);
        } catch (IOException e) {
            // best effort: a failed fsync of the driver's own samples must not end the run
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing an append-only file: nothing left to save
        }
    }
}
