package dev.soak.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.soak.detect.AnalysisOptions;
import dev.soak.detect.DurationText;
import dev.soak.detect.LeakDetector;
import dev.soak.detect.MetricVerdict;
import dev.soak.detect.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The load generator's own footprint over a run, from {@code driver.jsonl} (Soak's JVM, sampled beside the target): a
 * generator whose memory or collections grow, or whose CPU runs short, makes the target's latency figures suspect, so
 * the report says what it was, and tests the generator's own heap after GC for a leak as it tests the target's
 * ({@link LeakDetector}, lower envelope, at the scenario's {@code memory_leak_mb_per_hour}). A load tool that leaks
 * on a long run collects more and more often, and the latency it measures grows with its own pauses; this is the
 * check that Soak did not. Informational: it does not decide the run's outcome. Not made where the target runs in
 * the generator's JVM (Java operations in this process): that heap is the target's, tested among its verdicts.
 * Immutable.
 *
 * @param directory      the run directory it was read from
 * @param samples        the samples read
 * @param spanSec        from the first sample to the last
 * @param rssFirstMb     RSS at the first sample (NaN when not measured)
 * @param rssLastMb      RSS at the last sample
 * @param heapFirstMb    heap after GC at the first sample (NaN when not measured)
 * @param heapLastMb     heap after GC at the last sample
 * @param heapUsedMaxMb  the most heap in use at a sample, garbage included (NaN when not measured): what the JVM sized its
 *                       heap for, and most of its RSS
 * @param gcSec          collection time over the span (the cumulative {@code gc_time_sec} of the last sample less the
 *                       first's)
 * @param cpuMeanPercent mean CPU over the samples that have it (100 = one core; NaN when none has)
 * @param threadsFirst   threads at the first sample (NaN when not measured)
 * @param threadsLast    threads at the last sample
 * @param fdsFirst       open file descriptors at the first sample (NaN when not measured)
 * @param fdsLast        open file descriptors at the last sample
 * @param heapTrend      the leak test of the heap after GC; empty where the target shares the JVM or it was not
 *                       measured
 * @param cpu            the CPU samples {tSec, percent} to plot beside the target's, at most {@link Plots#MOST_POINTS} (the
 *                       means of consecutive samples beyond that); empty where the target shares the JVM
 * @param sharesTargetJvm the target ran in this JVM (a {@code start} event's {@code target_in_this_jvm})
 * @param heapFromSec    the start of the part of the run whose samples the heap test read (a resumed run's last part:
 *                       each part runs in a JVM of its own, whose heap starts afresh); 0 for the whole run
 */
public record GeneratorFootprint(Path directory, int samples, double spanSec, double rssFirstMb, double rssLastMb,
                                 double heapFirstMb, double heapLastMb, double heapUsedMaxMb, double gcSec,
                                 double cpuMeanPercent,
                                 double threadsFirst, double threadsLast, double fdsFirst, double fdsLast,
                                 Optional<MetricVerdict> heapTrend, List<double[]> cpu, boolean sharesTargetJvm,
                                 double heapFromSec) {
    public GeneratorFootprint {
        cpu = List.copyOf(cpu);
    }

    /** The share of the run spent collecting from which the report cautions that the latency figures include it. */
    static final double GC_SHARE_CAUTION = 0.05;
    /** The name the generator's heap test reports under. */
    static final String HEAP_METRIC = "generator_heap_after_gc_mb";
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
    private static final String[] FIELDS = {"t_sec", "rss_mb", "heap_after_gc_mb", "gc_time_sec", "cpu_percent",
        "threads", "open_fds", "heap_used_mb"};
    private static final int T = 0;
    private static final int RSS = 1;
    private static final int HEAP = 2;
    private static final int GC = 3;
    private static final int CPU = 4;
    private static final int THREADS = 5;
    private static final int FDS = 6;
    private static final int HEAP_USED = 7;

    /**
     * The footprint in {@code dir}'s driver.jsonl, its heap tested with {@code options} unless
     * {@code targetInThisJvm}, on the samples from {@code jvmStartSec} on (the start of the part of the run that the
     * current or last generator JVM ran: a resumed run's generator is a new JVM, whose heap the earlier one's does not
     * continue); empty when it has none (older runs, a merged-in generator's copy). Read with Jackson's streaming
     * parser, a line at a time (a week of 1 s samples is 604,800 lines).
     */
    public static Optional<GeneratorFootprint> read(Path dir, AnalysisOptions options, boolean targetInThisJvm,
                                                    double jvmStartSec) {
        int n = 0;
        double[] first = new double[FIELDS.length];
        double[] last = new double[FIELDS.length];
        Arrays.fill(first, Double.NaN);
        Arrays.fill(last, Double.NaN);
        double heapUsedMax = Double.NaN;
        Column heap = new Column();
        Column cpu = new Column();
        double[] v = new double[FIELDS.length];
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("driver.jsonl"), StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!parse(line, v) || Double.isNaN(v[T])) {
                    continue; // a torn last line of a run that crashed, or not a sample
                }
                n++;
                for (int i = 0; i < FIELDS.length; i++) {
                    if (!Double.isNaN(v[i])) {
                        first[i] = Double.isNaN(first[i]) ? v[i] : first[i];
                        last[i] = v[i];
                    }
                }
                if (!Double.isNaN(v[CPU])) {
                    cpu.add(v[T], v[CPU]);
                }
                if (!Double.isNaN(v[HEAP]) && v[T] >= jvmStartSec) {
                    heap.add(v[T], v[HEAP]);
                }
                if (!Double.isNaN(v[HEAP_USED])) {
                    heapUsedMax = Double.isNaN(heapUsedMax) ? v[HEAP_USED] : Math.max(heapUsedMax, v[HEAP_USED]);
                }
            }
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // the footprint is a remark; the run's own files say what could not be read
        }
        if (n == 0) {
            return Optional.empty();
        }
        Optional<MetricVerdict> trend = targetInThisJvm || heap.n == 0 ? Optional.empty()
                : Optional.of(LeakDetector.test(HEAP_METRIC, heap.t(), heap.v(), true, new double[0], new double[0],
                        options));
        return Optional.of(new GeneratorFootprint(dir, n, last[T] - first[T], first[RSS], last[RSS], first[HEAP],
                last[HEAP], heapUsedMax, last[GC] - first[GC], cpu.mean(), first[THREADS],
                last[THREADS], first[FDS], last[FDS], trend, targetInThisJvm ? List.of() : cpu.means(Plots.MOST_POINTS),
                targetInThisJvm, jvmStartSec));
    }

    /** A growing column of {t, value} samples. */
    private static final class Column {
        private double[] t = new double[64];
        private double[] v = new double[64];
        private int n;

        void add(double tSec, double value) {
            if (n == t.length) {
                t = Arrays.copyOf(t, 2 * n);
                v = Arrays.copyOf(v, 2 * n);
            }
            t[n] = tSec;
            v[n++] = value;
        }

        double[] t() {
            return Arrays.copyOf(t, n);
        }

        double[] v() {
            return Arrays.copyOf(v, n);
        }

        /** The mean of the values; NaN for none. */
        double mean() {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += v[i];
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        /** At most {@code most} points {t, value}: the samples, or the means of runs of consecutive ones. */
        List<double[]> means(int most) {
            int per = (n + most - 1) / most;
            List<double[]> out = new ArrayList<>();
            for (int i = 0; i < n; i += per) {
                int end = Math.min(n, i + per);
                double st = 0;
                double sv = 0;
                for (int k = i; k < end; k++) {
                    st += t[k];
                    sv += v[k];
                }
                out.add(new double[] {st / (end - i), sv / (end - i)});
            }
            return out;
        }
    }

    /** The fields of {@link #FIELDS} in one line into {@code out} (NaN where absent or not a number); false when torn. */
    private static boolean parse(String line, double[] out) {
        Arrays.fill(out, Double.NaN);
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                int i = indexOf(name);
                if (i >= 0 && value != null && value.isNumeric()) {
                    out[i] = p.getDoubleValue();
                } else {
                    p.skipChildren();
                }
            }
            return true;
        } catch (IOException torn) {
            return false;
        }
    }

    private static int indexOf(String name) {
        for (int i = 0; i < FIELDS.length; i++) {
            if (FIELDS[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The share of the span spent collecting (NaN for a span of 0). */
    public double gcShare() {
        return spanSec > 0 ? gcSec / spanSec : Double.NaN;
    }

    /** Whether the generator's own heap was found to grow (its leak test FAILed). */
    public boolean leaks() {
        return heapTrend.map(t -> t.verdict() == Verdict.FAIL).orElse(false);
    }

    /** {@link #line()}, after its directory's name when it is one of several generators of a run. */
    String line(int generators) {
        return (generators > 1 ? directory.getFileName() + ": " : "") + line();
    }

    /**
     * The footprint in a line: "RSS 106 → 331 MB (its heap in use, garbage included, reached 240 MB), heap after GC 3.0 → 5.1 MB, collections 0.4 s (0.7 % of the run),
     * CPU 31 % of a core on average, threads 25 → 28, open fds 126 → 126; its heap after GC: PASS, 0.12 MB/h
     * [-0.3, 0.5], threshold 10 MB/h".
     */
    public String line() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "RSS %s → %s MB", Fmt.sig(rssFirstMb), Fmt.sig(rssLastMb)));
        if (Double.isFinite(heapUsedMaxMb)) {
            b.append(String.format(Locale.ROOT, " (its heap in use, garbage included, reached %s MB)", Fmt.sig(heapUsedMaxMb)));
        }
        b.append(String.format(Locale.ROOT, ", heap after GC %s → %s MB", Fmt.num(heapFirstMb, 1), Fmt.num(heapLastMb, 1)));
        if (Double.isFinite(gcSec)) {
            b.append(String.format(Locale.ROOT, ", collections %s s (%s %% of the run)", Fmt.num(gcSec, 1),
                    Fmt.num(100 * gcShare(), 1)));
        }
        if (Double.isFinite(cpuMeanPercent)) {
            b.append(String.format(Locale.ROOT, ", CPU %s %% of a core on average", Fmt.num(cpuMeanPercent, 0)));
        }
        if (Double.isFinite(threadsFirst)) {
            b.append(String.format(Locale.ROOT, ", threads %s → %s", Fmt.num(threadsFirst, 0), Fmt.num(threadsLast, 0)));
        }
        if (Double.isFinite(fdsFirst)) {
            b.append(String.format(Locale.ROOT, ", open fds %s → %s", Fmt.num(fdsFirst, 0), Fmt.num(fdsLast, 0)));
        }
        heapTrend.ifPresent(t -> b.append("; ").append(trendText(t)).append(heapFromSec > 0
                ? " (tested from the resume at " + DurationText.clock(heapFromSec) + ", the JVM that ran"
                    + " the run's last part)" : ""));
        if (sharesTargetJvm) {
            b.append("; the target ran in this JVM, so its heap is the target's, tested among the verdicts");
        }
        if (gcShare() >= GC_SHARE_CAUTION) {
            b.append("; its collections took a large share of the run, and the latency of operations due during them"
                    + " includes them");
        }
        return b.toString();
    }

    /**
     * The leak test of the heap after GC in words ("its heap after GC: FAIL, 52 MB/h [31, 73], threshold 10 MB/h (the
     * load generator leaks: …)"); empty where it was not made.
     */
    public Optional<String> heapTrendText() {
        return heapTrend.map(GeneratorFootprint::trendText);
    }

    private static String trendText(MetricVerdict t) {
        if (Double.isNaN(t.ratePerHour())) {
            return "its heap after GC: " + t.verdict() + ", too few samples for a trend";
        }
        String s = String.format(Locale.ROOT, "its heap after GC: %s, %s %s [%s, %s], threshold %s %s", t.verdict(),
                Fmt.rate(t.ratePerHour(), t.rateUnit()), t.rateUnit(), Fmt.sig(t.ciLowPerHour()),
                Fmt.sig(t.ciHighPerHour()), Fmt.sig(t.thresholdPerHour()), t.rateUnit());
        return switch (t.verdict()) {
            case FAIL -> s + " (the load generator leaks: its collections will come more often and the latency it"
                    + " measures includes them; please report it to Soak's developers with this run directory)";
            case INCONCLUSIVE -> s + " (not decided in this run's length)";
            default -> s;
        };
    }
}
