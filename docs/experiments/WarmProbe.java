package dev.soak.detect;

import dev.soak.detect.sim.*;
import dev.soak.stats.*;
import java.util.*;

/** Scratch: the warm-up fit of a cell's runs on the blocks, alone and with the true step as a covariate. */
public final class WarmProbe {
    public static void main(String[] a) {
        Cell cell = Grids.full().stream().filter(c -> c.name().equals(a[0])).findFirst().orElseThrow();
        for (int i = 1; i < a.length; i++) {
            int r = Integer.parseInt(a[i]);
            SimRun run = SeriesGenerator.generate(cell.spec(), 555_000L + r);
            double[] t = run.tSec(), y = run.rssMb();
            double last = t[t.length - 1];
            double blockSec = Math.min(600, last / 36);
            Blocks all = Blocks.aggregate(t, y, blockSec, false, new double[0], new double[0]);
            double[] wu = TrendPipeline.detectWarmup(all, false, 3, null);
            int m = all.size();
            double[] d = new double[m];
            for (int k = 0; k < m; k++) d[k] = all.tHours()[k] * 3600 >= run.stepAtSec() ? 1 : 0;
            double[] wu2 = TrendPipeline.detectWarmup(all, false, 3, d);
            double tauMin = Math.max(2 * (all.tHours()[1] - all.tHours()[0]), 5.0 / 60);
            WarmupEnd.Result r1 = WarmupEnd.detect(all.tHours(), all.value(), new double[0][], tauMin, all.tHours()[m-1]/3, 2.5, 0.5);
            WarmupEnd.Result r2 = WarmupEnd.detect(all.tHours(), all.value(), new double[][]{d}, tauMin, all.tHours()[m-1]/3, 2.5, 0.5);
            System.out.printf("%3d step@%.2fh m=%d  plain: t=%.2f tau=%.2f end=%.2f | with true dummy: t=%.2f tau=%.2f end=%.2f%n", r,
                    run.stepAtSec() / 3600, m, r1.tStat(), r1.tau(), r1.endX(), r2.tStat(), r2.tau(), r2.endX());
        }
    }
}
