package dev.soak.checkpoint;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Line-level IO shared by the readers and the resume path: tolerant reading of a file that may be
 * being written (a last line without {@code \n} is torn, skipped and counted) and repair of a torn
 * last line before appending. Stateless and thread-safe.
 */
final class JsonLines {
    /** At most this many warnings per file; the rest are summarised in one line. */
    static final int MAX_WARNINGS = 20;

    private JsonLines() {
    }

    /** Receives each complete line (without its {@code \n}); throws to reject it. */
    interface LineHandler {
        void line(int lineNumber, String line);
    }

    /**
     * Receives each complete line as its UTF-8 bytes {@code bytes[offset, offset + length)} (without the {@code \n};
     * the array is reused once this returns); throws to reject it.
     */
    interface BytesHandler {
        void line(int lineNumber, byte[] bytes, int offset, int length);
    }

    /** Decodes a line's UTF-8 bytes {@code bytes[offset, offset + length)} into a row; throws to reject it. */
    interface BytesDecoder<T> {
        T decode(byte[] bytes, int offset, int length);
    }

    /** Outcome of {@link #scan}: lines rejected and their warnings. */
    static final class Scan {
        int skipped;
        int lines;
        final List<String> warnings = new ArrayList<>();
        private int suppressed;

        void warn(String message) {
            skipped++;
            if (warnings.size() < MAX_WARNINGS) {
                warnings.add(message);
            } else {
                suppressed++;
            }
        }

        /** A line the handler rejected with {@code e}: skipped, with a warning that names it. */
        void reject(String file, int lineNumber, RuntimeException e) {
            warn(file + " line " + lineNumber + ": " + e.getMessage() + "; skipped");
        }

        List<String> finishWarnings() {
            List<String> out = new ArrayList<>(warnings);
            if (suppressed > 0) {
                out.add("… and " + suppressed + " more skipped lines");
            }
            return out;
        }
    }

    /**
     * Reads the complete lines present when the call starts. Blank lines are ignored; a line the
     * handler rejects and a torn last line are counted as skipped. A missing file is an empty scan.
     */
    static Scan scan(Path file, LineHandler handler) {
        return scanBytes(file, (n, bytes, offset, length) -> handler.line(n,
            new String(bytes, offset, length, StandardCharsets.UTF_8)));
    }

    /** As {@link #scan(Path, LineHandler)}, each line as bytes (not decoded into a string first). */
    static Scan scanBytes(Path file, BytesHandler handler) {
        return scanBytes(file, new Scan(), handler, () -> { });
    }

    /** Receives a line's result, worked out ahead, in file order; throws to reject the line. */
    interface ResultHandler<R> {
        void line(int lineNumber, R result);
    }

    /**
     * As {@link #scanBytes(Path, BytesHandler)} with the handling split in two: {@code work} turns each line's bytes
     * into a result on {@code threads} worker threads, ahead of need ({@link Prefetcher}), and {@code then} receives the
     * results on the caller's thread in file order. A line either throws on is skipped and counted with the same
     * warning as a handler's rejection; the scan's rows, counts and warnings are those of the one-thread scan.
     */
    static <R> Scan scanAhead(Path file, Function<byte[], R> work, ResultHandler<R> then, int threads) {
        Scan scan = new Scan();
        String name = file.getFileName().toString();
        record Line(int number, byte[] bytes) { }
        record Failed(RuntimeException e) { }
        try (Prefetcher<Line, Object> ahead = new Prefetcher<>(line -> {
            try {
                return work.apply(line.bytes());
            } catch (RuntimeException e) {
                return new Failed(e);
            }
        }, (line, result) -> {
            try {
                if (result instanceof Failed f) {
                    throw f.e();
                }
                @SuppressWarnings("unchecked") R r = (R) result;
                then.line(line.number(), r);
            } catch (RuntimeException e) {
                scan.reject(name, line.number(), e);
            }
        }, threads)) {
            return scanBytes(file, scan, (n, bytes, offset, length) ->
                ahead.add(new Line(n, Arrays.copyOfRange(bytes, offset, offset + length))), ahead::finish);
        }
    }

    /** Scans into {@code scan}, running {@code beforeTheEnd} after the last complete line and before the torn one. */
    private static Scan scanBytes(Path file, Scan scan, BytesHandler handler, Runnable beforeTheEnd) {
        String name = file.getFileName().toString();
        long remaining;
        try {
            remaining = Files.size(file);
        } catch (NoSuchFileException e) {
            beforeTheEnd.run();
            return scan;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            LineBuffer line = new LineBuffer();
            int lineNumber = 0;
            while (remaining > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
                if (n < 0) {
                    break; // truncated under us
                }
                remaining -= n;
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lineNumber++;
                        if (line.size() == 0) { // the whole line is in buf
                            handle(scan, name, lineNumber, buf, start, i - start, handler);
                        } else {
                            line.write(buf, start, i - start);
                            handle(scan, name, lineNumber, line.bytes(), 0, line.size(), handler);
                            line.reset();
                        }
                        start = i + 1;
                    }
                }
                line.write(buf, start, n - start);
            }
            beforeTheEnd.run();
            if (line.size() > 0) {
                scan.warn(String.format(Locale.ROOT,
                    "%s line %d: incomplete last line (%d bytes without a line end: still being written, or cut off"
                        + " by a crash); skipped", name, lineNumber + 1, line.size()));
            }
        } catch (NoSuchFileException e) {
            beforeTheEnd.run();
            return scan;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return scan;
    }

    /** The bytes of a line that spans two reads, handed out without a copy. */
    private static final class LineBuffer extends ByteArrayOutputStream {
        LineBuffer() {
            super(1024);
        }

        byte[] bytes() {
            return buf;
        }
    }

    private static void handle(Scan scan, String name, int lineNumber, byte[] bytes, int offset, int length,
                               BytesHandler handler) {
        if (blank(bytes, offset, length)) {
            return;
        }
        scan.lines++;
        try {
            handler.line(lineNumber, bytes, offset, length);
        } catch (RuntimeException e) {
            scan.reject(name, lineNumber, e);
        }
    }

    /** Whether the line is empty or white space only ({@link String#isBlank()} of its text). */
    private static boolean blank(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int b = bytes[i];
            if (b < 0) {
                return new String(bytes, offset, length, StandardCharsets.UTF_8).isBlank();
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /** Reads a JSON-lines file into rows, each line decoded by {@code decode}; see {@link #scan}. */
    static <T> ReadResult<T> read(Path file, Function<String, T> decode) {
        List<T> rows = new ArrayList<>();
        Scan scan = scan(file, (n, line) -> rows.add(decode.apply(line)));
        return new ReadResult<>(rows, scan.skipped, scan.finishWarnings());
    }

    /**
     * As {@link #read(Path, Function)}, each line decoded from its bytes; a line decoded to null is read but kept
     * out of the rows (a caller that consumes each row as it comes).
     */
    static <T> ReadResult<T> readBytes(Path file, BytesDecoder<T> decode) {
        List<T> rows = new ArrayList<>();
        Scan scan = scanBytes(file,
            (n, bytes, offset, length) -> addUnlessNull(rows, decode.decode(bytes, offset, length)));
        return new ReadResult<>(rows, scan.skipped, scan.finishWarnings());
    }

    /**
     * As {@link #readBytes(Path, BytesDecoder)}, the lines decoded on {@code threads} worker threads ({@link #scanAhead})
     * and each decoded line passed through {@code then} in file order on the caller's thread: the same rows.
     */
    static <D, T> ReadResult<T> readBytes(Path file, BytesDecoder<D> decode, Function<D, T> then, int threads) {
        List<T> rows = new ArrayList<>();
        Scan scan = scanAhead(file, bytes -> decode.decode(bytes, 0, bytes.length),
            (n, d) -> addUnlessNull(rows, then.apply(d)), threads);
        return new ReadResult<>(rows, scan.skipped, scan.finishWarnings());
    }

    private static <T> void addUnlessNull(List<T> rows, T row) {
        if (row != null) {
            rows.add(row);
        }
    }

    /**
     * Cuts a torn last line (bytes after the last {@code \n}) off {@code file} so that the next
     * record starts on a line of its own, and syncs the file.
     *
     * @return the number of bytes removed (0 when the file ends with {@code \n}, is empty or missing)
     */
    static long repairTornLastLine(Path file) {
        if (!Files.exists(file)) {
            return 0;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0) {
                return 0;
            }
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, size - 1);
            if (one.get(0) == '\n') {
                return 0;
            }
            long keep = 0;
            ByteBuffer chunk = ByteBuffer.allocate(8192);
            long end = size;
            search:
            while (end > 0) {
                long start = Math.max(0, end - chunk.capacity());
                chunk.clear().limit((int) (end - start));
                while (chunk.hasRemaining()) {
                    if (ch.read(chunk, start + chunk.position()) < 0) {
                        break;
                    }
                }
                for (int i = chunk.position() - 1; i >= 0; i--) {
                    if (chunk.get(i) == '\n') {
                        keep = start + i + 1;
                        break search;
                    }
                }
                end = start;
            }
            ch.truncate(keep);
            ch.force(true);
            return size - keep;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot repair the last line of " + file + ": " + e.getMessage(), e);
        }
    }
}
