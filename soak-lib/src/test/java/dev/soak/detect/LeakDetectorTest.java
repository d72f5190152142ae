package dev.soak.detect;

import dev.soak.detect.sim.SeriesGenerator;
import dev.soak.detect.sim.SimRun;
import dev.soak.detect.sim.SimSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LeakDetectorTest {
    private static final double[] NONE = new double[0];
    private static final AnalysisOptions OPTIONS = AnalysisOptions.defaults();

    private static MetricVerdict rss(SimSpec spec, long seed) {
        SimRun run = SeriesGenerator.generate(spec, seed);
        return LeakDetector.test("rss_mb", run.tSec(), run.rssMb(), false, NONE, NONE, OPTIONS);
    }

    @Test
    void aRealStepInWeaklyPersistentNoise_leavesTheSlopesErrorNearItsWidthWithoutTheStep() {
        // φ 0.5 per minute, σ 10 MB, 10.7 h, a 60 MB step at 20–80 % of the run: found and taken out, it must not
        // make the noise read as persistent. The dummy beside the line costs some precision (the slope is then
        // learned within the two segments), not five times the error, as φ taken without the step gave
        SimSpec flat = SimSpec.stable().withSpikes(0.01).withNoise(10, 0.5).withDurationHours(10.68);
        double[] ratio = new double[8];
        for (int seed = 1; seed <= ratio.length; seed++) {
            TrendPipeline.Estimate stepped = memory(SeriesGenerator.generate(flat.withStep(60, 0), seed));
            TrendPipeline.Estimate plain = memory(SeriesGenerator.generate(flat, seed));
            assertThat(stepped.steps()).as("seed %d: the step is found", seed).isNotEmpty();
            ratio[seed - 1] = stepped.se() / plain.se();
        }
        java.util.Arrays.sort(ratio);
        assertThat(ratio[ratio.length / 2]).as("median se ratio, step / no step (all: %s)", java.util.Arrays.toString(ratio))
                .isBetween(1.0, 2.5);
    }

    /** The final analysis of a run's RSS, no hints. */
    private static TrendPipeline.Estimate memory(SimRun r) {
        return LeakDetector.estimate(r.tSec(), r.rssMb(), false, NONE, NONE, java.util.OptionalDouble.empty(), false,
                Hints.NONE);
    }

    @Test
    void leak_20MbPerHour_fails_withRateWithinTolerance() {
        SimSpec spec = SimSpec.stable().withSpikes(0.01).withLeak(20);
        for (long seed = 1; seed <= 5; seed++) {
            MetricVerdict v = rss(spec, seed);
            assertThat(v.verdict()).as("seed %d: %s", seed, v.explanation()).isEqualTo(Verdict.FAIL);
            assertThat(v.ratePerHour()).isCloseTo(20, within(5.0));
            assertThat(v.ciLowPerHour()).isLessThan(v.ratePerHour()).isGreaterThan(0);
            assertThat(v.rateUnit()).isEqualTo("MB/h");
            assertThat(v.pValue()).isLessThan(0.05);
            assertThat(v.extraRunSec()).isNaN();
        }
    }

    @Test
    void stable_lowPersistence_passes() {
        SimSpec spec = SimSpec.stable().withNoise(10, 0.5).withSpikes(0.01);
        for (long seed = 1; seed <= 5; seed++) {
            MetricVerdict v = rss(spec, seed);
            assertThat(v.verdict()).as("seed %d: %s", seed, v.explanation()).isEqualTo(Verdict.PASS);
            assertThat(v.ciHighPerHour()).isLessThan(10);
        }
    }

    @Test
    void warmupOnly_doesNotFail() {
        SimSpec spec = SimSpec.stable().withSpikes(0.01).withWarmup(200, 3600, 0);
        for (long seed = 1; seed <= 10; seed++) {
            MetricVerdict v = rss(spec, seed);
            assertThat(v.verdict()).as("seed %d: %s", seed, v.explanation()).isNotEqualTo(Verdict.FAIL);
        }
    }

    @Test
    void slowWarmupStillRunning_isInconclusiveNotFail() {
        SimSpec spec = SimSpec.stable().withNoise(10, 0.5).withWarmup(300, 4 * 3600, 0).withDurationHours(6);
        MetricVerdict v = rss(spec, 7);
        assertThat(v.verdict()).as(v.explanation()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.extraRunSec()).isPositive();
    }

    @Test
    void fixedWarmup_isCutWhereAsked() {
        SimSpec spec = SimSpec.stable().withNoise(10, 0.5);
        SimRun run = SeriesGenerator.generate(spec, 3);
        MetricVerdict v = LeakDetector.test("rss_mb", run.tSec(), run.rssMb(), false, NONE, NONE,
                AnalysisOptions.builder().warmupSec(7200).build());
        assertThat(v.warmupEndSec()).isCloseTo(7200, within(600.0));
        assertThat(v.samplesUsed()).isLessThanOrEqualTo(6 * 60 + 10);
    }

    @Test
    void levelStep_doesNotFail_andIsReported() {
        SimSpec spec = SimSpec.stable().withNoise(10, 0.5).withSpikes(0.01).withStep(80, 0);
        for (long seed = 1; seed <= 5; seed++) {
            MetricVerdict v = rss(spec, seed);
            assertThat(v.verdict()).as("seed %d: %s", seed, v.explanation()).isNotEqualTo(Verdict.FAIL);
            assertThat(v.levelShifts()).as(v.explanation()).isNotEmpty();
            // listed in time order: the step is one of them (a smaller one the search also kept may come first)
            assertThat(v.levelShifts()).as(v.explanation()).extracting(LevelShift::shift)
                    .anySatisfy(s -> assertThat(s).isCloseTo(80, within(25.0)));
        }
    }

    @Test
    void leakOnALevelStep_hasTheStepPlacedAtTheSampleItHappened_notTakenForAWarmup_andFails() {
        // the calibration's leak10-level-step: 10 MB/h on φ 0.9 noise, a 60 MB step at 20–80 % of a 5.5 h run
        // (blocks of 550 s). Found on the blocks, the step used to sit at a block boundary, up to 275 s from
        // where it happened, and the samples between read as persistent noise; a step in the first half
        // was often fitted as a warm-up still running, which blocks a FAIL
        SimSpec spec = SimSpec.stable().withSpikes(0.01).withStep(60, 0).withLeak(10).withDurationHours(5.5);
        int fails = 0;
        int found = 0;
        for (long seed = 1; seed <= 20; seed++) {
            SimRun run = SeriesGenerator.generate(spec, seed);
            MetricVerdict v = LeakDetector.test("rss_mb", run.tSec(), run.rssMb(), false, NONE, NONE, OPTIONS);
            if (!v.levelShifts().isEmpty()) {
                found++;
                double nearest = v.levelShifts().stream().mapToDouble(s -> Math.abs(s.tSec() - run.stepAtSec()))
                        .min().orElseThrow();
                assertThat(nearest).as("seed %d: step at %.0f s, shifts %s", seed, run.stepAtSec(), v.levelShifts())
                        .isLessThanOrEqualTo(120);
            }
            assertThat(v.explanation()).as("seed %d", seed).doesNotContain("is still warming up");
            fails += v.verdict() == Verdict.FAIL ? 1 : 0;
        }
        assertThat(found).as("runs whose step was found, of 20").isGreaterThanOrEqualTo(17);
        assertThat(fails).as("FAILs of 20").isGreaterThanOrEqualTo(15);
    }

    @Test
    void levelStepOnAFastWarmup_bothAreFound_andTheRunDoesNotFail() {
        // the calibration's level-step-on-warmup-4h: an 80 MB warm-up (τ 15 min) and a 60 MB step at 20–80 % of
        // a 4 h run, no leak. Fitted alone, each hid the other: the warm-up was tested against residuals carrying
        // the step's jump, the step searched against residuals carrying the warm-up's rise; with neither found,
        // the whole rise read as a trend (before the change, of these 20 runs: a warm-up cut in 6, the step found
        // in 1, FAIL in 3)
        SimSpec spec = SimSpec.stable().withSpikes(0.01).withWarmup(80, 900, 0).withStep(60, 0).withDurationHours(4);
        int warm = 0;
        int found = 0;
        int fails = 0;
        for (long seed = 1; seed <= 20; seed++) {
            SimRun run = SeriesGenerator.generate(spec, seed);
            MetricVerdict v = LeakDetector.test("rss_mb", run.tSec(), run.rssMb(), false, NONE, NONE, OPTIONS);
            warm += v.warmupEndSec() > 0 ? 1 : 0;
            found += v.levelShifts().stream().anyMatch(s -> Math.abs(s.tSec() - run.stepAtSec()) <= 120) ? 1 : 0;
            fails += v.verdict() == Verdict.FAIL ? 1 : 0;
        }
        assertThat(warm).as("runs with a warm-up cut, of 20").isGreaterThanOrEqualTo(15);
        // a step soon after the warm-up is sometimes fitted partly as a slower warm-up still running at half the
        // run; it is then inside the cut and not reported (the run is INCONCLUSIVE)
        assertThat(found).as("runs whose step was found within 2 min of its time, of 20").isGreaterThanOrEqualTo(10);
        assertThat(fails).as("FAILs of 20").isLessThanOrEqualTo(2);
    }

    @Test
    void aStepOfThreeAndAHalfSigma_thatTheSearchMisses_isTakenForAShiftNotATrend() {
        // a 35 MB step (σ 10 MB, φ 0.9 per minute) at 20–80 % of an 8 h run, no leak: the search's t, against the
        // persistence the unexplained step gives the residuals, often stays under its bar, and a line through the
        // run rises 5–7 MB/h. On the samples one shift with no trend explains them far better than the trend
        // (stats.ShiftOrTrend), so it is put in the design (before: of these 40 runs the step was found in 15,
        // FAIL in 15; compared on the blocks only: found in 35, FAIL in 3; on the samples: 40 and 0)
        SimSpec spec = SimSpec.stable().withSpikes(0.01).withStep(35, 0).withDurationHours(8);
        int found = 0;
        int fails = 0;
        for (long seed = 1; seed <= 40; seed++) {
            SimRun run = SeriesGenerator.generate(spec, seed);
            MetricVerdict v = LeakDetector.test("rss_mb", run.tSec(), run.rssMb(), false, NONE, NONE, OPTIONS);
            found += v.levelShifts().stream().anyMatch(s -> Math.abs(s.tSec() - run.stepAtSec()) <= 600) ? 1 : 0;
            fails += v.verdict() == Verdict.FAIL ? 1 : 0;
        }
        assertThat(found).as("runs whose step was found within one block of its time, of 40").isGreaterThanOrEqualTo(36);
        assertThat(fails).as("FAILs of 40").isLessThanOrEqualTo(2);
    }

    @Test
    void sawtoothHeapWithLeak_fails_onTheLowerEnvelope() {
        SimSpec spec = SimSpec.stable().withSawtooth(300, 180).withLeak(20);
        for (long seed = 1; seed <= 5; seed++) {
            SimRun run = SeriesGenerator.generate(spec, seed);
            MetricVerdict v = LeakDetector.test("heap_after_gc_mb", run.tSec(), run.heapMb(), true, NONE, NONE, OPTIONS);
            assertThat(v.verdict()).as("seed %d: %s", seed, v.explanation()).isEqualTo(Verdict.FAIL);
            assertThat(v.ratePerHour()).isCloseTo(20, within(6.0));
        }
    }

    @Test
    void sawtoothHeapWithoutLeak_doesNotFail() {
        SimSpec spec = SimSpec.stable().withSawtooth(300, 180);
        for (long seed = 1; seed <= 5; seed++) {
            SimRun run = SeriesGenerator.generate(spec, seed);
            MetricVerdict v = LeakDetector.test("heap_after_gc_mb", run.tSec(), run.heapMb(), true, NONE, NONE, OPTIONS);
            assertThat(v.verdict()).as("seed %d: %s", seed, v.explanation()).isNotEqualTo(Verdict.FAIL);
        }
    }

    @Test
    void tooFewSamples_isInconclusive() {
        double[] t = {60, 120, 180};
        double[] y = {100, 101, 102};
        MetricVerdict v = LeakDetector.test("rss_mb", t, y, false, NONE, NONE, OPTIONS);
        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.ratePerHour()).isNaN();
        assertThat(v.explanation()).contains("too few samples");
    }

    @Test
    void shortSmoothHeap_withAStartupSample_hasASaneInterval() {
        // a 30-minute run sampled every 5 s: the heap after GC rises smoothly by ~9 MB/h, but the
        // first sample is taken before the heap filled (5.6 MB, then 40 MB). One low sample sets the
        // first block minimum; it used to widen the 90 % interval to about ±150 MB/h.
        int n = 361;
        double[] t = new double[n];
        double[] heap = new double[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            t[i] = 2.8 + 5 * i;
            heap[i] = 72.4 + 9.0 * t[i] / 3600 + 0.15 * (r.nextDouble() - 0.5);
        }
        heap[0] = 5.6;
        heap[1] = 40.1;
        MetricVerdict v = LeakDetector.test("heap_after_gc_mb", t, heap, true, NONE, NONE, OPTIONS);
        assertThat(v.ciLowPerHour()).as(v.explanation()).isLessThan(9.0).isGreaterThan(-10);
        assertThat(v.ciHighPerHour()).as(v.explanation()).isGreaterThan(9.0).isLessThan(30);
        assertThat(v.ratePerHour()).isCloseTo(9.0, within(2.0));
    }

    @Test
    void acceleratingRise_isNotTakenForAWarmupStillRunning() {
        // memory that grows ever faster (convex, 5 → 45 MB/h) is no warm-up: the saturating fit may
        // match it with a positive amplitude, which must neither cut half the run nor block a FAIL
        int n = 8 * 60;
        double[] t = new double[n];
        double[] y = new double[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        for (int i = 0; i < n; i++) {
            t[i] = 60.0 * (i + 1);
            double h = t[i] / 3600;
            y[i] = 500 + 5 * h + 2.5 * h * h + 4 * (r.nextDouble() - 0.5);
        }
        TrendPipeline.Estimate e = LeakDetector.estimate(t, y, false, NONE, NONE, java.util.OptionalDouble.empty(), false);
        assertThat(e.warmupRunning()).isFalse();
        MetricVerdict v = LeakDetector.test("rss_mb", t, y, false, NONE, NONE, OPTIONS);
        assertThat(v.verdict()).as(v.explanation()).isEqualTo(Verdict.FAIL);
    }
}
