package dev.soak.checkpoint;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The content of {@code latency.hlog} as read by {@link LatencyLogReader}. Immutable.
 *
 * @param startTimeEpochSec  the header's {@code #[StartTime: …]}, seconds since the epoch, when present
 * @param intervals          every interval line read, in file order, with skipped-line counts
 */
public record LatencyLog(OptionalDouble startTimeEpochSec, ReadResult<LatencyInterval> intervals) {

    /** Every tag present, in order of first appearance (the untagged total excluded). */
    public Set<String> tags() {
        Set<String> tags = new LinkedHashSet<>();
        intervals.rows().forEach(i -> i.tag().ifPresent(tags::add));
        return tags;
    }

    /** The operations with corrected histograms: the tags without the {@code uncorrected} ones. */
    public Set<String> operations() {
        Set<String> ops = new LinkedHashSet<>(tags());
        ops.removeIf(t -> t.equals(LatencyLogWriter.UNCORRECTED_TAG)
            || t.startsWith(LatencyLogWriter.UNCORRECTED_TAG + "."));
        return ops;
    }

    /**
     * The sum of the intervals with this tag (empty = the untagged total) that start within
     * [{@code fromSec}, {@code toSec}); an empty histogram when there are none.
     */
    public Histogram sum(Optional<String> tag, double fromSec, double toSec) {
        Histogram sum = new Histogram(3);
        for (LatencyInterval i : intervals.rows()) {
            if (i.tag().equals(tag) && i.startSec() >= fromSec && i.startSec() < toSec) {
                sum.add(i.histogram());
            }
        }
        return sum;
    }
}
