package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Warm-up end: a saturating rise is cut after about 3τ, a persistent line never. */
class WarmupEndTest {

    /** 24 h of one-minute samples (x in minutes): level + amplitude·(1 − e^(−x/τ)) + slope·x + AR(1) noise. */
    static double[][] series(double tauMin, double amplitude, double slopePerMin, double sigma, double phi, long seed) {
        int n = 24 * 60;
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        double e = 0;
        double innov = sigma * Math.sqrt(1 - phi * phi);
        for (int i = 0; i < n; i++) {
            x[i] = i;
            e = phi * e + innov * r.nextGaussian();
            double warm = tauMin > 0 ? amplitude * -Math.expm1(-x[i] / tauMin) : 0;
            y[i] = 300 + warm + slopePerMin * x[i] + e;
        }
        return new double[][] {x, y};
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 30, 60, 120, 180})
    void exponentialSaturation_endsAfterAboutThreeTau(int tauMin) {
        for (long seed = 1; seed <= 5; seed++) {
            double[][] d = series(tauMin, 200, 0, 10, 0.9, seed);
            WarmupEnd.Result r = WarmupEnd.detect(d[0], d[1]);
            assertThat(r.detected()).as("seed %d", seed).isTrue();
            assertThat(r.settled()).isTrue();
            assertThat(r.endX()).as("tau %d seed %d tau^ %s", tauMin, seed, r.tau())
                    .isBetween(2.0 * tauMin, 4.5 * tauMin);
            assertThat(r.amplitude()).isBetween(150.0, 250.0);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {30, 120})
    void saturationPlusLeak_cutsWarmupButKeepsTheLeak(int tauMin) {
        double slope = 10.0 / 60; // 10 units per hour
        double[][] d = series(tauMin, 200, slope, 10, 0.9, 7);
        WarmupEnd.Result r = WarmupEnd.detect(d[0], d[1]);
        assertThat(r.endX()).isBetween(2.0 * tauMin, 4.5 * tauMin);
        int s = r.endIndex();
        double rest = TheilSen.slope(java.util.Arrays.copyOfRange(d[0], s, d[0].length),
                java.util.Arrays.copyOfRange(d[1], s, d[1].length));
        assertThat(rest).isBetween(0.8 * slope, 1.2 * slope);
    }

    @Test
    void pureLinearTrend_isNotWarmup() {
        for (long seed = 1; seed <= 10; seed++) {
            double[][] d = series(0, 0, 10.0 / 60, 10, 0.9, seed);
            WarmupEnd.Result r = WarmupEnd.detect(d[0], d[1]);
            assertThat(r.detected()).as("seed %d: tau %s c %s sd %s", seed, r.tau(), r.amplitude(), r.residualSd()).isFalse();
            assertThat(r.endX()).isEqualTo(0.0);
            assertThat(r.endIndex()).isZero();
        }
    }

    @Test
    void flatNoise_isNotWarmup() {
        int found = 0;
        for (long seed = 1; seed <= 20; seed++) {
            double[][] d = series(0, 0, 0, 10, 0.97, seed);
            found += WarmupEnd.detect(d[0], d[1]).detected() ? 1 : 0;
        }
        assertThat(found).isLessThanOrEqualTo(1);
    }

    @Test
    void warmupLongerThanHalfTheSeries_isNotSettled() {
        double[][] d = series(600, 300, 0, 5, 0.5, 3);
        WarmupEnd.Result r = WarmupEnd.detect(d[0], d[1]);
        assertThat(r.detected()).isTrue();
        assertThat(r.settled()).isFalse();
        assertThat(r.endX()).isEqualTo(0.5 * (24 * 60 - 1));
    }

    @Test
    void tooShort_noWarmup() {
        WarmupEnd.Result r = WarmupEnd.detect(new double[] {0, 1, 2}, new double[] {0, 5, 6});
        assertThat(r.detected()).isFalse();
        assertThat(r.endX()).isEqualTo(0.0);
    }
}
