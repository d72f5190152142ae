package dev.soak;

import dev.soak.checkpoint.RunStatus;
import dev.soak.detect.AnalysisReport;
import dev.soak.detect.MetricVerdict;
import dev.soak.detect.RateText;
import dev.soak.detect.Verdict;
import dev.soak.report.RunAnalysis;
import dev.soak.report.RunData;
import dev.soak.report.RunLoader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Soak} run found: the overall verdict, the memory-leak and latency-drift verdicts
 * with their rate estimates, confidence intervals and p-values, and where the run directory and
 * its report are.
 *
 * <p>The analysis is the same as the report's ({@code report.txt}, {@code report.json}) and as
 * {@code analyze.java} computes from the run directory afterwards: {@link RunAnalysis#finalAnalysis} over the
 * whole run (a run its final test ended, up to what that test read) with the scenario's thresholds and warm-up.
 *
 * <pre>{@code
 * SoakResult r = soak.run();
 * r.verdict();                       // PASS, FAIL or INCONCLUSIVE
 * r.leak().ratePerHour();            // e.g. 812.4 (MB per wall hour), r.leak().ciLowPerHour() ...
 * r.leak().metric();                 // "heap_after_gc_mb" when it decided the leak verdict
 * r.reportFile();                    // .../report.txt
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class SoakResult {
    private final AnalysisReport analysis;
    private final Verdict verdict;
    private final RunStatus status;
    private final Path runDirectory;
    private final Optional<String> abortReason;
    private final String summary;
    private final double measuredSec;

    SoakResult(AnalysisReport analysis, RunStatus status, Path runDirectory, Optional<String> abortReason, String summary,
               double measuredSec) {
        this.analysis = Objects.requireNonNull(analysis, "analysis");
        this.status = Objects.requireNonNull(status, "status");
        this.runDirectory = Objects.requireNonNull(runDirectory, "runDirectory");
        this.abortReason = Objects.requireNonNull(abortReason, "abortReason");
        this.summary = Objects.requireNonNull(summary, "summary");
        this.measuredSec = measuredSec;
        this.verdict = abortReason.isPresent() ? Verdict.FAIL : analysis.verdict();
    }

    /** The orchestrator's result, with the run's final analysis read back from its directory (as the report does). */
    static SoakResult of(dev.soak.soak.SoakResult run) {
        RunData data = RunLoader.load(List.of(run.runDirectory()));
        AnalysisReport analysis = RunAnalysis.finalAnalysis(data);
        return new SoakResult(analysis, run.status(), run.runDirectory(), run.abortReason(), run.summary(), run.measuredSec());
    }

    /**
     * The overall verdict: FAIL when any gating verdict fails (memory, heap after GC, p99 latency)
     * or the run was aborted; else INCONCLUSIVE when any is undecided; else PASS.
     */
    public Verdict verdict() {
        return verdict;
    }

    /** Whether the overall verdict is PASS. */
    public boolean passed() {
        return verdict == Verdict.PASS;
    }

    /**
     * The memory-leak verdict: the worse of the gating memory metrics (the process's RSS or PSS,
     * and the heap after GC when measured, e.g. in-process). Rates in MB per wall hour;
     * {@link MetricVerdict#metric()} says which metric it is. INCONCLUSIVE "not measured" when no
     * memory was sampled.
     */
    public MetricVerdict leak() {
        return analysis.leak();
    }

    /** The p99 latency-drift verdict, rates in % per wall hour; INCONCLUSIVE "not measured" without latency samples. */
    public MetricVerdict drift() {
        return analysis.drift();
    }

    /** The verdict on one metric by its run-directory name ({@code rss_mb}, {@code heap_after_gc_mb}, {@code p95_latency_ms}, …). */
    public Optional<MetricVerdict> metric(String name) {
        return analysis.metric(name);
    }

    /** The whole analysis: every metric's verdict and the exhaustion forecasts (open fds, threads, memory). */
    public AnalysisReport analysis() {
        return analysis;
    }

    /** Where the run wrote everything. */
    public Path runDirectory() {
        return runDirectory;
    }

    /** {@code report.txt} in the run directory (the report a person reads first). */
    public Path reportFile() {
        return runDirectory.resolve("report.txt");
    }

    /** {@code report.html} in the run directory, when it was written. */
    public Optional<Path> reportHtml() {
        Path p = runDirectory.resolve("report.html");
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }

    /** How the run ended ({@code run.json} status): completed, aborted or interrupted. */
    public RunStatus status() {
        return status;
    }

    /** Why the run was stopped early by an abort condition, if it was. */
    public Optional<String> abortReason() {
        return abortReason;
    }

    /** Wall seconds of load driven. */
    public double measuredSeconds() {
        return measuredSec;
    }

    /** The exit code a script would return: 0 pass, 1 fail or abort, 3 inconclusive. */
    public int exitCode() {
        return verdict.exitCode();
    }

    /** The run's closing summary, as printed at the end of the run. */
    public String summary() {
        return summary;
    }

    /** One line: verdict, leak and drift with their estimates, report path. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SoakResult[%s; leak %s; drift %s; report %s]", verdict, describe(leak()),
                describe(drift()), reportFile());
    }

    /**
     * One phrase for a metric verdict, e.g. {@code FAIL heap_after_gc_mb +812.4 MB/h (90% CI +640.2 .. +990.8,
     * threshold 100 MB/h, p = 0.0001)}.
     */
    static String describe(MetricVerdict v) {
        if (!Double.isFinite(v.ratePerHour())) {
            return v.verdict() + " " + v.metric() + " (not estimated)";
        }
        return String.format(Locale.ROOT, "%s %s %s %s (%s CI %s .. %s, threshold %s %s, p = %s)", v.verdict(), v.metric(),
                rate(v, v.ratePerHour()), v.rateUnit(), percent(v.confidence()), rate(v, v.ciLowPerHour()),
                rate(v, v.ciHighPerHour()), num(v.thresholdPerHour()), v.rateUnit(), pValue(v.adjustedPValue()));
    }

    /** A rate of {@code v} in its unit, signed, or its bound when beyond a tenfold change per hour. */
    private static String rate(MetricVerdict v, double x) {
        return RateText.of(x, v.rateUnit(), SoakResult::signed);
    }

    static String signed(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return Math.abs(v) < 1e6 ? String.format(Locale.ROOT, "%+.1f", v) : String.format(Locale.ROOT, "%+.2e", v);
    }

    static String num(double v) {
        return Double.isFinite(v)
                ? new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString() : "n/a";
    }

    private static String percent(double confidence) {
        return Double.isFinite(confidence) ? String.format(Locale.ROOT, "%.0f%%", confidence * 100) : "";
    }

    private static String pValue(double p) {
        if (!Double.isFinite(p)) {
            return "n/a";
        }
        return p < 1e-4 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }
}
