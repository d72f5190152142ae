package dev.soak.checkpoint;

import java.util.Map;

/**
 * One line of {@code events.jsonl}: something that happened during a run.
 *
 * <p>JSON: {@code t_sec}, {@code type}, {@code level}, {@code message}, and {@code details} when
 * not empty. Types in use: {@code start}, {@code warmup_end}, {@code checkpoint}, {@code warning},
 * {@code abort}, {@code target_exit}, {@code interrupted}, {@code resume}, {@code extend}, {@code error_sample},
 * {@code end}. Immutable.
 *
 * @param tSec     seconds since the run started
 * @param type     event type
 * @param level    {@code info}, {@code warn} or {@code error}
 * @param message  one human sentence
 * @param details  extra machine-readable fields (values are strings, numbers or booleans)
 */
public record RunEvent(double tSec, String type, String level, String message, Map<String, Object> details) {
    public RunEvent {
        details = Map.copyOf(details);
    }

    /**
     * Type of the event that extends an INCONCLUSIVE run past its planned end ({@code [duration]
     * max_total_seconds}); the final analysis counts them to know its level.
     */
    public static final String EXTEND = "extend";

    /**
     * Type of the event that shows the first failure of one kind (operation and error class): details
     * {@code operation}, {@code error_class}, {@code status}, {@code request} and {@code detail}.
     */
    public static final String ERROR_SAMPLE = "error_sample";

    /** An {@code info} event without details. */
    public static RunEvent info(double tSec, String type, String message) {
        return new RunEvent(tSec, type, "info", message, Map.of());
    }

    /** A {@code warn} event. */
    public static RunEvent warn(double tSec, String type, String message, Map<String, Object> details) {
        return new RunEvent(tSec, type, "warn", message, details);
    }

    /** An {@code error} event. */
    public static RunEvent error(double tSec, String type, String message, Map<String, Object> details) {
        return new RunEvent(tSec, type, "error", message, details);
    }
}
