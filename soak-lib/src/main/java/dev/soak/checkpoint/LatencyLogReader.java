package dev.soak.checkpoint;

import org.HdrHistogram.Histogram;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
            Object read = line(line);
            if (read instanceof Double startSec) {
                start[0] = startSec;
            } else if (read instanceof EncodedInterval e) {
                each.accept(e);
            }
        });
        return log(start[0], scan);
    }

    /**
     * What a line of the log holds: the start time (seconds since the epoch) of a {@code #[StartTime: …]} line, an
     * interval line's {@link EncodedInterval}, or null for any other line.
     *
     * @throws IllegalArgumentException when a start time or interval line does not parse
     */
    private static Object line(String line) {
        String s = line.strip();
        if (s.startsWith("#[StartTime:")) {
            return leadingNumber(s.substring("#[StartTime:".length()));
        }
        return isInterval(s) ? encodedInterval(s) : null;
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
            Object read = line(new String(bytes, StandardCharsets.UTF_8));
            return read instanceof EncodedInterval e
                ? new Counted(e, HistogramCodec.counts(e.compressed(), digits, lowest)) : read;
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
     * (nor the text of its payload); lines that are not intervals or do not parse are left out (as {@link #read} skips
     * them).
     */
    public static double[] intervalLengths(Path file) {
        double[][] lengths = {new double[1024]};
        int[] n = {0};
        JsonLines.scanBytes(file, (number, bytes, offset, length) -> {
            OptionalDouble sec = lengthSec(bytes, offset, length);
            if (sec.isPresent()) {
                if (n[0] == lengths[0].length) {
                    lengths[0] = Arrays.copyOf(lengths[0], 2 * n[0]);
                }
                lengths[0][n[0]++] = sec.getAsDouble();
            }
        });
        return Arrays.copyOf(lengths[0], n[0]);
    }

    /**
     * The length field of an interval line's bytes {@code b[offset, offset + length)}, read as {@link #fields} reads the
     * stripped text (its {@code split(",")} included: four fields once trailing empty ones are dropped); empty when the
     * line is not an interval line or does not parse. A line with a non-ASCII byte is decoded and read as text.
     */
    static OptionalDouble lengthSec(byte[] b, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = start; i < end; i++) {
            if (b[i] < 0) {
                return lengthSec(new String(b, offset, length, StandardCharsets.UTF_8));
            }
        }
        while (start < end && Character.isWhitespace(b[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(b[end - 1])) {
            end--;
        }
        if (startsWith(b, start, end, "#") || startsWith(b, start, end, "\"StartTimestamp\"")) {
            return OptionalDouble.empty();
        }
        if (startsWith(b, start, end, "Tag=")) {
            int comma = indexOfComma(b, start, end);
            if (comma < 0) {
                return OptionalDouble.empty();
            }
            start = comma + 1;
        }
        if (indexOfComma(b, start, end) >= 0) { // split drops the trailing empty fields; without a comma, one field
            while (end > start && b[end - 1] == ',') {
                end--;
            }
        }
        int first = indexOfComma(b, start, end);
        int second = first < 0 ? -1 : indexOfComma(b, first + 1, end);
        int third = second < 0 ? -1 : indexOfComma(b, second + 1, end);
        if (third < 0 || indexOfComma(b, third + 1, end) >= 0) {
            return OptionalDouble.empty();
        }
        try {
            Double.parseDouble(new String(b, start, first - start, StandardCharsets.ISO_8859_1));
            return OptionalDouble.of(Double.parseDouble(new String(b, first + 1, second - first - 1,
                StandardCharsets.ISO_8859_1)));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** {@link #lengthSec(byte[], int, int)} of a line's text. */
    static OptionalDouble lengthSec(String line) {
        String s = line.strip();
        if (!isInterval(s)) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(fields(s).lengthSec());
        } catch (IllegalArgumentException e) {
            return OptionalDouble.empty();
        }
    }

    private static boolean startsWith(byte[] b, int start, int end, String prefix) {
        if (end - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfComma(byte[] b, int start, int end) {
        for (int i = start; i < end; i++) {
            if (b[i] == ',') {
                return i;
            }
        }
        return -1;
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
