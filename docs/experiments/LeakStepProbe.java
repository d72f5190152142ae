package dev.soak.detect;

import dev.soak.detect.sim.*;
import java.util.*;

/** Scratch: FAIL share of a leak on a memory step at φ 0.5 (final analysis). */
public final class LeakStepProbe {
    public static void main(String[] a) {
        SimSpec spec = SimSpec.stable().withSpikes(0.01).withNoise(10, 0.5).withStep(Double.parseDouble(a[0]), 0)
                .withLeak(Double.parseDouble(a[1])).withDurationHours(Double.parseDouble(a[2]));
        int runs = Integer.parseInt(a[3]), fail = 0, cover = 0;
        double truth = Double.parseDouble(a[1]);
        for (long seed = 1; seed <= runs; seed++) {
            SimRun r = SeriesGenerator.generate(spec, 777_000 + seed);
            int k = r.size();
            AnalysisReport fin = Analysis.analyze(r.resources(k), r.metrics(k), AnalysisOptions.defaults().toBuilder().offline().finalLook(0).build());
            fail += fin.verdict() == Verdict.FAIL ? 1 : 0;
            MetricVerdict mv = fin.leak();
            cover += mv.ciLowPerHour() <= truth && truth <= mv.ciHighPerHour() ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "step %s leak %s %sh guardT %s: FAIL %d of %d, memory CI covers %d%n", a[0], a[1], a[2], System.getProperty("soak.guardT", "inf"), fail, runs, cover);
    }
}
