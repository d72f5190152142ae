package dev.soak.soak;

import dev.soak.checkpoint.ResourceSample;
import dev.soak.load.Operation;
import dev.soak.monitor.HeapProfileSource;
import dev.soak.monitor.TargetProcess;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The library API's additions to a run (set through {@link SoakOrchestrator.Builder#operation},
 * {@link SoakOrchestrator.Builder#javaThreads} and {@link SoakOrchestrator.Builder#watch}): plain
 * Java operations driven in-process, and a process to watch that the run neither starts nor
 * health-checks (e.g. the current JVM), with its own heap source.
 *
 * <p>With Java operations the scenario's own operations are left out of the mix (as
 * {@code LoadDriverBuilder.operation} does), so no HTTP is sent and no health check is made: the
 * target is only watched. Not thread-safe; filled by the builder, read by {@link RunLoop}.
 */
final class JavaTarget {
    /** One Java operation with its relative weight. */
    record Op(double weight, Operation operation) {
    }

    final Map<String, Op> operations = new LinkedHashMap<>();
    int javaThreads = 2;
    TargetProcess watched;
    HeapProfileSource watchedHeap;

    void add(String name, double weight, Operation operation) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operation, "operation");
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight of Java operation \"" + name + "\" is " + weight
                    + "; it must be a finite number > 0");
        }
        if (operations.containsKey(name)) {
            throw new IllegalArgumentException("Java operation \"" + name + "\" is given twice; give each a distinct name");
        }
        operations.put(name, new Op(weight, operation));
    }

    /** Whether the watched process is this JVM (an in-process soak). */
    boolean inProcess() {
        return watched != null && watched.pid() == ProcessHandle.current().pid();
    }

    /**
     * The sample as {@code resources.jsonl} records it. In-process, the JVM's process memory
     * ({@code rss_mb}, {@code vsize_mb}, {@code pss_mb}, {@code anon_mb}, {@code swap_mb}) is the
     * driver's and the test framework's as much as the application's, so it is left out there (it
     * stays in {@code driver.jsonl}, the driver's own samples of the same process) and the memory
     * verdict rests on {@code heap_after_gc_mb}. Abort conditions still see the raw sample.
     */
    ResourceSample recorded(ResourceSample s) {
        if (!inProcess()) {
            return s;
        }
        double n = Double.NaN;
        return new ResourceSample(s.tSec(), s.cpuPercent(), n, n, s.threads(), s.openFds(), s.networkConnections(),
                s.diskIoMb(), n, n, n, s.heapAfterGcMb(), s.maxOpenFiles(), s.memoryLimitMb());
    }

    /** Whether the driver sends HTTP (no Java operations given), so the target must answer its health check. */
    boolean http() {
        return operations.isEmpty();
    }
}
