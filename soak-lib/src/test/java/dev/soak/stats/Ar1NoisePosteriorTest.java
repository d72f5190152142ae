package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The slope's posterior with φ and the white share integrated out, against an independent dense
 * implementation (numpy/scipy: on the same grid of 54 values of log(1 − φ) (77 up to φ 0.9995) × 10 white shares, V =
 * toeplitz(φ^k) + λI inverted directly, ℓ = −½log|V| − ½log|X'V⁻¹X| − ((n − p)/2)·log(r'V⁻¹r), the GLS
 * estimate and scale, weights exp(ℓ − max) with those under 10⁻¹² dropped, scipy's Student t, quantiles
 * by brentq), and its purpose: a test whose size holds on persistent noise without giving up the power
 * a plug-in bound on φ gives up.
 */
class Ar1NoisePosteriorTest {
    /** 5 + 0.1·t + AR(1) (φ 0.8, unit variance) + white noise (variance 0.3), numpy seed 11 (as in Ar1NoiseRemlTest). */
    private static final double[] Y = {5.9788, 7.1112, 5.3177, 5.4159, 5.0071, 4.9450, 5.9514, 6.6630, 4.8261,
        7.1435, 6.7799, 7.1156, 6.8757, 6.9605, 6.0580, 7.6410, 7.4524, 6.0579, 7.6624, 6.7785, 6.5320, 6.3796,
        6.4038, 5.7066, 5.0067, 6.0166, 5.3776, 5.3423, 5.4342, 7.3693, 7.2911, 6.7240, 7.7544, 8.7869, 9.0386,
        7.6909, 9.7517, 9.3649, 8.5887, 8.4293};

    private static double[][] design(int n, int stepAt) {
        double[][] x = new double[stepAt > 0 ? 3 : 2][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = 1;
            x[1][i] = i;
            if (stepAt > 0) {
                x[2][i] = i >= stepAt ? 1 : 0;
            }
        }
        return x;
    }

    @Test
    void matchesTheDenseComputation() {
        StudentTMixture line = Ar1NoisePosterior.of(design(Y.length, 0), Y, 1).coefficient();
        assertThat(line.mean()).isCloseTo(0.0673346378528, within(1e-9));
        assertThat(line.sd()).isCloseTo(0.0435987046381, within(1e-9));
        assertThat(line.cdf(0)).isCloseTo(0.0552366325974, within(1e-9));
        assertThat(line.cdf(0.05)).isCloseTo(0.321682231553, within(1e-9));
        assertThat(line.quantile(0.05)).isCloseTo(-0.00260327847289, within(1e-8));
        assertThat(line.quantile(0.95)).isCloseTo(0.138108265507, within(1e-8));
        assertThat(line.quantile(0.5)).isCloseTo(0.0670787141347, within(1e-8));
        // a level shift in the design: the slope, and the shift's own coefficient
        StudentTMixture slope = Ar1NoisePosterior.of(design(Y.length, 25), Y, 1).coefficient();
        assertThat(slope.mean()).isCloseTo(0.0629893723405, within(1e-9));
        assertThat(slope.sd()).isCloseTo(0.0528785373875, within(1e-9));
        assertThat(slope.cdf(0)).isCloseTo(0.104252236055, within(1e-9));
        assertThat(slope.quantile(0.05)).isCloseTo(-0.0225810728294, within(1e-8));
        StudentTMixture step = Ar1NoisePosterior.of(design(Y.length, 25), Y, 2).coefficient();
        assertThat(step.mean()).isCloseTo(0.134381877536, within(1e-9));
        assertThat(step.sd()).isCloseTo(0.872150396389, within(1e-9));
        assertThat(step.cdf(0)).isCloseTo(0.444755192303, within(1e-9));
        assertThat(step.quantile(0.95)).isCloseTo(1.59222926664, within(1e-8));
    }

    @Test
    void aPriorReachingNearerOne_matchesTheDenseComputationOnItsLongerGrid() {
        // φ up to 0.9995: 77 values of log(1 − φ) at the same spacing (numpy/scipy as above)
        StudentTMixture line = Ar1NoisePosterior.of(design(Y.length, 0), Y, 1, 0.9995).coefficient();
        assertThat(line.mean()).isCloseTo(0.0673389061955, within(1e-9));
        assertThat(line.sd()).isCloseTo(0.0446603609204, within(1e-9));
        assertThat(line.cdf(0)).isCloseTo(0.056238343213, within(1e-9));
        assertThat(line.quantile(0.05)).isCloseTo(-0.00313446474077, within(1e-8));
        assertThat(line.quantile(0.95)).isCloseTo(0.138632784016, within(1e-8));
        // the default's upper end gives the default
        assertThat(Ar1NoisePosterior.of(design(Y.length, 0), Y, 1, Ar1NoiseReml.PHI_MAX).coefficient().sd())
                .isEqualTo(Ar1NoisePosterior.of(design(Y.length, 0), Y, 1).coefficient().sd());
        assertThatThrownBy(() -> Ar1NoisePosterior.of(design(Y.length, 0), Y, 1, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phiMax");
    }

    @Test
    void rejectsWhatItCannotAnswer() {
        assertThatThrownBy(() -> Ar1NoisePosterior.of(design(Y.length, 0), Y, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coefficient 2");
        assertThat(Ar1NoisePosterior.of(design(4, 0), new double[] {1, 2, 3, 4}, 1)).isNull();
        assertThatThrownBy(() -> Ar1NoisePosterior.of(design(Y.length, 0), Y, 1).coefficient().quantile(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1)");
    }

    /**
     * 500 samples of an AR(1) with φ 0.97 (about 15 correlation times) plus a fifth of white noise: with no
     * trend, P(slope ≤ 0) under 2.5 % in at most 2.5 % of series (up to chance: 9 of 200; seen 3); with one,
     * its 90 % interval covers the true slope in most series (seen 187 of 200) and P(slope ≤ 0) is under 2.5 %
     * in nearly all (seen 197).
     */
    @Test
    void keepsItsLevelOnPersistentNoiseAndCoversTheSlope() {
        int n = 500;
        double[][] x = design(n, 0);
        Random rnd = new Random(20261130);
        int falseRejections = 0;
        int covered = 0;
        int rejected = 0;
        int runs = 200;
        for (int run = 0; run < runs; run++) {
            double[] noise = noise(rnd, n, 0.97, 0.2);
            double[] trend = new double[n];
            for (int i = 0; i < n; i++) {
                trend[i] = noise[i] + 0.01 * i;
            }
            falseRejections += Ar1NoisePosterior.of(x, noise, 1).coefficient().cdf(0) < 0.025 ? 1 : 0;
            StudentTMixture p = Ar1NoisePosterior.of(x, trend, 1).coefficient();
            covered += p.quantile(0.05) <= 0.01 && 0.01 <= p.quantile(0.95) ? 1 : 0;
            rejected += p.cdf(0) < 0.025 ? 1 : 0;
        }
        assertThat(falseRejections).isLessThanOrEqualTo(9);
        assertThat(covered).isGreaterThanOrEqualTo(170);
        // 5 units of trend over the series against noise of sd 1 (t about 4 at the true φ): found in most series
        assertThat(rejected).isGreaterThanOrEqualTo(180);
    }

    /** Unit-variance AR(1) with coefficient phi plus white noise of variance share/(1 − share) of it. */
    private static double[] noise(Random rnd, int n, double phi, double share) {
        double[] y = new double[n];
        double a = rnd.nextGaussian();
        double white = Math.sqrt(share / (1 - share));
        for (int i = 0; i < n; i++) {
            a = phi * a + Math.sqrt(1 - phi * phi) * rnd.nextGaussian();
            y[i] = a + white * rnd.nextGaussian();
        }
        return y;
    }
}
