package dev.soak.checkpoint;

import java.util.Map;

/**
 * One line of {@code events.jsonl}: something that happened during a run.
 *
 * <p>JSON: {@code t_sec}, {@code type}, {@code level}, {@code message}, and {@code details} when
 * not empty. Types in use: {@code start}, {@code warmup_end}, {@code checkpoint}, {@code warning},
 * {@code abort}, {@code target_exit}, {@code interrupted}, {@code resume}, {@code final_test}, {@code extend},
 * {@code error_sample}, {@code end}. Immutable.
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
     * Type of the event that records a final test of an extensible run (its analysis at its planned end or an
     * extension's): details {@code final_look}, {@code level}, {@code verdict}, {@code memory_leak},
     * {@code latency_drift}, and the data it tested, {@code resources_through_sec} and {@code metrics_through_sec}
     * (the last resource sample's and load interval's {@code t_sec}, absent when there was none). When the run ends on
     * it, the report tests that same data, so its verdict is the one that ended the run.
     */
    public static final String FINAL_TEST = "final_test";
    /**
     * Type of the event that opens each part of a run (the first and every resumed one): details include
     * {@code wall_sec}, {@code time_scale}, {@code abort_conditions} and {@link #TARGET_IN_THIS_JVM}.
     */
    public static final String START = "start";
    /**
     * {@link #START} detail, true when the target ran in the load generator's own JVM (Java operations monitoring this
     * process): the generator's footprint ({@code driver.jsonl}) is then the target's too.
     */
    public static final String TARGET_IN_THIS_JVM = "target_in_this_jvm";
    /** Type of the event that starts the second or a later part of a resumed run. */
    public static final String RESUME = "resume";
    /** {@link #FINAL_TEST} detail: the {@code t_sec} of the last resource sample the test read. */
    public static final String RESOURCES_THROUGH_SEC = "resources_through_sec";
    /** {@link #FINAL_TEST} detail: the {@code t_sec} of the last load interval the test read. */
    public static final String METRICS_THROUGH_SEC = "metrics_through_sec";
    /**
     * {@link #EXTEND} detail: the extra run time (s) each gating INCONCLUSIVE verdict asked for, by metric; the
     * extension is the longest of them, within the maximum.
     */
    public static final String ASKED_BY = "asked_by";
    /** {@link #FINAL_TEST} and {@link #EXTEND} detail: which final test it was (1 at the planned end). */
    public static final String FINAL_LOOK = "final_look";

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
