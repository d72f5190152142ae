package dev.soak.report;

import dev.soak.checkpoint.RunEvent;
import dev.soak.detect.Analysis;
import dev.soak.detect.AnalysisOptions;
import dev.soak.detect.AnalysisReport;
import dev.soak.scenario.Thresholds;
import java.util.List;
import java.util.Locale;

/**
 * Runs the shared analysis ({@link Analysis#analyze}, the same as the orchestrator's live looks)
 * on a loaded run and turns the result into the report's {@link ReportModel} and the scripts'
 * exit code. Stateless and thread-safe.
 */
public final class RunAnalysis {
    /** Exit code: every verdict PASS and the run was not aborted. */
    public static final int EXIT_PASS = 0;
    /** Exit code: a leak or drift verdict FAIL, or the run was aborted. */
    public static final int EXIT_FAIL = 1;
    /** Exit code: bad input (not a run directory, no samples at all). */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code: no FAIL, but some verdict INCONCLUSIVE (run longer). */
    public static final int EXIT_INCONCLUSIVE = 3;

    private RunAnalysis() {
    }

    /**
     * Analyses a loaded run offline with the options its scenario implies (thresholds, warm-up,
     * {@code max_rss_mb}). Never throws on thin data: verdicts become INCONCLUSIVE.
     */
    public static ReportModel analyze(RunData run) {
        return analyze(run, options(run));
    }

    /**
     * Analyses a loaded run with explicit options: the data its verdicts test ({@link TestedData}: a run a final test
     * ended, up to what that test read), with a note when that left anything out.
     */
    public static ReportModel analyze(RunData run, AnalysisOptions options) {
        TestedData tested = TestedData.of(run);
        ReportModel model = DetectAdapter.toModel(tested.data(), detect(tested.data(), options), options);
        return tested.note().map(model::withNote).orElse(model);
    }

    /** The run's final analysis as its report makes it, in {@code dev.soak.detect}'s terms (see {@link #analyze}). */
    public static AnalysisReport finalAnalysis(RunData run) {
        return detect(TestedData.of(run).data(), options(run));
    }

    private static AnalysisReport detect(RunData tested, AnalysisOptions options) {
        return Analysis.analyze(tested.resources(), tested.metrics(), options);
    }

    /**
     * The options of a run's final analysis: those of its scenario ({@link #options(ScenarioFacts)}), and for an
     * extensible run the final look it has reached: 1 plus the {@code extend} events it holds (see
     * {@link AnalysisOptions#levelOfThisLook()}).
     */
    public static AnalysisOptions options(RunData run) {
        return options(run.scenario(), run.events());
    }

    /** As {@link #options(RunData)}, from the run's scenario and events. */
    static AnalysisOptions options(ScenarioFacts scenario, List<RunEvent> events) {
        AnalysisOptions o = options(scenario);
        if (!scenario.extensible()) {
            return o;
        }
        int extensions = (int) events.stream().filter(e -> RunEvent.EXTEND.equals(e.type())).count();
        return o.toBuilder().finalLook(1 + extensions).build();
    }

    /** Offline analysis options from a scenario's thresholds, warm-up and {@code max_rss_mb}. */
    public static AnalysisOptions options(ScenarioFacts scenario) {
        AnalysisOptions.Builder b = AnalysisOptions.builder()
                .thresholds(new Thresholds(scenario.memoryLeakMbPerHour(), scenario.latencyDriftPctPerHour(),
                        scenario.exhaustionHorizonHours())).offline();
        scenario.warmupSec().ifPresent(b::warmupSec);
        scenario.maxRssMb().ifPresent(b::maxRssMb);
        return b.build();
    }

    /** True when the run has no resource sample and no load interval at all. */
    public static boolean hasNoSamples(RunData run) {
        return run.resources().isEmpty() && run.metrics().isEmpty();
    }

    /** 0 pass, 1 leak / drift / exhaustion / abort, 2 no samples at all, 3 inconclusive. */
    public static int exitCode(RunData run, ReportModel model) {
        if (hasNoSamples(run)) {
            return EXIT_BAD_INPUT;
        }
        if (model.leakDetected() || model.driftDetected() || model.exhaustionPredicted() || run.aborted()) {
            return EXIT_FAIL;
        }
        return model.overall() == ReportModel.Verdict.PASS ? EXIT_PASS : EXIT_INCONCLUSIVE;
    }

    /**
     * The run's outcome as the reports show it: FAIL when the run was aborted (an abort fails the run whatever the
     * verdicts of its data so far, exit code 1), else the verdicts' {@link ReportModel#overall}.
     */
    public static ReportModel.Verdict overall(RunData run, ReportModel model) {
        return run.aborted() ? ReportModel.Verdict.FAIL : model.overall();
    }

    /**
     * {@link #overall} in words: with what the verdicts said when an abort decided it, so an aborted run reads "FAIL
     * (the run was aborted; the verdicts of its data: INCONCLUSIVE)", not "INCONCLUSIVE" beside exit code 1.
     */
    public static String overallText(RunData run, ReportModel model) {
        return overall(run, model) + abortNote(run, model);
    }

    /** " (the run was aborted; the verdicts of its data: …)" when it was, else "". */
    static String abortNote(RunData run, ReportModel model) {
        return run.aborted() ? " (the run was aborted; the verdicts of its data: " + model.overall() + ")" : "";
    }

    /** A one-line explanation of an exit code. */
    public static String describe(int exitCode) {
        return switch (exitCode) {
            case EXIT_PASS -> "PASS: no leak, no drift, run not aborted";
            case EXIT_FAIL -> "FAIL: leak, drift or resource exhaustion detected, or the run was aborted";
            case EXIT_BAD_INPUT -> "BAD INPUT: nothing to analyse";
            case EXIT_INCONCLUSIVE -> "INCONCLUSIVE: no failure found, but the run is too short or too noisy to pass";
            default -> String.format(Locale.ROOT, "exit %d", exitCode);
        };
    }
}
