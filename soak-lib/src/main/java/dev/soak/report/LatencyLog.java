package dev.soak.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * The interval histograms of {@code latency.hlog} (HdrHistogram interval log, one histogram per
 * operation and interval, tagged with the operation name, values in <b>nanoseconds</b>), bucketed
 * by interval: bucket {@code k} holds the intervals that started {@code k · intervalSec} seconds
 * (rounded) after the log's start. The untagged line of an interval is the all-operations total
 * (as {@code dev.soak.checkpoint.LatencyLogWriter} writes it; computed as the sum of the operations
 * when absent); tags {@code uncorrected} / {@code uncorrected.<operation>} hold latency from the
 * actual send and are kept apart.
 *
 * <p>Merging several load generators ({@link #addAll}) <em>adds</em> histograms bucket by bucket
 * and tag by tag, so a percentile of the merge is the percentile of all recorded operations, e.g.
 * two generators with p99 = 10 ms over 1,000 ops and 100 ms over 10 ops give p99 ≈ 10 ms, not the
 * 55 ms an average would report.
 *
 * <p>Not thread-safe: build it on one thread, then share it read-only.
 */
public final class LatencyLog {
    /** Histogram values are nanoseconds; divide by this for milliseconds. */
    public static final double NANOS_PER_MS = 1_000_000.0;
    static final int SIGNIFICANT_DIGITS = 3;
    /** Internal key of the untagged all-operations line. */
    static final String TOTAL = "(total)";

    private final double intervalSec;
    private final SortedMap<Long, Map<String, Histogram>> buckets = new TreeMap<>();

    LatencyLog(double intervalSec) {
        this.intervalSec = intervalSec;
    }

    /** An empty log (no latency.hlog). */
    public static LatencyLog empty() {
        return new LatencyLog(Double.NaN);
    }

    /**
     * Reads {@code latency.hlog}; a torn or undecodable tail is skipped and counted in {@code notes}.
     *
     * @param fallbackIntervalSec interval length to bucket by when the log has fewer than two intervals
     */
    static LatencyLog read(Path file, double fallbackIntervalSec, List<String> notes) {
        record Raw(double startSec, double lengthSec, String tag, Histogram histogram) { }
        List<Raw> raws = new ArrayList<>();
        int skipped = 0;
        double logStartSec = Double.NaN;
        try (InputStream in = Files.newInputStream(file)) {
            HistogramLogReader reader = new HistogramLogReader(in);
            while (true) {
                EncodableHistogram h;
                try {
                    h = reader.nextIntervalHistogram();
                } catch (RuntimeException torn) {
                    skipped++;
                    break; // a torn line ends what can be read
                }
                if (h == null) {
                    break;
                }
                if (!(h instanceof Histogram histogram)) {
                    skipped++;
                    continue;
                }
                if (Double.isNaN(logStartSec)) {
                    logStartSec = reader.getStartTimeSec() > 0 ? reader.getStartTimeSec() : h.getStartTimeStamp() / 1000.0;
                }
                double start = h.getStartTimeStamp() / 1000.0 - logStartSec;
                double length = (h.getEndTimeStamp() - h.getStartTimeStamp()) / 1000.0;
                String tag = h.getTag() == null ? TOTAL : h.getTag();
                raws.add(new Raw(start, length, tag, histogram));
            }
        } catch (IOException | RuntimeException e) {
            notes.add(String.format(Locale.ROOT, "%s could not be read (%s); latency percentiles come from metrics.jsonl only",
                    file, e.getMessage()));
            return empty();
        }
        if (skipped > 0) {
            notes.add(String.format(Locale.ROOT, "%s: skipped %d undecodable histogram line(s) (torn tail of a crashed or running run)",
                    file, skipped));
        }
        double interval = median(raws.stream().mapToDouble(Raw::lengthSec).filter(d -> d > 0).toArray());
        if (!(interval > 0)) {
            interval = fallbackIntervalSec > 0 ? fallbackIntervalSec : 10.0;
        }
        LatencyLog log = new LatencyLog(interval);
        for (Raw r : raws) {
            log.add(Math.round(r.startSec() / interval), r.tag(), r.histogram());
        }
        for (Map<String, Histogram> byTag : log.buckets.values()) {
            if (!byTag.containsKey(TOTAL)) {
                Histogram sum = newHistogram();
                byTag.forEach((t, h) -> {
                    if (!isUncorrected(t)) {
                        sum.add(h);
                    }
                });
                byTag.put(TOTAL, sum);
            }
        }
        return log;
    }

    private void add(long bucket, String tag, Histogram h) {
        Map<String, Histogram> byTag = buckets.computeIfAbsent(bucket, b -> new LinkedHashMap<>());
        Histogram sum = byTag.computeIfAbsent(tag, t -> newHistogram());
        sum.add(h);
    }

    static Histogram newHistogram() {
        Histogram h = new Histogram(SIGNIFICANT_DIGITS);
        h.setAutoResize(true);
        return h;
    }

    /** Adds every histogram of {@code other} into this log, bucket by bucket and tag by tag. */
    void addAll(LatencyLog other) {
        for (var e : other.buckets.entrySet()) {
            for (var t : e.getValue().entrySet()) {
                add(e.getKey(), t.getKey(), t.getValue());
            }
        }
    }

    /** A merged copy: {@code logs} added (the first non-empty one fixes the interval length). */
    static LatencyLog merge(List<LatencyLog> logs) {
        double interval = logs.stream().mapToDouble(l -> l.intervalSec).filter(d -> d > 0).findFirst().orElse(Double.NaN);
        LatencyLog merged = new LatencyLog(interval);
        logs.forEach(merged::addAll);
        return merged;
    }

    public boolean isEmpty() {
        return buckets.isEmpty();
    }

    /** Interval length in seconds (NaN when empty). */
    public double intervalSec() {
        return intervalSec;
    }

    /** Bucket index → tag → histogram (read-only views; do not modify the histograms). */
    public SortedMap<Long, Map<String, Histogram>> buckets() {
        return Collections.unmodifiableSortedMap(buckets);
    }

    /** Operation tags (corrected latency), in first-seen order. */
    public List<String> operations() {
        List<String> ops = new ArrayList<>();
        buckets.values().forEach(m -> m.keySet().stream().filter(t -> !isUncorrected(t) && !t.equals(TOTAL) && !ops.contains(t))
                .forEach(ops::add));
        return ops;
    }

    /** All corrected operations of one bucket together (a copy; empty histogram when none). */
    public Histogram total(long bucket) {
        Histogram sum = newHistogram();
        Histogram t = buckets.getOrDefault(bucket, Map.of()).get(TOTAL);
        if (t != null) {
            sum.add(t);
        }
        return sum;
    }

    /** The whole run for one operation tag, or all corrected operations when {@code tag} is null. */
    public Histogram wholeRun(String tag) {
        Histogram sum = newHistogram();
        for (Map<String, Histogram> byTag : buckets.values()) {
            Histogram h = byTag.get(tag == null ? TOTAL : tag);
            if (h != null) {
                sum.add(h);
            }
        }
        return sum;
    }

    /** Percentile ({@code 0–100}) in milliseconds, NaN for an empty histogram. */
    public static double percentileMs(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / NANOS_PER_MS;
    }

    static boolean isUncorrected(String tag) {
        return tag.toLowerCase(Locale.ROOT).startsWith("uncorrected");
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
