package dev.soak.soak;

import dev.soak.checkpoint.RunWriteException;
import dev.soak.detect.DurationText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** What a run says when its run directory could not be written: one paragraph, with the way on. Stateless. */
final class RunWriteFailure {
    private RunWriteFailure() {
    }

    /**
     * The run directory could not be created, or reopened for {@code --resume}: nothing was started. E.g. "cannot
     * create the run directory /proc/x (no such directory can be made there); nothing was started. …".
     */
    static String atStart(Path dir, boolean resume, UncheckedIOException e) {
        IOException cause = e.getCause();
        String why = cause instanceof NoSuchFileException ? "no such directory can be made there"
            : cause instanceof AccessDeniedException ? "permission denied"
            : cause instanceof FileSystemException f && f.getReason() != null ? f.getReason()
            : cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage();
        String where = e instanceof RunWriteException w && w.file() != null ? w.file().getFileName() + ": " : "";
        return String.format(Locale.ROOT, "cannot %s the run directory %s (%s%s); nothing was started. %s", resume
                ? "reopen" : "create", dir, where, why, resume
                ? "Free space on its file system (df -h " + dir + ") or make it writable, then --resume " + dir + " again."
                : "Give --output-dir a directory on a writable file system with free space (df -h shows it), or free"
                + " space on this one.");
    }

    /**
     * E.g. "cannot write the run directory runs/prod (metrics.jsonl: No space left on device) after 20:14:05 of load.
     * The run stopped there, …, then go on with --resume runs/prod …".
     */
    static String message(RunWriteException e, Path dir, double measuredSec) {
        Path file = e.file() == null ? null : e.file().getFileName();
        boolean full = e.reason() != null && e.reason().toLowerCase(Locale.ROOT).contains("no space");
        return String.format(Locale.ROOT, "cannot write the run directory %s (%s: %s) after %s of load. The run stopped"
                + " there, the load and the target with it, since what it measured could no longer be recorded; what was"
                + " recorded before is kept. %s, then go on with --resume %s (the gap is recorded and a torn last line"
                + " cut off), or report what was recorded with analyze.java %s (--output DIR to write the report"
                + " elsewhere).",
            dir, file == null ? "a file" : file, e.reason(), DurationText.clock(measuredSec),
            full ? "Free space on its file system (df -h " + dir + "; the target's own logs may share it)"
                : "Make it writable again", dir, dir);
    }
}
