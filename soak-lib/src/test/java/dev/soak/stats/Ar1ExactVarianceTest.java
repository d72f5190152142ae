package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The exact AR(1) sandwich against the direct O(n²) quadratic form, and the conservative φ plug-in. */
class Ar1ExactVarianceTest {

    @Test
    void recursion_equalsTheDirectQuadraticForm_andPhiZeroIsOls() {
        int m = 40;
        double[] one = new double[m];
        double[] t = new double[m];
        double[] d = new double[m];
        double[] y = new double[m];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < m; i++) {
            one[i] = 1;
            t[i] = 1000 + i * 3600.0;
            d[i] = i >= 25 ? 1 : 0;
            y[i] = r.nextDouble() + 0.001 * t[i];
        }
        double[][] x = {one, t, d};
        LeastSquaresFit f = LeastSquares.fitDesign(x, y);
        double[][] inv = f.inverseGram();
        double s2 = f.residualVariance();
        double phi = 0.7;
        for (int k = 0; k < 3; k++) {
            double[] w = new double[m];
            for (int i = 0; i < m; i++) {
                for (int a = 0; a < 3; a++) {
                    w[i] += x[a][i] * inv[a][k];
                }
            }
            double direct = 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    direct += w[i] * w[j] * s2 * Math.pow(phi, Math.abs(i - j));
                }
            }
            assertThat(f.ar1ExactVariance(k, phi)).isCloseTo(direct, within(1e-8 * direct));
            double ols = f.standardError(k);
            assertThat(f.ar1ExactVariance(k, 0)).isCloseTo(ols * ols, within(1e-9 * ols * ols));
        }
    }

    @Test
    void inverseGram_timesGram_isIdentity() {
        double[] one = {1, 1, 1, 1, 1};
        double[] t = {0, 1, 2, 3, 5};
        LeastSquaresFit f = LeastSquares.fitDesign(new double[][] {one, t}, new double[] {1, 3, 2, 5, 4});
        double[][] g = {{5, 11}, {11, 39}};
        double[][] inv = f.inverseGram();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double s = g[i][0] * inv[0][j] + g[i][1] * inv[1][j];
                assertThat(s).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
    }

    @Test
    void conservativePhi_isBiasCorrectedThenRaised_andClamped() {
        double[] res = new double[50];
        SplittableRandom r = new SplittableRandom(3);
        double e = 0;
        for (int i = 0; i < res.length; i++) {
            e = 0.5 * e + r.nextGaussian();
            res[i] = e;
        }
        double raw = Autocorrelation.ar1(res);
        double c = raw + (1 + 3 * raw + 2) / 50.0;
        assertThat(Autocorrelation.ar1Conservative(res, 2, 0)).isCloseTo(c, within(1e-12));
        assertThat(Autocorrelation.ar1Conservative(res, 2, 1)).isCloseTo(c + Math.sqrt((1 - c * c) / 50), within(1e-12));
        assertThat(Autocorrelation.ar1Conservative(new double[10], 2, 1)).isBetween(0.0, 0.98);
        double[] trend = new double[20];
        for (int i = 0; i < trend.length; i++) {
            trend[i] = i;
        }
        assertThat(Autocorrelation.ar1Conservative(trend, 1, 3)).isEqualTo(0.98);
    }
}
