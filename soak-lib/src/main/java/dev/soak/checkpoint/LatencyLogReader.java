package dev.soak.checkpoint;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.zip.DataFormatException;

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
        double[] start = {Double.NaN};
        JsonLines.Scan scan = JsonLines.scan(file, (n, line) -> {
            String s = line.strip();
            if (s.startsWith("#[StartTime:")) {
                start[0] = leadingNumber(s.substring("#[StartTime:".length()));
            } else if (s.startsWith("#") || s.startsWith("\"StartTimestamp\"")) {
                return; // comment, base time, format version, legend
            } else {
                rows.add(parseInterval(s));
            }
        });
        OptionalDouble startTime = Double.isNaN(start[0]) ? OptionalDouble.empty() : OptionalDouble.of(start[0]);
        return new LatencyLog(startTime, new ReadResult<>(rows, scan.skipped, scan.finishWarnings()));
    }

    static LatencyInterval parseInterval(String s) {
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
        double startSec;
        double lengthSec;
        try {
            startSec = Double.parseDouble(parts[0]);
            lengthSec = Double.parseDouble(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number (" + e.getMessage() + ")");
        }
        Histogram h;
        try {
            byte[] bytes = Base64.getDecoder().decode(parts[3]);
            h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (IllegalArgumentException | DataFormatException | IndexOutOfBoundsException
                 | java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("histogram payload cannot be decoded (" + e.getMessage() + ")");
        }
        tag.ifPresent(h::setTag);
        return new LatencyInterval(tag, startSec, lengthSec, h);
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
