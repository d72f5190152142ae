package dev.soak.report;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The per-operation latency table of a whole run: ops and errors summed over the intervals ({@link OperationSums});
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
        OperationSums sums = run.operations();
        List<String> names = new ArrayList<>(sums.names());
        LatencyLog log = run.latency();
        if (!log.isEmpty() && !names.contains(OperationSums.ALL)) {
            names.add(0, OperationSums.ALL);
        }
        for (String op : log.operations()) {
            if (!names.contains(op)) {
                names.add(op);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            long ops = sums.ops(name), errors = sums.errors(name);
            double rate = ops > 0 ? errors / (double) ops : Double.NaN;
            Histogram h = log.isEmpty() ? null : log.wholeRun(name.equals(OperationSums.ALL) ? null : name);
            if (h != null && h.getTotalCount() > 0) {
                var s = RunLoader.summary(h);
                if (ops == 0) {
                    ops = h.getTotalCount();
                    rate = Double.NaN;
                }
                rows.add(new Row(name, ops, errors, rate, s.p50Ms(), s.p90Ms(), s.p99Ms(), s.p999Ms(), s.maxMs(), true));
            } else {
                double[] w = sums.worst(name);
                rows.add(new Row(name, ops, errors, rate, w[0], w[1], w[2], w[3], w[4], false));
            }
        }
        return rows;
    }
}
