package dev.soak.soak;

import dev.soak.checkpoint.RunDirectory;
import dev.soak.checkpoint.RunEvent;
import dev.soak.detect.AnalysisOptions;
import dev.soak.detect.MetricVerdict;
import dev.soak.detect.Verdict;
import dev.soak.report.GeneratorFootprint;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The load generator's own heap after GC ({@code driver.jsonl}), tested for a leak at each live look as the report
 * tests it at the end ({@link GeneratorFootprint}), so that a run of days says while it goes on that Soak itself
 * leaks: its collections then come more and more often, and the latency it measures includes them. Tested at the
 * live look's level, so repeated looks do not inflate false alarms; said once per part of a run, by a
 * {@value #EVENT} warning event and a console line. Not made where the target runs in the generator's JVM (its heap
 * is the target's, tested among the verdicts).
 *
 * <p>Not thread-safe: the orchestrator's main thread owns it.
 */
final class GeneratorWatch {
    /** Type of the event that says the load generator's own heap leaks. */
    static final String EVENT = "generator_leak";

    private final Path dir;
    private final boolean targetInThisJvm;
    private final double jvmStartSec;
    private boolean said;
    private Optional<MetricVerdict> last = Optional.empty();

    /**
     * @param jvmStartSec when this part of the run started ({@code t_sec}): only the samples of this JVM are tested,
     *                    not a resumed run's earlier generator's
     */
    GeneratorWatch(Path dir, boolean targetInThisJvm, double jvmStartSec) {
        this.dir = dir;
        this.targetInThisJvm = targetInThisJvm;
        this.jvmStartSec = jvmStartSec;
    }

    /** The test of the last look; empty before one, or where none was made. */
    Optional<MetricVerdict> last() {
        return last;
    }

    /**
     * Tests the generator's heap after GC with {@code lookOptions} (a live look's); on its first FAIL appends a
     * {@value #EVENT} event to {@code run} and passes the warning to {@code say}. Returns the test, empty where none
     * was made (the target in this JVM, no samples yet).
     */
    Optional<MetricVerdict> look(AnalysisOptions lookOptions, int lookNumber, double tSec, RunDirectory run,
                                 Consumer<String> say) {
        if (targetInThisJvm) {
            return Optional.empty();
        }
        Optional<GeneratorFootprint> footprint = GeneratorFootprint.read(dir, lookOptions, false, jvmStartSec);
        Optional<MetricVerdict> trend = footprint.flatMap(GeneratorFootprint::heapTrend);
        last = trend;
        if (trend.isPresent() && trend.get().verdict() == Verdict.FAIL && !said) {
            said = true;
            MetricVerdict t = trend.get();
            String message = "at checkpoint " + lookNumber + ", the load generator's own "
                + footprint.get().heapTrendText().orElseThrow().replaceFirst("^its ", "");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("checkpoint", lookNumber);
            details.put("rate_per_hour", t.ratePerHour());
            details.put("rate_low_per_hour", t.ciLowPerHour());
            details.put("rate_high_per_hour", t.ciHighPerHour());
            details.put("threshold_per_hour", t.thresholdPerHour());
            details.put("p_value", t.pValue());
            details.put("level", t.levelUsed());
            run.events().append(RunEvent.warn(tSec, EVENT, message, details));
            say.accept("soak: warning: " + message);
        }
        return trend;
    }
}
