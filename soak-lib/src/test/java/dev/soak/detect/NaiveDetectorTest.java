package dev.soak.detect;

import dev.soak.detect.sim.SeriesGenerator;
import dev.soak.detect.sim.SimRun;
import dev.soak.detect.sim.SimSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NaiveDetectorTest {

    @Test
    void perfectLine_isDetectedWithItsRate() {
        double[] t = new double[20];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            t[i] = 360 * i;
            y[i] = 100 + 12.0 * t[i] / 3600;
        }
        NaiveDetector.Result r = NaiveDetector.leak(t, y, 10);
        assertThat(r.ratePerHour()).isCloseTo(12.0, within(1e-9));
        assertThat(r.rSquared()).isCloseTo(1.0, within(1e-12));
        assertThat(r.detected()).isTrue();
        assertThat(r.fail()).isTrue();
    }

    @Test
    void drift_usesLastFourHoursAndFirstP99OfTheWindow() {
        int n = 8 * 60;
        double[] t = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 60 * (i + 1);
            y[i] = t[i] < 4 * 3600 ? 50 : 50 + 2.5 * (t[i] - 4 * 3600) / 3600;
        }
        NaiveDetector.Result r = NaiveDetector.drift(t, y, 2);
        assertThat(r.ratePerHour()).isCloseTo(2.5 / 50 * 100, within(0.2));
        assertThat(r.fail()).isTrue();
    }

    /** DETECTION-NOTES: 10 MB/h over 4 h with σ = 10 MB and φ = 0.9 is caught a few percent of the time. */
    @Test
    void naive_missesA10MbPerHourLeak_at4hWithSigma10Phi09_whereSoakCatchesMost() {
        SimSpec spec = SimSpec.stable().withNoise(10, 0.9).withLeak(10).withDurationHours(4);
        int naive = 0, soak = 0, runs = 40;
        double[] none = new double[0];
        for (long seed = 1; seed <= runs; seed++) {
            SimRun run = SeriesGenerator.generate(spec, seed);
            naive += NaiveDetector.leak(run.tSec(), run.rssMb(), 10).fail() ? 1 : 0;
            soak += LeakDetector.test("rss_mb", run.tSec(), run.rssMb(), false, none, none,
                    AnalysisOptions.defaults()).verdict() == Verdict.FAIL ? 1 : 0;
        }
        assertThat(naive).as("naive catches").isLessThanOrEqualTo(runs / 5);
        assertThat(soak).as("soak catches").isGreaterThan(runs / 2);
    }
}
