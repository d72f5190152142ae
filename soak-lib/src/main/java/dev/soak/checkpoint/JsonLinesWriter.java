package dev.soak.checkpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;

/**
 * Appends one JSON object per line to a run-directory file ({@code resources.jsonl},
 * {@code metrics.jsonl}, {@code events.jsonl}); obtained from {@link RunDirectory}.
 *
 * <p>Each {@link #append} encodes the whole line first and hands it to the operating system in one
 * write, so a reader (or a crash) never sees two records glued together: at worst the last line is
 * torn, and readers skip and count it. Records are not buffered in the JVM (no flush needed);
 * {@link #sync()} forces them to the disk.
 *
 * <p>Thread-safe: {@code append} may be called concurrently (e.g. from a sampler thread and a
 * driver thread); lines never interleave.
 *
 * @param <T> the record type of the file
 */
public final class JsonLinesWriter<T> implements Closeable {
    private final Path path;
    private final FileChannel channel;
    private final Function<T, ObjectNode> encoder;
    private long linesWritten;
    private volatile boolean closed;

    JsonLinesWriter(Path path, Function<T, ObjectNode> encoder) {
        this.path = path;
        this.encoder = encoder;
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path + " for appending: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code row} as one line. NaN and infinite numbers are left out of the line.
     *
     * @throws RunWriteException     when the write fails (disk full, …), naming the file
     * @throws IllegalStateException after {@link #close()}
     */
    public void append(T row) {
        byte[] line = RunJson.line(encoder.apply(row));
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(path + " is closed; open the run directory again to append");
            }
            try {
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            } catch (IOException e) {
                throw new RunWriteException("cannot append to " + path, path, e);
            }
            linesWritten++;
        }
    }

    /** Forces every appended line to the storage device (fsync). */
    public void sync() {
        if (closed) {
            return;
        }
        try {
            channel.force(false);
        } catch (java.nio.channels.ClosedChannelException e) {
            // closed concurrently: close() synced
        } catch (IOException e) {
            throw new RunWriteException("cannot sync " + path, path, e);
        }
    }

    /** Lines appended through this writer (not counting lines already in the file). */
    public synchronized long linesWritten() {
        return linesWritten;
    }

    /** The file written. */
    public Path path() {
        return path;
    }

    /** Syncs and closes the file; further appends throw. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            throw new RunWriteException("cannot close " + path, path, e);
        }
    }
}
