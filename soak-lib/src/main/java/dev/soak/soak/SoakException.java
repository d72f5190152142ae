package dev.soak.soak;

/**
 * Bad input to a soak run — a bad scenario, a missing file, an unreachable or unhealthy target, a
 * run directory that cannot be used — with a one-paragraph message that names what is wrong and
 * how to fix it. Scripts print the message (never a stack trace) and exit with {@link #EXIT_CODE}.
 * Immutable.
 */
public final class SoakException extends RuntimeException {
    /** The exit code of bad input. */
    public static final int EXIT_CODE = 2;

    public SoakException(String message) {
        super(message);
    }

    public SoakException(String message, Throwable cause) {
        super(message, cause);
    }
}
