package dev.soak.report;

import dev.soak.checkpoint.HistogramCodec;
import dev.soak.checkpoint.LatencyInterval;
import dev.soak.checkpoint.LatencyLogReader;
import dev.soak.checkpoint.ReadResult;
import dev.soak.checkpoint.SparseHistogram;
import dev.soak.stats.Series;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The interval histograms of {@code latency.hlog} (HdrHistogram interval log, one histogram per
 * operation and interval, tagged with the operation name, values in <b>nanoseconds</b>), bucketed
 * by interval: bucket {@code k} holds the intervals that started {@code k · intervalSec} seconds
 * (rounded) after the log's start. The untagged line of an interval is the all-operations total
 * (as {@code dev.soak.checkpoint.LatencyLogWriter} writes it; computed as the sum of the operations
 * when absent); tags {@code uncorrected} / {@code uncorrected.<operation>} hold latency from the
 * actual send and are kept apart.
 *
 * <p>What it holds is bounded by the number of operations, not by the run's length: the whole run's sum per tag
 * and the set of buckets seen. A decoded histogram of latencies up to 100 ms takes about 150 KB, so holding every
 * interval's would take over a GB per hour of 1 s intervals of a few operations (a 2 h run at 1 s ran a 6 GB heap
 * out of memory), and even decoding each one to add it cost minutes over a week of them: each line is added into
 * the sums as it is read, without a histogram of its own ({@link HistogramCodec#addTo}). Only when several load
 * generators are merged ({@link #read} with {@code keepBuckets}) does it keep each bucket's histograms, as the log
 * compressed them (about 100 bytes each), and {@link #merge} <em>adds</em> them bucket by
 * bucket and tag by tag, so a percentile of the merge is the percentile of all recorded operations, e.g. two
 * generators with p99 = 10 ms over 1,000 ops and 100 ms over 10 ops give p99 ≈ 10 ms, not the 55 ms an average would
 * report.
 *
 * <p>Not thread-safe: build it on one thread, then share it read-only.
 */
public final class LatencyLog {
    /** Histogram values are nanoseconds; divide by this for milliseconds. */
    public static final double NANOS_PER_MS = 1_000_000.0;
    static final int SIGNIFICANT_DIGITS = 3;
    /** The lowest discernible value of a histogram of {@link #newHistogram}. */
    private static final long LOWEST_NS = 1;
    /** Internal key of the untagged all-operations line. */
    static final String TOTAL = "(total)";

    private final double intervalSec;
    /** Tag → the sum of its histograms over the run, tags in first-seen order. */
    private final Map<String, Histogram> wholeRun = new LinkedHashMap<>();
    private final BitSet bucketsSeen = new BitSet();
    private final Set<Long> negativeBucketsSeen = new HashSet<>();
    /** Bucket → tag → its histograms, compressed; null unless kept for merging. */
    private final SortedMap<Long, Map<String, List<byte[]>>> kept;

    private LatencyLog(double intervalSec, boolean keepBuckets) {
        this.intervalSec = intervalSec;
        this.kept = keepBuckets ? new TreeMap<>() : null;
    }

    /** An empty log (no latency.hlog). */
    public static LatencyLog empty() {
        return new LatencyLog(Double.NaN, false);
    }

    /**
     * Reads {@code latency.hlog} one interval at a time; a torn or undecodable tail is skipped and counted in
     * {@code notes}.
     *
     * @param fallbackIntervalSec interval length to bucket by when the log has fewer than two intervals
     * @param keepBuckets         keep each bucket's histograms, for {@link #merge} with other load generators' logs
     */
    static LatencyLog read(Path file, double fallbackIntervalSec, List<String> notes, boolean keepBuckets) {
        double interval;
        try {
            interval = Series.median(Arrays.stream(LatencyLogReader.intervalLengths(file)).filter(d -> d > 0).toArray());
        } catch (RuntimeException e) {
            return unreadable(file, e, notes);
        }
        if (!(interval > 0)) {
            interval = fallbackIntervalSec > 0 ? fallbackIntervalSec : 10.0;
        }
        LatencyLog log = new LatencyLog(interval, keepBuckets);
        Bucket[] open = {null};
        ReadResult<LatencyInterval> raws;
        try {
            // the lines are parsed and inflated ahead on every core, and added here in file order
            raws = LatencyLogReader.scanCounts(file, SIGNIFICANT_DIGITS, LOWEST_NS, (r, counts) -> {
                long k = Math.round(r.startSec() / log.intervalSec);
                if (open[0] != null && open[0].index != k) {
                    log.close(open[0]);
                    open[0] = null;
                }
                String tag = r.tag().orElse(TOTAL);
                log.addToWholeRun(tag, counts); // throws on a line that does not decode: skipped, nothing added
                if (open[0] == null) {
                    open[0] = new Bucket(k);
                }
                open[0].byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(r.compressed());
            }).intervals();
        } catch (RuntimeException e) {
            return unreadable(file, e, notes);
        }
        if (open[0] != null) {
            log.close(open[0]);
        }
        if (raws.skippedLines() > 0) {
            notes.add(String.format(Locale.ROOT, "%s: skipped %d undecodable histogram line(s) (torn tail of a crashed or running run)",
                    file, raws.skippedLines()));
        }
        return log;
    }

    private static LatencyLog unreadable(Path file, RuntimeException e, List<String> notes) {
        notes.add(String.format(Locale.ROOT, "%s could not be read (%s); latency percentiles come from metrics.jsonl only",
                file, e.getMessage()));
        return empty();
    }

    /** The histograms of one bucket as they are read, still compressed (the lines of an interval are consecutive). */
    private static final class Bucket {
        final long index;
        final Map<String, List<byte[]>> byTag = new LinkedHashMap<>();

        Bucket(long index) {
            this.index = index;
        }
    }

    /** Adds a histogram to the run's sum of its tag, creating the sum only once one decodes. */
    private void addToWholeRun(String tag, HistogramCodec.Counts counts) {
        Histogram sum = wholeRun.get(tag);
        if (sum == null) {
            Histogram fresh = newHistogram();
            counts.addTo(fresh);
            wholeRun.put(tag, fresh);
        } else {
            counts.addTo(sum);
        }
    }

    /**
     * Ends a bucket read whole: a bucket without an untagged line gets its total as the sum of its corrected
     * operations, in the run's sum and (when kept) in the bucket.
     */
    private void close(Bucket b) {
        if (!b.byTag.containsKey(TOTAL)) {
            List<byte[]> corrected = new ArrayList<>();
            b.byTag.forEach((tag, parts) -> {
                if (!isUncorrected(tag)) {
                    corrected.addAll(parts);
                }
            });
            Histogram total = wholeRun.computeIfAbsent(TOTAL, t -> newHistogram());
            corrected.forEach(c -> HistogramCodec.addTo(c, total));
            b.byTag.put(TOTAL, corrected);
        }
        if (b.index >= 0 && b.index <= Integer.MAX_VALUE) {
            bucketsSeen.set((int) b.index);
        } else {
            negativeBucketsSeen.add(b.index);
        }
        if (kept != null) {
            b.byTag.forEach((tag, parts) -> kept.computeIfAbsent(b.index, x -> new LinkedHashMap<>())
                    .computeIfAbsent(tag, x -> new ArrayList<>()).addAll(parts));
        }
    }

    private static void addTo(Map<String, Histogram> sums, String tag, Histogram h) {
        sums.computeIfAbsent(tag, t -> newHistogram()).add(h);
    }

    static Histogram newHistogram() {
        Histogram h = new Histogram(SIGNIFICANT_DIGITS);
        h.setAutoResize(true);
        return h;
    }

    /**
     * The logs of several load generators of one test added together: their sums, and their buckets bucket by bucket
     * and tag by tag (the first non-empty log fixes the interval length). Each non-empty one must have been read
     * with {@code keepBuckets} for {@link #bucket} to answer.
     */
    static LatencyLog merge(List<LatencyLog> logs) {
        double interval = logs.stream().mapToDouble(l -> l.intervalSec).filter(d -> d > 0).findFirst().orElse(Double.NaN);
        LatencyLog merged = new LatencyLog(interval, logs.stream().allMatch(l -> l.kept != null || l.isEmpty()));
        for (LatencyLog l : logs) {
            l.wholeRun.forEach((tag, h) -> addTo(merged.wholeRun, tag, h));
            merged.bucketsSeen.or(l.bucketsSeen);
            merged.negativeBucketsSeen.addAll(l.negativeBucketsSeen);
            if (merged.kept != null && l.kept != null) {
                l.kept.forEach((k, byTag) -> byTag.forEach((tag, parts) -> merged.kept.computeIfAbsent(k,
                        x -> new LinkedHashMap<>()).computeIfAbsent(tag, x -> new ArrayList<>()).addAll(parts)));
            }
        }
        return merged;
    }

    public boolean isEmpty() {
        return wholeRun.isEmpty();
    }

    /** Interval length in seconds (NaN when empty). */
    public double intervalSec() {
        return intervalSec;
    }

    /** How many intervals (buckets) hold histograms. */
    public int bucketCount() {
        return bucketsSeen.cardinality() + negativeBucketsSeen.size();
    }

    /**
     * Tag → the sum of that tag's histograms in bucket {@code k} ({@link #TOTAL} the all-operations total), as its
     * non-empty buckets: an interval's percentiles read from a few hundred of them, not from a histogram built over the
     * whole range for each tag of each interval (which made merging two generators' days of 1 s intervals take
     * minutes); of the {@code tags} asked for only, none of which need be there.
     *
     * @throws IllegalStateException when the log was not read to be merged ({@code keepBuckets})
     */
    Map<String, SparseHistogram> bucket(long k, Set<String> tags) {
        if (kept == null) {
            throw new IllegalStateException("this latency log keeps the whole run's sums only, not each interval's");
        }
        Map<String, SparseHistogram> out = new LinkedHashMap<>();
        kept.getOrDefault(k, Map.of()).forEach((tag, parts) -> {
            if (tags.contains(tag)) {
                parts.forEach(b -> HistogramCodec.addTo(b, out.computeIfAbsent(tag, t -> new SparseHistogram())));
            }
        });
        return out;
    }

    /** Operation tags (corrected latency), in first-seen order. */
    public List<String> operations() {
        return wholeRun.keySet().stream().filter(t -> !isUncorrected(t) && !t.equals(TOTAL)).toList();
    }

    /** The whole run for one operation tag, or all corrected operations when {@code tag} is null (a copy). */
    public Histogram wholeRun(String tag) {
        Histogram sum = newHistogram();
        Histogram h = wholeRun.get(tag == null ? TOTAL : tag);
        if (h != null) {
            sum.add(h);
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
}
