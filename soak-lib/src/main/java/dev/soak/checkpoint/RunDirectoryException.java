package dev.soak.checkpoint;

import java.nio.file.Path;

/**
 * A user-facing problem with a run directory: the path is not a run directory, a new run would
 * overwrite an existing one, or {@code run.json} cannot be read. The message is one paragraph that
 * names the path, what was expected and how to fix it; scripts print it and exit with code 2.
 * Immutable.
 */
public final class RunDirectoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    public RunDirectoryException(Path path, String message) {
        super(message);
        this.path = path;
    }

    public RunDirectoryException(Path path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** The directory or file the problem is about. */
    public Path path() {
        return path;
    }
}
