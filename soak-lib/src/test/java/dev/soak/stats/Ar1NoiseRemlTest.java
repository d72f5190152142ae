package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * REML of regression errors that are an AR(1) plus white noise, against an independent dense
 * implementation (numpy: V = toeplitz(φ^k) + λI inverted directly, ℓ = −½log|V| − ½log|X'V⁻¹X| −
 * ((n − p)/2)·log(r'V⁻¹r), r the GLS residual; the maximiser by brute force over a 0.0025 × 0.005 grid of
 * φ and the white share λ/(1 + λ)), its reduction to {@link Ar1Reml} without noise, and its purpose:
 * the AR(1) coefficient of a persistent series with white noise on top, which an AR(1) fit understates.
 */
class Ar1NoiseRemlTest {
    /** 5 + 0.1·t + AR(1) (φ 0.8, unit variance) + white noise (variance 0.3), numpy seed 11, rounded to 4 decimals. */
    private static final double[] Y = {5.9788, 7.1112, 5.3177, 5.4159, 5.0071, 4.9450, 5.9514, 6.6630, 4.8261,
        7.1435, 6.7799, 7.1156, 6.8757, 6.9605, 6.0580, 7.6410, 7.4524, 6.0579, 7.6624, 6.7785, 6.5320, 6.3796,
        6.4038, 5.7066, 5.0067, 6.0166, 5.3776, 5.3423, 5.4342, 7.3693, 7.2911, 6.7240, 7.7544, 8.7869, 9.0386,
        7.6909, 9.7517, 9.3649, 8.5887, 8.4293};

    private static double[][] line(int n) {
        double[][] x = new double[2][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = 1;
            x[1][i] = i;
        }
        return x;
    }

    @Test
    void logLikelihoodMatchesTheDenseComputation() {
        double[][] x = line(Y.length);
        assertThat(Ar1NoiseReml.logLikelihood(x, Y, 0.0, 0.0)).isCloseTo(-76.69291306618547, within(1e-8));
        assertThat(Ar1NoiseReml.logLikelihood(x, Y, 0.5, 0.0)).isCloseTo(-69.62535338753963, within(1e-8));
        assertThat(Ar1NoiseReml.logLikelihood(x, Y, 0.8, 0.3)).isCloseTo(-67.70226118438751, within(1e-8));
        assertThat(Ar1NoiseReml.logLikelihood(x, Y, 0.95, 1.0)).isCloseTo(-70.05635709404073, within(1e-8));
        assertThat(Ar1NoiseReml.logLikelihood(x, Y, 0.3, 2.5)).isCloseTo(-74.5534696225836, within(1e-8));
    }

    @Test
    void withoutWhiteNoiseItIsTheAr1Likelihood() {
        double[][] x = line(Y.length);
        for (double phi : new double[] {0, 0.3, 0.7, 0.95}) {
            assertThat(Ar1NoiseReml.logLikelihood(x, Y, phi, 0)).isCloseTo(Ar1Reml.logLikelihood(x, Y, phi), within(1e-9));
        }
    }

    @Test
    void estimateReachesTheBruteForceMaximum() {
        Ar1NoiseReml.Estimate e = Ar1NoiseReml.estimate(line(Y.length), Y, 1);
        // numpy's grid maximum: φ 0.9425, share 0.155, ℓ −67.26674207129224 (a flat ridge: ℓ is the check)
        assertThat(e.logLik()).isGreaterThanOrEqualTo(-67.26674207129224 - 1e-3);
        assertThat(e.phi()).isCloseTo(0.9425, within(0.03));
        assertThat(e.white() / (1 + e.white())).isCloseTo(0.155, within(0.05));
        // numpy's profile max_s ℓ is −67.281 at φ 0.98: within ½ of the maximum up to the end of the range
        assertThat(e.upper()).isEqualTo(Ar1NoiseReml.PHI_MAX);
        assertThat(Ar1NoiseReml.estimate(line(Y.length), Y, 0).upper()).isEqualTo(e.phi());
    }

    @Test
    void aWiderRangeOfPhi_findsTheBoundThatTheDefaultRangeCutOff() {
        // numpy's profile max_s ℓ: −67.434 at φ 0.999 (within ½ of the maximum −67.267), −68.361 at 0.9995 (not)
        Ar1NoiseReml.Estimate e = Ar1NoiseReml.estimate(line(Y.length), Y, 1, 0.9995);
        assertThat(e.upper()).isBetween(0.999, 0.9995);
        assertThat(e.phi()).isCloseTo(0.9425, within(0.03));
        assertThat(Ar1NoiseReml.estimate(line(Y.length), Y, 1, Ar1NoiseReml.PHI_MAX))
                .isEqualTo(Ar1NoiseReml.estimate(line(Y.length), Y, 1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ar1NoiseReml.estimate(line(Y.length), Y, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phiMax");
    }

    @Test
    void recoversPersistenceUnderWhiteNoiseThatAnAr1FitUnderstates() {
        int n = 3000;
        Random r = new Random(3);
        double[] y = new double[n];
        double a = r.nextGaussian();
        for (int i = 0; i < n; i++) {
            a = 0.95 * a + Math.sqrt(1 - 0.95 * 0.95) * r.nextGaussian();
            y[i] = 0.01 * i + a + Math.sqrt(0.25) * r.nextGaussian();
        }
        Ar1NoiseReml.Estimate e = Ar1NoiseReml.estimate(line(n), y, 1);
        assertThat(e.phi()).isCloseTo(0.95, within(0.015));
        assertThat(e.white()).isCloseTo(0.25, within(0.06));
        assertThat(e.upper()).isBetween(e.phi(), 0.975);
        // the bound is where the profile likelihood has fallen by z²/2
        assertThat(Ar1NoiseReml.logLikelihood(line(n), y, e.upper(), e.whiteUpper())).isCloseTo(e.logLik() - 0.5,
                within(0.02));
        // the AR(1) alone reads the noise as less persistence
        assertThat(Ar1Reml.estimate(line(n), y, 0).phi()).isLessThan(0.85);
    }

    @Test
    void refusesParametersOutsideTheModel() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ar1NoiseReml.logLikelihood(line(4), new double[4], 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phi = 1.0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ar1NoiseReml.logLikelihood(line(4), new double[4], 0.5, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("white = -1.0");
    }
}
