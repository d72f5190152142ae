package dev.soak.detect;

import dev.soak.detect.sim.*;
import dev.soak.stats.*;
import java.util.*;

/**
 * Scratch (run on commit b2a8ee4, where the extra shift was judged on the blocks only): among the RSS FAILs of the
 * final analysis, the share whose despiked samples one shift without a trend explains better than the trend
 * (stats.ShiftOrTrend log B above 0, 2, 4, 6, 8; φ grid 0–0.95 by 0.05, then 0.97–0.99). Arguments: runs, then cell
 * names of Grids.full().
 */
public final class SampleShiftProbe {
    public static void main(String[] a) {
        int runs = Integer.parseInt(a[0]);
        AnalysisOptions o = AnalysisOptions.defaults().toBuilder().offline().build();
        Map<String, SimSpec> specs = new LinkedHashMap<>();
        SimSpec base = SimSpec.stable().withSpikes(0.01);
        for (Cell c : Grids.full()) specs.put(c.name(), c.spec());
        double[] grid = new double[23];
        for (int i = 0; i < 20; i++) grid[i] = 0.05 * i;
        grid[20] = 0.97; grid[21] = 0.98; grid[22] = 0.99;
        for (int i = 1; i < a.length; i++) {
            SimSpec spec = specs.get(a[i]);
            int fail = 0;
            double[] th = {0, 2, 4, 6, 8};
            int[] over = new int[th.length];
            for (int r = 0; r < runs; r++) {
                SimRun run = SeriesGenerator.generate(spec, 7_700_000L + r);
                MetricVerdict v = LeakDetector.test("rss_mb", run.tSec(), run.rssMb(), false, new double[0], new double[0], o);
                if (v.verdict() != Verdict.FAIL) continue;
                fail++;
                double[] t = run.tSec();
                int n = t.length;
                double[] y = Despike.hampel(run.rssMb(), 3, 5);
                double[] one = new double[n], u = new double[n];
                double mean = 0; for (double x : t) mean += x / n;
                for (int k = 0; k < n; k++) { one[k] = 1; u[k] = (t[k] - mean) / 3600; }
                int minSeg = (int) Math.round(1800 / TrendPipeline.medianSpacing(t));
                double bf = ShiftOrTrend.compare(new double[][] {one, u}, 1, y, minSeg, grid).logBayesFactor();
                for (int j = 0; j < th.length; j++) over[j] += bf > th[j] ? 1 : 0;
            }
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < th.length; j++) sb.append(String.format(" >%.0f:%5.1f", th[j], 100.0 * over[j] / runs));
            System.out.printf("%-26s FAIL %5.1f %%; FAIL with sample log B%s%n", a[i], 100.0 * fail / runs, sb);
        }
    }
}
