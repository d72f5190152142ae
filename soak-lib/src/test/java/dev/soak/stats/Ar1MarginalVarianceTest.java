package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bias-corrected AR(1) marginal variance ê'ê/(n − tr((X'X)⁻¹X'R_φX)) and the slope variance built
 * on it, against numpy (fixture values from {@code numpy.linalg.lstsq} and the explicit n×n matrix
 * R_φ = φ^|i−j|), and its purpose: unbiasedness of the scale under persistence.
 */
class Ar1MarginalVarianceTest {
    @Test
    void matchesNumpy_andPhiZeroIsTheResidualVariance() {
        LeastSquaresFit f = Fixtures.lineAndStepFit();
        assertThat(f.ar1MarginalVariance(0)).isCloseTo(0.2014778613199666, within(1e-12));
        assertThat(f.ar1MarginalVariance(0)).isCloseTo(f.residualVariance(), within(1e-12));
        assertThat(f.ar1MarginalVariance(0.6)).isCloseTo(0.34522431039427565, within(1e-10));
        assertThat(f.ar1ExactVarianceUnbiased(1, 0.6)).isCloseTo(0.010649863667714903, within(1e-11));
        assertThat(f.ar1ExactVarianceUnbiased(1, 0)).isCloseTo(0.005302048982104379, within(1e-12));
    }

    @Test
    void isUnbiasedForTheMarginalVarianceOfPersistentNoise_whereTheResidualVarianceIsNot() {
        // 36 points of unit-variance AR(1) noise with φ = 0.9 around a line: the mean and trend absorb
        // about half of the variance, which the plain residual variance misses
        int m = 36;
        int runs = 4000;
        double phi = 0.9;
        double[][] x = Fixtures.lineDesign(m);
        Random r = new Random(7);
        double plain = 0;
        double corrected = 0;
        for (int k = 0; k < runs; k++) {
            double[] y = Fixtures.ar1AroundLine(r, m, phi);
            LeastSquaresFit f = LeastSquares.fitDesign(x, y);
            plain += f.residualVariance() / runs;
            corrected += f.ar1MarginalVariance(phi) / runs;
        }
        assertThat(plain).isLessThan(0.6);
        assertThat(corrected).isCloseTo(1.0, within(0.05));
    }

    @Test
    void rejectsPhiOutsideTheUnitInterval() {
        LeastSquaresFit f = Fixtures.lineAndStepFit();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.ar1MarginalVariance(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phi");
    }
}
