package dev.soak.checkpoint;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Appends interval histograms to {@code latency.hlog} in HdrHistogram's standard interval-log
 * format (written by {@link HistogramLogWriter}, readable by HdrHistogram's
 * {@code HistogramLogReader}, {@code HistogramLogProcessor} and the HdrHistogram plotter, and by
 * {@link LatencyLogReader}).
 *
 * <p>Convention of the file: recorded values are <b>nanoseconds</b>, HdrHistogram's own convention
 * and what {@code dev.soak.load} records (the {@code Interval_Max} column is written in
 * milliseconds, HdrHistogram's default ratio of 10⁶); timestamps are seconds since the run's start, which the
 * header's {@code #[StartTime: …]} line anchors to the epoch; each interval has one line per
 * operation with {@code Tag=<operation name>} and one untagged line with all operations together.
 * Latency from the actual send (not corrected for coordinated omission) may be logged too, with
 * tag {@code uncorrected.<operation name>} per operation and {@code uncorrected} for the total
 * ({@link #appendInterval(IntervalMetrics, Map, Map)}); readers keep tags starting with
 * {@value #UNCORRECTED_TAG} apart. A new file starts with a comment naming this convention, the log format version, the start time
 * and the legend line. For example, one 10-second interval with two operations:
 * <pre>
 * Tag=store,10.000,10.000,12.415,HISTFAAAAC…
 * Tag=recall,10.000,10.000,3.071,HISTFAAAAC…
 * 10.000,10.000,12.415,HISTFAAAAD…
 * </pre>
 *
 * <p>Each interval is flushed to the operating system when written; {@link #sync()} forces it to
 * disk. Thread-safe: calls are serialised. The histograms passed in are only read (their tag is
 * set for the write and restored afterwards), so the caller must not record into them meanwhile.
 */
public final class LatencyLogWriter implements Closeable {
    /** Tag of the uncorrected total, and prefix ({@code uncorrected.}) of uncorrected per-operation tags. */
    public static final String UNCORRECTED_TAG = "uncorrected";

    /** Characters a tag may not contain in the log format; they are replaced by {@code _}. */
    private static final Pattern BAD_TAG_CHARS = Pattern.compile("[,\\s]");
    /** Nanoseconds per millisecond: the {@code Interval_Max} column is in ms. */
    static final double NANOS_PER_MS = 1e6;

    private final Path path;
    private final FileOutputStream file;
    private final PrintStream out;
    private final HistogramLogWriter log;
    private boolean closed;
    /** The last write's failure, which the PrintStream swallows; null while writes succeed. */
    private volatile IOException lastFailure;

    LatencyLogWriter(Path path, long startEpochMs, boolean newFile) {
        this.path = path;
        try {
            this.file = new FileOutputStream(path.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path + " for appending: " + e.getMessage(), e);
        }
        this.out = new PrintStream(new FilterOutputStream(file) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    lastFailure = e; // PrintStream keeps only that one happened
                    throw e;
                }
            }
        }, false, StandardCharsets.US_ASCII);
        this.log = new HistogramLogWriter(out);
        if (newFile) {
            log.outputComment("[soak latency log: values in nanoseconds from the intended start;"
                + " Tag=<operation>, untagged = all operations; timestamps in seconds since StartTime]");
            log.outputLogFormatVersion();
            log.outputStartTime(startEpochMs);
            log.outputLegend();
        } else {
            log.outputComment("[soak: resumed; timestamps still count from StartTime above]");
        }
        flush();
    }

    /** Tag for an operation name: the name with commas and white space replaced by {@code _}. */
    public static String tagFor(String operation) {
        return BAD_TAG_CHARS.matcher(operation).replaceAll("_");
    }

    /**
     * Writes one interval: a tagged line per operation, then the untagged total.
     *
     * @param startSec      interval start, seconds since the run started
     * @param endSec        interval end, seconds since the run started
     * @param perOperation  histogram per operation name, values in nanoseconds
     * @param total         all operations together (written untagged), values in nanoseconds
     */
    public synchronized void appendInterval(double startSec, double endSec,
                                            Map<String, ? extends EncodableHistogram> perOperation,
                                            EncodableHistogram total) {
        perOperation.forEach((name, h) -> write(startSec, endSec, tagFor(name), h));
        write(startSec, endSec, null, total);
        flush();
    }

    /**
     * Writes the interval of {@code metrics} (from {@code t_sec - interval_sec} to {@code t_sec}):
     * a tagged line per operation, then the untagged total, computed here as their sum.
     *
     * @param metrics       the interval's metrics.jsonl record (only its times are used)
     * @param perOperation  histogram per operation name, values in nanoseconds (e.g. the corrected
     *                      histograms {@code dev.soak.load.IntervalListener} receives)
     */
    public void appendInterval(IntervalMetrics metrics, Map<String, ? extends Histogram> perOperation) {
        appendInterval(metrics.tSec() - metrics.intervalSec(), metrics.tSec(), perOperation, sum(perOperation));
    }

    /**
     * As {@link #appendInterval(IntervalMetrics, Map)} for the corrected histograms, then the
     * uncorrected ones: {@code Tag=uncorrected.<operation>} per operation and
     * {@code Tag=uncorrected} for their sum. The two maps are what
     * {@code dev.soak.load.IntervalListener#onInterval} receives.
     */
    public synchronized void appendInterval(IntervalMetrics metrics, Map<String, ? extends Histogram> corrected,
                                            Map<String, ? extends Histogram> uncorrected) {
        double start = metrics.tSec() - metrics.intervalSec();
        double end = metrics.tSec();
        corrected.forEach((name, h) -> write(start, end, tagFor(name), h));
        write(start, end, null, sum(corrected));
        uncorrected.forEach((name, h) -> write(start, end, UNCORRECTED_TAG + "." + tagFor(name), h));
        write(start, end, UNCORRECTED_TAG, sum(uncorrected));
        flush();
    }

    private static Histogram sum(Map<String, ? extends Histogram> histograms) {
        Histogram total = new Histogram(3);
        histograms.values().forEach(total::add);
        return total;
    }

    /**
     * Writes one histogram line.
     *
     * @param tag  the tag (an operation name, made legal with {@link #tagFor}), or null for the total
     */
    public synchronized void append(double startSec, double endSec, String tag, EncodableHistogram histogram) {
        write(startSec, endSec, tag == null ? null : tagFor(tag), histogram);
        flush();
    }

    private void write(double startSec, double endSec, String tag, EncodableHistogram h) {
        if (closed) {
            throw new IllegalStateException(path + " is closed; open the run directory again to append");
        }
        if (!(endSec >= startSec)) {
            throw new IllegalArgumentException("interval end " + endSec + " s is before its start " + startSec
                + " s in " + path);
        }
        String old = h.getTag();
        h.setTag(tag);
        try {
            log.outputIntervalHistogram(startSec, endSec, h, NANOS_PER_MS);
        } finally {
            h.setTag(old);
        }
    }

    private void flush() {
        out.flush();
        if (out.checkError()) {
            throw new RunWriteException("cannot append to " + path, path,
                lastFailure != null ? lastFailure : new IOException("write failed"));
        }
    }

    /** Forces written intervals to the storage device (fsync). */
    public synchronized void sync() {
        if (closed) {
            return;
        }
        flush();
        try {
            file.getFD().sync();
        } catch (IOException e) {
            throw new RunWriteException("cannot sync " + path, path, e);
        }
    }

    /** The file written. */
    public Path path() {
        return path;
    }

    /** Syncs and closes; further appends throw. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        sync();
        closed = true;
        out.close();
    }
}
