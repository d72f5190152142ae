package dev.soak.detect;

import dev.soak.detect.sim.*;
import dev.soak.stats.*;
import java.util.*;

/** Both gating metrics' best single split (t against the step-free φ floor) per run. */
public final class JointProbe {
    static double[] best(SimRun run, double[] y) {
        double[] t = run.tSec();
        double last = t[t.length - 1];
        Blocks b = Blocks.aggregate(t, y, Math.min(600, last / 36), false, new double[0], new double[0]);
        int m = b.size();
        double mean = Arrays.stream(b.tHours()).average().orElse(0);
        double[] one = new double[m], u = new double[m];
        for (int i = 0; i < m; i++) { one[i] = 1; u[i] = b.tHours()[i] - mean; }
        ChangePoints.Result res = ChangePoints.levelShifts(new double[][]{one, u}, b.value(), 1, Math.max(3, m / 20), 0);
        if (res.steps().isEmpty()) return new double[]{-1, 0, m};
        return new double[]{res.steps().get(0).index(), res.steps().get(0).tStat(), m};
    }
    public static void main(String[] a) {
        int runs = Integer.parseInt(a[0]);
        double bar = Double.parseDouble(a[1]);
        for (int ci = 2; ci < a.length; ci++) {
            String nm = a[ci];
            Cell cell = Grids.full().stream().filter(c -> c.name().equals(nm)).findFirst().orElseThrow();
            int both = 0, rssMiss = 0, rescued = 0, coincide = 0;
            for (int r = 0; r < runs; r++) {
                SimRun run = SeriesGenerator.generate(cell.spec(), 900_000L + r);
                double[] br = best(run, run.rssMb());
                double[] bp = best(run, Arrays.stream(run.p99Ms()).map(Math::log).toArray());
                boolean same = br[0] >= 0 && Math.abs(br[0] - bp[0]) <= 1;
                boolean miss = Math.abs(br[1]) <= 3.5 && Math.abs(bp[1]) <= 3.5;
                if (same) coincide++;
                if (miss) rssMiss++;
                if (same && Math.abs(br[1]) > bar && Math.abs(bp[1]) > bar) { both++; if (miss) rescued++; }
            }
            System.out.printf("%-36s best splits within 1 block %.1f%% | both |t|>%.1f there %.1f%% | neither >3.5: %.1f%%, of which rescued %.1f%%%n",
                    nm, 100.0 * coincide / runs, bar, 100.0 * both / runs, 100.0 * rssMiss / runs, 100.0 * rescued / runs);
        }
    }
}
