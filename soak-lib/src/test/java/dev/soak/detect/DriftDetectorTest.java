package dev.soak.detect;

import dev.soak.detect.sim.SeriesGenerator;
import dev.soak.detect.sim.SimRun;
import dev.soak.detect.sim.SimSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DriftDetectorTest {
    private static final double[] NONE = new double[0];

    @Test
    void drift_5PctPerHour_fails_withRelativeRate() {
        SimSpec spec = SimSpec.stable().withNoise(10, 0.5).withSpikes(0.01).withDrift(5).withDurationHours(10);
        for (long seed = 1; seed <= 5; seed++) {
            SimRun run = SeriesGenerator.generate(spec, seed);
            MetricVerdict v = DriftDetector.test("p99_latency_ms", run.tSec(), run.p99Ms(), NONE, NONE,
                    AnalysisOptions.defaults());
            assertThat(v.verdict()).as("seed %d: %s", seed, v.explanation()).isEqualTo(Verdict.FAIL);
            assertThat(v.rateUnit()).isEqualTo("%/h");
            assertThat(v.ratePerHour()).isCloseTo(5, within(1.5));
        }
    }

    @Test
    void stableLatency_doesNotFail() {
        SimSpec spec = SimSpec.stable().withNoise(10, 0.5).withSpikes(0.01).withDurationHours(12);
        for (long seed = 1; seed <= 5; seed++) {
            SimRun run = SeriesGenerator.generate(spec, seed);
            MetricVerdict v = DriftDetector.test("p99_latency_ms", run.tSec(), run.p99Ms(), NONE, NONE,
                    AnalysisOptions.defaults());
            assertThat(v.verdict()).as("seed %d: %s", seed, v.explanation()).isNotEqualTo(Verdict.FAIL);
        }
    }

    @Test
    void exactExponentialGrowth_isReportedAsPercentPerHour() {
        int n = 600;
        double[] t = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 60 * (i + 1);
            y[i] = 20 * Math.pow(1.03, t[i] / 3600) * (1 + 0.02 * Math.sin(i * 1.7));
        }
        MetricVerdict v = DriftDetector.test("p99_latency_ms", t, y, NONE, NONE,
                AnalysisOptions.builder().warmupSec(0).build());
        assertThat(v.ratePerHour()).isCloseTo(3.0, within(0.1));
        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
    }
}
