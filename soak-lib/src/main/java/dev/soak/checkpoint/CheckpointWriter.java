package dev.soak.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes {@code checkpoints/checkpoint-0001.json}, {@code -0002}, … (see {@link Checkpoint} for
 * the fields); obtained from {@link RunDirectory}. Each file is written whole to a temporary file,
 * synced, then renamed into place, so a checkpoint is either absent or complete. Numbering continues
 * after the highest existing checkpoint when a run is resumed.
 *
 * <p>Thread-safe: concurrent calls are serialised and get distinct numbers.
 */
public final class CheckpointWriter {
    static final Pattern NAME = Pattern.compile("checkpoint-(\\d{4,})\\.json");

    private final Path dir;
    private int lastNumber;

    CheckpointWriter(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(p -> {
                    String name = p.getFileName().toString();
                    Matcher m = NAME.matcher(name);
                    if (m.matches()) {
                        lastNumber = Math.max(lastNumber, Integer.parseInt(m.group(1)));
                    } else if (name.endsWith(".tmp")) {
                        try {
                            Files.deleteIfExists(p); // left by a crash between write and rename
                        } catch (IOException ignored) {
                            // harmless: readers ignore *.tmp
                        }
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the next checkpoint.
     *
     * @param timestampSec  seconds since the run started
     * @param metrics       load of the interval since the previous checkpoint
     * @param resources     the latest resource sample
     * @param heapProfile   allocator / heap figures ({@link HeapProfile#none()} when there are none)
     * @param verdicts      detector output as JSON-like values (maps, lists, strings, numbers,
     *                      booleans, Jackson nodes, or records Jackson can serialise); a NaN or
     *                      infinite field is left out (in an array it becomes null)
     * @return the checkpoint as written (with its number)
     */
    public Checkpoint write(double timestampSec, IntervalMetrics metrics, ResourceSample resources,
                            HeapProfile heapProfile, Map<String, ?> verdicts) {
        JsonNode verdictsJson = RunJson.MAPPER.valueToTree(verdicts);
        return write(timestampSec, metrics, resources, heapProfile, verdictsJson);
    }

    /** As {@link #write(double, IntervalMetrics, ResourceSample, HeapProfile, Map)} with verdicts as a JSON object. */
    @SuppressWarnings("unchecked")
    public synchronized Checkpoint write(double timestampSec, IntervalMetrics metrics, ResourceSample resources,
                                        HeapProfile heapProfile, JsonNode verdicts) {
        if (!verdicts.isObject()) {
            throw new IllegalArgumentException("verdicts must be a JSON object, got " + verdicts.getNodeType());
        }
        verdicts = RunJson.withoutNonFinite(verdicts.deepCopy());
        int number = lastNumber + 1;
        Checkpoint c = new Checkpoint(number, timestampSec, metrics, resources, heapProfile,
            RunJson.MAPPER.convertValue(verdicts, java.util.LinkedHashMap.class));
        byte[] bytes = RunJson.text(c.toJson(verdicts)).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(fileName(number)), bytes);
        lastNumber = number;
        return c;
    }

    /** The number the next checkpoint will get. */
    public synchronized int nextNumber() {
        return lastNumber + 1;
    }

    static String fileName(int number) {
        return String.format(Locale.ROOT, "checkpoint-%04d.json", number);
    }
}
