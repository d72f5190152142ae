package dev.soak.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes a synthetic run directory in the real format (run.json, scenario.toml,
 * resources.jsonl, metrics.jsonl, events.jsonl, latency.hlog, checkpoints/) with a known leak
 * and latency drift, for tests, notebooks and demos. Memory: RSS = 500 MB + a {@code warmupMb} warm-up
 * rising as 1 − e^(−t/15 min) + leak·t + AR(1) noise (φ = 0.7, σ = {@code noiseMb}); latency:
 * log-normal around 2 ms growing by {@code driftPctPerHour} per hour; operations {@code store}
 * (70 %) and {@code recall} (30 %); a fixed seed makes it reproducible. The files are written as the run is generated, so a run of any length
 * takes the memory of one interval. Stateless.
 */
public final class SyntheticRun {
    /** Seconds between the checkpoints written. */
    private static final double CHECKPOINT_SEC = 1800;

    private SyntheticRun() {
    }

    /**
     * What to generate.
     *
     * @param name               scenario name
     * @param durationSec        run length in seconds
     * @param resourceIntervalSec seconds between resource samples
     * @param metricsIntervalSec  seconds per load interval
     * @param leakMbPerHour      injected memory growth
     * @param driftPctPerHour    injected latency growth
     * @param noiseMb            memory noise σ
     * @param opsPerSec          load
     * @param seed               random seed
     * @param aborted            end with an abort event and status "aborted"
     * @param warmupMb           height of the warm-up rise (τ = 15 min)
     */
    public record Spec(String name, double durationSec, double resourceIntervalSec, double metricsIntervalSec,
                       double leakMbPerHour, double driftPctPerHour, double noiseMb, double opsPerSec, long seed, boolean aborted,
                       double warmupMb) {
        /** Two hours, no leak, no drift, 5 MB noise, 50 ops/s, seed 1. */
        public static Spec healthy() {
            return new Spec("synthetic", 7200, 30, 60, 0, 0, 5, 50, 1, false, 80);
        }

        public Spec withLeak(double mbPerHour) {
            return new Spec(name, durationSec, resourceIntervalSec, metricsIntervalSec, mbPerHour, driftPctPerHour, noiseMb, opsPerSec, seed, aborted, warmupMb);
        }

        public Spec withDrift(double pctPerHour) {
            return new Spec(name, durationSec, resourceIntervalSec, metricsIntervalSec, leakMbPerHour, pctPerHour, noiseMb, opsPerSec, seed, aborted, warmupMb);
        }

        public Spec withDurationSec(double sec) {
            return new Spec(name, sec, resourceIntervalSec, metricsIntervalSec, leakMbPerHour, driftPctPerHour, noiseMb, opsPerSec, seed, aborted, warmupMb);
        }

        public Spec withSeed(long s) {
            return new Spec(name, durationSec, resourceIntervalSec, metricsIntervalSec, leakMbPerHour, driftPctPerHour, noiseMb, opsPerSec, s, aborted, warmupMb);
        }

        public Spec withNoiseMb(double sigma) {
            return new Spec(name, durationSec, resourceIntervalSec, metricsIntervalSec, leakMbPerHour, driftPctPerHour, sigma, opsPerSec, seed, aborted, warmupMb);
        }

        public Spec withOpsPerSec(double rate) {
            return new Spec(name, durationSec, resourceIntervalSec, metricsIntervalSec, leakMbPerHour, driftPctPerHour, noiseMb, rate, seed, aborted, warmupMb);
        }

        public Spec withAborted(boolean a) {
            return new Spec(name, durationSec, resourceIntervalSec, metricsIntervalSec, leakMbPerHour, driftPctPerHour, noiseMb, opsPerSec, seed, a, warmupMb);
        }

        public Spec withWarmupMb(double mb) {
            return new Spec(name, durationSec, resourceIntervalSec, metricsIntervalSec, leakMbPerHour, driftPctPerHour, noiseMb, opsPerSec, seed, aborted, mb);
        }

        public Spec withName(String n) {
            return new Spec(n, durationSec, resourceIntervalSec, metricsIntervalSec, leakMbPerHour, driftPctPerHour, noiseMb, opsPerSec, seed, aborted, warmupMb);
        }
    }

    /** Writes the run directory {@code dir} (created) and returns it. */
    public static Path write(Path dir, Spec spec) throws IOException {
        Files.createDirectories(dir.resolve("checkpoints"));
        Random rnd = new Random(spec.seed());
        long startMs = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        Files.writeString(dir.resolve("scenario.toml"), String.format(Locale.ROOT, """
                name = "%s"
                description = "synthetic run: leak %.1f MB/h, drift %.1f %%/h"
                [duration]
                total_seconds = %.0f
                [arrival]
                pattern = "constant"
                rate = %.1f
                [soak]
                sample_interval_sec = %.0f
                [soak.thresholds]
                memory_leak_mb_per_hour = 10.0
                latency_drift_pct_per_hour = 2.0
                """, spec.name(), spec.leakMbPerHour(), spec.driftPctPerHour(), spec.durationSec(), spec.opsPerSec(),
                spec.metricsIntervalSec()), StandardCharsets.UTF_8);

        List<Double> checkpointTimes = new ArrayList<>();
        for (double t = CHECKPOINT_SEC; t <= spec.durationSec() + 1e-9; t += CHECKPOINT_SEC) {
            checkpointTimes.add(t);
        }
        Nearest resNodes = new Nearest(checkpointTimes);
        double noise = 0;
        try (BufferedWriter res = Files.newBufferedWriter(dir.resolve("resources.jsonl"), StandardCharsets.UTF_8)) {
            for (double t = 0; t <= spec.durationSec() + 1e-9; t += spec.resourceIntervalSec()) {
                noise = 0.7 * noise + Math.sqrt(1 - 0.49) * spec.noiseMb() * rnd.nextGaussian();
                double rss = 500 + spec.warmupMb() * (1 - Math.exp(-t / 900)) + spec.leakMbPerHour() * t / 3600 + noise;
                ObjectNode n = RunFiles.JSON.createObjectNode();
                n.put("t_sec", t);
                n.put("cpu_percent", round(30 + 5 * rnd.nextGaussian()));
                n.put("rss_mb", round(rss));
                n.put("vsize_mb", round(rss * 3));
                n.put("threads", 40);
                n.put("open_fds", 120 + rnd.nextInt(3));
                n.put("network_connections", 16 + rnd.nextInt(2));
                n.put("pss_mb", round(rss * 0.95));
                n.put("max_open_files", 1024);
                res.write(n.toString());
                res.write('\n');
                resNodes.offer(t, n);
            }
        }

        Nearest metNodes = new Nearest(checkpointTimes);
        try (PrintStream hlog = new PrintStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve("latency.hlog"))),
                false, StandardCharsets.UTF_8);
             BufferedWriter met = Files.newBufferedWriter(dir.resolve("metrics.jsonl"), StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(hlog);
            w.outputLogFormatVersion();
            w.outputStartTime(startMs);
            w.setBaseTime(startMs);
            w.outputBaseTime(startMs);
            w.outputLegend();
            double iv = spec.metricsIntervalSec();
            for (double t0 = 0; t0 + iv <= spec.durationSec() + 1e-9; t0 += iv) {
                double factor = Math.pow(1 + spec.driftPctPerHour() / 100, (t0 + iv / 2) / 3600);
                Map<String, Histogram> hs = new LinkedHashMap<>();
                Map<String, long[]> counts = new LinkedHashMap<>();
                long total = Math.round(spec.opsPerSec() * iv);
                for (long i = 0; i < total; i++) {
                    String op = rnd.nextDouble() < 0.7 ? "store" : "recall";
                    double ms = 2.0 * factor * Math.exp(0.5 * rnd.nextGaussian()) * (op.equals("recall") ? 1.5 : 1);
                    Histogram h = hs.computeIfAbsent(op, k -> LatencyLog.newHistogram());
                    h.recordValue(Math.max(1, Math.round(ms * LatencyLog.NANOS_PER_MS)));
                    long[] c = counts.computeIfAbsent(op, k -> new long[2]);
                    c[0]++;
                    if (rnd.nextDouble() < 0.001) {
                        c[1]++;
                    }
                }
                Histogram all = LatencyLog.newHistogram();
                ObjectNode line = RunFiles.JSON.createObjectNode();
                line.put("t_sec", t0 + iv);
                line.put("interval_sec", iv);
                ObjectNode per = RunFiles.JSON.createObjectNode();
                long ops = 0, errors = 0;
                for (var e : hs.entrySet()) {
                    Histogram h = e.getValue();
                    h.setStartTimeStamp(startMs + Math.round(t0 * 1000));
                    h.setEndTimeStamp(startMs + Math.round((t0 + iv) * 1000));
                    h.setTag(e.getKey());
                    w.outputIntervalHistogram(h);
                    all.add(h);
                    long[] c = counts.get(e.getKey());
                    ops += c[0];
                    errors += c[1];
                    ObjectNode o = per.putObject(e.getKey());
                    fill(o, c[0], c[1], spec.opsPerSec() * c[0] / (double) total, c[0] / iv, h);
                }
                all.setStartTimeStamp(startMs + Math.round(t0 * 1000));
                all.setEndTimeStamp(startMs + Math.round((t0 + iv) * 1000));
                w.outputIntervalHistogram(all); // untagged: the all-operations total, as LatencyLogWriter writes it
                fill(line, ops, errors, spec.opsPerSec(), ops / iv, all);
                line.put("late", 0);
                line.put("dropped", 0);
                line.set("per_operation", per);
                met.write(line.toString());
                met.write('\n');
                metNodes.offer(t0 + iv, line);
            }
        }

        double end = spec.durationSec();
        List<String> ev = new ArrayList<>();
        ev.add(event(0, "start", "info", "run started (synthetic)"));
        ev.add(event(900, "warmup_end", "info", "warm-up over"));
        List<ObjectNode> cpResources = resNodes.nearest(), cpMetrics = metNodes.nearest();
        for (int i = 0; i < checkpointTimes.size(); i++) {
            int cp = i + 1;
            double t = checkpointTimes.get(i);
            ev.add(event(t, "checkpoint", "info", "checkpoint " + cp));
            ObjectNode c = RunFiles.JSON.createObjectNode();
            c.put("timestamp_sec", t);
            c.set("resources", cpResources.get(i));
            c.set("metrics", cpMetrics.get(i).deepCopy().without("per_operation"));
            c.putObject("heap_profile").put("source", "none");
            c.putObject("verdicts");
            Files.writeString(dir.resolve("checkpoints").resolve(String.format(Locale.ROOT, "checkpoint-%04d.json", cp)),
                    c.toPrettyString() + "\n", StandardCharsets.UTF_8);
        }
        ev.add(spec.aborted() ? event(end, "abort", "error", "max_rss_mb exceeded for 60 s") : event(end, "end", "info", "run finished"));
        Files.write(dir.resolve("events.jsonl"), ev, StandardCharsets.UTF_8);

        ObjectNode run = RunFiles.JSON.createObjectNode();
        run.put("format_version", 1);
        run.put("scenario", spec.name());
        run.put("start", Instant.ofEpochMilli(startMs).toString());
        run.put("host", "synthetic");
        run.put("status", spec.aborted() ? "aborted" : "complete");
        Files.writeString(dir.resolve("run.json"), run.toPrettyString() + "\n", StandardCharsets.UTF_8);
        return dir;
    }

    /**
     * The line nearest each checkpoint time among lines offered in time order (the earlier of two as near), kept as
     * they stream past: the writer holds a checkpoint's worth of lines, not the run's.
     */
    private static final class Nearest {
        private final List<Double> times;
        private final List<ObjectNode> chosen = new ArrayList<>();
        private double previousT = Double.NaN;
        private ObjectNode previous;

        Nearest(List<Double> times) {
            this.times = times;
        }

        void offer(double t, ObjectNode line) {
            while (chosen.size() < times.size() && times.get(chosen.size()) <= t) {
                double at = times.get(chosen.size());
                chosen.add(previous != null && Math.abs(previousT - at) <= Math.abs(t - at) ? previous : line);
            }
            previousT = t;
            previous = line;
        }

        /** The line nearest each time (the last line for the times after it). */
        List<ObjectNode> nearest() {
            while (chosen.size() < times.size()) {
                chosen.add(previous);
            }
            return chosen;
        }
    }

    private static void fill(ObjectNode o, long ops, long errors, double intended, double achieved, Histogram h) {
        o.put("ops", ops);
        o.put("errors", errors);
        o.put("intended_rate", round(intended));
        o.put("achieved_rate", round(achieved));
        var s = RunLoader.summary(h);
        o.put("p50_latency_ms", round(s.p50Ms()));
        o.put("p90_latency_ms", round(s.p90Ms()));
        o.put("p95_latency_ms", round(s.p95Ms()));
        o.put("p99_latency_ms", round(s.p99Ms()));
        o.put("p999_latency_ms", round(s.p999Ms()));
        o.put("max_latency_ms", round(s.maxMs()));
    }

    private static String event(double t, String type, String level, String message) {
        ObjectNode n = RunFiles.JSON.createObjectNode();
        n.put("t_sec", t);
        n.put("type", type);
        n.put("level", level);
        n.put("message", message);
        return n.toString();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
