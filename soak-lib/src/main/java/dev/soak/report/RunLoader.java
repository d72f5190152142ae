package dev.soak.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.soak.checkpoint.Checkpoint;
import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.LatencyLogWriter;
import dev.soak.checkpoint.LatencySummary;
import dev.soak.checkpoint.OperationMetrics;
import dev.soak.checkpoint.ReadResult;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.checkpoint.RunDirectoryException;
import dev.soak.checkpoint.RunDirectoryReader;
import dev.soak.checkpoint.RunEvent;
import dev.soak.checkpoint.SparseHistogram;
import dev.soak.detect.AnalysisOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * Loads one or several run directories — complete, aborted, crashed or still being written, with
 * or without checkpoint files — into one {@link RunData}.
 *
 * <p>Several directories are the load generators of one test, merged exactly: in each interval,
 * {@code ops}, {@code errors}, {@code late}, {@code dropped} and the rates are summed, and the
 * latency percentiles are recomputed from the {@code latency.hlog} histograms <em>added</em>
 * across generators (never averaged). Without latency.hlog a merged percentile is the largest of
 * the generators' (an upper bound) and a note says so. Resource samples come from the first
 * directory that has them (the generators watch the same target). Stateless and thread-safe.
 */
public final class RunLoader {
    private static final List<String> RUN_FILES = List.of("run.json", "resources.jsonl", "metrics.jsonl", "checkpoints");

    private RunLoader() {
    }

    /**
     * Reads the directories for a report: each load interval's totals, and its per-operation detail summed over the
     * run ({@link RunData#operations()}); see {@link #load(List, boolean)}.
     *
     * @throws BadInputException when a path is not a directory or holds none of the run files
     */
    public static RunData load(List<Path> directories) {
        return load(directories, false);
    }

    /**
     * Reads the directories.
     *
     * @param perOperation keep each load interval's per-operation detail (for a table of every interval, as the CSV
     *                     export writes); without it each interval holds its totals only, about a fifth of the memory
     *                     with four operations
     * @throws BadInputException when a path is not a directory or holds none of the run files
     */
    public static RunData load(List<Path> directories, boolean perOperation) {
        return load(directories, perOperation, Progress.none());
    }

    /** {@link #load(List, boolean)}, naming each file to {@code progress} as it starts reading it. */
    public static RunData load(List<Path> directories, boolean perOperation, Progress progress) {
        if (directories.isEmpty()) {
            throw new BadInputException("no run directory given: pass the directory a soak run wrote (it holds run.json, resources.jsonl, metrics.jsonl)");
        }
        List<String> notes = new ArrayList<>();
        List<One> ones = new ArrayList<>();
        for (Path dir : directories) {
            ones.add(readOne(dir, notes, directories.size() > 1, perOperation, progress));
        }
        One first = ones.get(0);
        List<ResourceSample> resources = ones.stream().map(o -> o.resources).filter(r -> !r.isEmpty()).findFirst().orElse(List.of());
        if (ones.size() > 1 && ones.stream().filter(o -> !o.resources.isEmpty()).count() > 1) {
            notes.add("resource samples are taken from the first directory that has them; the other directories' samples of the same target are not used");
        }
        LatencyLog latency = ones.size() == 1 ? first.latency : LatencyLog.merge(ones.stream().map(o -> o.latency).toList());
        List<IntervalMetrics> metrics = ones.size() == 1 ? first.metrics : mergeMetrics(ones, latency, notes);
        OperationSums operations = ones.size() == 1 ? first.operations : OperationSums.merge(ones.stream().map(o -> o.operations).toList());
        List<RunEvent> events = new ArrayList<>();
        ones.forEach(o -> events.addAll(o.events));
        events.sort(Comparator.comparingDouble(RunEvent::tSec));
        String status = ones.stream().map(o -> o.status).max(Comparator.comparingInt(RunLoader::severity)).orElse("unknown");
        ScenarioFacts facts = ScenarioFacts.parse(first.scenarioText, notes);
        if (first.scenarioText.isEmpty()) {
            notes.add("scenario.toml is missing: default thresholds (10 MB/h, 2 %/h) and automatic warm-up are used");
        }
        if (resources.isEmpty()) {
            notes.add("no resource samples (resources.jsonl is missing or empty): no memory, thread or fd verdicts");
        }
        if (metrics.isEmpty()) {
            notes.add("no load intervals (metrics.jsonl is missing or empty): no latency verdicts");
        }
        if (latency.isEmpty()) {
            notes.add("latency.hlog is missing or empty: percentiles come from metrics.jsonl");
        }
        AnalysisOptions options = RunAnalysis.options(facts, events);
        List<GeneratorFootprint> generators = ones.stream()
                .map(o -> GeneratorFootprint.read(o.dir, options, targetInThisJvm(o.events), lastStartSec(o.events)))
                .flatMap(java.util.Optional::stream).toList();
        return new RunData(directories, first.runInfo, status, first.scenarioText, facts, resources, metrics, operations,
                events, latency, notes, generators);
    }

    /**
     * When the last part of the run in this directory started (its last {@code start} event; 0 when it has one part or
     * none): each part runs in a JVM of its own.
     */
    private static double lastStartSec(List<RunEvent> events) {
        List<Double> starts = events.stream().filter(e -> RunEvent.START.equals(e.type())).map(RunEvent::tSec).toList();
        return starts.size() > 1 ? starts.get(starts.size() - 1) : 0;
    }

    /** Whether a start of the run in this directory recorded that the target ran in the load generator's JVM. */
    private static boolean targetInThisJvm(List<RunEvent> events) {
        return events.stream().anyMatch(e -> RunEvent.START.equals(e.type())
                && Boolean.TRUE.equals(e.details().get(RunEvent.TARGET_IN_THIS_JVM)));
    }

    private record One(Path dir, Map<String, Object> runInfo, String status, String scenarioText,
                       List<ResourceSample> resources, List<IntervalMetrics> metrics, OperationSums operations,
                       List<RunEvent> events, LatencyLog latency) { }

    /**
     * One directory; its latency log keeps each interval's histograms when {@code keepBuckets} (to be merged), its
     * intervals their per-operation detail when {@code perOperation}.
     */
    private static One readOne(Path dir, List<String> notes, boolean keepBuckets, boolean perOperation,
                               Progress progress) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "'%s' is not a directory: pass the run directory a soak run wrote (e.g. runs/prod), which holds run.json, resources.jsonl and metrics.jsonl", dir));
        }
        if (RUN_FILES.stream().noneMatch(f -> Files.exists(dir.resolve(f)))) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "'%s' is not a run directory: it holds none of %s. Pass the directory given to soak.java --output-dir, or wait until the run has written its first sample", dir, RUN_FILES));
        }
        Map<String, Object> runInfo = new LinkedHashMap<>();
        Path runJson = dir.resolve("run.json");
        if (Files.isRegularFile(runJson)) {
            try {
                JsonNode n = RunFiles.JSON.readTree(runJson.toFile());
                if (n != null && n.isObject()) {
                    n.fields().forEachRemaining(e -> {
                        if (!e.getValue().isNull()) {
                            runInfo.put(e.getKey(), e.getValue().isValueNode() ? RunFiles.JSON.convertValue(e.getValue(), Object.class) : e.getValue().toString());
                        }
                    });
                } else {
                    notes.add(runJson + " is empty or not a JSON object; run information is unknown");
                }
            } catch (IOException e) {
                notes.add(runJson + " could not be parsed (" + ScenarioFacts.oneLine(e.getMessage()) + "); run information is unknown");
            }
        } else {
            notes.add(runJson + " is missing; run information is unknown");
        }
        String scenarioText = "";
        try {
            Path toml = dir.resolve("scenario.toml");
            if (Files.isRegularFile(toml)) {
                scenarioText = Files.readString(toml, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            notes.add(dir.resolve("scenario.toml") + " could not be read (" + e.getMessage() + ")");
        }
        RunDirectoryReader reader;
        try {
            reader = RunDirectoryReader.open(dir).onAllCores(); // the report reads each file once, whole
        } catch (RunDirectoryException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        progress.reading(dir.resolve("resources.jsonl"));
        List<ResourceSample> resources = sorted(rows(dir.resolve("resources.jsonl"), reader.resources(), notes),
                Comparator.comparingDouble(ResourceSample::tSec));
        OperationSums operations = new OperationSums();
        progress.reading(dir.resolve("metrics.jsonl"));
        List<IntervalMetrics> metrics = sorted(rows(dir.resolve("metrics.jsonl"), reader.metrics(m -> {
            operations.add(m);
            return perOperation ? m : m.totals();
        }), notes), Comparator.comparingDouble(IntervalMetrics::tSec));
        if (resources.isEmpty() && metrics.isEmpty()) {
            fromCheckpoints(dir, reader, resources, metrics, notes);
            metrics.forEach(operations::add);
        }
        List<RunEvent> events = sorted(rows(dir.resolve("events.jsonl"), reader.events(), notes),
                Comparator.comparingDouble(RunEvent::tSec));
        double interval = metrics.isEmpty() ? Double.NaN : metrics.get(0).intervalSec();
        Path hlog = dir.resolve("latency.hlog");
        progress.reading(hlog);
        LatencyLog latency = Files.isRegularFile(hlog) ? LatencyLog.read(hlog, interval, notes, keepBuckets) : LatencyLog.empty();
        return new One(dir, runInfo, status(runInfo, events), scenarioText, resources, metrics, operations, events, latency);
    }

    /** Warnings of a file's skipped lines quoted in its note; the rest are counted. */
    private static final int QUOTED_WARNINGS = 3;

    /**
     * The rows read by dev.soak.checkpoint's tolerant reader; skipped lines become a note that names the first
     * {@link #QUOTED_WARNINGS} of them (line number and what was wrong).
     */
    private static <T> List<T> rows(Path file, ReadResult<T> read, List<String> notes) {
        if (read.skippedLines() > 0) {
            List<String> quoted = new ArrayList<>();
            for (String w : read.warnings().subList(0, Math.min(QUOTED_WARNINGS, read.warnings().size()))) {
                quoted.add(w.replaceFirst("; skipped$", ""));
            }
            if (read.skippedLines() > quoted.size()) {
                quoted.add("…");
            }
            notes.add(String.format(Locale.ROOT, "%s: skipped %d unreadable line(s) (torn or partial JSON): %s", file,
                    read.skippedLines(), String.join("; ", quoted)));
        }
        return read.rows();
    }

    /** Falls back to checkpoints/checkpoint-NNNN.json ({@code timestamp_sec}, {@code resources}, {@code metrics}). */
    private static void fromCheckpoints(Path dir, RunDirectoryReader reader, List<ResourceSample> resources,
                                        List<IntervalMetrics> metrics, List<String> notes) {
        List<Checkpoint> cps = rows(dir.resolve("checkpoints"), reader.checkpoints(), notes);
        for (Checkpoint c : cps) {
            if (c.resources() != null) {
                resources.add(c.resources());
            }
            if (c.metrics() != null) {
                metrics.add(c.metrics());
            }
        }
        if (!resources.isEmpty() || !metrics.isEmpty()) {
            notes.add(dir + ": resources.jsonl/metrics.jsonl are absent; the (coarser) checkpoint files were used");
        }
    }

    static String status(Map<String, Object> runInfo, List<RunEvent> events) {
        Object s = runInfo.get("status");
        if (s != null && !s.toString().isBlank()) {
            String v = s.toString().toLowerCase(Locale.ROOT);
            if (v.contains("abort")) {
                return "aborted";
            }
            if (v.contains("crash") || v.contains("fail")) {
                return "crashed";
            }
            if (v.contains("interrupt")) {
                return "interrupted";
            }
            if (v.contains("run")) {
                return events.stream().anyMatch(e -> "end".equals(e.type())) ? "complete" : "running";
            }
            if (v.contains("complete") || v.contains("done") || v.contains("finish") || v.contains("pass") || v.equals("ok")) {
                return "complete";
            }
            return v;
        }
        if (events.stream().anyMatch(e -> "abort".equals(e.type()))) {
            return "aborted";
        }
        if (events.stream().anyMatch(e -> "end".equals(e.type()))) {
            return "complete";
        }
        return "unknown";
    }

    private static int severity(String status) {
        return switch (status) {
            case "aborted" -> 5;
            case "crashed" -> 4;
            case "running" -> 3;
            case "unknown" -> 2;
            case "complete" -> 1;
            default -> 2;
        };
    }

    private static <T> List<T> sorted(List<T> list, Comparator<T> by) {
        List<T> copy = new ArrayList<>(list);
        copy.sort(by);
        return copy;
    }

    // ---------------------------------------------------------------------------------------------
    // merging the intervals of several load generators

    private static List<IntervalMetrics> mergeMetrics(List<One> ones, LatencyLog latency, List<String> notes) {
        double interval = ones.stream().flatMap(o -> o.metrics.stream()).mapToDouble(IntervalMetrics::intervalSec)
                .filter(d -> d > 0).findFirst().orElse(Double.NaN);
        if (!(interval > 0)) {
            return ones.get(0).metrics;
        }
        TreeMap<Long, List<IntervalMetrics>> byBucket = new TreeMap<>();
        for (One o : ones) {
            for (IntervalMetrics m : o.metrics) {
                long bucket = Math.round((m.tSec() - m.intervalSec()) / interval);
                byBucket.computeIfAbsent(bucket, b -> new ArrayList<>()).add(m);
            }
        }
        boolean exact = !latency.isEmpty();
        if (!exact) {
            notes.add("merged directories have no latency.hlog: each merged percentile is the largest of the generators' (an upper bound, not exact)");
        }
        List<IntervalMetrics> merged = new ArrayList<>();
        for (var e : byBucket.entrySet()) {
            List<IntervalMetrics> parts = e.getValue();
            Map<String, List<OperationMetrics>> perOp = new LinkedHashMap<>();
            parts.forEach(p -> p.perOperation().forEach((k, v) -> perOp.computeIfAbsent(k, x -> new ArrayList<>()).add(v)));
            // the total, and each operation's two tags when the intervals keep their per-operation detail
            Set<String> tags = new HashSet<>(Set.of(LatencyLog.TOTAL));
            perOp.keySet().forEach(op -> tags.addAll(List.of(op, UNCORRECTED + op)));
            Map<String, SparseHistogram> hist = exact ? latency.bucket(e.getKey(), tags) : Map.of();
            Map<String, OperationMetrics> mergedPer = new LinkedHashMap<>();
            perOp.forEach((op, list) -> mergedPer.put(op, sum(list, hist.get(op), hist.get(uncorrectedTag(hist, op)))));
            SparseHistogram total = hist.get(LatencyLog.TOTAL);
            OperationMetrics all = sum(parts.stream().map(IntervalMetrics::all).toList(), total, null);
            double t = parts.stream().mapToDouble(IntervalMetrics::tSec).max().orElse(Double.NaN);
            // the bucket's longest part: a bucket of the generators' last intervals, cut short when their load ended,
            // stays as short as they were, and is not read as a rate (FullIntervals)
            double length = parts.stream().mapToDouble(IntervalMetrics::intervalSec).max().orElse(interval);
            // each generator paused on its own: the longest pause of any of them
            double pause = DriverPauses.longestMs(parts);
            merged.add(new IntervalMetrics(t, length, all, parts.stream().mapToLong(IntervalMetrics::late).sum(),
                    parts.stream().mapToLong(IntervalMetrics::dropped).sum(), mergedPer, pause));
        }
        return merged;
    }

    /** The tag prefix of an operation's latency from the actual send in latency.hlog. */
    private static final String UNCORRECTED = LatencyLogWriter.UNCORRECTED_TAG + ".";

    private static String uncorrectedTag(Map<String, SparseHistogram> hist, String op) {
        return hist.containsKey(UNCORRECTED + op) ? UNCORRECTED + op : "";
    }

    private static OperationMetrics sum(List<OperationMetrics> parts, SparseHistogram corrected, SparseHistogram uncorrected) {
        Map<String, Long> byClass = new LinkedHashMap<>();
        parts.forEach(p -> p.errorsByClass().forEach((k, v) -> byClass.merge(k, v, Long::sum)));
        return new OperationMetrics(parts.stream().mapToLong(OperationMetrics::ops).sum(),
                parts.stream().mapToLong(OperationMetrics::errors).sum(), byClass,
                nanSum(parts.stream().mapToDouble(OperationMetrics::intendedRate).toArray()),
                nanSum(parts.stream().mapToDouble(OperationMetrics::achievedRate).toArray()),
                corrected != null && corrected.totalCount() > 0 ? summary(corrected) : maxOf(parts.stream().map(OperationMetrics::latency).toList()),
                uncorrected != null && uncorrected.totalCount() > 0 ? summary(uncorrected) : maxOf(parts.stream().map(OperationMetrics::uncorrected).toList()));
    }

    /** Percentiles of a histogram in ms (values in ns). */
    static LatencySummary summary(Histogram h) {
        return summary(h.getTotalCount(), h::getValueAtPercentile, h.getMaxValue());
    }

    /** Percentiles of a sparse sum of histograms in ms (values in ns). */
    static LatencySummary summary(SparseHistogram h) {
        return summary(h.totalCount(), h::valueAtPercentile, h.maxValue());
    }

    /** {@code valueAt}: a histogram's value (ns) at a percentile (0–100); all NaN when {@code count} is 0. */
    private static LatencySummary summary(long count, DoubleToLongFunction valueAt, long maxNs) {
        if (count == 0) {
            return new LatencySummary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencySummary(valueAt.applyAsLong(50) / LatencyLog.NANOS_PER_MS, valueAt.applyAsLong(90) / LatencyLog.NANOS_PER_MS,
                valueAt.applyAsLong(95) / LatencyLog.NANOS_PER_MS, valueAt.applyAsLong(99) / LatencyLog.NANOS_PER_MS,
                valueAt.applyAsLong(99.9) / LatencyLog.NANOS_PER_MS, maxNs / LatencyLog.NANOS_PER_MS);
    }

    private static LatencySummary maxOf(List<LatencySummary> l) {
        return new LatencySummary(nanMax(l.stream().mapToDouble(LatencySummary::p50Ms).toArray()),
                nanMax(l.stream().mapToDouble(LatencySummary::p90Ms).toArray()), nanMax(l.stream().mapToDouble(LatencySummary::p95Ms).toArray()),
                nanMax(l.stream().mapToDouble(LatencySummary::p99Ms).toArray()), nanMax(l.stream().mapToDouble(LatencySummary::p999Ms).toArray()),
                nanMax(l.stream().mapToDouble(LatencySummary::maxMs).toArray()));
    }

    private static double nanSum(double[] v) {
        double s = 0;
        boolean any = false;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                s += x;
                any = true;
            }
        }
        return any ? s : Double.NaN;
    }

    private static double nanMax(double[] v) {
        double m = Double.NaN;
        for (double x : v) {
            if (!Double.isNaN(x) && (Double.isNaN(m) || x > m)) {
                m = x;
            }
        }
        return m;
    }
}
