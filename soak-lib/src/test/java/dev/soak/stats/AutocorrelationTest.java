package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AutocorrelationTest {

    static double[] ar1(int n, double phi, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[n];
        double e = 0;
        for (int i = 0; i < n; i++) {
            e = phi * e + r.nextGaussian();
            y[i] = 50 + e;
        }
        return y;
    }

    /** The FFT path (n·L above 2·10⁷) agrees with the direct sums to 1e-10 of γ₀. */
    @Test
    void acf_fftPathEqualsDirectSums() {
        double[] y = ar1(30_000, 0.9, 1);
        int lags = 1000;
        double[] fast = Autocorrelation.acfUpTo(y, lags);
        double m = Series.mean(y);
        double g0 = 0;
        for (double v : y) {
            g0 += (v - m) * (v - m);
        }
        for (int k : new int[] {0, 1, 2, 17, 500, 999, 1000}) {
            double s = 0;
            for (int t = 0; t + k < y.length; t++) {
                s += (y[t] - m) * (y[t + k] - m);
            }
            assertThat(fast[k]).as("lag %d", k).isCloseTo(s / g0, within(1e-10));
        }
    }

    /** The O(n) Bartlett recursion equals the weighted sum of autocovariances. */
    @Test
    void longRunVariance_recursionEqualsWeightedAutocovariances() {
        double[] y = ar1(5_000, 0.7, 2);
        for (int lag : new int[] {0, 1, 5, 91, 300}) {
            double[] g = Autocorrelation.autocovariances(y, lag);
            double s = g[0];
            for (int k = 1; k <= lag; k++) {
                s += 2 * (1 - k / (lag + 1.0)) * g[k];
            }
            assertThat(Autocorrelation.longRunVariance(y, lag)).isCloseTo(s, within(1e-9 * g[0]));
        }
    }

    @Test
    void ar1_estimatesAndBiasCorrection() {
        // E[φ̂] ≈ φ − (1 + 3φ)/n: on short series the corrected estimate is closer on average
        double plain = 0;
        double corrected = 0;
        int reps = 400;
        for (int s = 0; s < reps; s++) {
            double[] y = ar1(60, 0.8, 100 + s);
            plain += Autocorrelation.ar1(y);
            corrected += Autocorrelation.ar1BiasCorrected(y);
        }
        plain /= reps;
        corrected /= reps;
        assertThat(Math.abs(corrected - 0.8)).isLessThan(Math.abs(plain - 0.8));
        assertThat(corrected).isCloseTo(0.8, within(0.04));
        assertThat(Autocorrelation.ar1InflationFactor(0.9)).isCloseTo(19, within(1e-12));
        assertThat(Autocorrelation.longRunVarianceAr1(ar1(200_000, 0.5, 3))).isCloseTo(4.0 / 3 * 3, within(0.2));
    }

    @Test
    void lagRules() {
        assertThat(Autocorrelation.defaultMaxLag(420)).isEqualTo(26);
        assertThat(Autocorrelation.defaultMaxLag(604_800)).isEqualTo(1010);
        assertThat(Autocorrelation.classicMaxLag(100)).isEqualTo(4);
        assertThat(Autocorrelation.classicMaxLag(1)).isZero();
    }

    @Test
    void degenerate_constantOrShort() {
        assertThat(Autocorrelation.acf(new double[] {3, 3, 3}, 1)).isNaN();
        assertThat(Autocorrelation.ar1(new double[] {1})).isNaN();
        assertThat(Autocorrelation.ar1BiasCorrected(new double[] {1, 2, 3})).isNaN();
        assertThatThrownBy(() -> Autocorrelation.ar1InflationFactor(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Autocorrelation.acf(new double[] {1, Double.NaN}, 1))
                .hasMessageContaining("y[1]");
    }
}
