package dev.soak.checkpoint;

import org.HdrHistogram.Histogram;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Tolerant reader of an HdrHistogram interval log ({@code latency.hlog}), line by line: comment,
 * {@code #[StartTime: …]}, {@code #[BaseTime: …]} and legend lines are recognised, each interval
 * line ({@code [Tag=name,]start,length,max,base64}) is decoded into a {@link Histogram}, and a torn
 * or corrupt line is skipped and counted instead of ending the read (HdrHistogram's own reader stops
 * at the first bad line). Handles a file still being written: only complete lines are read.
 * Stateless and thread-safe.
 */
public final class LatencyLogReader {
    private LatencyLogReader() {
    }

    /** Reads {@code file}; a missing file is an empty log. */
    public static LatencyLog read(Path file) {
        List<LatencyInterval> rows = new ArrayList<>();
        LatencyLog scanned = scan(file, rows::add);
        ReadResult<LatencyInterval> r = scanned.intervals();
        return new LatencyLog(scanned.startTimeEpochSec(), new ReadResult<>(rows, r.skippedLines(), r.warnings()));
    }

    /**
     * Reads {@code file} as {@link #read} does, handing each interval to {@code each} as it is decoded and keeping
     * none: for a log too long to hold (a decoded histogram takes about 150 KB, so a day of 1 s intervals of a few
     * operations would take tens of GB). The result has the start time and what was skipped, and no rows. An
     * exception thrown by {@code each} counts its line as skipped.
     */
    public static LatencyLog scan(Path file, Consumer<LatencyInterval> each) {
        return scanEncoded(file, e -> each.accept(e.decode()));
    }

    /**
     * Reads {@code file} as {@link #scan} does, handing each interval line to {@code each} with its histogram still
     * encoded (a line whose base64 does not decode is skipped); {@code each} decodes or adds it
     * ({@link HistogramCodec}), and an exception it throws counts its line as skipped.
     */
    public static LatencyLog scanEncoded(Path file, Consumer<EncodedInterval> each) {
        double[] start = {Double.NaN};
        JsonLines.Scan scan = JsonLines.scan(file, (n, line) -> {
            String s = line.strip();
            if (s.startsWith("#[StartTime:")) {
                start[0] = leadingNumber(s.substring("#[StartTime:".length()));
            } else if (isInterval(s)) {
                each.accept(encodedInterval(s));
            }
        });
        return log(start[0], scan);
    }

    /**
     * Reads {@code file} as {@link #scanEncoded} does, each interval line handed to {@code each} with its histogram's
     * counts read for a sum of {@code digits} significant digits and lowest discernible value {@code lowest}
     * ({@link HistogramCodec#counts}): the lines are parsed, base64-decoded and inflated on every core, ahead of need,
     * and {@code each} receives them in file order on the caller's thread. A histogram that does not decode throws
     * from {@link HistogramCodec.Counts#addTo}; an exception {@code each} throws counts its line as skipped.
     */
    public static LatencyLog scanCounts(Path file, int digits, long lowest,
                                        BiConsumer<EncodedInterval, HistogramCodec.Counts> each) {
        record Counted(EncodedInterval interval, HistogramCodec.Counts counts) { }
        double[] start = {Double.NaN};
        JsonLines.Scan scan = JsonLines.scanAhead(file, bytes -> {
            String s = new String(bytes, StandardCharsets.UTF_8).strip();
            if (s.startsWith("#[StartTime:")) {
                return leadingNumber(s.substring("#[StartTime:".length()));
            }
            if (!isInterval(s)) {
                return null;
            }
            EncodedInterval e = encodedInterval(s);
            return new Counted(e, HistogramCodec.counts(e.compressed(), digits, lowest));
        }, (n, result) -> {
            if (result instanceof Double startSec) {
                start[0] = startSec;
            } else if (result instanceof Counted c) {
                each.accept(c.interval(), c.counts());
            }
        }, Runtime.getRuntime().availableProcessors());
        return log(start[0], scan);
    }

    private static LatencyLog log(double startSec, JsonLines.Scan scan) {
        OptionalDouble startTime = Double.isNaN(startSec) ? OptionalDouble.empty() : OptionalDouble.of(startSec);
        return new LatencyLog(startTime, new ReadResult<>(List.of(), scan.skipped, scan.finishWarnings()));
    }

    /**
     * The length of each interval line of {@code file} in seconds, in file order, read without decoding any histogram
     * (on every core); lines that are not intervals or do not parse are left out (as {@link #read} skips them).
     */
    public static double[] intervalLengths(Path file) {
        List<Double> lengths = new ArrayList<>();
        JsonLines.scanAhead(file, bytes -> {
            String s = new String(bytes, StandardCharsets.UTF_8).strip();
            return isInterval(s) ? fields(s).lengthSec() : null;
        }, (n, length) -> {
            if (length != null) {
                lengths.add(length);
            }
        }, Runtime.getRuntime().availableProcessors());
        return lengths.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Whether a stripped line is an interval line: not a comment, base time, format version or the legend. */
    private static boolean isInterval(String s) {
        return !s.startsWith("#") && !s.startsWith("\"StartTimestamp\"");
    }

    /** An interval line's fields, its histogram still encoded. */
    private record Fields(Optional<String> tag, double startSec, double lengthSec, String payload) { }

    private static Fields fields(String s) {
        Optional<String> tag = Optional.empty();
        if (s.startsWith("Tag=")) {
            int comma = s.indexOf(',');
            if (comma < 0) {
                throw new IllegalArgumentException("interval line has a tag but no values");
            }
            tag = Optional.of(s.substring(4, comma));
            s = s.substring(comma + 1);
        }
        String[] parts = s.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("expected [Tag=name,]start,length,max,histogram but found "
                + parts.length + " fields");
        }
        try {
            return new Fields(tag, Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), parts[3]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number (" + e.getMessage() + ")");
        }
    }

    private static EncodedInterval encodedInterval(String s) {
        Fields f = fields(s);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(f.payload());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("histogram payload cannot be decoded (" + e.getMessage() + ")");
        }
        return new EncodedInterval(f.tag(), f.startSec(), f.lengthSec(), bytes);
    }

    private static double leadingNumber(String s) {
        String t = s.strip();
        int end = 0;
        while (end < t.length() && (Character.isDigit(t.charAt(end)) || t.charAt(end) == '.')) {
            end++;
        }
        try {
            return Double.parseDouble(t.substring(0, end));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad StartTime line");
        }
    }
}
