package dev.soak.detect.sim;

import dev.soak.detect.Analysis;
import dev.soak.detect.AnalysisOptions;
import dev.soak.detect.AnalysisReport;
import dev.soak.detect.Look;
import dev.soak.detect.MetricVerdict;
import dev.soak.detect.NaiveDetector;
import dev.soak.detect.Verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Monte Carlo engine behind {@code calibrate.java}: runs every cell {@code runs} times with
 * fixed seeds, analyses each run live at every hourly checkpoint (with the live alpha spending) and
 * offline at the end, applies the seed's rules at the same checkpoints, and summarises detection
 * and false-alarm rates, time to FAIL and rate error. Runs are spread over a fixed thread pool.
 * Thread-safe: each run is independent; results are collected in order.
 */
public final class Calibration {
    private static final double HOUR = 3600;
    /** A follow-up runs to at most this multiple of the cell's run length; a longer suggestion counts as undecided. */
    static final double FOLLOW_UP_CAP = 10;

    private Calibration() {
    }

    /**
     * What one simulated run gave. {@code askedMore} says the run had no FAIL by its planned end and ended
     * INCONCLUSIVE there; {@code extraHours} is the extra run time it asked for (NaN when it did not ask), or for
     * an extensible run the time it was extended by; {@code followUp} is the verdict of the same run continued by
     * that time (null when there was nothing to follow up, or the suggestion went beyond {@link #FOLLOW_UP_CAP}).
     * {@code soakAny} and {@code soakHoursToFail} count an extensible run's extensions. {@code memoryCovered} and
     * {@code latencyCovered} say whether the final analysis's interval of the rate (at the planned end) holds the
     * injected one: the leak (0 when none) on the memory series that carries it, RSS or the heap after GC, and the
     * drift (0 when none) on p99.
     */
    record RunOutcome(boolean soakAny, boolean soakFinal, boolean soakPass, double soakHoursToFail, double soakRate,
                      boolean naiveAny, double naiveHoursToFail, double naiveRate, boolean askedMore, double extraHours,
                      Verdict followUp, boolean memoryCovered, boolean latencyCovered) {
    }

    /** Runs all cells as runs of fixed length (see {@link #run(List, int, long, int, AnalysisOptions, double, CalibrationProgress)}). */
    public static List<CellResult> run(List<Cell> cells, int runs, long seed, int threads, AnalysisOptions options,
                                       CalibrationProgress progress) {
        return run(cells, runs, seed, threads, options, 0, progress);
    }

    /**
     * Runs all cells.
     *
     * @param cells       the grid
     * @param runs        runs per cell
     * @param seed        base seed (cell i, run r uses seed + 1_000_003·i + r)
     * @param threads     worker threads
     * @param options     analysis options (thresholds, α); looks are added per checkpoint
     * @param maxMultiple 0 for runs of fixed length; above 1, runs that may be extended while INCONCLUSIVE up to
     *                    this multiple of the cell's length ({@code [duration] max_total_seconds})
     * @param progress    told of each finished run and cell (null: nothing is told)
     */
    public static List<CellResult> run(List<Cell> cells, int runs, long seed, int threads, AnalysisOptions options,
                                       double maxMultiple, CalibrationProgress progress) {
        if (!(maxMultiple == 0 || maxMultiple > 1)) {
            throw new IllegalArgumentException("maxMultiple = " + maxMultiple + " must be 0 (fixed length) or above 1");
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "calibrate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CellResult> out = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                Cell cell = cells.get(i);
                List<Future<RunOutcome>> fs = new ArrayList<>();
                AtomicInteger done = new AtomicInteger();
                for (int r = 0; r < runs; r++) {
                    long s = seed + 1_000_003L * i + r;
                    fs.add(pool.submit(() -> {
                        RunOutcome o = simulate(cell, s, options, maxMultiple);
                        if (progress != null) {
                            progress.runDone(cell, done.incrementAndGet(), runs);
                        }
                        return o;
                    }));
                }
                List<RunOutcome> outcomes = new ArrayList<>();
                for (Future<RunOutcome> f : fs) {
                    outcomes.add(f.get());
                }
                CellResult res = summarise(cell, outcomes, options);
                out.add(res);
                if (progress != null) {
                    progress.cellDone(res);
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("calibration interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("calibration run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@link #simulate(Cell, long, AnalysisOptions, double)} of a run of fixed length. */
    static RunOutcome simulate(Cell cell, long seed, AnalysisOptions options) {
        return simulate(cell, seed, options, 0);
    }

    /**
     * One run: hourly live looks until the first FAIL, then the final offline analysis; naive rules at the same
     * times. A run that never FAILed and ends INCONCLUSIVE is then continued by the extra time its verdicts asked
     * for (the longest over the gating metrics still undecided) and analysed again, as a user would.
     *
     * <p>With {@code maxMultiple} above 1 the run is extensible, as {@code [duration] max_total_seconds} makes
     * it: the final analysis at the planned end is final look 1 (level α/2), and while INCONCLUSIVE the run is
     * extended by the time asked for, up to {@code maxMultiple} times its length, each end analysed as the next
     * final look (α/4, α/8, …). The outcome's extra hours and follow-up verdict then describe that procedure.
     */
    static RunOutcome simulate(Cell cell, long seed, AnalysisOptions options, double maxMultiple) {
        SimRun run = SeriesGenerator.generate(cell.spec(), seed);
        int n = run.size();
        double total = cell.spec().durationSec();
        double dt = cell.spec().sampleSec();
        boolean drift = cell.kind().equals("drift");
        boolean heap = cell.spec().sawtoothMb() > 0;
        double soakFailAt = Double.NaN;
        double naiveFailAt = Double.NaN;
        int looks = (int) Math.ceil(total / HOUR - 1e-9);
        for (int k = 1; k < looks; k++) {
            double at = k * HOUR;
            int upto = Math.min(n, (int) Math.floor(at / dt + 1e-9));
            if (Double.isNaN(soakFailAt)) {
                AnalysisOptions live = options.toBuilder().look(new Look(k, at, (k - 1) * HOUR, total)).build();
                AnalysisReport rep = Analysis.analyze(run.resources(upto), run.metrics(upto), live);
                if (rep.verdict() == Verdict.FAIL) {
                    soakFailAt = at / HOUR;
                }
            }
            if (Double.isNaN(naiveFailAt) && naive(run, upto, heap, options).fail()) {
                naiveFailAt = at / HOUR;
            }
        }
        boolean extensible = maxMultiple > 1;
        AnalysisReport fin = Analysis.analyze(run.resources(n), run.metrics(n),
                options.toBuilder().offline().finalLook(extensible ? 1 : 0).build());
        boolean finFail = fin.verdict() == Verdict.FAIL;
        if (Double.isNaN(soakFailAt) && finFail) {
            soakFailAt = total / HOUR;
        }
        NaiveDetector.Result nf = naive(run, n, heap, options);
        if (Double.isNaN(naiveFailAt) && nf.fail()) {
            naiveFailAt = total / HOUR;
        }
        MetricVerdict mv = drift ? fin.drift() : fin.leak();
        double soakRate = mv.ratePerHour();
        double naiveRate = drift ? NaiveDetector.drift(Arrays.copyOf(run.tSec(), n), Arrays.copyOf(run.p99Ms(), n),
                options.thresholds().latencyDriftPctPerHour()).ratePerHour() : nf.ratePerHour();
        double extraSec = Double.NaN;
        Verdict followUp = null;
        boolean askedMore = Double.isNaN(soakFailAt) && fin.verdict() == Verdict.INCONCLUSIVE;
        if (askedMore) {
            extraSec = fin.extraRunSec();
            if (extensible) {
                Extended ext = extend(cell, seed, options, fin, total, maxMultiple * total);
                followUp = ext.verdict();
                extraSec = ext.endSec() - total;
                if (followUp == Verdict.FAIL) {
                    soakFailAt = ext.endSec() / HOUR;
                }
            } else if (total + extraSec <= FOLLOW_UP_CAP * total) {
                followUp = analyseContinued(cell, seed, options, total + extraSec, 0).verdict();
            }
        }
        return new RunOutcome(!Double.isNaN(soakFailAt), finFail, fin.verdict() == Verdict.PASS, soakFailAt, soakRate,
                !Double.isNaN(naiveFailAt), naiveFailAt, naiveRate, askedMore, extraSec / HOUR, followUp,
                fin.metric(heap ? "heap_after_gc_mb" : "rss_mb").filter(m -> covers(m, cell.spec().leakMbPerHour()))
                        .isPresent(),
                covers(fin.drift(), cell.spec().driftPctPerHour()));
    }

    /** Whether the verdict's interval of the rate holds {@code truth} (false when it has none). */
    private static boolean covers(MetricVerdict m, double truth) {
        return m.ciLowPerHour() <= truth && truth <= m.ciHighPerHour();
    }

    /**
     * Extends an extensible run that ended INCONCLUSIVE ({@code fin}, final look 1) by the time each final
     * analysis asks for, up to {@code maxSec}, analysing each end as the next final look.
     */
    private static Extended extend(Cell cell, long seed, AnalysisOptions options, AnalysisReport fin, double totalSec,
                                   double maxSec) {
        double dt = cell.spec().sampleSec();
        AnalysisReport now = fin;
        double end = totalSec;
        for (int j = 2; now.verdict() == Verdict.INCONCLUSIVE && end < maxSec - dt; j++) {
            double ask = now.extraRunSec();
            if (!Double.isFinite(ask)) {
                break;
            }
            end = Math.min(end + Math.max(ask, dt), maxSec);
            now = analyseContinued(cell, seed, options, end, j);
        }
        return new Extended(now.verdict(), end);
    }

    /** The final analysis (as {@code finalLook}) of the run of {@code seed} continued to {@code endSec}. */
    private static AnalysisReport analyseContinued(Cell cell, long seed, AnalysisOptions options, double endSec,
                                                   int finalLook) {
        SimRun longer = SeriesGenerator.generate(cell.spec(), seed, endSec);
        int m = longer.size();
        return Analysis.analyze(longer.resources(m), longer.metrics(m),
                options.toBuilder().offline().finalLook(finalLook).build());
    }

    /** Where an extended run ended: its last verdict and its length in seconds. */
    private record Extended(Verdict verdict, double endSec) {
    }

    /** The seed's rules at a checkpoint: leak on RSS (or the raw heap when there is one) and drift on p99. */
    private static NaiveDetector.Result naive(SimRun run, int upto, boolean heap, AnalysisOptions options) {
        double[] t = Arrays.copyOf(run.tSec(), upto);
        NaiveDetector.Result leak = NaiveDetector.leak(t, Arrays.copyOf(heap ? run.heapMb() : run.rssMb(), upto),
                options.thresholds().memoryLeakMbPerHour());
        NaiveDetector.Result drift = NaiveDetector.drift(t, Arrays.copyOf(run.p99Ms(), upto),
                options.thresholds().latencyDriftPctPerHour());
        boolean fail = leak.fail() || drift.fail();
        return new NaiveDetector.Result(leak.ratePerHour(), leak.rSquared(), leak.detected() || drift.detected(), fail);
    }

    static CellResult summarise(Cell cell, List<RunOutcome> outs, AnalysisOptions options) {
        int n = outs.size();
        int any = 0, fin = 0, pass = 0, naive = 0, inconclusive = 0, decided = 0, failAfter = 0, memCover = 0, latCover = 0;
        double[] extra = new double[n];
        double[] soakT = new double[n];
        double[] naiveT = new double[n];
        double[] soakErr = new double[n];
        double[] naiveErr = new double[n];
        double truth = cell.trueRate();
        for (int i = 0; i < n; i++) {
            RunOutcome o = outs.get(i);
            any += o.soakAny() ? 1 : 0;
            fin += o.soakFinal() ? 1 : 0;
            pass += o.soakPass() ? 1 : 0;
            naive += o.naiveAny() ? 1 : 0;
            boolean asked = o.askedMore();
            inconclusive += asked ? 1 : 0;
            decided += o.followUp() != null && o.followUp() != Verdict.INCONCLUSIVE ? 1 : 0;
            failAfter += o.soakAny() || o.followUp() == Verdict.FAIL ? 1 : 0;
            memCover += o.memoryCovered() ? 1 : 0;
            latCover += o.latencyCovered() ? 1 : 0;
            extra[i] = asked ? o.extraHours() : Double.NaN;
            soakT[i] = o.soakAny() ? o.soakHoursToFail() : Double.POSITIVE_INFINITY;
            naiveT[i] = o.naiveAny() ? o.naiveHoursToFail() : Double.POSITIVE_INFINITY;
            soakErr[i] = truth > 0 ? Math.abs(o.soakRate() - truth) / truth : Double.NaN;
            naiveErr[i] = truth > 0 ? Math.abs(o.naiveRate() - truth) / truth : Double.NaN;
        }
        double[] ws = CellResult.wilson(any, n);
        double[] wn = CellResult.wilson(naive, n);
        double[] wf = CellResult.wilson(failAfter, n);
        double hours = cell.spec().durationSec() / HOUR;
        return new CellResult(cell, n, hours, cell.informationLimitHours(options.thresholds().memoryLeakMbPerHour()),
                any / (double) n, ws[0], ws[1], fin / (double) n, pass / (double) n, finiteMedian(soakT),
                median(soakErr), naive / (double) n, wn[0], wn[1], finiteMedian(naiveT), median(naiveErr),
                new CellResult.FollowUp(inconclusive / (double) n, median(extra),
                        inconclusive == 0 ? Double.NaN : decided / (double) inconclusive, failAfter / (double) n, wf[0], wf[1]),
                memCover / (double) n, latCover / (double) n);
    }

    private static double finiteMedian(double[] a) {
        double m = median(a);
        return Double.isFinite(m) ? m : Double.NaN;
    }

    private static double median(double[] a) {
        double[] c = Arrays.stream(a).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (c.length == 0) {
            return Double.NaN;
        }
        int k = c.length;
        return k % 2 == 1 ? c[k / 2] : 0.5 * (c[k / 2 - 1] + c[k / 2]);
    }
}
