package dev.soak.report;

import dev.soak.checkpoint.FullIntervals;
import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.detect.AnalysisOptions;
import dev.soak.detect.AnalysisReport;
import dev.soak.detect.ExhaustionForecast;
import dev.soak.detect.LevelShift;
import dev.soak.report.ReportModel.ChangePoint;
import dev.soak.report.ReportModel.Forecast;
import dev.soak.report.ReportModel.Kind;
import dev.soak.report.ReportModel.MetricVerdict;
import dev.soak.report.ReportModel.Step;
import dev.soak.report.ReportModel.Trend;
import dev.soak.report.ReportModel.Verdict;
import dev.soak.stats.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The one place that knows {@code dev.soak.detect}'s result types: turns an {@link AnalysisReport}
 * into the report's {@link ReportModel}. Detect gives rates and intervals but no intercept, so the
 * trend line drawn on the plots passes through the median point after the warm-up cut
 * (value = median(y − b·t) + b·t, on the log scale for latencies): the line has detect's slope and
 * its band spans detect's interval. Stateless.
 */
final class DetectAdapter {
    private DetectAdapter() {
    }

    static ReportModel toModel(RunData run, AnalysisReport report, AnalysisOptions options) {
        List<MetricVerdict> verdicts = new ArrayList<>();
        List<ChangePoint> shifts = new ArrayList<>();
        double warmup = 0;
        boolean warmupTaken = false;
        List<IntervalMetrics> intervals = FullIntervals.of(run.metrics());
        for (dev.soak.detect.MetricVerdict v : report.metrics()) {
            boolean latency = v.rateUnit().startsWith("%");
            Kind kind = latency ? Kind.DRIFT : Kind.LEAK;
            double[][] s = seriesOf(run, intervals, v.metric());
            List<Step> steps = new ArrayList<>();
            for (LevelShift l : v.levelShifts()) {
                steps.add(new Step(l.tSec(), fitted(l.shift(), latency)));
                shifts.add(new ChangePoint(v.metric(), l.tSec(), l.shift(), l.unit()));
            }
            Trend trend = s == null || Double.isNaN(v.ratePerHour()) ? null
                    : trend(s, v.warmupEndSec(), fitted(v.ratePerHour(), latency), fitted(v.ciLowPerHour(), latency),
                            fitted(v.ciHighPerHour(), latency), latency, steps);
            verdicts.add(new MetricVerdict(v.metric(), kind, v.gating(), Verdict.valueOf(v.verdict().name()), v.ratePerHour(),
                    v.ciLowPerHour(), v.ciHighPerHour(), v.confidence(), v.rateUnit(), v.gating() ? v.adjustedPValue() : v.pValue(),
                    v.thresholdPerHour(), v.extraRunSec() / 3600.0, v.samplesUsed(), trend, v.explanation()));
            if (!warmupTaken && v.gating() && kind == Kind.LEAK && !Double.isNaN(v.warmupEndSec())) {
                warmup = v.warmupEndSec();
                warmupTaken = true;
            }
        }
        List<Forecast> forecasts = new ArrayList<>();
        for (ExhaustionForecast f : report.forecasts()) {
            double[][] s = seriesOf(run, intervals, f.resource());
            Trend trend = s == null || Double.isNaN(f.ratePerHour()) ? null
                    : trend(s, warmup, f.ratePerHour(), f.rateLowPerHour(), f.rateHighPerHour(), false, List.of());
            forecasts.add(new Forecast(f.resource(), f.limit(), f.limitSource(), f.current(), f.ratePerHour(),
                    f.secondsToLimit() / 3600.0, f.secondsToLimitEarliest() / 3600.0, f.secondsToLimitLatest() / 3600.0,
                    f.horizonSec() / 3600.0, f.exhausting(), trend, f.explanation()));
        }
        List<String> notes = new ArrayList<>(unmeasured(run.resources()));
        long paused = FullIntervals.paused(run.metrics());
        if (paused > 0) {
            notes.add(String.format(java.util.Locale.ROOT, "%d of %d load intervals were not read as rates or percentiles"
                    + " (plots and latency trends): the load generator itself paused %.0f ms or more in them, and the"
                    + " latency of the operations due then includes it (LOAD GENERATOR PAUSES)", paused,
                    run.metrics().size(), FullIntervals.PAUSED_MS));
        }
        for (dev.soak.detect.MetricVerdict v : report.metrics()) {
            if (v.loadAdjusted()) {
                notes.add(v.metric() + ": load (achieved ops/s) was used as a covariate because it varied");
            }
        }
        String how = options.warmupSec().isPresent() ? "scenario warmup_sec, from the start of the load" : "automatic (detected by dev.soak.detect)";
        return new ReportModel(String.format(java.util.Locale.ROOT, "dev.soak.detect.Analysis (%s, family-wise level %.3g)",
                report.live() ? "live look " + report.lookNumber() : "offline", report.level()), warmup, how, verdicts, forecasts, shifts, notes);
    }

    /**
     * A note for each resource that none of the samples measured, which is then neither tested nor forecast: a target
     * read from its Prometheus text that lacks the metric (Micrometer has no RSS), or a platform that cannot give it.
     */
    static List<String> unmeasured(List<ResourceSample> resources) {
        List<String> out = new ArrayList<>();
        if (resources.isEmpty()) {
            return out;
        }
        Map<String, ToDoubleFunction<ResourceSample>> fields = new LinkedHashMap<>();
        fields.put("rss_mb", ResourceSample::rssMb);
        fields.put("open_fds", ResourceSample::openFds);
        fields.put("threads", ResourceSample::threads);
        fields.forEach((name, field) -> {
            if (resources.stream().allMatch(r -> Double.isNaN(field.applyAsDouble(r)))) {
                out.add(String.format(java.util.Locale.ROOT, "%s was not measured in any of the %d resource samples, so it"
                        + " is neither tested nor forecast (a target read from its Prometheus text without that metric,"
                        + " e.g. no process_resident_memory_bytes under Micrometer, or a platform that does not give it)",
                        name, resources.size()));
            }
        });
        return out;
    }

    /** A shown rate or level change in the trend's own scale: a latency's % as natural-log units, MB as they are. */
    private static double fitted(double shown, boolean latency) {
        return latency ? Math.log1p(shown / 100) : shown;
    }

    /**
     * The raw series detect analysed under {@code metric}, or null when the report has no such series; latencies from
     * {@code full}, the run's load intervals that are read as percentiles ({@link FullIntervals}).
     */
    static double[][] seriesOf(RunData run, List<IntervalMetrics> full, String metric) {
        return switch (metric) {
            case "rss_mb" -> series(run.resources(), ResourceSample::tSec, ResourceSample::rssMb);
            case "pss_mb" -> series(run.resources(), ResourceSample::tSec, ResourceSample::pssMb);
            case "heap_after_gc_mb" -> series(run.resources(), ResourceSample::tSec, ResourceSample::heapAfterGcMb);
            case "open_fds" -> series(run.resources(), ResourceSample::tSec, ResourceSample::openFds);
            case "threads" -> series(run.resources(), ResourceSample::tSec, ResourceSample::threads);
            case "network_connections" -> series(run.resources(), ResourceSample::tSec, ResourceSample::networkConnections);
            case "p50_latency_ms" -> series(full, IntervalMetrics::tSec, m -> m.all().latency().p50Ms());
            case "p90_latency_ms" -> series(full, IntervalMetrics::tSec, m -> m.all().latency().p90Ms());
            case "p95_latency_ms" -> series(full, IntervalMetrics::tSec, m -> m.all().latency().p95Ms());
            case "p99_latency_ms" -> series(full, IntervalMetrics::tSec, m -> m.all().latency().p99Ms());
            case "p999_latency_ms" -> series(full, IntervalMetrics::tSec, m -> m.all().latency().p999Ms());
            default -> null;
        };
    }

    /**
     * A trend line with {@code slope} (per hour; natural-log units when {@code log}) and the level shifts
     * {@code steps} through the median point after {@code fromSec}.
     */
    static Trend trend(double[][] s, double fromSec, double slope, double lo, double hi, boolean log, List<Step> steps) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < s[0].length; i++) {
            if (s[0][i] >= fromSec && (!log || s[1][i] > 0)) {
                pts.add(new double[] {s[0][i], log ? Math.log(s[1][i]) : s[1][i]});
            }
        }
        if (pts.size() < 2) {
            return null;
        }
        double[] t = pts.stream().mapToDouble(p -> p[0]).toArray();
        double[] resid = pts.stream().mapToDouble(p -> p[1] - slope * p[0] / 3600.0 - Step.sumUpTo(steps, p[0])).toArray();
        double pivotSec = Series.median(t);
        double pivot = Series.median(resid) + slope * pivotSec / 3600.0 + Step.sumUpTo(steps, pivotSec);
        return new Trend(t[0], t[t.length - 1], pivotSec, log ? Math.exp(pivot) : pivot, slope, lo, hi, log, steps);
    }

    /** (t, value) of the rows whose value is not NaN. */
    static <T> double[][] series(List<T> list, ToDoubleFunction<T> t, ToDoubleFunction<T> v) {
        return new double[][] {
            list.stream().filter(x -> !Double.isNaN(v.applyAsDouble(x))).mapToDouble(t).toArray(),
            list.stream().mapToDouble(v).filter(d -> !Double.isNaN(d)).toArray()};
    }
}
