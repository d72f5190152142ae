package dev.soak.checkpoint;

import org.HdrHistogram.Histogram;

import java.util.Optional;

/**
 * One line of {@code latency.hlog}: the latency histogram of one operation (or of all, when
 * untagged) over one interval. Values are nanoseconds. Immutable by convention: the histogram is
 * freshly decoded for this object, do not record into it.
 *
 * @param tag        the operation name, empty for the all-operations total
 * @param startSec   interval start, seconds since the run started
 * @param lengthSec  interval length in seconds
 * @param histogram  the latencies, nanoseconds
 */
public record LatencyInterval(Optional<String> tag, double startSec, double lengthSec, Histogram histogram) {
    /** True for the untagged, all-operations line. */
    public boolean isTotal() {
        return tag.isEmpty();
    }

    /** Interval end, seconds since the run started. */
    public double endSec() {
        return startSec + lengthSec;
    }
}
