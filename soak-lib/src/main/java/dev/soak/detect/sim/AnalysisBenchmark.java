package dev.soak.detect.sim;

import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.detect.Analysis;
import dev.soak.detect.AnalysisOptions;
import dev.soak.detect.AnalysisReport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine of {@code bench/analysis.java}: a full {@link Analysis#analyze} of a synthetic run with
 * 1-second samples of ten fields (rss, pss, heap after GC with a GC sawtooth, open fds, threads,
 * load, p50, p95, p99, with an fd limit, a thread limit and a memory limit so that all forecasts
 * run): 5 trend tests (pss, heap, p99, p95, p50) and 3 exhaustion forecasts (fds, threads, rss) per
 * analysis. Reports the median wall time of several repetitions. Not thread-safe (runs on the
 * calling thread).
 */
public final class AnalysisBenchmark {
    private AnalysisBenchmark() {
    }

    /**
     * One measured size.
     *
     * @param hours     run length analysed
     * @param samples   1-second samples per field
     * @param medianMs  median wall time of one full analysis
     * @param minMs     fastest repetition
     * @param verdict   the analysis' overall verdict (a sanity check that it ran)
     */
    public record Timing(double hours, int samples, double medianMs, double minMs, String verdict) {
    }

    /** Times {@code reps} analyses (after one warm-up analysis) of a {@code hours}-long run of 1 s samples. */
    public static Timing time(double hours, int reps, long seed) {
        SimSpec spec = SimSpec.stable().withSampleSec(1).withNoise(10, 0.999).withSpikes(0.001)
                .withSawtooth(300, 180).withLeak(5).withDurationHours(hours);
        SimRun run = SeriesGenerator.generate(spec, seed);
        int n = run.size();
        List<ResourceSample> res = new ArrayList<>(n);
        double nan = Double.NaN;
        for (int i = 0; i < n; i++) {
            double t = run.tSec()[i];
            res.add(new ResourceSample(t, 50, run.rssMb()[i], 2 * run.rssMb()[i], 40 + (i % 7 == 0 ? 1 : 0),
                    120 + t / 3600, 20, nan, run.rssMb()[i] * 0.9, nan, nan, run.heapMb()[i], 65_536, 8_192));
        }
        List<IntervalMetrics> met = run.metrics(n);
        AnalysisOptions o = AnalysisOptions.builder().maxThreads(4096).build();
        AnalysisReport first = Analysis.analyze(res, met, o);
        double[] ms = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            Analysis.analyze(res, met, o);
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return new Timing(hours, n, ms[reps / 2], ms[0], first.verdict().name());
    }
}
