package dev.soak.detect;

import dev.soak.detect.sim.*;
import java.util.*;

/** Scratch: the warm-up fit (end, τ, t) of a cell's runs, beside the final verdict of the leak. */
public final class TauProbe {
    public static void main(String[] a) {
        List<Cell> g = Grids.full();
        int idx = -1;
        for (int i = 0; i < g.size(); i++) if (g.get(i).name().equals(a[0])) idx = i;
        Cell cell = g.get(idx);
        int runs = Integer.parseInt(a[1]);
        long seed = 20261128L + 1_000_003L * idx;
        for (int r = 0; r < runs; r++) {
            SimRun run = SeriesGenerator.generate(cell.spec(), seed + r);
            int n = run.size();
            double[] t = run.tSec(), y = run.rssMb();
            double last = t[n - 1];
            Blocks all = Blocks.aggregate(t, y, Math.min(600, last / 36), false, new double[0], new double[0]);
            double[] wu = TrendPipeline.detectWarmup(all, false, 3, null);
            AnalysisReport fin = Analysis.analyze(run.resources(n), run.metrics(n), AnalysisOptions.defaults().toBuilder().offline().finalLook(0).build());
            MetricVerdict mv = fin.leak();
            System.out.printf(Locale.ROOT, "%3d %-12s rate %6.2f  wu %s%n", r, fin.verdict(), mv.ratePerHour(),
                    wu == null ? "-" : String.format(Locale.ROOT, "end %.2f tau %.2f t %.1f", wu[0], wu[1], wu[2]));
        }
    }
}
