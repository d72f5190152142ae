package dev.soak.detect;

import dev.soak.checkpoint.FullIntervals;
import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.LatencySummary;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.stats.Holm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * The one entry point of detection, used live by the orchestrator at every checkpoint and offline
 * by {@code analyze}, so both always agree.
 *
 * <p>Gating metrics (they decide the overall verdict): memory — PSS when measured in most samples,
 * else RSS; the JVM heap after GC when measured (lower envelope); latency p99. Informational: p50
 * and p95. Each is tested by {@link LeakDetector}/{@link DriftDetector}; the one-sided p-values of the
 * gating metrics are adjusted by Holm's step-down method (Holm 1979, Scand. J. Statist. 6:65–70:
 * p̃_(i) = max_{j≤i} min(1, (k − j + 1)·p_(j))), so the family-wise false-FAIL rate is at most the
 * look's level: α offline, the look's alpha-spending increment live (see {@link Look}). Exhaustion
 * forecasts are made for open fds, threads and RSS when their limit is known; a forecast that
 * reaches its limit within {@code exhaustion_horizon_hours} fails the run too (see
 * {@link ExhaustionForecaster}). Load (achieved ops/s)
 * is a covariate where it varies. Stateless and thread-safe.
 */
public final class Analysis {
    static final String P99 = "p99_latency_ms";
    private static final double MOST = 0.8;

    private Analysis() {
    }

    /**
     * Analyses a run's series.
     *
     * @param resources  resources.jsonl samples (any order; NaN = not measured)
     * @param metrics    metrics.jsonl intervals (any order)
     * @param options    thresholds, warm-up, levels, limits, live look
     */
    public static AnalysisReport analyze(List<ResourceSample> resources, List<IntervalMetrics> metrics,
                                         AnalysisOptions options) {
        AnalysisReport now = analyze(resources, metrics, options, options.levelOfThisLook());
        if (!options.live() || now.verdict() != Verdict.FAIL) {
            return now;
        }
        Look look = options.look().orElseThrow();
        if (!(look.previousSec() > 0)) {
            return now;
        }
        return confirmedByPreviousLook(now, resources, metrics, options, look);
    }

    /**
     * A live FAIL must persist: each failing gating metric must also fail, at this look's level, on
     * the data of the previous look. A slow warm-up is most leak-like at one look (its rise still
     * steep, its curvature hidden by persistent noise) and a chance excursion of the noise passes
     * in an hour, while a leak keeps growing; the requirement only removes live FAILs (so the
     * spending bound still holds) and costs one extra analysis on the rare looks that would fail.
     */
    private static AnalysisReport confirmedByPreviousLook(AnalysisReport now, List<ResourceSample> resources,
                                                          List<IntervalMetrics> metrics, AnalysisOptions options,
                                                          Look look) {
        double prevSec = look.previousSec();
        List<ResourceSample> res = new ArrayList<>();
        for (ResourceSample r : resources) {
            if (r.tSec() <= prevSec) {
                res.add(r);
            }
        }
        List<IntervalMetrics> met = new ArrayList<>();
        for (IntervalMetrics m : metrics) {
            if (m.tSec() <= prevSec) {
                met.add(m);
            }
        }
        double step = look.elapsedSec() - prevSec;
        Look before = new Look(Math.max(1, look.number() - 1), prevSec, Math.max(0, prevSec - step), look.plannedSec());
        AnalysisReport prev = analyze(res, met, options.toBuilder().look(before).build(), now.level());
        List<MetricVerdict> verdicts = new ArrayList<>();
        Verdict overall = null;
        for (MetricVerdict v : now.metrics()) {
            MetricVerdict w = v;
            if (v.verdict() == Verdict.FAIL
                    && prev.metric(v.metric()).map(MetricVerdict::verdict).orElse(Verdict.INCONCLUSIVE) != Verdict.FAIL) {
                w = new MetricVerdict(v.metric(), Verdict.INCONCLUSIVE, v.gating(), v.ratePerHour(), v.rateUnit(),
                        v.ciLowPerHour(), v.ciHighPerHour(), v.confidence(), v.pValue(), v.adjustedPValue(),
                        v.levelUsed(), v.thresholdPerHour(), v.samplesUsed(), v.warmupEndSec(), v.levelShifts(),
                        v.loadAdjusted(), Math.max(step, 0),
                        v.explanation().replaceFirst("\\.$", "")
                                + "; not failing on this live look because the data of the previous look did not"
                                + " fail (a live FAIL must persist across two looks).");
            }
            verdicts.add(w);
            if (w.gating()) {
                overall = overall == null ? w.verdict() : overall.worst(w.verdict());
            }
        }
        return new AnalysisReport(overall(overall, now.forecasts()), verdicts, now.forecasts(),
                now.analysedSec(), now.live(), now.lookNumber(), now.level());
    }

    /**
     * The run's verdict: FAIL when a resource is forecast to be exhausted within the horizon, else the
     * worst gating trend verdict ({@code worstGating}, null for none: INCONCLUSIVE).
     */
    private static Verdict overall(Verdict worstGating, List<ExhaustionForecast> forecasts) {
        if (forecasts.stream().anyMatch(ExhaustionForecast::exhausting)) {
            return Verdict.FAIL;
        }
        return worstGating == null ? Verdict.INCONCLUSIVE : worstGating;
    }

    private static AnalysisReport analyze(List<ResourceSample> resources, List<IntervalMetrics> metrics,
                                          AnalysisOptions options, double level) {
        List<ResourceSample> res = new ArrayList<>(resources);
        res.sort(Comparator.comparingDouble(ResourceSample::tSec));
        List<IntervalMetrics> all = new ArrayList<>(metrics);
        all.sort(Comparator.comparingDouble(IntervalMetrics::tSec));
        OptionalDouble warmup = warmupCut(options.warmupSec(), all);
        List<IntervalMetrics> met = FullIntervals.of(all);

        double[] rt = col(res, ResourceSample::tSec);
        double[] mt = new double[met.size()];
        double[] load = new double[met.size()];
        for (int i = 0; i < mt.length; i++) {
            IntervalMetrics im = met.get(i);
            mt[i] = im.tSec() - im.intervalSec() / 2;
            load[i] = im.all().achievedRate();
        }
        double[] noT = new double[0];

        List<String> names = new ArrayList<>();
        List<Fit> fits = new ArrayList<>();
        List<Decision.Scale> scales = new ArrayList<>();
        List<Boolean> gating = new ArrayList<>();

        double[] pss = col(res, ResourceSample::pssMb);
        double[] rss = col(res, ResourceSample::rssMb);
        boolean usePss = share(pss) >= MOST;
        double[] mem = usePss ? pss : rss;
        if (share(mem) > 0) {
            names.add(usePss ? "pss_mb" : "rss_mb");
            fits.add(h -> LeakDetector.estimate(rt, mem, false, mt, load, warmup, options.live(), h));
            scales.add(Decision.Scale.MEMORY);
            gating.add(true);
        }
        double[] heap = col(res, ResourceSample::heapAfterGcMb);
        if (share(heap) >= MOST) {
            names.add("heap_after_gc_mb");
            fits.add(h -> LeakDetector.estimate(rt, heap, true, mt, load, warmup, options.live(), h));
            scales.add(Decision.Scale.MEMORY);
            gating.add(true);
        }
        String[] latNames = {P99, "p95_latency_ms", "p50_latency_ms"};
        List<ToDoubleFunction<LatencySummary>> getters = List.of(LatencySummary::p99Ms, LatencySummary::p95Ms,
                LatencySummary::p50Ms);
        for (int k = 0; k < latNames.length; k++) {
            ToDoubleFunction<LatencySummary> g = getters.get(k);
            double[] lat = new double[met.size()];
            for (int i = 0; i < lat.length; i++) {
                lat[i] = g.applyAsDouble(met.get(i).all().latency());
            }
            if (share(lat) > 0) {
                names.add(latNames[k]);
                fits.add(h -> DriftDetector.estimate(mt, lat, mt, load, warmup, options.live(), h));
                scales.add(Decision.Scale.LATENCY);
                gating.add(k == 0);
            }
        }

        List<TrendPipeline.Estimate> est = estimates(fits, gating);

        // Holm over the gating metrics with an estimate
        int n = names.size();
        double[] p = new double[n];
        double[] adj = new double[n];
        List<Integer> g = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            p[i] = est.get(i).pValue();
            adj[i] = p[i];
            if (gating.get(i) && est.get(i).ok()) {
                g.add(i);
            }
        }
        holm(p, adj, g);
        List<MetricVerdict> verdicts = new ArrayList<>();
        Verdict overall = null;
        for (int i = 0; i < n; i++) {
            Decision.Scale s = scales.get(i);
            double thr = s == Decision.Scale.MEMORY ? options.thresholds().memoryLeakMbPerHour()
                    : options.thresholds().latencyDriftPctPerHour();
            MetricVerdict v = Decision.decide(names.get(i), est.get(i), s, thr, adj[i], level, options.alpha(),
                    gating.get(i), Math.max(1, g.size()), options.live());
            verdicts.add(v);
            if (v.gating()) {
                overall = overall == null ? v.verdict() : overall.worst(v.verdict());
            }
        }
        List<ExhaustionForecast> forecasts = forecasts(res, rt, rss, warmup, options);
        double span = Math.max(rt.length > 0 ? rt[rt.length - 1] : 0,
                all.isEmpty() ? 0 : all.get(all.size() - 1).tSec());
        return new AnalysisReport(overall(overall, forecasts), verdicts, forecasts, span, options.live(),
                options.look().map(Look::number).orElse(0), level);
    }

    /**
     * Runs every metric's pipeline; when gating metrics found level shifts, runs each metric again with
     * the shift times found in the other gating metrics as hints ({@link TrendPipeline#HINT_STEP_T}):
     * a one-off event often moves memory and latency at once, and where it moves one of them by less
     * than the shift search can tell from a trend, testing at the known time still removes it. Likewise
     * a warm-up in one gating metric, still running or ended within the run, passes its τ to the others
     * ({@link Hints}, {@link Warmup#HINT_WARMUP_T}, {@link Warmup#HINT_SLOPE_T}). A split that two
     * gating metrics' searches both put first but did not keep is a hint to every metric as well
     * ({@link #jointCandidates}).
     */
    private static List<TrendPipeline.Estimate> estimates(List<Fit> fits, List<Boolean> gating) {
        List<TrendPipeline.Estimate> est = new ArrayList<>();
        for (Fit f : fits) {
            est.add(f.apply(Hints.NONE));
        }
        List<TrendPipeline.Estimate> first = List.copyOf(est);
        double[] joint = jointCandidates(first, gating);
        for (int i = 0; i < est.size(); i++) {
            List<Double> hints = new ArrayList<>();
            if (!Double.isNaN(joint[i])) {
                // its own split first: a hint within one block of an earlier one is not tested again
                hints.add(joint[i]);
            }
            double tau = Double.NaN;
            double endedTau = Double.NaN;
            for (int j = 0; j < first.size(); j++) {
                TrendPipeline.Estimate other = first.get(j);
                if (j != i && gating.get(j) && other.ok()) {
                    for (double[] st : other.steps()) {
                        hints.add(st[0]);
                    }
                    if (!Double.isNaN(joint[j])) {
                        hints.add(joint[j]);
                    }
                    if (other.warmupRunning() && !(tau >= other.warmupTauHours())) {
                        tau = other.warmupTauHours();
                    } else if (!other.warmupRunning() && other.warmupEndSec() > 0
                            && !(endedTau >= other.warmupTauHours())) {
                        endedTau = other.warmupTauHours();
                    }
                }
            }
            if (!hints.isEmpty() || tau > 0 || endedTau > 0) {
                est.set(i, fits.get(i).apply(new Hints(hints.stream().mapToDouble(Double::doubleValue).toArray(),
                        tau, endedTau)));
            }
        }
        return est;
    }

    /**
     * For each metric, the time of its best unkept split ({@code Estimate.candidateShift}) when it is a
     * gating metric and another gating metric's best unkept split lies within one block of it, both with
     * |t| &gt; {@link TrendPipeline#JOINT_STEP_T}; else NaN.
     */
    private static double[] jointCandidates(List<TrendPipeline.Estimate> first, List<Boolean> gating) {
        double[][] strong = new double[first.size()][];
        for (int i = 0; i < strong.length; i++) {
            strong[i] = strongCandidate(first.get(i), gating.get(i));
        }
        double[] out = new double[strong.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.NaN;
            for (int j = 0; j < out.length && strong[i] != null; j++) {
                if (j != i && strong[j] != null
                        && Math.abs(strong[i][0] - strong[j][0]) <= Math.max(strong[i][2], strong[j][2])) {
                    out[i] = strong[i][0];
                }
            }
        }
        return out;
    }

    /** A gating metric's unkept split with |t| above {@link TrendPipeline#JOINT_STEP_T}, or null. */
    private static double[] strongCandidate(TrendPipeline.Estimate e, boolean gating) {
        double[] c = e.ok() ? e.candidateShift() : null;
        return gating && c != null && c[1] > TrendPipeline.JOINT_STEP_T ? c : null;
    }

    /** One metric's pipeline, given what the other metrics found. */
    private interface Fit {
        TrendPipeline.Estimate apply(Hints hints);
    }

    /** Holm's step-down adjustment (stats' {@link Holm}) of {@code p} over the indices {@code family}, into {@code adj}. */
    static void holm(double[] p, double[] adj, List<Integer> family) {
        double[] sub = new double[family.size()];
        for (int j = 0; j < sub.length; j++) {
            sub[j] = p[family.get(j)];
        }
        double[] a = Holm.adjust(sub);
        for (int j = 0; j < sub.length; j++) {
            adj[family.get(j)] = a[j];
        }
    }

    /** The finite (t, y) pairs of two aligned arrays; with {@code log}, y &gt; 0 only and log-transformed. */
    static double[][] finite(double[] t, double[] y, boolean log) {
        int k = 0;
        double[] tt = new double[t.length];
        double[] yy = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            double v = y[i];
            if (Double.isFinite(v) && Double.isFinite(t[i]) && (!log || v > 0)) {
                tt[k] = t[i];
                yy[k] = log ? Math.log(v) : v;
                k++;
            }
        }
        return new double[][] {Arrays.copyOf(tt, k), Arrays.copyOf(yy, k)};
    }

    /**
     * Exhaustion forecasts for the resources whose limit is known: open fds, threads, memory. Each is
     * tested at α/k (Bonferroni over the k forecasts) so that the forecasts together raise a false
     * exhaustion with probability at most α.
     */
    private static List<ExhaustionForecast> forecasts(List<ResourceSample> res, double[] rt, double[] rss,
                                                      OptionalDouble warmup, AnalysisOptions options) {
        /* hard: a sample at the limit is a failure the target met (not so for max_rss_mb, an abort condition that
           counts only when sustained) */
        record Limit(String resource, double[] values, double limit, String source, boolean hard) {
        }
        List<Limit> limits = new ArrayList<>();
        double fdLimit = options.maxOpenFiles().orElse(lastFinite(col(res, ResourceSample::maxOpenFiles)));
        if (Double.isFinite(fdLimit)) {
            limits.add(new Limit("open_fds", col(res, ResourceSample::openFds), fdLimit,
                    options.maxOpenFiles().isPresent() ? "option max_open_files" : "max_open_files", true));
        }
        if (options.maxThreads().isPresent()) {
            limits.add(new Limit("threads", col(res, ResourceSample::threads), options.maxThreads().getAsDouble(),
                    "thread limit", true));
        }
        double memLimit = options.memoryLimitMb().orElse(lastFinite(col(res, ResourceSample::memoryLimitMb)));
        String memSource = options.memoryLimitMb().isPresent() ? "option memory limit" : "memory_limit_mb";
        boolean memHard = true;
        if (options.maxRssMb().isPresent() && !(memLimit <= options.maxRssMb().getAsDouble())) {
            memLimit = options.maxRssMb().getAsDouble();
            memSource = "max_rss_mb";
            memHard = false;
        }
        if (Double.isFinite(memLimit) && share(rss) > 0) {
            limits.add(new Limit("rss_mb", rss, memLimit, memSource, memHard));
        }
        double horizonSec = options.thresholds().exhaustionHorizonHours() * 3600;
        List<ExhaustionForecast> out = new ArrayList<>();
        for (Limit l : limits) {
            ExhaustionForecast f = ExhaustionForecaster.forecast(l.resource(), rt, l.values(), l.limit(), l.source(),
                    warmup, options.alpha() / limits.size(), horizonSec);
            out.add(l.hard() ? ExhaustionForecaster.withPeaks(f, rt, l.values()) : f);
        }
        return out;
    }

    /**
     * Where a fixed warm-up ({@code warmupSec}, empty for automatic) ends on the run's clock: that many seconds
     * after the load started, at the start of the first load interval ({@code metrics} sorted by time), not after
     * the run's start, which a preload precedes by seconds to minutes. Without a load interval, after the run's
     * start.
     */
    static OptionalDouble warmupCut(OptionalDouble warmupSec, List<IntervalMetrics> metrics) {
        if (warmupSec.isEmpty() || metrics.isEmpty()) {
            return warmupSec;
        }
        IntervalMetrics first = metrics.get(0);
        double loadStart = Math.max(0, first.tSec() - first.intervalSec());
        return OptionalDouble.of(loadStart + warmupSec.getAsDouble());
    }

    private static double[] col(List<ResourceSample> res, ToDoubleFunction<ResourceSample> f) {
        double[] a = new double[res.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = f.applyAsDouble(res.get(i));
        }
        return a;
    }

    private static double share(double[] a) {
        if (a.length == 0) {
            return 0;
        }
        int k = 0;
        for (double v : a) {
            if (Double.isFinite(v)) {
                k++;
            }
        }
        return k / (double) a.length;
    }

    private static double lastFinite(double[] a) {
        for (int i = a.length - 1; i >= 0; i--) {
            if (Double.isFinite(a[i])) {
                return a[i];
            }
        }
        return Double.NaN;
    }
}
