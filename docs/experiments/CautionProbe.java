package dev.soak.detect.sim;

import dev.soak.detect.Analysis;
import dev.soak.detect.AnalysisOptions;
import dev.soak.detect.MetricVerdict;
import dev.soak.detect.Verdict;
import java.util.Locale;

/** Scratch: the share of final FAILs whose explanation carries the slowing-down caution. */
public final class CautionProbe {
    public static void main(String[] a) {
        int runs = Integer.parseInt(a[0]);
        AnalysisOptions o = AnalysisOptions.defaults().toBuilder().offline().build();
        for (Cell cell : Grids.full()) {
            if (!cell.name().matches(a[1])) continue;
            int fails = 0, caution = 0;
            for (int r = 0; r < runs; r++) {
                SimRun run = SeriesGenerator.generate(cell.spec(), 777_000L + r);
                var rep = Analysis.analyze(run.resources(run.size()), run.metrics(run.size()), o);
                for (MetricVerdict mv : rep.metrics()) {
                    if (mv.gating() && mv.verdict() == Verdict.FAIL) {
                        fails++;
                        if (mv.explanation().contains("Caution")) caution++;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%-28s metric FAILs %4d (%5.1f %% of runs), with the caution %4d (%5.1f %%)%n",
                    cell.name(), fails, 100.0 * fails / runs, caution, 100.0 * caution / Math.max(1, fails));
        }
    }
}
