package dev.soak.report;

import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.OperationMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The per-operation latency table of a whole run: ops and errors summed over the intervals;
 * percentiles from the added latency.hlog histograms when present (exact), otherwise the worst
 * interval's value (an upper bound, flagged {@code exact = false}). Stateless.
 */
final class OperationTable {
    private OperationTable() {
    }

    /** One row; {@code name} "all" is the total. Latencies in ms, NaN when unknown. */
    record Row(String name, long ops, long errors, double errorRate, double p50Ms, double p90Ms, double p99Ms,
               double p999Ms, double maxMs, boolean exact) { }

    static List<Row> rows(RunData run) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, double[]> worst = new LinkedHashMap<>();
        for (IntervalMetrics m : run.metrics()) {
            add("all", m.all(), counts, worst);
            m.perOperation().forEach((name, op) -> add(name, op, counts, worst));
        }
        LatencyLog log = run.latency();
        for (String op : log.operations()) {
            counts.putIfAbsent(op, new long[2]);
        }
        if (!log.isEmpty()) {
            counts.putIfAbsent("all", new long[2]);
        }
        List<Row> rows = new ArrayList<>();
        for (var e : counts.entrySet()) {
            String name = e.getKey();
            long ops = e.getValue()[0], errors = e.getValue()[1];
            double rate = ops > 0 ? errors / (double) ops : Double.NaN;
            Histogram h = log.isEmpty() ? null : log.wholeRun(name.equals("all") ? null : name);
            if (h != null && h.getTotalCount() > 0) {
                var s = RunLoader.summary(h);
                if (ops == 0) {
                    ops = h.getTotalCount();
                    rate = Double.NaN;
                }
                rows.add(new Row(name, ops, errors, rate, s.p50Ms(), s.p90Ms(), s.p99Ms(), s.p999Ms(), s.maxMs(), true));
            } else {
                double[] w = worst.getOrDefault(name, new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN});
                rows.add(new Row(name, ops, errors, rate, w[0], w[1], w[2], w[3], w[4], false));
            }
        }
        return rows;
    }

    private static void add(String name, OperationMetrics op, Map<String, long[]> counts, Map<String, double[]> worst) {
        long[] c = counts.computeIfAbsent(name, k -> new long[2]);
        c[0] += op.ops();
        c[1] += op.errors();
        double[] w = worst.computeIfAbsent(name, k -> new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN});
        double[] v = {op.latency().p50Ms(), op.latency().p90Ms(), op.latency().p99Ms(), op.latency().p999Ms(), op.latency().maxMs()};
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i]) && (Double.isNaN(w[i]) || v[i] > w[i])) {
                w[i] = v[i];
            }
        }
    }
}
