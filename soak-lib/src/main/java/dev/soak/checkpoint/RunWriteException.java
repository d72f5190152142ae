package dev.soak.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A write into a run directory failed: the disk is full, a quota is reached, the file system went read-only or away.
 * Every writer of the run directory throws it ({@code *.jsonl}, {@code latency.hlog}, {@code driver.jsonl}, the files
 * replaced whole), so that a run can tell it from other failures, stop, and say what to do (free space, then resume).
 * Its message is the writer's ("cannot append to …/metrics.jsonl: No space left on device"). Immutable.
 */
public final class RunWriteException extends UncheckedIOException {
    private final transient Path file;

    /** {@code what} is the failed act and its file, e.g. "cannot append to /runs/x/metrics.jsonl". */
    public RunWriteException(String what, Path file, IOException cause) {
        super(what + ": " + cause.getMessage(), cause);
        this.file = file;
    }

    /** The file that could not be written. */
    public Path file() {
        return file;
    }

    /** What the operating system said, e.g. "No space left on device". */
    public String reason() {
        return getCause().getMessage();
    }

    /** The first run-directory write failure in {@code t}'s causes and suppressed exceptions, or null. */
    public static RunWriteException in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RunWriteException w) {
                return w;
            }
            for (Throwable s : c.getSuppressed()) {
                RunWriteException w = in(s);
                if (w != null) {
                    return w;
                }
            }
        }
        return null;
    }
}
