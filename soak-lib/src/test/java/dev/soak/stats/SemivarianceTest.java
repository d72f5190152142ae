package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The winsorized semivariance, against numpy (the same estimator written with np.median and np.clip). */
class SemivarianceTest {
    /** sin(0.3 i) + 0.1·((7919 i) mod 13), i = 0…119, with spikes +40 at 50 and −25 at 90. */
    private static double[] spiky() {
        double[] y = new double[120];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(0.3 * i) + 0.1 * ((i * 7919L) % 13);
        }
        y[50] += 40;
        y[90] -= 25;
        return y;
    }

    @Test
    void spikySeries_matchesNumpy_andIgnoresTheSpikes() {
        double[] y = spiky();
        assertThat(Semivariance.at(y, 1)).isCloseTo(0.13295573658314103, within(1e-12));
        assertThat(Semivariance.at(y, 2)).isCloseTo(0.4968419630888283, within(1e-12));
        assertThat(Semivariance.at(y, 5)).isCloseTo(1.1948315859026999, within(1e-12));
        // Matheron's plain mean of the halved squared differences is 18.56 at lag 1 (numpy): the two
        // spikes are nearly all of it
        double[] d = new double[y.length - 1];
        double ss = 0;
        for (int i = 0; i < d.length; i++) {
            ss += (y[i + 1] - y[i]) * (y[i + 1] - y[i]);
        }
        assertThat(ss / (2 * d.length)).isCloseTo(18.559356144173027, within(1e-9));
    }

    @Test
    void gaussianAr1_givesItsTheoreticalSemivariances() {
        // γ(h) = σ²(1 − φ^h) for an AR(1) of variance σ², and white noise ω adds ω at every lag
        SplittableRandom rnd = new SplittableRandom(3);
        double phi = 0.9;
        double omega = 0.5;
        int n = 200_000;
        double[] y = new double[n];
        double a = rnd.nextGaussian();
        for (int i = 0; i < n; i++) {
            a = phi * a + Math.sqrt(1 - phi * phi) * rnd.nextGaussian();
            y[i] = 3 + a + Math.sqrt(omega) * rnd.nextGaussian();
        }
        assertThat(Semivariance.at(y, 1)).isCloseTo(omega + (1 - phi), within(0.01));
        assertThat(Semivariance.at(y, 2)).isCloseTo(omega + (1 - phi * phi), within(0.01));
    }

    @Test
    void tooShortOrBadLag() {
        assertThat(Semivariance.at(new double[] {1, 2, 3}, 1)).isNaN();
        assertThat(Semivariance.at(new double[] {5, 5, 5, 5, 5}, 1)).isZero();
        assertThatThrownBy(() -> Semivariance.at(new double[10], 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
