package dev.soak.checkpoint;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code status} of {@code run.json}: {@code running} while the orchestrator lives (also what
 * a reader sees after a SIGKILL or power loss, since nobody was left to change it),
 * {@code completed}, {@code aborted} (an abort condition fired), {@code interrupted} (Ctrl-C /
 * SIGTERM, shut down cleanly) or {@code crashed} (the orchestrator caught a fatal error).
 * Immutable.
 */
public enum RunStatus {
    RUNNING, COMPLETED, ABORTED, INTERRUPTED, CRASHED;

    /** The JSON spelling: lower case. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the JSON spelling (case-insensitive). */
    public static RunStatus fromJson(String text) {
        for (RunStatus s : values()) {
            if (s.json().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("status \"" + text + "\" is not one of "
            + Arrays.stream(values()).map(RunStatus::json).collect(Collectors.joining(", ")));
    }
}
