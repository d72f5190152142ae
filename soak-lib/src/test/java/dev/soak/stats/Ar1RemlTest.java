package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * REML of the AR(1) coefficient of regression errors, against an independent dense implementation
 * (numpy/scipy: the n×n covariance toeplitz(φ^k)/(1 − φ²) inverted directly, ℓ = −½log|S| −
 * ½log|X'S⁻¹X| − ((n − p)/2)·log(r'S⁻¹r) with r the GLS residual; maximiser by
 * {@code scipy.optimize.minimize_scalar(method='bounded')}, bound by {@code brentq}), and its
 * purpose: far less bias than the lag-1 autocorrelation of OLS residuals on a short persistent series.
 */
class Ar1RemlTest {
    private static final double[] Y = {3.1, 2.7, 4.0, 4.4, 3.9, 5.2, 5.0, 6.1, 5.7, 6.9, 7.4, 7.0, 6.2, 6.8, 8.1, 7.7};

    private static double[][] design(boolean step) {
        int n = Y.length;
        double[] one = new double[n];
        double[] t = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            one[i] = 1;
            t[i] = i;
            s[i] = i >= 9 ? 1 : 0;
        }
        return step ? new double[][] {one, t, s} : new double[][] {one, t};
    }

    @Test
    void logLikelihoodMatchesTheDenseComputation() {
        double[][] x = design(false);
        assertThat(Ar1Reml.logLikelihood(x, Y, 0.0)).isCloseTo(-15.129936507857424, within(1e-9));
        assertThat(Ar1Reml.logLikelihood(x, Y, 0.3)).isCloseTo(-14.908617355471572, within(1e-9));
        assertThat(Ar1Reml.logLikelihood(x, Y, 0.6)).isCloseTo(-15.54486244956772, within(1e-9));
        assertThat(Ar1Reml.logLikelihood(x, Y, 0.9)).isCloseTo(-16.35198701277803, within(1e-9));
        double[][] xs = design(true);
        assertThat(Ar1Reml.logLikelihood(xs, Y, 0.0)).isCloseTo(-14.279255541737085, within(1e-9));
        assertThat(Ar1Reml.logLikelihood(xs, Y, 0.3)).isCloseTo(-13.7275589813432, within(1e-9));
        assertThat(Ar1Reml.logLikelihood(xs, Y, 0.6)).isCloseTo(-13.97909869658488, within(1e-9));
        assertThat(Ar1Reml.logLikelihood(xs, Y, 0.9)).isCloseTo(-14.576109806413355, within(1e-9));
    }

    @Test
    void gridEstimateAndUpperBoundMatchScipysOptimum() {
        Ar1Reml.Estimate e = Ar1Reml.estimate(design(false), Y, 1);
        assertThat(e.phi()).isCloseTo(0.2092683962194759, within(Ar1Reml.GRID_STEP));
        assertThat(e.upper()).isCloseTo(0.5348693739101665, within(1.5 * Ar1Reml.GRID_STEP));
        Ar1Reml.Estimate s = Ar1Reml.estimate(design(true), Y, 1);
        assertThat(s.phi()).isCloseTo(0.33777507553106567, within(Ar1Reml.GRID_STEP));
        assertThat(s.upper()).isCloseTo(0.7215496045121748, within(1.5 * Ar1Reml.GRID_STEP));
        assertThat(Ar1Reml.estimate(design(false), Y, 0).upper()).isEqualTo(e.phi());
    }

    @Test
    void isFarLessBiasedThanTheResidualLag1Correlation_on36PersistentPoints() {
        int m = 36;
        int runs = 300;
        double phi = 0.8;
        double[][] x = Fixtures.lineDesign(m);
        Random r = new Random(11);
        double reml = 0;
        double lag1 = 0;
        for (int k = 0; k < runs; k++) {
            double[] y = Fixtures.ar1AroundLine(r, m, phi);
            reml += Ar1Reml.estimate(x, y, 0).phi();
            lag1 += Autocorrelation.ar1(LeastSquares.fitDesign(x, y).residuals());
        }
        reml /= runs;
        lag1 /= runs;
        // lag-1 of OLS residuals: E ≈ φ − (1 + 3φ + 2)/m ≈ 0.65; REML within a few hundredths of φ
        assertThat(lag1).isLessThan(0.70);
        assertThat(Math.abs(reml - phi)).isLessThan(0.06);
        assertThat(phi - reml).isLessThan((phi - lag1) / 2);
    }
}
