package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Slope variance under errors with autocorrelation ρ1·a^(k−1) at lag k ≥ 1, against numpy (fixture values
 * from {@code numpy.linalg.lstsq} and the explicit n×n correlation matrix), and its purpose: it is the
 * exact variance of a slope fitted to means of AR(1) samples, which an AR(1) with the same lag 1 overstates.
 */
class Arma11VarianceTest {
    @Test
    void matchesNumpy_andDecayEqualToLag1IsAr1() {
        LeastSquaresFit f = Fixtures.lineAndStepFit();
        assertThat(f.arma11MarginalVariance(0.6, 0.3)).isCloseTo(0.3001820972924735, within(1e-12));
        assertThat(f.arma11ExactVariance(1, 0.6, 0.3)).isCloseTo(0.007259262147170284, within(1e-13));
        assertThat(f.arma11ExactVarianceUnbiased(1, 0.6, 0.3)).isCloseTo(0.010815583021664178, within(1e-13));
        // decay 0: only lag 1 is correlated (MA(1))
        assertThat(f.arma11MarginalVariance(0.45, 0)).isCloseTo(0.25265468183627715, within(1e-12));
        assertThat(f.arma11ExactVariance(1, 0.45, 0)).isCloseTo(0.007060096802486359, within(1e-13));
        assertThat(f.arma11ExactVarianceUnbiased(1, 0.45, 0)).isCloseTo(0.0088534119812435, within(1e-13));
        assertThat(f.arma11ExactVarianceUnbiased(1, 0.6, 0.6)).isCloseTo(f.ar1ExactVarianceUnbiased(1, 0.6), within(1e-15));
        assertThat(f.arma11MarginalVariance(0.6, 0.6)).isCloseTo(f.ar1MarginalVariance(0.6), within(1e-15));
    }

    @Test
    void slopeOfBlockMeansOfAnAr1_exactWithDecayPhiToTheM_overstatedAsAr1() {
        int blocks = 24;
        int m = 10;
        double phi = 0.9;
        // exact covariance of the block means, from the explicit sample-level Γ = φ^|i−j|
        double[][] c = new double[blocks][blocks];
        for (int a = 0; a < blocks; a++) {
            for (int b = 0; b < blocks; b++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < m; j++) {
                        s += Math.pow(phi, Math.abs(a * m + i - (b * m + j)));
                    }
                }
                c[a][b] = s / (m * m);
            }
        }
        // OLS slope weights w (slope = w'y) for the design {1, block index}
        double mean = (blocks - 1) / 2.0;
        double sxx = 0;
        for (int a = 0; a < blocks; a++) {
            sxx += (a - mean) * (a - mean);
        }
        double exact = 0;
        for (int a = 0; a < blocks; a++) {
            for (int b = 0; b < blocks; b++) {
                exact += (a - mean) / sxx * c[a][b] * (b - mean) / sxx;
            }
        }
        LeastSquaresFit f = LeastSquares.fitDesign(Fixtures.lineDesign(blocks), Fixtures.ar1AroundLine(new Random(3), blocks, 0));
        double scale = c[0][0] / f.residualVariance(); // both variances below are σ̂²·(w'Rw): rescale σ̂² to Var(mean)
        double rho1 = BlockMeansAr1.lag1(phi, m);
        assertThat(f.arma11ExactVariance(1, rho1, Math.pow(phi, m)) * scale).isCloseTo(exact, within(1e-12 * exact));
        assertThat(f.ar1ExactVariance(1, rho1) * scale).as("AR(1) at the block level").isGreaterThan(1.1 * exact);
    }
}
