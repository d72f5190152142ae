package dev.soak.detect.sim;

import dev.soak.detect.*;
import org.junit.jupiter.api.Test;

class ScratchDiagTest {
    @Test
    void diag() {
        Cell cell = Grids.stable("x", SimSpec.stable().withWarmup(100, 1800, 0.2), 8);
        AnalysisOptions o = AnalysisOptions.defaults().toBuilder().offline().build();
        int fails = 0;
        for (long seed = 1; seed <= 300; seed++) {
            SimRun run = SeriesGenerator.generate(cell.spec(), seed);
            AnalysisReport rep = Analysis.analyze(run.resources(run.size()), run.metrics(run.size()), o);
            if (rep.verdict() == Verdict.FAIL) {
                fails++;
                System.out.println("SEED " + seed);
                for (MetricVerdict v : rep.metrics()) {
                    if (v.gating()) System.out.println("   " + v.metric() + " " + v.verdict() + " warmEnd=" + v.warmupEndSec() + " :: " + v.explanation());
                }
            }
        }
        System.out.println("FAILS " + fails);
    }
}
