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
            assertThat(v.levelShifts().get(0).shift()).isCloseTo(80, within(25.0));
        }
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
}
