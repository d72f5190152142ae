package dev.soak.report;

import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.report.ReportModel.ChangePoint;
import dev.soak.report.ReportModel.Forecast;
import dev.soak.report.ReportModel.Kind;
import dev.soak.report.ReportModel.MetricVerdict;
import dev.soak.report.ReportModel.Trend;
import dev.soak.report.ReportModel.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A small stand-in for {@code dev.soak.detect.Analysis}, used only while detect is not available:
 * Theil–Sen slope (Sen 1968, JASA 63(324)) with Sen's confidence interval, Mann–Kendall test
 * (Kendall 1975) with the variance of S inflated by the AR(1) factor (1+φ̂)/(1−φ̂) of the
 * Sen-detrended residuals, Holm's step-down over the gating metrics, three-way verdicts as in
 * DETECTION-NOTES.md, and linear exhaustion forecasts. Series longer than {@value #MAX_POINTS}
 * points are reduced to equal-time bin means (bin minima for heap after GC). O(m²) in the
 * reduced length m. Stateless and thread-safe.
 */
final class InterimAnalysis {
    static final int MAX_POINTS = 400;
    static final int MIN_POINTS = 8;
    static final double ALPHA = 0.05;
    static final double CONFIDENCE = 0.90;
    private static final NormalDistribution NORMAL = new NormalDistribution();

    private InterimAnalysis() {
    }

    static ReportModel analyze(RunData run) {
        List<String> notes = new ArrayList<>();
        ScenarioFacts sc = run.scenario();
        List<ResourceSample> res = run.resources();
        List<IntervalMetrics> met = run.metrics();
        String memName = coverage(res, ResourceSample::pssMb) > 0.8 ? "pss_mb" : "rss_mb";
        ToDoubleFunction<ResourceSample> mem = memName.equals("pss_mb") ? ResourceSample::pssMb : ResourceSample::rssMb;
        double[][] memSeries = series(res, ResourceSample::tSec, mem);

        double warm;
        String how;
        boolean settled = true;
        if (sc.warmupSec().isPresent()) {
            warm = sc.warmupSec().getAsDouble();
            how = "scenario warmup_sec";
        } else {
            double[] auto = autoWarmup(memSeries, sc.memoryLeakMbPerHour());
            warm = auto[0];
            // not settled, but no significant deceleration either: persistent growth, judged on the late half
            settled = auto[1] > 0 || !(auto[2] > 0);
            how = settled ? "automatic (earliest cut after which the memory slope no longer decelerates)"
                    : "automatic, but memory was still decelerating at mid-run: warm-up may not be over";
        }
        List<Raw> raws = new ArrayList<>();
        raws.add(fit(memName, Kind.LEAK, cut(memSeries, warm, false), false, sc.memoryLeakMbPerHour()));
        double[][] heap = series(res, ResourceSample::tSec, ResourceSample::heapAfterGcMb);
        if (heap[0].length >= MIN_POINTS) {
            raws.add(fit("heap_after_gc_mb", Kind.LEAK, cut(heap, warm, true), false, sc.memoryLeakMbPerHour()));
        }
        raws.add(fit("p99_latency_ms", Kind.DRIFT, cut(series(met, IntervalMetrics::tSec, m -> m.all().latency().p99Ms()), warm, false),
                true, sc.latencyDriftPctPerHour()));
        raws.add(fit("p50_latency_ms", Kind.DRIFT, cut(series(met, IntervalMetrics::tSec, m -> m.all().latency().p50Ms()), warm, false),
                true, sc.latencyDriftPctPerHour()));
        raws.removeIf(r -> r.n == 0);

        // Holm (1979), Scand. J. Statist. 6(2): step-down adjusted p-values over the gating metrics
        List<Raw> tested = raws.stream().filter(r -> !Double.isNaN(r.p)).sorted((a, b) -> Double.compare(a.p, b.p)).toList();
        double running = 0;
        for (int i = 0; i < tested.size(); i++) {
            running = Math.max(running, Math.min(1, (tested.size() - i) * tested.get(i).p));
            tested.get(i).pAdj = running;
        }
        List<MetricVerdict> verdicts = new ArrayList<>();
        for (Raw r : raws) {
            MetricVerdict v = decide(r);
            if (!settled && v.kind() == Kind.LEAK && v.verdict() == Verdict.FAIL) {
                v = new MetricVerdict(v.metric(), v.kind(), Verdict.INCONCLUSIVE, v.estimate(), v.lower(), v.upper(), v.confidence(),
                        v.unit(), v.pValue(), v.threshold(), r.hours, v.samples(), v.trend(),
                        "memory rises at a decelerating rate (warm-up, not yet a leak?); run at least as long again");
            }
            verdicts.add(v);
        }

        List<Forecast> forecasts = new ArrayList<>();
        double lastFdLimit = last(res, ResourceSample::maxOpenFiles);
        forecast("open_fds", series(res, ResourceSample::tSec, ResourceSample::openFds), warm, lastFdLimit, "max_open_files", forecasts);
        double memLimit = last(res, ResourceSample::memoryLimitMb);
        if (!Double.isNaN(memLimit)) {
            forecast("rss_mb", series(res, ResourceSample::tSec, ResourceSample::rssMb), warm, memLimit, "memory_limit_mb", forecasts);
        } else if (sc.maxRssMb().isPresent()) {
            forecast("rss_mb", series(res, ResourceSample::tSec, ResourceSample::rssMb), warm, sc.maxRssMb().getAsDouble(), "max_rss_mb", forecasts);
        }
        forecast("threads", series(res, ResourceSample::tSec, ResourceSample::threads), warm, Double.NaN, "", forecasts);
        forecast("network_connections", series(res, ResourceSample::tSec, ResourceSample::networkConnections), warm, Double.NaN, "", forecasts);

        notes.add("interim analysis in dev.soak.report (Theil-Sen + Mann-Kendall with AR(1) variance inflation, Holm over "
                + tested.size() + " metrics); change points are not computed");
        return new ReportModel("dev.soak.report interim (Theil-Sen/Mann-Kendall)", warm, how, verdicts, forecasts,
                List.<ChangePoint>of(), notes);
    }

    private static final class Raw {
        String metric;
        Kind kind;
        boolean log;
        int n;
        double slope = Double.NaN;
        double lo = Double.NaN;
        double hi = Double.NaN;
        double p = Double.NaN;
        double pAdj = Double.NaN;
        double threshold;
        double hours;
        Trend trend;
    }

    /** Fits one series (t in seconds, values); log = relative growth of a positive series. */
    private static Raw fit(String metric, Kind kind, double[][] s, boolean log, double threshold) {
        Raw r = new Raw();
        r.metric = metric;
        r.kind = kind;
        r.log = log;
        r.threshold = threshold;
        double[] t = s[0];
        double[] y = s[1].clone();
        if (log) {
            int k = 0;
            for (int i = 0; i < y.length; i++) {
                if (y[i] > 0) {
                    t[k] = t[i];
                    y[k++] = Math.log(y[i]);
                }
            }
            t = Arrays.copyOf(t, k);
            y = Arrays.copyOf(y, k);
        }
        r.n = y.length;
        if (r.n == 0) {
            return r;
        }
        r.hours = (t[t.length - 1] - t[0]) / 3600.0;
        if (r.n < MIN_POINTS || r.hours <= 0) {
            return r;
        }
        double[] h = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            h[i] = t[i] / 3600.0;
        }
        Slope sl = senSlope(h, y);
        r.slope = sl.slope;
        r.lo = sl.lo;
        r.hi = sl.hi;
        r.p = sl.p;
        double tMid = median(t);
        double yPivot = median(residualIntercepts(h, y, sl.slope)) + sl.slope * tMid / 3600.0;
        r.trend = new Trend(t[0], t[t.length - 1], tMid, log ? Math.exp(yPivot) : yPivot, sl.slope, sl.lo, sl.hi, log);
        return r;
    }

    private static MetricVerdict decide(Raw r) {
        String unit = r.kind == Kind.LEAK ? "MB/h" : "%/h";
        double est = pct(r, r.slope), lo = pct(r, r.lo), hi = pct(r, r.hi);
        if (Double.isNaN(r.slope)) {
            return new MetricVerdict(r.metric, r.kind, Verdict.INCONCLUSIVE, Double.NaN, Double.NaN, Double.NaN, CONFIDENCE,
                    unit, Double.NaN, r.threshold, Double.NaN, r.n, null,
                    "only " + r.n + " usable point(s) after warm-up; at least " + MIN_POINTS + " are needed");
        }
        Verdict v;
        double extra = Double.NaN;
        if (r.pAdj < ALPHA && lo > 0 && est >= r.threshold) {
            v = Verdict.FAIL;
        } else if (hi < r.threshold) {
            v = Verdict.PASS;
        } else {
            v = Verdict.INCONCLUSIVE;
            // the interval's half-width shrinks like T^(-3/2): Var(beta) ~ 12 sigma^2_LR / T^3
            double half = (hi - lo) / 2;
            double needed = est < r.threshold ? r.threshold - est : est;
            extra = needed > 0 ? r.hours * (Math.pow(half / needed, 2.0 / 3.0) - 1) : Double.POSITIVE_INFINITY;
            extra = Math.max(extra, 0);
        }
        return new MetricVerdict(r.metric, r.kind, v, est, lo, hi, CONFIDENCE, unit, r.pAdj, r.threshold, extra, r.n,
                r.trend, "");
    }

    private static double pct(Raw r, double slope) {
        return r.log ? 100 * (Math.exp(slope) - 1) : slope;
    }

    private static void forecast(String name, double[][] s, double warm, double limit, String limitSource, List<Forecast> out) {
        double[][] c = cut(s, warm, false);
        if (c[0].length < MIN_POINTS) {
            return;
        }
        Raw r = fit(name, Kind.LEAK, c, false, Double.NaN);
        if (r.trend == null) {
            return;
        }
        double end = c[0][c[0].length - 1];
        double current = r.trend.valueAt(end);
        double room = limit - current;
        double hours = r.slope > 0 ? room / r.slope : Double.POSITIVE_INFINITY;
        double hLo = r.hi > 0 ? room / r.hi : Double.POSITIVE_INFINITY;
        double hHi = r.lo > 0 ? room / r.lo : Double.POSITIVE_INFINITY;
        out.add(new Forecast(name, limit, limitSource, current, r.slope, Double.isNaN(limit) ? Double.NaN : hours,
                Double.isNaN(limit) ? Double.NaN : hLo, Double.isNaN(limit) ? Double.NaN : hHi, r.trend));
    }

    // ---------------------------------------------------------------------------------------------

    record Slope(double slope, double lo, double hi, double p) { }

    /**
     * Theil–Sen slope with Sen's (1968) rank interval and the one-sided Mann–Kendall p-value of
     * "no increase": S = Σ_{i<j} sgn(y_j − y_i), Var(S) = n(n−1)(2n+5)/18 · (1+φ̂)/(1−φ̂),
     * Z = (S − sgn S)/√Var(S); interval ranks (N ∓ z·√Var(S))/2 among the N pairwise slopes.
     */
    static Slope senSlope(double[] x, double[] y) {
        int n = x.length;
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        long s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (x[j] != x[i]) {
                    slopes[k++] = (y[j] - y[i]) / (x[j] - x[i]);
                }
                s += Long.signum(Double.compare(y[j], y[i]));
            }
        }
        slopes = Arrays.copyOf(slopes, k);
        Arrays.sort(slopes);
        double b = median(slopes);
        double[] resid = new double[n];
        for (int i = 0; i < n; i++) {
            resid[i] = y[i] - b * x[i];
        }
        double phi = Math.max(0, Math.min(0.95, lag1(resid)));
        double varS = n * (n - 1.0) * (2 * n + 5) / 18.0 * (1 + phi) / (1 - phi);
        double z = (s - Math.signum(s)) / Math.sqrt(varS);
        double p = 1 - NORMAL.cumulativeProbability(z);
        double c = NORMAL.inverseCumulativeProbability(0.5 + CONFIDENCE / 2) * Math.sqrt(varS);
        int loIdx = (int) Math.floor((k - c) / 2.0);
        int hiIdx = (int) Math.ceil((k + c) / 2.0);
        double lo = slopes[Math.max(0, Math.min(k - 1, loIdx))];
        double hi = slopes[Math.max(0, Math.min(k - 1, hiIdx))];
        return new Slope(b, lo, hi, p);
    }

    /** {cut seconds, 1 if the slope settled / 0 if not by mid-run, lower bound of early minus late slope at the last cut}. */
    private static double[] autoWarmup(double[][] s, double threshold) {
        double[] t = s[0];
        if (t.length < 4 * MIN_POINTS) {
            return new double[] {0, 1, Double.NaN};
        }
        double end = t[t.length - 1];
        double diffLower = Double.NaN;
        for (double f = 0; f <= 0.5 + 1e-9; f += 0.1) {
            double[][] c = cut(s, t[0] + f * (end - t[0]), false);
            int half = c[0].length / 2;
            double[][] a = {Arrays.copyOfRange(c[0], 0, half), Arrays.copyOfRange(c[1], 0, half)};
            double[][] b = {Arrays.copyOfRange(c[0], half, c[0].length), Arrays.copyOfRange(c[1], half, c[1].length)};
            Slope s1 = senSlope(hours(a[0]), a[1]);
            Slope s2 = senSlope(hours(b[0]), b[1]);
            // settled when even the upper bound of the slope difference is small: early ~ late slope
            double diffUpper = s1.slope - s2.slope + Math.hypot((s1.hi - s1.lo) / 2, (s2.hi - s2.lo) / 2);
            diffLower = s1.slope - s2.slope - 2 * Math.hypot((s1.hi - s1.lo) / 2, (s2.hi - s2.lo) / 2);
            if (diffUpper <= Math.max(0.5 * threshold, 0.25 * Math.abs(s2.slope))) {
                return new double[] {f == 0 ? 0 : t[0] + f * (end - t[0]), 1, diffLower};
            }
        }
        return new double[] {t[0] + 0.5 * (end - t[0]), 0, diffLower};
    }

    private static double[] hours(double[] t) {
        return Arrays.stream(t).map(v -> v / 3600.0).toArray();
    }

    /** Points at or after {@code fromSec}, reduced to at most MAX_POINTS equal-time bins (means, or minima). */
    static double[][] cut(double[][] s, double fromSec, boolean minima) {
        int start = 0;
        while (start < s[0].length && s[0][start] < fromSec) {
            start++;
        }
        double[] t = Arrays.copyOfRange(s[0], start, s[0].length);
        double[] y = Arrays.copyOfRange(s[1], start, s[1].length);
        int bins = minima ? Math.min(MAX_POINTS, Math.max(MIN_POINTS, t.length / 10)) : MAX_POINTS;
        if (t.length <= bins) {
            return new double[][] {t, y};
        }
        double t0 = t[0], width = (t[t.length - 1] - t0) / bins;
        double[] bt = new double[bins], by = new double[bins], cnt = new double[bins];
        Arrays.fill(by, minima ? Double.POSITIVE_INFINITY : 0);
        for (int i = 0; i < t.length; i++) {
            int b = Math.min(bins - 1, (int) ((t[i] - t0) / width));
            bt[b] += t[i];
            by[b] = minima ? Math.min(by[b], y[i]) : by[b] + y[i];
            cnt[b]++;
        }
        int k = 0;
        for (int b = 0; b < bins; b++) {
            if (cnt[b] > 0) {
                bt[k] = bt[b] / cnt[b];
                by[k++] = minima ? by[b] : by[b] / cnt[b];
            }
        }
        return new double[][] {Arrays.copyOf(bt, k), Arrays.copyOf(by, k)};
    }

    static <T> double[][] series(List<T> list, ToDoubleFunction<T> t, ToDoubleFunction<T> v) {
        return new double[][] {
            list.stream().filter(x -> !Double.isNaN(v.applyAsDouble(x))).mapToDouble(t).toArray(),
            list.stream().mapToDouble(v).filter(d -> !Double.isNaN(d)).toArray()};
    }

    private static <T> double coverage(List<T> list, ToDoubleFunction<T> v) {
        return list.isEmpty() ? 0 : list.stream().filter(x -> !Double.isNaN(v.applyAsDouble(x))).count() / (double) list.size();
    }

    private static <T> double last(List<T> list, ToDoubleFunction<T> v) {
        for (int i = list.size() - 1; i >= 0; i--) {
            double d = v.applyAsDouble(list.get(i));
            if (!Double.isNaN(d)) {
                return d;
            }
        }
        return Double.NaN;
    }

    private static double[] residualIntercepts(double[] h, double[] y, double slope) {
        double[] r = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            r[i] = y[i] - slope * h[i];
        }
        return r;
    }

    private static double lag1(double[] r) {
        double mean = Arrays.stream(r).average().orElse(0), num = 0, den = 0;
        for (int i = 0; i < r.length; i++) {
            den += (r[i] - mean) * (r[i] - mean);
            if (i > 0) {
                num += (r[i] - mean) * (r[i - 1] - mean);
            }
        }
        return den == 0 ? 0 : num / den;
    }

    static double median(double[] v) {
        return LatencyLog.median(v);
    }
}
