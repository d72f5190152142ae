package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Means of m consecutive AR(1) values, against numpy: the fixture values are C[0,1]/C[0,0] and
 * C[0,2]/C[0,0] of C = A·Γ·A' with Γ = φ^|i−j| over 3m points and A the 3 × 3m averaging matrix.
 */
class BlockMeansAr1Test {
    /** φ, m, lag-1 and lag-2 autocorrelation of the means (numpy). */
    private static final double[][] CASES = {
        {0.9, 10, 0.5247205565956946, 0.1829587451621906},
        {0.97, 10, 0.8195515521661243, 0.6043570878014872},
        {0.5, 4, 0.21306818181818182, 0.013316761363636364},
        {0.3, 1, 0.3, 0.09},
    };

    @Test
    void lag1_matchesNumpy_andLag2IsLag1TimesPhiToTheM() {
        for (double[] c : CASES) {
            double phi = c[0];
            int m = (int) c[1];
            double rho1 = BlockMeansAr1.lag1(phi, m);
            assertThat(rho1).as("φ %s, m %d", phi, m).isCloseTo(c[2], within(1e-12));
            // the ARMA(1, 1) structure: the decay after lag 1 is φ^m, not ρ1
            assertThat(rho1 * Math.pow(phi, m)).isCloseTo(c[3], within(1e-12));
        }
        assertThat(BlockMeansAr1.lag1(0, 10)).isZero();
    }

    @Test
    void phiForLag1_invertsLag1() {
        for (double phi : new double[] {0.05, 0.5, 0.9, 0.97, 0.995}) {
            for (int m : new int[] {1, 2, 10, 60}) {
                assertThat(BlockMeansAr1.phiForLag1(BlockMeansAr1.lag1(phi, m), m)).as("φ %s, m %d", phi, m)
                        .isCloseTo(phi, within(1e-9));
            }
        }
        assertThat(BlockMeansAr1.phiForLag1(0.7, 1)).isEqualTo(0.7);
        assertThat(BlockMeansAr1.phiForLag1(0, 10)).isZero();
    }

    /** φ, m, ω (white-noise variance, AR(1) variance 1), lag-1 autocorrelation of the means: numpy, Γ + ωI. */
    private static final double[][] WHITE_CASES = {
        {0.97, 10, 0.25, 0.7975607437905542},
        {0.9, 10, 1.0, 0.46131950288251555},
        {0.5, 4, 0.5, 0.1714939024390244},
    };

    @Test
    void lag1WithWhiteNoise_matchesNumpy() {
        for (double[] c : WHITE_CASES) {
            assertThat(BlockMeansAr1.lag1(c[0], (int) c[1], c[2])).as("φ %s, m %s, ω %s", c[0], c[1], c[2])
                    .isCloseTo(c[3], within(1e-12));
        }
    }

    @Test
    void phiForLag1WithWhiteNoise_recoversPhi_whereTheAr1ReadingUnderstatesIt() {
        for (double phi : new double[] {0.5, 0.9, 0.97}) {
            for (double omega : new double[] {0, 0.25, 1.0}) {
                for (double factor : new double[] {1, Math.PI / 2}) {
                    int m = 10;
                    double gamma1 = omega + (1 - phi);
                    double gamma2 = omega + (1 - phi * phi);
                    double rho1 = BlockMeansAr1.lag1(phi, m, omega * factor);
                    double got = BlockMeansAr1.phiForLag1WithWhiteNoise(rho1, m, gamma1, gamma2, factor, 1_000_000);
                    assertThat(got).as("φ %s, ω %s, factor %s", phi, omega, factor).isCloseTo(phi, within(1e-9));
                    double ar1Reading = BlockMeansAr1.phiForLag1(rho1, m);
                    if (omega > 0) {
                        assertThat(ar1Reading).isLessThan(phi - 1e-4);
                    } else {
                        assertThat(ar1Reading).isCloseTo(phi, within(1e-9));
                    }
                }
            }
        }
    }

    @Test
    void phiForLag1WithWhiteNoise_undeterminedWithoutShortRangePersistence() {
        assertThat(BlockMeansAr1.phiForLag1WithWhiteNoise(0.5, 10, 1.0, 0.9, 1, 500)).isNaN();
        assertThat(BlockMeansAr1.phiForLag1WithWhiteNoise(0.5, 10, 1.0, 1.0, 1, 500)).isNaN();
        assertThat(BlockMeansAr1.phiForLag1WithWhiteNoise(0.5, 10, Double.NaN, 1.0, 1, 500)).isNaN();
        // 3 standard errors √(2/n) of white noise: at n = 500, γ(2) must exceed γ(1) by 19 %
        assertThat(BlockMeansAr1.phiForLag1WithWhiteNoise(0.5, 10, 1.0, 1.18, 1, 500)).isNaN();
        assertThat(BlockMeansAr1.phiForLag1WithWhiteNoise(0.5, 10, 1.0, 1.20, 1, 500)).isBetween(0.0, 1.0);
        assertThat(BlockMeansAr1.phiForLag1WithWhiteNoise(0.4, 1, 1.0, 1.5, 1, 500)).isEqualTo(0.4);
    }

    @Test
    void outOfRange_throws() {
        assertThatThrownBy(() -> BlockMeansAr1.lag1(1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlockMeansAr1.phiForLag1(-0.1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlockMeansAr1.lag1(0.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlockMeansAr1.lag1(0.5, 10, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
