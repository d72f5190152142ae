package dev.soak.monitor;

import java.util.OptionalInt;

/**
 * The watched process has exited. Immutable.
 *
 * @param pid      its pid
 * @param exitCode its exit code, known only for a process the monitor spawned itself
 */
public record TargetExit(long pid, OptionalInt exitCode) {
    /** One sentence for {@code events.jsonl}, e.g. "target pid 4242 exited with code 3". */
    public String message() {
        return exitCode.isPresent()
                ? "target pid " + pid + " exited with code " + exitCode.getAsInt()
                : "target pid " + pid + " exited (exit code unknown: it is not a child of the monitor)";
    }
}
