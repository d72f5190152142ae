package dev.soak.report;

import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.checkpoint.RunEvent;
import dev.soak.detect.DurationText;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The data a run's verdicts test. An extensible run ({@code [duration] max_total_seconds}) ends when a final test
 * decides (or asks for no more time), and its load runs on while that test reads and analyses the files; testing
 * those last seconds too would be one more look at the final test's level, which may not say what ended the run
 * (CI once saw such a report INCONCLUSIVE after a PASS ended its run). So when the run's last event of the kind is a
 * {@link RunEvent#FINAL_TEST} that neither an extension nor a resume followed, the verdicts test the resource
 * samples and load intervals it read and no later ones; the plots still show everything. Any other run is tested
 * whole. Stateless.
 *
 * @param data  the run, cut to what its verdicts test
 * @param note  when the cut left anything out, one sentence saying what and why
 */
record TestedData(RunData data, Optional<String> note) {
    /** The data {@code run}'s verdicts test. */
    static TestedData of(RunData run) {
        Optional<RunEvent> test = endingTest(run.events());
        if (test.isEmpty() || run.directories().size() != 1) {
            return new TestedData(run, Optional.empty());
        }
        double resourcesThrough = through(test.get(), RunEvent.RESOURCES_THROUGH_SEC);
        double metricsThrough = through(test.get(), RunEvent.METRICS_THROUGH_SEC);
        List<ResourceSample> resources = run.resources().stream().filter(r -> r.tSec() <= resourcesThrough).toList();
        List<IntervalMetrics> metrics = run.metrics().stream().filter(m -> m.tSec() <= metricsThrough).toList();
        int leftResources = run.resources().size() - resources.size();
        int leftIntervals = run.metrics().size() - metrics.size();
        if (leftResources == 0 && leftIntervals == 0) {
            return new TestedData(run, Optional.empty());
        }
        RunData cut = new RunData(run.directories(), run.runInfo(), run.status(), run.scenarioText(), run.scenario(),
            resources, metrics, run.operations(), run.events(), run.latency(), run.notes(), run.generators());
        return new TestedData(cut, Optional.of(String.format(Locale.ROOT, "the verdicts are those of final test %s, which"
            + " ended the run: they test the load through %s and the resource samples through %s; the %d load interval(s)"
            + " and %d resource sample(s) recorded after it, while the load was stopping, are plotted but not tested",
            test.get().details().get(RunEvent.FINAL_LOOK), clock(metricsThrough), clock(resourcesThrough), leftIntervals,
            leftResources)));
    }

    /** The final test that ended the run: the last one, when no {@code extend} or {@code resume} event came after it. */
    private static Optional<RunEvent> endingTest(List<RunEvent> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            String type = events.get(i).type();
            if (RunEvent.FINAL_TEST.equals(type)) {
                return Optional.of(events.get(i));
            }
            if (RunEvent.EXTEND.equals(type) || RunEvent.RESUME.equals(type)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A {@code *_through_sec} detail; −∞ (nothing) when absent, as when the test read no row of that kind. */
    private static double through(RunEvent test, String key) {
        return test.details().get(key) instanceof Number n ? n.doubleValue() : Double.NEGATIVE_INFINITY;
    }

    private static String clock(double sec) {
        return Double.isInfinite(sec) ? "none" : DurationText.clock(sec);
    }
}
