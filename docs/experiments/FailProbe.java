package dev.soak.detect.sim;

import dev.soak.detect.*;
import java.util.*;

/** Scratch: every final FAIL of a cell's runs, by metric, with the level shifts removed and the true step time. */
public final class FailProbe {
    public static void main(String[] a) {
        Cell cell = Grids.full().stream().filter(c -> c.name().equals(a[0])).findFirst().orElseThrow();
        int runs = Integer.parseInt(a[1]);
        AnalysisOptions o = AnalysisOptions.defaults().toBuilder().offline().build();
        int rssF = 0, p99F = 0;
        for (int r = 0; r < runs; r++) {
            SimRun run = SeriesGenerator.generate(cell.spec(), 555_000L + r);
            AnalysisReport fin = Analysis.analyze(run.resources(run.size()), run.metrics(run.size()), o);
            for (MetricVerdict mv : fin.metrics()) {
                if (mv.verdict() == Verdict.FAIL) {
                    if (mv.metric().startsWith("rss")) rssF++; else p99F++;
                    StringBuilder sb = new StringBuilder();
                    for (LevelShift s : mv.levelShifts()) sb.append(String.format(" [%.2fh %+.1f]", s.tSec() / 3600, s.shift()));
                    System.out.printf("%3d step@%.2fh %s%s | %s%n", r, run.stepAtSec() / 3600, mv.metric(), sb, mv.explanation());
                }
            }
        }
        System.out.println("rss FAIL " + rssF + ", other FAIL " + p99F + " of " + runs);
    }
}
