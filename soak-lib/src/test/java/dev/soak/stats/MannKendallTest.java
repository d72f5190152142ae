package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MannKendallTest {

    /** Knight's merge-sort count equals the O(n²) definition, with ties in x and y. */
    @Test
    void score_equalsDefinition_randomDataWithTies() {
        for (long seed = 1; seed <= 30; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 50 + r.nextInt(300);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = r.nextInt(n / 3 + 1);
                y[i] = r.nextInt(10) + 0.01 * x[i];
            }
            long s = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    s += (long) (Math.signum(x[j] - x[i]) * Math.signum(y[j] - y[i]));
                }
            }
            assertThat(MannKendall.score(x, y)).as("seed %d", seed).isEqualTo((double) s);
        }
    }

    @Test
    void timeOrderedOverload_equalsIndexAbscissa() {
        double[] y = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
        assertThat(MannKendall.test(y)).isEqualTo(MannKendall.test(Series.index(y.length), y));
    }

    @Test
    void varianceFactor_widensAndWeakensTheTest() {
        double[] y = new double[100];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.05 * i + r.nextGaussian();
        }
        MannKendall.Result plain = MannKendall.test(y);
        MannKendall.Result inflated = plain.withVarianceFactor(4);
        assertThat(inflated.varianceOfS()).isCloseTo(4 * plain.varianceOfS(), within(1e-9));
        assertThat(inflated.z()).isCloseTo(plain.z() / 2, within(1e-12));
        assertThat(inflated.pIncreasing()).isGreaterThan(plain.pIncreasing());
        assertThat(inflated.s()).isEqualTo(plain.s());
    }

    @Test
    void autocorrelatedNoise_correctionFactorsAboveOne_whiteNoiseNearOne() {
        SplittableRandom r = new SplittableRandom(6);
        int n = 2000;
        double[] x = Series.index(n);
        double[] ar = new double[n];
        double[] white = new double[n];
        double e = 0;
        for (int i = 0; i < n; i++) {
            e = 0.8 * e + r.nextGaussian();
            ar[i] = e;
            white[i] = r.nextGaussian();
        }
        int lag = Autocorrelation.defaultMaxLag(n);
        // AR(1) φ = 0.8: the limit factor is (1 + φ)/(1 − φ) = 9 (ranks lower it a little)
        assertThat(MannKendall.ar1Factor(x, ar)).isBetween(6.0, 12.0);
        assertThat(MannKendall.hamedRaoFactor(x, ar, lag, 0.05)).isBetween(4.0, 12.0);
        assertThat(MannKendall.yueWangFactor(x, ar, lag)).isBetween(4.0, 12.0);
        assertThat(MannKendall.hamedRaoFactor(x, white, lag, 0.05)).isBetween(0.8, 1.25);
        double b = TheilSen.slope(x, ar);
        assertThat(MannKendall.hamedRaoFactor(x, ar, b, lag, 0.05)).isEqualTo(MannKendall.hamedRaoFactor(x, ar, lag, 0.05));
    }

    @Test
    void degenerate_shortOrConstant_giveNaNTest() {
        MannKendall.Result two = MannKendall.test(new double[] {1, 2});
        assertThat(two.z()).isNaN();
        assertThat(two.s()).isEqualTo(1.0);
        MannKendall.Result flat = MannKendall.test(new double[] {4, 4, 4, 4});
        assertThat(flat.z()).isNaN();
        assertThat(flat.pTwoSided()).isNaN();
        assertThat(MannKendall.hamedRaoFactor(new double[] {0, 1, 2}, new double[] {1, 2, 3}, 1, 0.05)).isNaN();
    }
}
