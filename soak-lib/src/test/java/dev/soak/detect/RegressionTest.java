package dev.soak.detect;

import dev.soak.stats.LeastSquares;
import dev.soak.stats.LeastSquaresFit;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RegressionTest {

    @Test
    void ar1Sandwich_equalsTheDirectQuadraticForm() {
        int m = 40;
        double[] one = new double[m], t = new double[m], d = new double[m], y = new double[m];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < m; i++) {
            one[i] = 1;
            t[i] = i - 19.5;
            d[i] = i >= 25 ? 1 : 0;
            y[i] = r.nextDouble();
        }
        double[][] x = {one, t, d};
        Regression.Fit f = Regression.ols(x, y);
        double phi = 0.7, s2 = 2.5;
        for (int k = 0; k < 3; k++) {
            double[] w = new double[m];
            for (int i = 0; i < m; i++) {
                for (int a = 0; a < 3; a++) {
                    w[i] += x[a][i] * f.xtxInv()[a][k];
                }
            }
            double direct = 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    direct += w[i] * w[j] * s2 * Math.pow(phi, Math.abs(i - j));
                }
            }
            assertThat(Regression.ar1Variance(x, f.xtxInv(), k, phi, s2)).isCloseTo(direct, within(1e-9 * direct));
        }
    }

    @Test
    void ols_agreesWithStatsLeastSquares() {
        int m = 50;
        double[] one = new double[m], t = new double[m], z = new double[m], y = new double[m];
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < m; i++) {
            one[i] = 1;
            t[i] = i;
            z[i] = Math.sin(i / 5.0);
            y[i] = 3 + 0.5 * t[i] - 2 * z[i] + r.nextDouble();
        }
        Regression.Fit mine = Regression.ols(new double[][] {one, t, z}, y);
        LeastSquaresFit ref = LeastSquares.fit(t, y, z);
        for (int j = 0; j < 3; j++) {
            assertThat(mine.beta()[j]).isCloseTo(ref.coefficient(j), within(1e-9));
        }
    }

    @Test
    void singularDesign_returnsNull() {
        double[] a = {1, 1, 1, 1};
        assertThat(Regression.ols(new double[][] {a, a}, new double[] {1, 2, 3, 4})).isNull();
    }
}
