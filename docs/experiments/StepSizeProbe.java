package dev.soak.detect.sim;

import dev.soak.detect.*;
import java.util.*;

/**
 * Scratch: how large a one-off memory step (and, optionally, a p99 step at the same time) must be before the final
 * analysis stops reading it as a leak. 8 h runs of the calibration's base noise (σ 10 MB, φ 0.9/min, 1 % spikes),
 * the step at 20–80 % of the run, no trend; the share of runs with an RSS FAIL and with the step found.
 * Arguments: runs, p99 factor (0: memory only), then step sizes in MB.
 */
public final class StepSizeProbe {
    public static void main(String[] a) {
        int runs = Integer.parseInt(a[0]);
        double lat = Double.parseDouble(a[1]);
        AnalysisOptions o = AnalysisOptions.defaults().toBuilder().offline().build();
        for (int i = 2; i < a.length; i++) {
            double mb = Double.parseDouble(a[i]);
            SimSpec spec = SimSpec.stable().withSpikes(0.01).withStep(mb, Math.log(1 + lat));
            int fail = 0, found = 0, gatingFail = 0;
            for (int r = 0; r < runs; r++) {
                SimRun run = SeriesGenerator.generate(spec, 4_400_000L + r);
                AnalysisReport rep = Analysis.analyze(run.resources(run.size()), run.metrics(run.size()), o);
                fail += rep.leak().verdict() == Verdict.FAIL ? 1 : 0;
                gatingFail += rep.verdict() == Verdict.FAIL ? 1 : 0;
                found += rep.leak().levelShifts().stream().anyMatch(s -> Math.abs(s.tSec() - run.stepAtSec()) <= 600) ? 1 : 0;
            }
            System.out.printf("step %5.0f MB, p99 x%.2f: RSS FAIL %5.1f %%, any FAIL %5.1f %%, step found %5.1f %% (%d runs)%n",
                    mb, 1 + lat, 100.0 * fail / runs, 100.0 * gatingFail / runs, 100.0 * found / runs, runs);
        }
    }
}
