package dev.soak.checkpoint;

import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * One interval line of {@code latency.hlog} with its histogram still encoded ({@link HistogramCodec}): for a reader
 * that adds histograms into sums ({@link HistogramCodec#addTo}) rather than holding each one.
 *
 * @param tag         the operation name, empty for the all-operations total
 * @param startSec    interval start, seconds since the run started
 * @param lengthSec   interval length in seconds
 * @param compressed  the histogram, HdrHistogram's compressed encoding (do not modify)
 */
public record EncodedInterval(Optional<String> tag, double startSec, double lengthSec, byte[] compressed) {
    /**
     * The line with its histogram decoded (and tagged with the line's tag, as HdrHistogram's own reader tags it).
     *
     * @throws IllegalArgumentException when the histogram does not decode
     */
    public LatencyInterval decode() {
        Histogram h = HistogramCodec.decode(compressed);
        tag.ifPresent(h::setTag);
        return new LatencyInterval(tag, startSec, lengthSec, h);
    }
}
