package dev.soak.report;

import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.LatencySummary;
import dev.soak.checkpoint.OperationMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the run's per-operation table needs of its load intervals, summed while they are read: per operation (and
 * {@link #ALL} for the totals) the operations and errors of the whole run and the worst interval's latency
 * percentiles (the table's upper bound when latency.hlog is missing). The report keeps each interval's totals only,
 * so a run's per-operation detail costs no memory per interval (about 1 KB an interval with four operations, which
 * ran a week of 1 s intervals out of soak.java's 1 GB heap).
 *
 * <p>Not thread-safe: fill it on one thread, then share it read-only.
 */
public final class OperationSums {
    /** The name of the all-operations totals. */
    static final String ALL = "all";

    /** Name → {ops, errors}, in first-seen order ({@link #ALL} first). */
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    /** Name → the largest p50, p90, p99, p99.9 and max of any interval (NaN when none was measured). */
    private final Map<String, double[]> worst = new LinkedHashMap<>();

    /** Adds one interval: its totals under {@link #ALL} and each operation under its name. */
    void add(IntervalMetrics m) {
        add(ALL, m.all());
        m.perOperation().forEach(this::add);
    }

    /** The sums of several load generators' intervals: counts added, the worst of their worst percentiles. */
    static OperationSums merge(List<OperationSums> parts) {
        OperationSums out = new OperationSums();
        for (OperationSums p : parts) {
            p.counts.forEach((name, c) -> {
                long[] sum = out.counts.computeIfAbsent(name, k -> new long[2]);
                sum[0] += c[0];
                sum[1] += c[1];
            });
            p.worst.forEach((name, w) -> out.raise(name, w));
        }
        return out;
    }

    /** The names seen, in first-seen order. */
    public Set<String> names() {
        return counts.keySet();
    }

    /** Operations completed in the whole run (0 for an unknown name). */
    public long ops(String name) {
        return counts.getOrDefault(name, new long[2])[0];
    }

    /** Operations failed in the whole run (0 for an unknown name). */
    public long errors(String name) {
        return counts.getOrDefault(name, new long[2])[1];
    }

    /** The worst interval's p50, p90, p99, p99.9 and max in ms, NaN where no interval measured one (a copy). */
    public double[] worst(String name) {
        double[] w = worst.get(name);
        return w == null ? nans() : w.clone();
    }

    private void add(String name, OperationMetrics op) {
        long[] c = counts.computeIfAbsent(name, k -> new long[2]);
        c[0] += op.ops();
        c[1] += op.errors();
        LatencySummary l = op.latency();
        raise(name, new double[] {l.p50Ms(), l.p90Ms(), l.p99Ms(), l.p999Ms(), l.maxMs()});
    }

    private void raise(String name, double[] v) {
        double[] w = worst.computeIfAbsent(name, k -> nans());
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i]) && (Double.isNaN(w[i]) || v[i] > w[i])) {
                w[i] = v[i];
            }
        }
    }

    private static double[] nans() {
        return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    }
}
