package dev.soak.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The analysis as the report shows it: per-metric verdicts with estimates, intervals, p-values
 * and thresholds, exhaustion forecasts, change points and the warm-up cut. It is the report's own
 * view, filled from {@code dev.soak.detect}'s result in one place ({@link RunAnalysis}), so the
 * writers do not depend on detect's types. Immutable.
 *
 * @param analysisSource  which analysis produced it (e.g. {@code dev.soak.detect.Analysis})
 * @param warmupEndSec    seconds cut from the start as warm-up (0 = none)
 * @param warmupHow       how the cut was chosen ({@code scenario warmup_sec}, {@code automatic}, …)
 * @param verdicts        one per gating metric (leak and drift)
 * @param forecasts       one per resource with a known limit
 * @param changePoints    level shifts found
 * @param notes           caveats of the analysis, one sentence each
 */
public record ReportModel(String analysisSource, double warmupEndSec, String warmupHow, List<MetricVerdict> verdicts,
                          List<Forecast> forecasts, List<ChangePoint> changePoints, List<String> notes) {
    public ReportModel {
        verdicts = List.copyOf(verdicts);
        forecasts = List.copyOf(forecasts);
        changePoints = List.copyOf(changePoints);
        notes = List.copyOf(notes);
    }

    /** This model with one more note at the end of {@link #notes()}. */
    public ReportModel withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new ReportModel(analysisSource, warmupEndSec, warmupHow, verdicts, forecasts, changePoints, more);
    }

    /** Three-way outcome of a test. */
    public enum Verdict { PASS, FAIL, INCONCLUSIVE }

    /** What a verdict is about: memory growth or latency growth. */
    public enum Kind { LEAK, DRIFT }

    /**
     * One metric's verdict.
     *
     * @param metric            series name, e.g. {@code rss_mb}, {@code p99_latency_ms}
     * @param kind              leak or drift
     * @param gating            whether it counts for the overall verdict, the exit code and the report.txt markers
     * @param verdict           PASS / FAIL / INCONCLUSIVE
     * @param estimate          growth rate ({@code unit})
     * @param lower             lower confidence bound of the rate
     * @param upper             upper confidence bound of the rate
     * @param confidence        level of [lower, upper], e.g. 0.90
     * @param unit              {@code MB/h} or {@code %/h}
     * @param pValue            one-sided p-value of "no growth" (after multiplicity adjustment when stated)
     * @param threshold         the practical threshold (same unit)
     * @param extraHoursNeeded  when INCONCLUSIVE, estimated further run time for a decision (NaN otherwise or unknown)
     * @param samples           points used after the warm-up cut
     * @param trend             the fitted line for plots (null when none)
     * @param note              one sentence of caveat ("" when none)
     */
    public record MetricVerdict(String metric, Kind kind, boolean gating, Verdict verdict, double estimate, double lower, double upper,
                                double confidence, String unit, double pValue, double threshold, double extraHoursNeeded,
                                int samples, Trend trend, String note) { }

    /**
     * A fitted trend through {@code (pivotSec, pivotValue)}; on a log scale when {@code logScale}
     * (slopes in natural-log units per hour), else linear (value units per hour). The level shifts the
     * analysis removed ({@code steps}, in time order) are part of the fitted line: it steps by each one's size
     * at its time (value units, or natural-log units on a log scale), so the line follows a series that
     * stepped instead of running between its levels.
     */
    public record Trend(double fromSec, double toSec, double pivotSec, double pivotValue, double slopePerHour,
                        double slopeLowerPerHour, double slopeUpperPerHour, boolean logScale, List<Step> steps) {
        public Trend {
            steps = steps.stream().sorted(java.util.Comparator.comparingDouble(Step::tSec)).toList();
        }

        /** A trend without level shifts. */
        public Trend(double fromSec, double toSec, double pivotSec, double pivotValue, double slopePerHour,
                     double slopeLowerPerHour, double slopeUpperPerHour, boolean logScale) {
            this(fromSec, toSec, pivotSec, pivotValue, slopePerHour, slopeLowerPerHour, slopeUpperPerHour, logScale, List.of());
        }

        /** The fitted value at {@code tSec}. */
        public double valueAt(double tSec) {
            return at(slopePerHour, tSec);
        }

        /** Lower edge of the band spanned by the slope's confidence bounds at {@code tSec}. */
        public double lowerAt(double tSec) {
            return Math.min(at(slopeLowerPerHour, tSec), at(slopeUpperPerHour, tSec));
        }

        /** Upper edge of the band spanned by the slope's confidence bounds at {@code tSec}. */
        public double upperAt(double tSec) {
            return Math.max(at(slopeLowerPerHour, tSec), at(slopeUpperPerHour, tSec));
        }

        private double at(double slope, double tSec) {
            double d = slope * (tSec - pivotSec) / 3600.0 + Step.sumUpTo(steps, tSec) - Step.sumUpTo(steps, pivotSec);
            return logScale ? pivotValue * Math.exp(d) : pivotValue + d;
        }
    }

    /**
     * A level shift in a {@link Trend}: from {@code tSec} on the line is {@code size} higher.
     *
     * @param tSec seconds since the run started
     * @param size value units, or natural-log units on a log-scale trend
     */
    public record Step(double tSec, double size) {
        /** The sum of the sizes of the steps at or before {@code tSec}. */
        static double sumUpTo(List<Step> steps, double tSec) {
            double sum = 0;
            for (Step s : steps) {
                if (s.tSec() <= tSec) {
                    sum += s.size();
                }
            }
            return sum;
        }
    }

    /**
     * Time until a resource reaches its limit at the current growth rate.
     *
     * @param resource        e.g. {@code open_fds}
     * @param limit           the limit (same unit as the resource)
     * @param limitSource     where the limit comes from ({@code max_open_files}, {@code max_rss_mb}, …)
     * @param current         fitted value at the end of the run
     * @param slopePerHour    growth per hour
     * @param hoursToLimit    hours from the end of the run (+∞ when not growing, or not significantly; 0 when
     *                        reached: at the limit now, or in a sample of a hard limit)
     * @param hoursLower      earliest plausible (from the upper slope bound)
     * @param hoursUpper      latest plausible (+∞ when the lower slope bound is ≤ 0)
     * @param horizonHours    {@code exhaustion_horizon_hours}: exhaustion within it fails the run
     * @param exhausting      at the limit already (or in a sample of a hard limit), or significantly growing and
     *                        reaching it within the horizon
     * @param trend           fitted line for plots (null when none)
     * @param note            the forecast in one sentence (empty when not known)
     */
    public record Forecast(String resource, double limit, String limitSource, double current, double slopePerHour,
                           double hoursToLimit, double hoursLower, double hoursUpper, double horizonHours,
                           boolean exhausting, Trend trend, String note) {
        /** The limit was reached already: exhausting, with no time left to forecast. */
        public boolean reached() {
            return exhausting && hoursToLimit == 0;
        }

        /** It grows, but not significantly: it is not shown to approach its limit ({@code hoursToLimit} is +∞). */
        public boolean growthNotSignificant() {
            return slopePerHour > 0 && !Double.isFinite(hoursToLimit);
        }
    }

    /**
     * A level shift (a step, not a trend), found and removed before the trend test.
     *
     * @param metric     series name
     * @param tSec       when the new level begins
     * @param shift      size of the step
     * @param unit       {@code MB} or {@code %}
     */
    public record ChangePoint(String metric, double tSec, double shift, String unit) { }

    /**
     * Over the gating verdicts and the forecasts: FAIL if any gating verdict fails or any forecast is
     * exhausting; INCONCLUSIVE if any gating verdict is inconclusive or there is none; else PASS.
     */
    public Verdict overall() {
        List<MetricVerdict> gating = verdicts.stream().filter(MetricVerdict::gating).toList();
        if (gating.stream().anyMatch(v -> v.verdict() == Verdict.FAIL) || exhaustionPredicted()) {
            return Verdict.FAIL;
        }
        if (gating.isEmpty() || gating.stream().anyMatch(v -> v.verdict() == Verdict.INCONCLUSIVE)) {
            return Verdict.INCONCLUSIVE;
        }
        return Verdict.PASS;
    }

    /** True when some gating leak verdict is FAIL. */
    public boolean leakDetected() {
        return verdicts.stream().anyMatch(v -> v.gating() && v.kind() == Kind.LEAK && v.verdict() == Verdict.FAIL);
    }

    /** True when some resource reaches its limit within the exhaustion horizon. */
    public boolean exhaustionPredicted() {
        return forecasts.stream().anyMatch(Forecast::exhausting);
    }

    /** True when some gating drift verdict is FAIL. */
    public boolean driftDetected() {
        return verdicts.stream().anyMatch(v -> v.gating() && v.kind() == Kind.DRIFT && v.verdict() == Verdict.FAIL);
    }
}
