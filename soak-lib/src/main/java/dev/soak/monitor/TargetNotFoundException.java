package dev.soak.monitor;

/**
 * A user error: the process to watch could not be found (no such pid, an unreadable or stale pid
 * file, a command that cannot be started, nothing listening on the port). The message is one
 * paragraph naming the value, what was expected and how to fix it; scripts print it without a
 * stack trace and exit with code 2. Immutable.
 */
public final class TargetNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with a complete, user-facing message. */
    public TargetNotFoundException(String message) {
        super(message);
    }

    /** An error with a complete, user-facing message and its cause. */
    public TargetNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
