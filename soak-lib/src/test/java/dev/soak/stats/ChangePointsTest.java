package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Change points on constructed data (ruptures is not available as a reference). */
class ChangePointsTest {

    static double[][] series(int n, double slope, int stepAt, double step, double sigma, double phi, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        double e = 0;
        double innov = sigma * Math.sqrt(1 - phi * phi);
        for (int i = 0; i < n; i++) {
            x[i] = i * 60.0;
            e = phi * e + innov * r.nextGaussian();
            y[i] = 100 + slope * i + (i >= stepAt ? step : 0) + e;
        }
        return new double[][] {x, y};
    }

    @Test
    void levelStep_foundWithTimeAndSize() {
        double[][] d = series(600, 0, 400, 30, 5, 0, 1);
        ChangePoints.Result r = ChangePoints.detect(d[0], d[1], ChangePoints.Model.LEVEL);
        assertThat(r.changes()).hasSize(1);
        ChangePoints.Change c = r.changes().get(0);
        assertThat(c.index()).isBetween(398, 402);
        assertThat(c.x()).isEqualTo(d[0][c.index()]);
        assertThat(c.size()).isCloseTo(30, within(3.0));
        assertThat(c.levelBefore()).isCloseTo(100, within(2.0));
    }

    @Test
    void stepOnTopOfTrend_lineModelSeparatesStepFromTrend() {
        double slope = 0.05;
        double[][] d = series(800, slope, 300, 25, 4, 0.5, 2);
        ChangePoints.Result r = ChangePoints.detect(d[0], d[1], ChangePoints.Model.LINE);
        assertThat(r.changes()).hasSize(1);
        ChangePoints.Change c = r.changes().get(0);
        assertThat(c.index()).isBetween(295, 305);
        assertThat(c.size()).isCloseTo(25, within(4.0));
        // both segments keep the trend (per x unit = per second here)
        assertThat(c.slopeBefore()).isCloseTo(slope / 60, within(0.3 * slope / 60));
        assertThat(c.slopeAfter()).isCloseTo(slope / 60, within(0.3 * slope / 60));
    }

    @Test
    void pureTrend_lineModelFindsNoChange() {
        for (long seed = 1; seed <= 10; seed++) {
            double[][] d = series(1000, 0.05, Integer.MAX_VALUE, 0, 5, 0.9, seed);
            assertThat(ChangePoints.detect(d[0], d[1], ChangePoints.Model.LINE).changes()).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void stableAutocorrelatedNoise_levelModelFindsNoChange() {
        int spurious = 0;
        for (long seed = 1; seed <= 20; seed++) {
            double[][] d = series(1440, 0, Integer.MAX_VALUE, 0, 10, 0.9, seed);
            spurious += ChangePoints.detect(d[0], d[1], ChangePoints.Model.LEVEL).changes().size();
        }
        assertThat(spurious).isLessThanOrEqualTo(2);
    }

    @Test
    void twoSteps_bothFoundInOrder() {
        double[][] d = series(900, 0, 300, 20, 3, 0, 3);
        for (int i = 600; i < 900; i++) {
            d[1][i] -= 40;
        }
        ChangePoints.Result r = ChangePoints.detect(d[0], d[1], ChangePoints.Model.LEVEL);
        assertThat(r.changes()).hasSize(2);
        assertThat(r.changes().get(0).index()).isBetween(297, 303);
        assertThat(r.changes().get(0).size()).isCloseTo(20, within(2.0));
        assertThat(r.changes().get(1).index()).isBetween(597, 603);
        assertThat(r.changes().get(1).size()).isCloseTo(-40, within(2.0));
    }

    @Test
    void maxChanges_keepsTheLargest() {
        double[][] d = series(900, 0, 300, 20, 3, 0, 3);
        for (int i = 600; i < 900; i++) {
            d[1][i] -= 40;
        }
        ChangePoints.Result r = ChangePoints.detect(d[0], d[1], ChangePoints.Model.LEVEL, 9, 2 * Math.log(900), 5, 1);
        assertThat(r.changes()).hasSize(1);
        assertThat(r.changes().get(0).index()).isBetween(597, 603);
    }

    @Test
    void robustLongRunVariance_ignoresStepAndTrend_andSeesAutocorrelation() {
        double[][] white = series(10_000, 0.01, 5000, 50, 2, 0, 4);
        double lrWhite = Autocorrelation.longRunVarianceRobust(white[1]);
        assertThat(lrWhite).isCloseTo(4, within(0.8));
        double[][] ar = series(40_000, 0, Integer.MAX_VALUE, 0, 2, 0.8, 5);
        // AR(1): sigma^2 (1+phi)/(1-phi) = 4 * 9 = 36
        assertThat(Autocorrelation.longRunVarianceRobust(ar[1])).isCloseTo(36, within(10.8));
    }

    @Test
    void tooShort_noChange() {
        assertThat(ChangePoints.detect(new double[] {0, 1, 2}, new double[] {0, 5, 5}, ChangePoints.Model.LEVEL).changes()).isEmpty();
    }
}
