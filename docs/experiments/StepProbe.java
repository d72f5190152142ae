package dev.soak.detect.sim;

import dev.soak.detect.*;
import java.util.*;

/** Scratch: why the final analysis of a cell's runs misses, with the level shifts found and the true step time. */
public final class StepProbe {
    public static void main(String[] a) {
        String cellName = a[0];
        int runs = Integer.parseInt(a[1]);
        boolean verbose = a.length > 2;
        Cell cell = Grids.full().stream().filter(c -> c.name().equals(cellName)).findFirst().orElseThrow();
        Map<String, Integer> counts = new TreeMap<>();
        AnalysisOptions o = AnalysisOptions.defaults().toBuilder().offline().build();
        for (int r = 0; r < runs; r++) {
            long seed = 777_000L + r;
            SimSpec spec = cell.spec();
            SimRun run = SeriesGenerator.generate(spec, seed);
            double stepAt = run.stepAtSec();
            AnalysisReport fin = Analysis.analyze(run.resources(run.size()), run.metrics(run.size()), o);
            MetricVerdict mv = cell.kind().equals("drift") ? fin.drift() : fin.leak();
            String why = mv.explanation();
            String k = mv.verdict() + " shifts=" + mv.levelShifts().size() + (mv.warmupEndSec() > 0 ? " +warmcut" : "")
                    + (mv.adjustedPValue() <= mv.levelUsed() ? " sig" : " nonsig") + (mv.ratePerHour() < 5 ? " small" : "");
            counts.merge(k, 1, Integer::sum);
            if (verbose) {
                StringBuilder sb = new StringBuilder();
                for (LevelShift s : mv.levelShifts()) sb.append(String.format(" [%.2fh %+.1f]", s.tSec() / 3600, s.shift()));
                System.out.printf("%3d step@%.2fh %s rate %.1f [%.1f,%.1f] p %.4f adj %.4f lvl %.4f warm %.2fh%s | %s%n", r, stepAt / 3600,
                        mv.verdict(), mv.ratePerHour(), mv.ciLowPerHour(), mv.ciHighPerHour(), mv.pValue(), mv.adjustedPValue(), mv.levelUsed(),
                        mv.warmupEndSec() / 3600, sb, why);
            }
        }
        counts.forEach((k, v) -> System.out.println(v + "\t" + k));
    }
}
