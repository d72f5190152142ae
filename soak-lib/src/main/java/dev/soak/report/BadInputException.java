package dev.soak.report;

/**
 * A user error in what was given to analyse (not a run directory, an unreadable file, no samples
 * at all): the message is one paragraph naming the path, what is wrong and how to fix it, meant to
 * be shown as is (scripts print it and exit with code 2, never a stack trace). Immutable.
 */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
