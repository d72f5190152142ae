package dev.soak.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The load generator's own footprint over a run, from {@code driver.jsonl} (Soak's JVM, sampled beside the target): a
 * generator whose memory or collections grow, or whose CPU runs short, makes the target's latency figures suspect, so
 * the report says what it was. Immutable.
 *
 * @param directory      the run directory it was read from
 * @param samples        the samples read
 * @param spanSec        from the first sample to the last
 * @param rssFirstMb     RSS at the first sample (NaN when not measured)
 * @param rssLastMb      RSS at the last sample
 * @param heapFirstMb    heap after GC at the first sample (NaN when not measured)
 * @param heapLastMb     heap after GC at the last sample
 * @param gcSec          collection time over the span (the cumulative {@code gc_time_sec} of the last sample less the
 *                       first's)
 * @param cpuMeanPercent mean CPU over the samples that have it (100 = one core; NaN when none has)
 */
public record GeneratorFootprint(Path directory, int samples, double spanSec, double rssFirstMb, double rssLastMb,
                                 double heapFirstMb, double heapLastMb, double gcSec, double cpuMeanPercent) {
    /** The share of the run spent collecting from which the report cautions that the latency figures include it. */
    static final double GC_SHARE_CAUTION = 0.05;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The footprint in {@code dir}'s driver.jsonl; empty when it has none (older runs, a merged-in generator's copy). */
    static Optional<GeneratorFootprint> read(Path dir) {
        int n = 0;
        double t0 = Double.NaN;
        double t1 = Double.NaN;
        double rss0 = Double.NaN;
        double rss1 = Double.NaN;
        double heap0 = Double.NaN;
        double heap1 = Double.NaN;
        double gc0 = Double.NaN;
        double gc1 = Double.NaN;
        double cpuSum = 0;
        int cpuN = 0;
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("driver.jsonl"), StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                JsonNode s;
                try {
                    s = JSON.readTree(line);
                } catch (IOException torn) { // a torn last line of a run that crashed
                    continue;
                }
                if (s == null || !s.path("t_sec").isNumber()) {
                    continue;
                }
                n++;
                double t = s.path("t_sec").asDouble();
                t0 = Double.isNaN(t0) ? t : t0;
                t1 = t;
                rss0 = first(rss0, s, "rss_mb");
                rss1 = last(rss1, s, "rss_mb");
                heap0 = first(heap0, s, "heap_after_gc_mb");
                heap1 = last(heap1, s, "heap_after_gc_mb");
                gc0 = first(gc0, s, "gc_time_sec");
                gc1 = last(gc1, s, "gc_time_sec");
                if (s.path("cpu_percent").isNumber()) {
                    cpuSum += s.path("cpu_percent").asDouble();
                    cpuN++;
                }
            }
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // the footprint is a remark; the run's own files say what could not be read
        }
        return n == 0 ? Optional.empty() : Optional.of(new GeneratorFootprint(dir, n, t1 - t0, rss0, rss1, heap0, heap1,
                gc1 - gc0, cpuN == 0 ? Double.NaN : cpuSum / cpuN));
    }

    private static double first(double sofar, JsonNode s, String field) {
        return Double.isNaN(sofar) && s.path(field).isNumber() ? s.path(field).asDouble() : sofar;
    }

    private static double last(double sofar, JsonNode s, String field) {
        return s.path(field).isNumber() ? s.path(field).asDouble() : sofar;
    }

    /** The share of the span spent collecting (NaN for a span of 0). */
    public double gcShare() {
        return spanSec > 0 ? gcSec / spanSec : Double.NaN;
    }

    /** {@link #line()}, after its directory's name when it is one of several generators of a run. */
    String line(int generators) {
        return (generators > 1 ? directory.getFileName() + ": " : "") + line();
    }

    /** The footprint in a line: "RSS 106 → 131 MB, heap after GC 3.0 → 5.1 MB, collections 0.4 s (0.7 % of the run), CPU 31 % of a core on average". */
    public String line() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "RSS %s → %s MB, heap after GC %s → %s MB", Fmt.sig(rssFirstMb),
                Fmt.sig(rssLastMb), Fmt.num(heapFirstMb, 1), Fmt.num(heapLastMb, 1)));
        if (Double.isFinite(gcSec)) {
            b.append(String.format(Locale.ROOT, ", collections %s s (%s %% of the run)", Fmt.num(gcSec, 1),
                    Fmt.num(100 * gcShare(), 1)));
        }
        if (Double.isFinite(cpuMeanPercent)) {
            b.append(String.format(Locale.ROOT, ", CPU %s %% of a core on average", Fmt.num(cpuMeanPercent, 0)));
        }
        if (gcShare() >= GC_SHARE_CAUTION) {
            b.append("; its collections took a large share of the run, and the latency of operations due during them"
                    + " includes them");
        }
        return b.toString();
    }
}
