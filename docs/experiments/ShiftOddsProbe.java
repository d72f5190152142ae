package dev.soak.detect;

import dev.soak.detect.sim.*;
import dev.soak.stats.*;
import java.util.*;

/**
 * Scratch (seventeenth session, on 69d7ec4): for each run of a cell of Grids.full(), the final analysis's verdict
 * of the cell's moving metric alone (LeakDetector on RSS, or DriftDetector on p99 where the cell has a latency step
 * or drift), with stats.ShiftOrTrend's log Bayes factor of "one shift, no trend" against "a trend" on the whole
 * despiked series (design 1, t; φ grid 0–0.95 by 0.05, then 0.97–0.99), where it puts the shift, each model's φ
 * and the REML white share. Arguments: runs, cell name, and any third word to print every run, not only FAILs.
 */
public final class ShiftOddsProbe {
    public static void main(String[] a) {
        int runs = Integer.parseInt(a[0]);
        String cell = a[1];
        AnalysisOptions o = AnalysisOptions.defaults().toBuilder().offline().build();
        SimSpec spec = null;
        for (Cell c : Grids.full()) if (c.name().equals(cell)) spec = c.spec();
        double[] grid = new double[23];
        for (int i = 0; i < 20; i++) grid[i] = 0.05 * i;
        grid[20] = 0.97; grid[21] = 0.98; grid[22] = 0.99;
        int fail = 0;
        for (int r = 0; r < runs; r++) {
            SimRun run = SeriesGenerator.generate(spec, 7_700_000L + r);
            boolean lat = spec.stepLog() != 0 || spec.driftPctPerHour() > 0;
            double[] y = lat ? log(run.p99Ms()) : run.rssMb();
            MetricVerdict v = lat
                ? DriftDetector.test("p99", run.tSec(), run.p99Ms(), new double[0], new double[0], o)
                : LeakDetector.test("rss_mb", run.tSec(), y, false, new double[0], new double[0], o);
            TrendPipeline.Estimate e = TrendPipeline.estimate(run.tSec(), y, false, OptionalDouble.empty(), new double[0], new double[0], false);
            double[] t = run.tSec();
            int n = t.length;
            double[] yd = Despike.hampel(y, 3, 5);
            double[] one = new double[n], u = new double[n];
            double mean = 0; for (double x : t) mean += x / n;
            for (int k = 0; k < n; k++) { one[k] = 1; u[k] = (t[k] - mean) / 3600; }
            int minSeg = (int) Math.round(1800 / TrendPipeline.medianSpacing(t));
            ShiftOrTrend.Result sr = ShiftOrTrend.compare(new double[][] {one, u}, 1, yd, minSeg, grid);
            double white = Ar1NoiseReml.estimate(new double[][] {one, u}, yd, 0).white();
            if (v.verdict() == Verdict.FAIL) fail++;
            if (v.verdict() == Verdict.FAIL || a.length > 2) {
                StringBuilder st = new StringBuilder();
                for (double[] s : e.steps()) st.append(String.format("[%.2fh %.3g]", s[0] / 3600, s[1]));
                System.out.printf("r%3d %-12s stepAt %.2fh warmEnd %.2fh run %b slope %.3g se %.3g phi %.2f logB %.2f at %.2fh phiS %.2f phiT %.2f white %.3f steps %s%n",
                    r, v.verdict(), run.stepAtSec() / 3600, e.warmupEndSec() / 3600, e.warmupRunning(), e.slope(), e.se(), e.phi(),
                    sr.logBayesFactor(), t[sr.index()] / 3600, sr.phiShift(), sr.phiTrend(), white, st);
            }
        }
        System.out.printf("%s FAIL %d / %d%n", cell, fail, runs);
    }
    static double[] log(double[] x) { double[] r = new double[x.length]; for (int i = 0; i < x.length; i++) r[i] = Math.log(x[i]); return r; }
}
