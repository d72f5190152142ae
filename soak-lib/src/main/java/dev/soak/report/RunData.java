package dev.soak.report;

import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.checkpoint.RunEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything the report is made from: one run directory, or several load generators of one test
 * merged by {@link RunLoader}. Immutable (the lists are copies; treat {@link #latency()} as read-only).
 *
 * @param directories   the run directories read
 * @param runInfo       {@code run.json} of the first directory as a JSON tree ({@code {}} when absent)
 * @param status        {@code complete}, {@code aborted}, {@code crashed}, {@code running} or {@code unknown}
 * @param scenarioText  {@code scenario.toml} exactly as run ("" when absent)
 * @param scenario      thresholds, warm-up, limits and arrival curve of the scenario
 * @param resources     resource samples, by time
 * @param metrics       sample intervals, by time (merged: ops and errors summed, percentiles from added histograms);
 *                      their all-operations totals only unless loaded with the per-operation detail
 *                      ({@link RunLoader#load(List, boolean)})
 * @param operations    per operation, the whole run's operations, errors and worst interval percentiles
 * @param events        events, by time
 * @param latency       interval histograms from {@code latency.hlog} (added across directories)
 * @param notes         what was missing, skipped or approximated, one sentence each
 * @param generators    the load generator's own footprint, one per directory that recorded it ({@code driver.jsonl})
 */
public record RunData(List<Path> directories, Map<String, Object> runInfo, String status, String scenarioText,
                      ScenarioFacts scenario, List<ResourceSample> resources, List<IntervalMetrics> metrics,
                      OperationSums operations, List<RunEvent> events, LatencyLog latency, List<String> notes,
                      List<GeneratorFootprint> generators) {
    public RunData {
        directories = List.copyOf(directories);
        runInfo = Map.copyOf(runInfo);
        resources = List.copyOf(resources);
        metrics = List.copyOf(metrics);
        events = List.copyOf(events);
        notes = List.copyOf(notes);
        generators = List.copyOf(generators);
    }

    /** Run data without the generator's footprint. */
    public RunData(List<Path> directories, Map<String, Object> runInfo, String status, String scenarioText,
                   ScenarioFacts scenario, List<ResourceSample> resources, List<IntervalMetrics> metrics,
                   OperationSums operations, List<RunEvent> events, LatencyLog latency, List<String> notes) {
        this(directories, runInfo, status, scenarioText, scenario, resources, metrics, operations, events, latency, notes,
            List.of());
    }

    /** Seconds from the start to the last sample of any kind (0 when there is none). */
    public double durationSec() {
        double t = 0;
        if (!resources.isEmpty()) {
            t = Math.max(t, resources.get(resources.size() - 1).tSec());
        }
        if (!metrics.isEmpty()) {
            t = Math.max(t, metrics.get(metrics.size() - 1).tSec());
        }
        return t;
    }

    /** True when the run stopped on an abort condition (run.json status or an {@link #aborts() abort} event). */
    public boolean aborted() {
        return "aborted".equals(status) || !aborts().isEmpty();
    }

    /**
     * The {@code abort} events that tell of the target, in time order: all but an attempt that never reached its
     * target (condition {@value #TARGET_UNAVAILABLE}, no load sent or none after it) that a later resume went on
     * from, which says nothing of the service under load.
     */
    public List<RunEvent> aborts() {
        double lastResume = events.stream().filter(e -> "resume".equals(e.type())).mapToDouble(RunEvent::tSec)
            .max().orElse(Double.NEGATIVE_INFINITY);
        return events.stream().filter(e -> "abort".equals(e.type()))
            .filter(e -> !(TARGET_UNAVAILABLE.equals(e.details().get("condition")) && e.tSec() < lastResume))
            .toList();
    }

    /** The condition of the {@code abort} event of a run whose target could not be started or reached. */
    public static final String TARGET_UNAVAILABLE = "target_unavailable";
}
