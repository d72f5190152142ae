package dev.soak.monitor;

import java.util.OptionalInt;

/**
 * The watched process has exited. Immutable.
 *
 * @param pid      its pid; 0 for a remote target, seen to restart rather than exit
 * @param exitCode its exit code, known only for a process the monitor spawned itself
 */
public record TargetExit(long pid, OptionalInt exitCode) {
    /** One sentence for {@code events.jsonl}, e.g. "target pid 4242 exited with code 3". */
    public String message() {
        if (pid <= 0) {
            return "the target's process restarted (its Prometheus text reports a new process_start_time_seconds, or a"
                    + " process_cpu_seconds_total lower than before):"
                    + " what it had accumulated is gone, so the run cannot go on measuring it. Behind a load balancer"
                    + " the metrics may come from another replica each time: then set [target] metrics_path to one"
                    + " replica's URL";
        }
        return exitCode.isPresent()
                ? "target pid " + pid + " exited with code " + exitCode.getAsInt()
                : "target pid " + pid + " exited (exit code unknown: it is not a child of the monitor)";
    }
}
