package dev.soak.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@link Analysis#analyze} found: one verdict per tested metric, exhaustion forecasts
 * and the overall verdict (the worst gating verdict). Immutable; serialises with Jackson as a
 * record, or use {@link #toMap()} for a JSON view without NaN/infinite numbers (they are left out).
 *
 * @param verdict      overall: FAIL if any gating metric fails or any forecast is
 *                     {@linkplain ExhaustionForecast#exhausting() exhausting}, else INCONCLUSIVE if
 *                     any gating metric is, else PASS
 * @param metrics      gating metrics first (memory, heap, p99), then informational ones (p50, p95)
 * @param forecasts    exhaustion forecasts for the resources whose limit is known
 * @param analysedSec  run time covered by the samples
 * @param live         whether this was a live look
 * @param lookNumber   the live look's number, 0 offline
 * @param level        the family-wise FAIL level of this look (α offline, the spending increment live)
 */
public record AnalysisReport(Verdict verdict, List<MetricVerdict> metrics, List<ExhaustionForecast> forecasts,
                             double analysedSec, boolean live, int lookNumber, double level) {
    public AnalysisReport {
        metrics = List.copyOf(metrics);
        forecasts = List.copyOf(forecasts);
    }

    /** Process exit code of the overall verdict: 0 pass, 1 fail, 3 inconclusive. */
    public int exitCode() {
        return verdict.exitCode();
    }

    /**
     * The memory-leak verdict: the worst of the gating memory metrics (RSS or PSS, and the heap
     * after GC when measured); an INCONCLUSIVE "not measured" verdict when there was none.
     */
    public MetricVerdict leak() {
        return worst("MB/h").orElseGet(() -> missing("rss_mb", "MB/h",
                "no memory samples (rss_mb/pss_mb/heap_after_gc_mb) were recorded, so no leak verdict is possible."));
    }

    /** The p99 latency-drift verdict; an INCONCLUSIVE "not measured" verdict when there was none. */
    public MetricVerdict drift() {
        return metric(Analysis.P99).orElseGet(() -> missing(Analysis.P99, "%/h",
                "no latency samples were recorded, so no drift verdict is possible."));
    }

    /**
     * The extra run time this analysis asks for: the longest that its gating INCONCLUSIVE verdicts ask for,
     * so that all of them can be decided; NaN when none asks (nothing is INCONCLUSIVE, or no estimate).
     */
    public double extraRunSec() {
        return extraRunSecByMetric().values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /**
     * The extra run time (s) each gating INCONCLUSIVE verdict asks for, by metric, in the verdicts' order; those that
     * give no finite time are left out. {@link #extraRunSec()} is the longest.
     */
    public Map<String, Double> extraRunSecByMetric() {
        Map<String, Double> asked = new LinkedHashMap<>();
        metrics.stream().filter(m -> m.gating() && m.verdict() == Verdict.INCONCLUSIVE)
                .filter(m -> Double.isFinite(m.extraRunSec())).forEach(m -> asked.put(m.metric(), m.extraRunSec()));
        return asked;
    }

    /** The verdict on a named metric, if it was tested. */
    public Optional<MetricVerdict> metric(String name) {
        return metrics.stream().filter(m -> m.metric().equals(name)).findFirst();
    }

    /** The forecast for a named resource, if its limit was known. */
    public Optional<ExhaustionForecast> forecast(String resource) {
        return forecasts.stream().filter(f -> f.resource().equals(resource)).findFirst();
    }

    private Optional<MetricVerdict> worst(String unit) {
        MetricVerdict w = null;
        for (MetricVerdict m : metrics) {
            if (m.gating() && m.rateUnit().equals(unit)) {
                if (w == null || rank(m.verdict()) > rank(w.verdict())) {
                    w = m;
                }
            }
        }
        return Optional.ofNullable(w);
    }

    private static int rank(Verdict v) {
        return v == Verdict.FAIL ? 2 : v == Verdict.INCONCLUSIVE ? 1 : 0;
    }

    private MetricVerdict missing(String name, String unit, String why) {
        double n = Double.NaN;
        return new MetricVerdict(name, Verdict.INCONCLUSIVE, false, n, unit, n, n, n, n, n, level, n, 0, 0,
                List.of(), false, n, name + ": " + why);
    }

    /** A JSON-ready view (snake_case keys; NaN and infinite values left out). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", verdict.name());
        m.put("exit_code", exitCode());
        put(m, "analysed_sec", analysedSec);
        m.put("live", live);
        if (live) {
            m.put("look", lookNumber);
        }
        put(m, "level", level);
        List<Object> ms = new ArrayList<>();
        for (MetricVerdict v : metrics) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("metric", v.metric());
            x.put("verdict", v.verdict().name());
            x.put("gating", v.gating());
            put(x, "rate_per_hour", v.ratePerHour());
            x.put("rate_unit", v.rateUnit());
            put(x, "ci_low_per_hour", v.ciLowPerHour());
            put(x, "ci_high_per_hour", v.ciHighPerHour());
            put(x, "confidence", v.confidence());
            put(x, "p_value", v.pValue());
            put(x, "adjusted_p_value", v.adjustedPValue());
            put(x, "level", v.levelUsed());
            put(x, "threshold_per_hour", v.thresholdPerHour());
            x.put("samples_used", v.samplesUsed());
            put(x, "warmup_end_sec", v.warmupEndSec());
            List<Object> shifts = new ArrayList<>();
            for (LevelShift s : v.levelShifts()) {
                Map<String, Object> y = new LinkedHashMap<>();
                put(y, "t_sec", s.tSec());
                put(y, "shift", s.shift());
                y.put("unit", s.unit());
                shifts.add(y);
            }
            x.put("level_shifts", shifts);
            x.put("load_adjusted", v.loadAdjusted());
            put(x, "extra_run_sec", v.extraRunSec());
            x.put("explanation", v.explanation());
            ms.add(x);
        }
        m.put("metrics", ms);
        List<Object> fs = new ArrayList<>();
        for (ExhaustionForecast f : forecasts) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("resource", f.resource());
            put(x, "limit", f.limit());
            x.put("limit_source", f.limitSource());
            put(x, "current", f.current());
            put(x, "rate_per_hour", f.ratePerHour());
            put(x, "rate_low_per_hour", f.rateLowPerHour());
            put(x, "rate_high_per_hour", f.rateHighPerHour());
            x.put("approaching", f.approaching());
            put(x, "seconds_to_limit", f.secondsToLimit());
            put(x, "seconds_to_limit_earliest", f.secondsToLimitEarliest());
            put(x, "seconds_to_limit_latest", f.secondsToLimitLatest());
            put(x, "horizon_sec", f.horizonSec());
            x.put("exhausting", f.exhausting());
            x.put("explanation", f.explanation());
            fs.add(x);
        }
        m.put("forecasts", fs);
        return m;
    }

    private static void put(Map<String, Object> m, String k, double v) {
        if (Double.isFinite(v)) {
            m.put(k, v);
        }
    }
}
