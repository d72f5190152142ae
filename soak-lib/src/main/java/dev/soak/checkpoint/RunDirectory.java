package dev.soak.checkpoint;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A run directory being written: the one place that documents its format.
 *
 * <h2>Layout</h2>
 * <pre>
 * run.json                     RunInfo: format_version, scenario_name, start, end, host, versions,
 *                              target_pid, target_command, status, seed, resumes (written atomically)
 * scenario.toml                the scenario's bytes exactly as run
 * resources.jsonl              one ResourceSample a line
 * metrics.jsonl                one IntervalMetrics a line
 * latency.hlog                 HdrHistogram interval log (see LatencyLogWriter)
 * events.jsonl                 one RunEvent a line
 * checkpoints/checkpoint-0001.json, -0002, …   one Checkpoint each (written atomically)
 * report.txt report.json report.html plots/*.png   end of run, or `analyze` (other packages)
 * </pre>
 *
 * <h2>Common rules</h2>
 * <ul>
 * <li>{@code *.jsonl}: UTF-8, one JSON object per line, each line ends with {@code \n}. Every line
 *     is handed to the operating system whole when written (no JVM buffering); all files are
 *     fsynced at each checkpoint ({@link #sync()}).</li>
 * <li>Times: {@code run.json} holds ISO-8601 times with a numeric offset
 *     ({@code 2026-11-28T05:14:37.120+00:00}); everything else counts seconds since the run's
 *     {@code start} ({@code t_sec}, {@code timestamp_sec}, hlog timestamps).</li>
 * <li>After a resume, {@code t_sec} keeps counting wall-clock seconds from the original
 *     {@code start} ({@link RunInfo#secondsSinceStart}), so the downtime shows as a gap rather than
 *     as overlapping times.</li>
 * <li>Numbers are written locale-independently ({@link Double#toString}); counts as integers.</li>
 * <li>A value that was not measured is absent (never 0, never NaN, never null).</li>
 * <li>Field names are part of the format: add fields freely, never rename. Readers ignore unknown
 *     fields. {@code run.json}'s {@code format_version} is {@value RunInfo#FORMAT_VERSION}.</li>
 * </ul>
 *
 * <h2>Fields</h2>
 * <ul>
 * <li>{@code resources.jsonl}: {@code t_sec}, {@code cpu_percent} (100 = one core), {@code rss_mb},
 *     {@code vsize_mb}, {@code threads}, {@code open_fds}, {@code network_connections},
 *     {@code disk_io_mb}, {@code pss_mb}, {@code anon_mb}, {@code swap_mb},
 *     {@code heap_after_gc_mb}, {@code max_open_files}, {@code memory_limit_mb}.</li>
 * <li>{@code metrics.jsonl}: {@code t_sec} (end of the interval), {@code interval_sec}, {@code ops},
 *     {@code errors}, {@code errors_by_class} {class → count, the classes with errors: one absent had none},
 *     {@code late}, {@code dropped},
 *     {@code intended_rate}, {@code achieved_rate} (ops/s), {@code p50_latency_ms},
 *     {@code p90_latency_ms}, {@code p95_latency_ms}, {@code p99_latency_ms},
 *     {@code p999_latency_ms}, {@code max_latency_ms} (from the intended start:
 *     coordinated-omission corrected), the same six with an {@code uncorrected_} prefix (from the
 *     actual send), {@code per_operation} {name → {ops, errors, errors_by_class,
 *     intended_rate, achieved_rate, the twelve latency fields}}, and {@code driver_pause_ms}: the load
 *     generator's own longest pause in the interval or the one before, whose held operations complete in it
 *     (absent in runs before it was measured).</li>
 * <li>{@code events.jsonl}: {@code t_sec}, {@code type} (start, warmup_end, checkpoint, warning,
 *     abort, target_exit, interrupted, resume, end, stall, driver_pause, …), {@code level} (info, warn, error),
 *     {@code message}, {@code details} {…} when not empty.</li>
 * <li>{@code checkpoints/checkpoint-NNNN.json}: {@code checkpoint}, {@code timestamp_sec},
 *     {@code metrics} {the metrics.jsonl fields + {@code throughput}, {@code error_rate}},
 *     {@code resources} {the resources.jsonl fields}, {@code heap_profile} {{@code allocated},
 *     {@code active}, {@code metadata}, {@code resident}, {@code mapped}, {@code jvm_heap_used},
 *     {@code jvm_heap_after_gc} (bytes), {@code source}}, {@code verdicts} {…}. See
 *     {@link Checkpoint}.</li>
 * <li>{@code latency.hlog}: HdrHistogram interval log, values in nanoseconds,
 *     {@code Tag=<operation>} per operation plus an untagged all-operations line per interval. See
 *     {@link LatencyLogWriter}.</li>
 * </ul>
 *
 * <h2>Crashes and resume</h2>
 * A writer killed mid-line (SIGKILL, power loss) leaves at most a torn last line per file; readers
 * ({@link RunDirectoryReader}) skip it and count it. {@link #resume} cuts torn last lines off before
 * appending, so no record is glued to a torn one, and records the repair in {@code run.json}'s
 * {@code resumes} and in a {@code resume} event. {@code run.json} and checkpoints are replaced
 * atomically (temporary file, fsync, rename), so they are either the old or the new version.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * try (RunDirectory run = RunDirectory.create(dir, RunInfo.newRun("smoke", now, seed, pid, cmd), tomlBytes)) {
 *     run.resources().append(sample);          // sampler thread
 *     run.metrics().append(interval);          // driver thread
 *     run.latencyLog().appendInterval(interval, correctedHistogramsByOperation);
 *     run.checkpoints().write(t, sinceLast, sample, heap, verdicts);
 *     run.sync();                              // at each checkpoint
 *     run.finish(RunStatus.COMPLETED, OffsetDateTime.now());
 * }
 * }</pre>
 *
 * <p>Thread-safe: every writer it hands out accepts concurrent calls; {@link #updateInfo},
 * {@link #finish} and {@link #sync} may be called from any thread.
 */
public final class RunDirectory implements Closeable {
    public static final String RUN_JSON = "run.json";
    public static final String SCENARIO_TOML = "scenario.toml";
    public static final String RESOURCES_JSONL = "resources.jsonl";
    public static final String METRICS_JSONL = "metrics.jsonl";
    public static final String LATENCY_HLOG = "latency.hlog";
    public static final String EVENTS_JSONL = "events.jsonl";
    public static final String CHECKPOINTS_DIR = "checkpoints";
    public static final String PLOTS_DIR = "plots";

    /** The files whose presence marks a directory as holding a run. */
    static final List<String> RUN_FILES =
        List.of(RUN_JSON, RESOURCES_JSONL, METRICS_JSONL, EVENTS_JSONL, LATENCY_HLOG);
    /** Line-oriented files repaired on resume. */
    static final List<String> LINE_FILES = List.of(RESOURCES_JSONL, METRICS_JSONL, EVENTS_JSONL, LATENCY_HLOG);

    private final Path dir;
    private final JsonLinesWriter<ResourceSample> resources;
    private final JsonLinesWriter<IntervalMetrics> metrics;
    private final JsonLinesWriter<RunEvent> events;
    private final LatencyLogWriter latencyLog;
    private final CheckpointWriter checkpoints;
    private final Optional<RunResume> resumed;
    private RunInfo info;

    private RunDirectory(Path dir, RunInfo info, boolean newRun, Optional<RunResume> resumed) {
        this.dir = dir;
        this.info = info;
        this.resumed = resumed;
        boolean newLog = newRun || isEmptyOrMissing(dir.resolve(LATENCY_HLOG));
        this.resources = new JsonLinesWriter<>(dir.resolve(RESOURCES_JSONL), RunJson::resources);
        this.metrics = new JsonLinesWriter<>(dir.resolve(METRICS_JSONL), RunJson::metrics);
        this.events = new JsonLinesWriter<>(dir.resolve(EVENTS_JSONL), RunJson::event);
        this.latencyLog = new LatencyLogWriter(dir.resolve(LATENCY_HLOG), info.start().toInstant().toEpochMilli(),
            newLog);
        this.checkpoints = new CheckpointWriter(dir.resolve(CHECKPOINTS_DIR));
    }

    /**
     * Starts a new run in {@code dir} (created when missing): writes {@code run.json} and
     * {@code scenario.toml}, and creates the empty data files.
     *
     * @param scenarioToml the scenario file's bytes exactly as read
     * @throws RunDirectoryException when {@code dir} already holds a run, or is a file
     */
    public static RunDirectory create(Path dir, RunInfo info, byte[] scenarioToml) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new RunDirectoryException(dir, dir + " is a file, not a directory; choose a directory for the"
                + " run's output (it is created when missing).");
        }
        List<String> found = RUN_FILES.stream().filter(f -> Files.exists(dir.resolve(f))).toList();
        if (holdsRun(dir)) {
            throw new RunDirectoryException(dir, dir + " already holds a run (found "
                + (found.isEmpty() ? CHECKPOINTS_DIR + "/" : String.join(", ", found)) + "). A new run would mix"
                + " its records with the old ones: choose another output directory, delete this one, or resume"
                + " the run in it.");
        }
        boolean existed = Files.isDirectory(dir);
        try {
            Files.createDirectories(dir.resolve(CHECKPOINTS_DIR));
            AtomicFiles.write(dir.resolve(SCENARIO_TOML), scenarioToml.clone());
            AtomicFiles.write(dir.resolve(RUN_JSON),
                RunJson.text(info.toJson()).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            undoCreate(dir, existed); // so that the same directory can be given again once the cause is mended
            throw new UncheckedIOException("cannot create the run directory " + dir + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) { // a file that could not be written (RunWriteException)
            undoCreate(dir, existed);
            throw e;
        }
        return new RunDirectory(dir, info, true, Optional.empty());
    }

    /** Removes what a failed {@link #create} made: its files, the checkpoints directory, {@code dir} if it made it. */
    private static void undoCreate(Path dir, boolean existed) {
        for (Path made : List.of(dir.resolve(RUN_JSON), dir.resolve(SCENARIO_TOML), dir.resolve(CHECKPOINTS_DIR))) {
            try {
                Files.deleteIfExists(made);
            } catch (IOException ignored) {
                // what cannot be removed stays; the failure reported is the create's
            }
        }
        if (!existed) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // not empty (someone else's files) or not removable: it stays
            }
        }
    }

    /**
     * Reopens a run for appending: cuts a torn last line off every line file (so the next record
     * starts on its own line), adds a {@link RunResume} to {@code run.json} (status back to
     * {@code running}) and appends a {@code resume} event whose details list what was dropped.
     *
     * @throws RunDirectoryException when {@code dir} holds no {@code run.json} or it cannot be read
     */
    public static RunDirectory resume(Path dir, Clock clock) {
        RunInfo old = RunDirectoryReader.open(dir).runInfo().orElseThrow(() -> new RunDirectoryException(dir,
            "cannot resume the run in " + dir + ": its " + RUN_JSON + " is missing or unreadable, so the run's"
                + " start time is unknown. Start a new run in another directory."));
        long droppedBytes = 0;
        int droppedLines = 0;
        Map<String, Object> details = new LinkedHashMap<>();
        for (String f : LINE_FILES) {
            long dropped = JsonLines.repairTornLastLine(dir.resolve(f));
            if (dropped > 0) {
                droppedBytes += dropped;
                droppedLines++;
                details.put(f + "_dropped_bytes", dropped);
            }
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        RunResume resume = new RunResume(now, old.secondsSinceStart(now), droppedBytes, droppedLines);
        RunInfo info = old.withResume(resume);
        RunDirectory run = new RunDirectory(dir, info, false, Optional.of(resume));
        run.writeInfo(info);
        details.put("dropped_bytes", droppedBytes);
        details.put("dropped_lines", droppedLines);
        details.put("previous_status", old.status().json());
        run.events.append(new RunEvent(resume.tSec(), RunEvent.RESUME, droppedLines > 0 ? "warn" : "info",
            String.format(Locale.ROOT, "run resumed (was %s); %d torn line(s), %d byte(s) dropped",
                old.status().json(), droppedLines, droppedBytes), details));
        return run;
    }

    private static boolean isEmptyOrMissing(Path file) {
        try {
            return !Files.exists(file) || Files.size(file) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether {@code dir} holds a run: any of run.json, the data files or a {@code checkpoints/}
     * directory (a directory of the seed's tool holds only checkpoints).
     */
    public static boolean holdsRun(Path dir) {
        return RUN_FILES.stream().anyMatch(f -> Files.exists(dir.resolve(f)))
            || Files.isDirectory(dir.resolve(CHECKPOINTS_DIR));
    }

    /** Replaces {@code run.json} atomically. */
    public synchronized void updateInfo(RunInfo newInfo) {
        writeInfo(newInfo);
    }

    private synchronized void writeInfo(RunInfo newInfo) {
        AtomicFiles.write(dir.resolve(RUN_JSON),
            RunJson.text(newInfo.toJson()).getBytes(StandardCharsets.UTF_8));
        this.info = newInfo;
    }

    /** Records the end of the run in {@code run.json} and syncs every file. */
    public synchronized void finish(RunStatus status, OffsetDateTime end) {
        sync();
        writeInfo(info.withEnd(end, status));
    }

    /** The current {@code run.json} content. */
    public synchronized RunInfo info() {
        return info;
    }

    /** The resume this directory was opened with, empty for a new run. */
    public Optional<RunResume> resumed() {
        return resumed;
    }

    public Path path() {
        return dir;
    }

    public JsonLinesWriter<ResourceSample> resources() {
        return resources;
    }

    public JsonLinesWriter<IntervalMetrics> metrics() {
        return metrics;
    }

    public JsonLinesWriter<RunEvent> events() {
        return events;
    }

    public LatencyLogWriter latencyLog() {
        return latencyLog;
    }

    public CheckpointWriter checkpoints() {
        return checkpoints;
    }

    /** {@code plots/}, created on first call. */
    public Path plotsDir() {
        try {
            return Files.createDirectories(dir.resolve(PLOTS_DIR));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir.resolve(PLOTS_DIR) + ": " + e.getMessage(), e);
        }
    }

    /** {@code report.<extension>} in this directory ({@code txt}, {@code json}, {@code html}). */
    public Path reportFile(String extension) {
        return dir.resolve("report." + extension);
    }

    /** Forces every line file to disk (fsync); call at each checkpoint. */
    public void sync() {
        resources.sync();
        metrics.sync();
        events.sync();
        latencyLog.sync();
    }

    /** Syncs and closes every file. Does not change the status: call {@link #finish} first. */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (Closeable c : List.<Closeable>of(resources, metrics, events, latencyLog)) {
            try {
                c.close();
            } catch (IOException e) {
                failures.add(new UncheckedIOException(e));
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }
}
