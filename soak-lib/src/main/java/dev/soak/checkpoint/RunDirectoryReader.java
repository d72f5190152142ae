package dev.soak.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * Tolerant reader of a run directory (format: {@link RunDirectory}), for {@code analyze},
 * {@code plot}, notebooks and the live orchestrator alike. Works on a finished run, on one whose
 * writer was killed mid-line, and on one still being written: each call reads the complete lines
 * present at that moment, skips a torn or corrupt line and counts it in its {@link ReadResult}.
 * Missing optional files read as empty. Nothing is cached: call again to see new records.
 *
 * <p>Thread-safe: immutable; each method opens its own file handles.
 */
public final class RunDirectoryReader {
    private final Path dir;
    /** The threads that decode resources.jsonl and metrics.jsonl lines; one: the caller's. */
    private final int threads;

    private RunDirectoryReader(Path dir, int threads) {
        this.dir = dir;
        this.threads = threads;
    }

    /**
     * Opens {@code dir} for reading.
     *
     * @throws RunDirectoryException when {@code dir} does not exist, is not a directory, or holds
     *                               none of {@code run.json}, {@code resources.jsonl},
     *                               {@code metrics.jsonl}, {@code events.jsonl}, {@code latency.hlog},
     *                               {@code checkpoints/}
     */
    public static RunDirectoryReader open(Path dir) {
        if (!Files.exists(dir)) {
            throw new RunDirectoryException(dir, "run directory " + dir + " does not exist; pass the directory a"
                + " soak run wrote (its --output-dir, holding run.json and metrics.jsonl).");
        }
        if (!Files.isDirectory(dir)) {
            throw new RunDirectoryException(dir, dir + " is a file, not a run directory; pass the directory a soak"
                + " run wrote (its --output-dir, holding run.json and metrics.jsonl).");
        }
        if (!RunDirectory.holdsRun(dir)) {
            throw new RunDirectoryException(dir, dir + " is not a Soak run directory: it contains none of "
                + String.join(", ", RunDirectory.RUN_FILES) + ", " + RunDirectory.CHECKPOINTS_DIR + "/. Pass the directory a soak run wrote (its"
                + " --output-dir).");
        }
        return new RunDirectoryReader(dir, 1);
    }

    /**
     * This directory, read by a reader that decodes the lines of {@code resources.jsonl} and {@code metrics.jsonl} on
     * every core (the same rows, in the same order): for a report, which reads them once and whole. A running soak's
     * live looks read on their one thread, beside the load.
     */
    public RunDirectoryReader onAllCores() {
        return new RunDirectoryReader(dir, Runtime.getRuntime().availableProcessors());
    }

    public Path path() {
        return dir;
    }

    /** {@code run.json}, empty when it is missing or unreadable (see {@link #runInfoProblem()}). */
    public Optional<RunInfo> runInfo() {
        try {
            return Optional.of(readRunInfo());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Why {@link #runInfo()} is empty, naming the file; empty when run.json reads fine. */
    public Optional<String> runInfoProblem() {
        try {
            readRunInfo();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage());
        }
    }

    private RunInfo readRunInfo() {
        Path file = dir.resolve(RunDirectory.RUN_JSON);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(file + " is missing");
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be read: " + e.getMessage(), e);
        }
        try {
            return RunInfo.fromJson(RunJson.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " cannot be read: " + e.getMessage());
        }
    }

    /** The scenario file's bytes as run, empty when {@code scenario.toml} is missing. */
    public Optional<byte[]> scenarioToml() {
        try {
            return Optional.of(Files.readAllBytes(dir.resolve(RunDirectory.SCENARIO_TOML)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(RunDirectory.SCENARIO_TOML), e);
        }
    }

    /** {@code resources.jsonl}; a line without {@code t_sec} is corrupt. */
    public ReadResult<ResourceSample> resources() {
        return read(RunDirectory.RESOURCES_JSONL, RecordDecoder::resources, UnaryOperator.identity());
    }

    /** {@code metrics.jsonl}; a line without {@code t_sec} is corrupt; missing counts read as 0. */
    public ReadResult<IntervalMetrics> metrics() {
        return metrics(UnaryOperator.identity());
    }

    /**
     * {@code metrics.jsonl} as {@link #metrics()} reads it, keeping of each interval what {@code keep} returns (it sees
     * every row whole, in file order; null keeps nothing): a reader that needs the per-operation detail only summed
     * over the run sums it there and keeps {@link IntervalMetrics#totals()}, a CSV export writes each row and keeps
     * none.
     */
    public ReadResult<IntervalMetrics> metrics(UnaryOperator<IntervalMetrics> keep) {
        return read(RunDirectory.METRICS_JSONL, (b, off, n) -> RecordDecoder.metrics(b, off, n, true), keep);
    }

    /**
     * {@code metrics.jsonl} as {@link #metrics()} reads it, each interval's all-operations totals only: no
     * {@code per_operation} and no {@code errors_by_class} (empty), which is all the trend analysis reads. A run's
     * live looks read the whole file each time; a day of 1 s intervals of four operations takes about 200 MB as
     * {@link #metrics()} holds it.
     */
    public ReadResult<IntervalMetrics> metricTotals() {
        return read(RunDirectory.METRICS_JSONL, (b, off, n) -> RecordDecoder.metrics(b, off, n, false),
            UnaryOperator.identity());
    }

    /** A JSON-lines file's rows, each decoded line passed through {@code keep} in file order. */
    private <T> ReadResult<T> read(String file, JsonLines.BytesDecoder<T> decode, UnaryOperator<T> keep) {
        if (threads > 1) {
            return JsonLines.readBytes(dir.resolve(file), decode, keep, threads);
        }
        return JsonLines.readBytes(dir.resolve(file), (b, off, n) -> keep.apply(decode.decode(b, off, n)));
    }

    /** {@code events.jsonl}; a line without {@code t_sec} is corrupt. */
    public ReadResult<RunEvent> events() {
        return JsonLines.read(dir.resolve(RunDirectory.EVENTS_JSONL), line -> RunJson.event(RunJson.parse(line)));
    }

    /** {@code latency.hlog}. */
    public LatencyLog latencyLog() {
        return LatencyLogReader.read(dir.resolve(RunDirectory.LATENCY_HLOG));
    }

    /**
     * {@code checkpoints/checkpoint-NNNN.json} in number order; an unreadable file counts as one
     * skipped line. Temporary files of an interrupted write are ignored.
     */
    public ReadResult<Checkpoint> checkpoints() {
        Path cdir = dir.resolve(RunDirectory.CHECKPOINTS_DIR);
        if (!Files.isDirectory(cdir)) {
            return ReadResult.empty();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(cdir)) {
            files = s.filter(p -> CheckpointWriter.NAME.matcher(p.getFileName().toString()).matches())
                .sorted(Comparator.comparingInt(RunDirectoryReader::checkpointNumber)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + cdir + ": " + e.getMessage(), e);
        }
        List<Checkpoint> rows = new ArrayList<>();
        JsonLines.Scan problems = new JsonLines.Scan();
        for (Path f : files) {
            try {
                rows.add(Checkpoint.fromJson(RunJson.parse(Files.readString(f))));
            } catch (NoSuchFileException e) {
                // removed meanwhile
            } catch (IOException | RuntimeException e) {
                problems.warn(RunDirectory.CHECKPOINTS_DIR + "/" + f.getFileName() + ": " + e.getMessage()
                    + "; skipped");
            }
        }
        return new ReadResult<>(rows, problems.skipped, problems.finishWarnings());
    }

    private static int checkpointNumber(Path p) {
        Matcher m = CheckpointWriter.NAME.matcher(p.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }
}
