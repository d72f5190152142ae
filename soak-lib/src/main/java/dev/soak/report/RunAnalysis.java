package dev.soak.report;

import java.util.Locale;

/**
 * Runs the shared analysis on a loaded run and turns the result into the report's
 * {@link ReportModel} and the scripts' exit code. This is the one place that knows which
 * analysis runs (today the report's interim Theil–Sen/Mann–Kendall analysis; the adapter to
 * {@code dev.soak.detect.Analysis} replaces its body). Stateless and thread-safe.
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

    /** Analyses a loaded run (warm-up cut, verdicts, forecasts). Never throws on thin data: verdicts become INCONCLUSIVE. */
    public static ReportModel analyze(RunData run) {
        return InterimAnalysis.analyze(run);
    }

    /** True when the run has no resource sample and no load interval at all. */
    public static boolean hasNoSamples(RunData run) {
        return run.resources().isEmpty() && run.metrics().isEmpty();
    }

    /** 0 pass, 1 leak / drift / abort, 2 no samples at all, 3 inconclusive. */
    public static int exitCode(RunData run, ReportModel model) {
        if (hasNoSamples(run)) {
            return EXIT_BAD_INPUT;
        }
        if (model.leakDetected() || model.driftDetected() || run.aborted()) {
            return EXIT_FAIL;
        }
        return model.overall() == ReportModel.Verdict.PASS ? EXIT_PASS : EXIT_INCONCLUSIVE;
    }

    /** A one-line explanation of an exit code. */
    public static String describe(int exitCode) {
        return switch (exitCode) {
            case EXIT_PASS -> "PASS: no leak, no drift, run not aborted";
            case EXIT_FAIL -> "FAIL: leak or drift detected, or the run was aborted";
            case EXIT_BAD_INPUT -> "BAD INPUT: nothing to analyse";
            case EXIT_INCONCLUSIVE -> "INCONCLUSIVE: no failure found, but the run is too short or too noisy to pass";
            default -> String.format(Locale.ROOT, "exit %d", exitCode);
        };
    }
}
