package dev.soak.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The load's running mean in the samples' design ({@link SampleFit#runningMean}). */
class SampleFitTest {
    @Test
    void theLoadsRunningMean_spansTheSameTimeWhateverTheSampling_andDoesNotReachAcrossAGap() {
        // 60 s samples: ±300 s is 11 points, as calibrated; 20 s samples: 31 points, the same 10 minutes
        double[] t60 = new double[40];
        double[] t20 = new double[120];
        double[] v60 = new double[40];
        double[] v20 = new double[120];
        for (int i = 0; i < 120; i++) {
            t20[i] = 20.0 * (i + 1);
            v20[i] = t20[i] % 120 == 0 ? 1 : 0;
        }
        for (int i = 0; i < 40; i++) {
            t60[i] = 60.0 * (i + 1);
            v60[i] = t60[i] % 120 == 0 ? 1 : 0;
        }
        double[] m60 = SampleFit.runningMean(t60, v60, SampleFit.LOAD_HALF_WINDOW_SEC);
        double[] m20 = SampleFit.runningMean(t20, v20, SampleFit.LOAD_HALF_WINDOW_SEC);
        // a load that reads 1 every other minute: 6 of the 11 minutes around an odd one, 5 of 31 points in the
        // same 10 minutes at 20 s
        assertThat(m60[20]).isCloseTo(6 / 11.0, within(1e-12));
        assertThat(m20[60]).isCloseTo(5 / 31.0, within(1e-12));
        assertThat(m60[0]).as("fewer at the ends: the first 6 samples").isCloseTo(3 / 6.0, within(1e-12));
        // a two-hour gap (a resumed run): each side is averaged on its own
        double[] tg = {60, 120, 180, 7380, 7440, 7500};
        double[] vg = {1, 1, 1, 5, 5, 5};
        assertThat(SampleFit.runningMean(tg, vg, SampleFit.LOAD_HALF_WINDOW_SEC))
                .containsExactly(new double[] {1, 1, 1, 5, 5, 5}, within(1e-12));
    }
}
