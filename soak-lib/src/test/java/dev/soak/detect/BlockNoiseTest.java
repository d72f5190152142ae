package dev.soak.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.soak.stats.BlockMeansAr1;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The blocks' decay after lag 1 ({@link BlockNoise#blockDecay}) on samples with and without white noise; the degrees of freedom. */
class BlockNoiseTest {
    /** {@code n} samples of 100 + an AR(1) of unit variance at {@code phi} + white noise of variance {@code white}, with 1 % spikes. */
    static double[] ar1PlusWhite(double phi, double white, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double a = rnd.nextGaussian();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            a = phi * a + Math.sqrt(1 - phi * phi) * rnd.nextGaussian();
            // 1 % spikes, as in the calibration grid: the semivariances must not read them as noise
            double spike = rnd.nextDouble() < 0.01 ? 5 + 10 * rnd.nextDouble() : 0;
            y[i] = 100 + a + Math.sqrt(white) * rnd.nextGaussian() + spike;
        }
        return y;
    }

    @Test
    void whiteNoiseInTheSamples_keepsTheDecayOfTheirAr1_whereReadingTheLag1AsAr1AloneUnderstatesIt() {
        int m = 10;
        double phi = 0.97;
        double white = 0.25;
        double trueDecay = Math.pow(phi, m);
        // the blocks' lag 1 with that noise (medians: noise variance × π/2), as a long run would estimate it
        double rho1 = BlockMeansAr1.lag1(phi, m, white * Math.PI / 2);
        double ar1Only = Math.pow(BlockMeansAr1.phiForLag1(rho1, m), m);
        assertThat(ar1Only).isLessThan(trueDecay - 0.04);
        int notUnder = 0;
        for (long seed = 0; seed < 20; seed++) {
            // 2000 samples: the noise's share is found, or the persistence is not clear and the block AR(1)'s
            // decay (its lag 1, 0.80) is used; either way the decay is not understated
            double d = BlockNoise.blockDecay(rho1, m, ar1PlusWhite(phi, white, 2000, seed));
            notUnder += d > trueDecay - 0.02 ? 1 : 0;
        }
        assertThat(notUnder).as("runs of 2000 samples at least the true decay %s − 0.02", trueDecay).isGreaterThanOrEqualTo(18);
        // with more samples the split into AR(1) and noise is clear, and the decay is the AR(1)'s
        assertThat(BlockNoise.blockDecay(rho1, m, ar1PlusWhite(phi, white, 50_000, 1))).isCloseTo(trueDecay, within(0.02));
    }

    @Test
    void pureAr1Samples_giveTheAr1Decay() {
        int m = 10;
        for (double phi : new double[] {0.9, 0.97}) {
            double rho1 = BlockMeansAr1.lag1(phi, m);
            double d = BlockNoise.blockDecay(rho1, m, ar1PlusWhite(phi, 0, 5000, 7));
            assertThat(d).as("φ %s", phi).isCloseTo(Math.pow(phi, m), within(0.02));
        }
    }

    @Test
    void samplesWithoutShortRangePersistence_fallBackToTheBlockAr1() {
        double[] white = ar1PlusWhite(0, 1, 2000, 3);
        assertThat(BlockNoise.blockDecay(0.4, 10, white)).isEqualTo(0.4);
        assertThat(BlockNoise.blockDecay(0.4, 1, white)).isEqualTo(0.4);
    }

    @Test
    void degreesOfFreedom_areTheResidualsOverTheArma11Inflation_atLeast3() {
        assertThat(BlockNoise.degreesOfFreedom(34, 0.5, 0.5)).isCloseTo(34 * 0.5 / 1.5, within(1e-12));
        assertThat(BlockNoise.degreesOfFreedom(34, 0.8, 0.6)).isCloseTo(34 / (1 + 1.6 / 0.4), within(1e-12));
        assertThat(BlockNoise.degreesOfFreedom(34, 0.9, 0.9)).isEqualTo(3);
    }
}
