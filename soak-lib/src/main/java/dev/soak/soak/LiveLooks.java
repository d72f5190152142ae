package dev.soak.soak;

import dev.soak.checkpoint.Checkpoint;
import dev.soak.checkpoint.HeapProfile;
import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.checkpoint.RunDirectory;
import dev.soak.checkpoint.RunDirectoryReader;
import dev.soak.checkpoint.RunEvent;
import dev.soak.detect.Analysis;
import dev.soak.detect.AnalysisOptions;
import dev.soak.detect.AnalysisReport;
import dev.soak.detect.DurationText;
import dev.soak.detect.Look;
import dev.soak.report.RunAnalysis;
import dev.soak.report.ScenarioFacts;
import dev.soak.scenario.Scenario;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The checkpoints of a run: at each one, the same {@link Analysis} as {@code analyze} runs on
 * everything the run directory holds so far (both parts of a resumed run), as a live
 * {@link Look} so that repeated looks do not inflate false alarms, and
 * {@code checkpoints/checkpoint-NNNN.json} is written with the verdicts, followed by a
 * {@code checkpoint} event and an fsync of every file.
 *
 * <p>Reading the files back (rather than keeping every sample in memory) keeps the driver's own
 * memory flat over days and makes a resumed run's analysis span both parts.
 *
 * <p>Not thread-safe: the orchestrator's main thread owns it.
 */
final class LiveLooks {
    /** The options of the run's final analysis (as the report builds them), which each look refines. */
    private final AnalysisOptions options;
    private final Path dir;
    private final RunDirectory run;
    private int lookNumber;
    private double previousSec;
    private AnalysisReport last;
    private AnalysisOptions lastOptions;

    LiveLooks(Scenario scenario, Path dir, RunDirectory run) {
        this.options = RunAnalysis.options(ScenarioFacts.of(scenario));
        this.dir = dir;
        this.run = run;
        List<Checkpoint> existing = RunDirectoryReader.open(dir).checkpoints().rows();
        lookNumber = existing.size();
        previousSec = existing.stream().mapToDouble(Checkpoint::timestampSec).max().orElse(0);
    }

    /** Whether this part of the run (a resumed run's second, say) looked less than {@code sec} seconds before {@code tSec}. */
    boolean lookedWithin(double tSec, double sec) {
        return last != null && tSec - previousSec < sec;
    }

    /** The options of the last live analysis (its {@link Look} among them), for another test at the same look. */
    Optional<AnalysisOptions> lastOptions() {
        return Optional.ofNullable(lastOptions);
    }

    /** The last live analysis. */
    Optional<AnalysisReport> last() {
        return Optional.ofNullable(last);
    }

    /**
     * The final analysis of everything the run directory holds, as final look {@code j} of an extensible run
     * (offline, at α/2^j; see {@link AnalysisOptions#levelOfThisLook()}): what the report would say if the run
     * ended now. A {@link RunEvent#FINAL_TEST} event records its verdicts and the data it read, so that a report of a
     * run this test ends tests that data and no more (the load goes on while the test runs). Empty when the analysis
     * failed (then a warning event says why).
     */
    Optional<AnalysisReport> finalAnalysis(double tSec, int j) {
        RunDirectoryReader reader = RunDirectoryReader.open(dir);
        List<ResourceSample> res = reader.resources().rows();
        List<IntervalMetrics> met = reader.metricTotals().rows();
        AnalysisReport a;
        try {
            a = Analysis.analyze(res, met, finalOptions(j));
        } catch (RuntimeException e) {
            run.events().append(RunEvent.warn(tSec, "warning", "final analysis " + j + " failed: " + e, Map.of()));
            return Optional.empty();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(RunEvent.FINAL_LOOK, j);
        details.put("level", a.level());
        details.put("verdict", a.verdict().name());
        details.put("memory_leak", a.leak().verdict().name());
        details.put("latency_drift", a.drift().verdict().name());
        String through = "";
        if (!res.isEmpty()) {
            details.put(RunEvent.RESOURCES_THROUGH_SEC, res.get(res.size() - 1).tSec());
        }
        if (!met.isEmpty()) {
            double last = met.get(met.size() - 1).tSec();
            details.put(RunEvent.METRICS_THROUGH_SEC, last);
            through = " on the load intervals up to " + DurationText.clock(last) + " since the start";
        }
        run.events().append(new RunEvent(tSec, RunEvent.FINAL_TEST, "info", String.format(Locale.ROOT,
            "final test %d at level %.3g%s: %s (memory %s, latency %s)", j, a.level(), through, a.verdict(),
            a.leak().verdict(), a.drift().verdict()), details));
        return Optional.of(a);
    }

    /** The options of final look {@code j}: those the report gives the run once it holds {@code j - 1} extensions. */
    AnalysisOptions finalOptions(int j) {
        return options.toBuilder().finalLook(j).build();
    }

    /** How many times the run has been extended so far (its {@code extend} events, a resumed run's included). */
    int extensions() {
        return (int) RunDirectoryReader.open(dir).events().rows().stream()
            .filter(e -> RunEvent.EXTEND.equals(e.type())).count();
    }

    /**
     * Runs a look and writes the checkpoint; empty when there is nothing to analyse yet (no sample
     * interval) or the analysis failed (then a warning event says why and the run goes on).
     */
    Optional<AnalysisReport> look(double tSec, double plannedSec, IntervalMetrics interval, ResourceSample resources,
                                  HeapProfile heap) {
        if (interval == null) {
            return Optional.empty();
        }
        RunDirectoryReader reader = RunDirectoryReader.open(dir);
        List<ResourceSample> res = reader.resources().rows();
        List<IntervalMetrics> met = reader.metricTotals().rows();
        double elapsed = Math.max(tSec, previousSec);
        AnalysisReport a;
        AnalysisOptions lookOptions;
        try {
            Look look = new Look(lookNumber + 1, elapsed, Math.min(previousSec, elapsed), Math.max(plannedSec, elapsed));
            lookOptions = options.toBuilder().look(look).build();
            a = Analysis.analyze(res, met, lookOptions);
        } catch (RuntimeException e) {
            run.events().append(RunEvent.warn(tSec, "warning", "live analysis at checkpoint failed: " + e, Map.of()));
            return Optional.empty();
        }
        lookNumber++;
        previousSec = elapsed;
        last = a;
        lastOptions = lookOptions;
        Map<String, Object> verdicts = new LinkedHashMap<>(a.toMap());
        verdicts.put("memory_leak", a.leak().verdict().name());
        verdicts.put("latency_drift", a.drift().verdict().name());
        run.checkpoints().write(tSec, interval,
            resources != null ? resources : ResourceSample.empty(tSec), heap != null ? heap : HeapProfile.none(), verdicts);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("checkpoint", lookNumber);
        details.put("verdict", a.verdict().name());
        details.put("memory_leak", a.leak().verdict().name());
        details.put("latency_drift", a.drift().verdict().name());
        run.events().append(new RunEvent(tSec, "checkpoint", "info", String.format(Locale.ROOT,
            "checkpoint %d: overall %s, memory %s, latency %s", lookNumber, a.verdict(), a.leak().verdict(),
            a.drift().verdict()), details));
        run.sync();
        return Optional.of(a);
    }
}
