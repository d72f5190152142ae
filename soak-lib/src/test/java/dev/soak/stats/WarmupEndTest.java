package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Warm-up end: a saturating rise is found and ends where its remainder reaches the noise; a persistent line never. */
class WarmupEndTest {

    /** 24 h of 10-minute points (x in hours): 300 + amplitude·(1 − e^(−x/τ)) + slope·x + AR(1) noise. */
    static double[][] series(double tauH, double amplitude, double slopePerH, double sigma, double phi, long seed) {
        int n = 144;
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        double e = sigma * r.nextGaussian();
        double innov = sigma * Math.sqrt(1 - phi * phi);
        for (int i = 0; i < n; i++) {
            x[i] = (i + 0.5) / 6.0;
            e = phi * e + innov * r.nextGaussian();
            double warm = tauH > 0 ? amplitude * -Math.expm1(-x[i] / tauH) : 0;
            y[i] = 300 + warm + slopePerH * x[i] + e;
        }
        return new double[][] {x, y};
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1, 2, 3})
    void saturation_isDetectedAndEndsWhereTheRemainderMeetsTheNoise(double tauH) {
        for (long seed = 1; seed <= 5; seed++) {
            double[][] d = series(tauH, 200, 0, 5, 0.3, seed);
            WarmupEnd.Result r = WarmupEnd.detect(d[0], d[1], new double[0][], 1.0 / 3, 8, 2.5, 0.5);
            assertThat(r.detected()).as("tau %s seed %d", tauH, seed).isTrue();
            // 200·e^(−(end − x₀)/τ) = 0.5·5 → end ≈ x₀ + τ·ln 80 ≈ x₀ + 4.4τ
            double expected = d[0][0] + tauH * Math.log(200 / 2.5);
            assertThat(r.endX()).as("tau %s seed %d tau^ %s", tauH, seed, r.tau())
                    .isBetween(expected - 1.5 * tauH, expected + 1.5 * tauH);
            assertThat(Math.abs(r.tStat())).isGreaterThan(2.5);
        }
    }

    @Test
    void persistentLine_isNotWarmup() {
        int found = 0;
        for (long seed = 1; seed <= 40; seed++) {
            double[][] d = series(0, 0, 10, 5, 0.5, seed);
            if (WarmupEnd.detect(d[0], d[1], new double[0][], 1.0 / 3, 8, 2.5, 0.5).detected()) {
                found++;
            }
        }
        assertThat(found).as("false warm-ups in 40 straight lines").isLessThanOrEqualTo(4);
    }

    @Test
    void slopeT_staysLargeForALineUnderTheSaturation_andSmallForASaturationAlone() {
        int saturationSignificant = 0;
        for (long seed = 1; seed <= 40; seed++) {
            // fixed τ = 3 h (tauMin = tauMax), as when another metric's warm-up gives it
            double[][] line = series(3, 100, 10, 5, 0.5, seed);
            WarmupEnd.Result withLine = WarmupEnd.detect(line[0], line[1], new double[0][], 3, 3, 2.5, 0.5);
            assertThat(withLine.slopeT()).as("seed %d", seed).isGreaterThan(5);
            double[][] sat = series(3, 100, 0, 5, 0.5, seed);
            WarmupEnd.Result alone = WarmupEnd.detect(sat[0], sat[1], new double[0][], 3, 3, 2.5, 0.5);
            assertThat(alone.tStat()).as("seed %d", seed).isLessThan(-2.5); // a rise: c < 0
            saturationSignificant += alone.slopeT() > 1.645 ? 1 : 0;
        }
        // one-sided 5 % test of a zero slope, with the conservative (+1 sd) φ: at most about 2 of 40
        assertThat(saturationSignificant).as("saturations read as a significant line").isLessThanOrEqualTo(5);
    }

    @Test
    void covariate_absorbsItsEffect() {
        double[][] d = series(0, 0, 0, 2, 0, 3);
        double[] load = new double[d[0].length];
        for (int i = 0; i < load.length; i++) {
            // a falling load, shaped like a decay, explains an apparent saturation
            load[i] = Math.exp(-d[0][i] / 1.5);
            d[1][i] += 100 * load[i];
        }
        assertThat(WarmupEnd.detect(d[0], d[1], new double[0][], 1.0 / 3, 8, 2.5, 0.5).detected()).isTrue();
        // with the load as covariate, e^(−x/1.5) is (nearly) collinear: the saturation is no longer significant
        WarmupEnd.Result r = WarmupEnd.detect(d[0], d[1], new double[][] {load}, 1.0 / 3, 8, 2.5, 0.5);
        assertThat(r.detected()).isFalse();
    }

    @Test
    void shortOrBadInput() {
        assertThat(WarmupEnd.detect(new double[] {0, 1, 2}, new double[] {1, 2, 3}, new double[0][], 1, 2, 2.5, 0.5)
                .detected()).isFalse();
        assertThatThrownBy(() -> WarmupEnd.detect(new double[] {0, 1}, new double[] {1}, new double[0][], 1, 2, 2.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WarmupEnd.detect(new double[12], new double[12], new double[0][], 0, 2, 2.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tau");
    }
}
