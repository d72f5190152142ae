package dev.soak.detect;

import dev.soak.detect.sim.*;
import dev.soak.stats.*;
import java.util.*;

/**
 * Scratch: among the final analysis's RSS FAILs of a spec's runs, how many have blocks that one level shift without a
 * trend fits better (smaller residual sum of squares) than a line: the FAILs a "step fits as well" rule would turn
 * INCONCLUSIVE. Arguments: runs, then specs as name=stepMb:leakMbPerHour:hours.
 */
public final class StepVsLineProbe {
    public static void main(String[] a) {
        int runs = Integer.parseInt(a[0]);
        AnalysisOptions o = AnalysisOptions.defaults().toBuilder().offline().build();
        for (int i = 1; i < a.length; i++) {
            String[] p = a[i].split("[=:]");
            double step = Double.parseDouble(p[1]), leak = Double.parseDouble(p[2]), hours = Double.parseDouble(p[3]);
            double sigma = p.length > 4 ? Double.parseDouble(p[4]) : 10, phi = p.length > 5 ? Double.parseDouble(p[5]) : 0.9;
            SimSpec spec = SimSpec.stable().withNoise(sigma, phi).withSpikes(0.01).withStep(step, 0).withLeak(leak).withDurationHours(hours);
            int fail = 0, failStepBetter = 0;
            for (int r = 0; r < runs; r++) {
                SimRun run = SeriesGenerator.generate(spec, 6_600_000L + r);
                MetricVerdict v = LeakDetector.test("rss_mb", run.tSec(), run.rssMb(), false, new double[0], new double[0], o);
                if (v.verdict() != Verdict.FAIL) continue;
                fail++;
                double[] t = run.tSec();
                Blocks b = Blocks.aggregate(t, run.rssMb(), Math.min(600, t[t.length - 1] / 36), false, new double[0], new double[0]).from(0);
                int m = b.size();
                double mean = Arrays.stream(b.tHours()).average().orElse(0);
                double[] one = new double[m], u = new double[m];
                for (int k = 0; k < m; k++) { one[k] = 1; u[k] = b.tHours()[k] - mean; }
                double rssLine = LeastSquares.fitDesign(new double[][]{one, u}, b.value()).residualSumOfSquares();
                ChangePoints.Result s = ChangePoints.levelShifts(new double[][]{one}, b.value(), 1, Math.max(3, m / 20), 0);
                double rssStep = LeastSquares.fitDesign(s.design(), b.value()).residualSumOfSquares();
                failStepBetter += rssStep < rssLine ? 1 : 0;
            }
            System.out.printf("%-28s FAIL %5.1f %%, of which a step alone fits better %5.1f %% of runs%n", p[0], 100.0 * fail / runs, 100.0 * failStepBetter / runs);
        }
    }
}
