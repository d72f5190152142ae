package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SmallPiecesTest {

    @Test
    void lowerEnvelope_sawtoothFloorCarriesTheTrendNotTheTeeth() {
        // 300-unit teeth every ~17 min, floor rising 10 per hour, one-minute samples for 12 h
        int n = 12 * 60;
        double[] x = new double[n];
        double[] y = new double[n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            x[i] = i / 60.0;
            double phase = (i % 17) / 17.0;
            y[i] = 400 + 10 * x[i] + 300 * phase + r.nextGaussian();
        }
        Windows.Summary p = Windows.summarise(x, y, x[0], 1.0, Windows.Statistic.MIN);
        assertThat(p.size()).isEqualTo(12);
        assertThat(TheilSen.slope(p.meanX(), p.value())).isCloseTo(10, within(1.0));
        // the floor is tight around its line; the raw series scatters by the teeth
        assertThat(Series.mad(residuals(p.meanX(), p.value()))).isLessThan(3.0);
        assertThat(Series.mad(residuals(x, y))).isGreaterThan(50.0);
    }

    private static double[] residuals(double[] x, double[] y) {
        double b = TheilSen.slope(x, y);
        double a = TheilSen.intercept(x, y, b);
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = y[i] - a - b * x[i];
        }
        return r;
    }

    @Test
    void lowerEnvelope_unsortedInputAndBadWidth() {
        Windows.Summary p = Windows.summarise(new double[] {5, 1, 3, 0}, new double[] {1, 7, 2, 9}, 0, 4,
                Windows.Statistic.MIN);
        assertThat(p.meanX()).containsExactly(4.0 / 3, 5);
        assertThat(p.value()).containsExactly(2, 1);
        assertThatThrownBy(() -> Windows.summarise(new double[] {0}, new double[] {0}, 0, 0, Windows.Statistic.MIN))
                .hasMessageContaining("width = 0.0");
        assertThat(Windows.summarise(new double[0], new double[0], 0, 1, Windows.Statistic.MEDIAN).size()).isZero();
    }

    @Test
    void theilSen_confidenceBoundsEqualFitBounds_andWidenWithVariance() {
        double[][] d = Fixtures.csv("trend_ar1.csv");
        double var = MannKendall.variance(d[0], d[1]);
        TheilSen.Fit fit = TheilSen.fit(d[0], d[1], 0.9, var);
        double[] b = TheilSen.confidenceBounds(d[0], d[1], 0.9, var);
        assertThat(b).containsExactly(fit.lowerSlope(), fit.upperSlope());
        double[] wide = TheilSen.confidenceBounds(d[0], d[1], 0.9, 4 * var);
        assertThat(wide[0]).isLessThan(b[0]);
        assertThat(wide[1]).isGreaterThan(b[1]);
        assertThat(TheilSen.kthSlope(d[0], d[1], 0)).isLessThanOrEqualTo(fit.lowerSlope());
        assertThatThrownBy(() -> TheilSen.kthSlope(d[0], d[1], -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void alphaSpending_incrementsNeverExceedAlpha() {
        for (AlphaSpending f : AlphaSpending.values()) {
            double sum = 0;
            double prev = 0;
            for (double t = 0.1; t <= 1.0001; t += 0.1) {
                double level = f.nominalLevel(0.05, prev, t);
                assertThat(level).isGreaterThanOrEqualTo(0);
                sum += level;
                prev = t;
            }
            assertThat(sum).isCloseTo(0.05, within(1e-12));
        }
        assertThat(AlphaSpending.POCOCK.spent(0.05, 0.1)).isGreaterThan(AlphaSpending.OBRIEN_FLEMING.spent(0.05, 0.1));
    }

    @Test
    void holm_rejectsStepDown() {
        boolean[] rej = Holm.reject(new double[] {0.001, 0.02, 0.04, 0.3}, 0.05);
        // 0.001*4 = 0.004, 0.02*3 = 0.06 > 0.05 → stop
        assertThat(rej).containsExactly(true, false, false, false);
        assertThatThrownBy(() -> Holm.adjust(new double[] {1.5})).hasMessageContaining("pValues[0] = 1.5");
    }

    @Test
    void runLength_scalesAsTheMinusThreeHalves() {
        double lr = RunLength.longRunVariancePerX(900, 0.9, 1 / 60.0);
        double t1 = RunLength.requiredSpan(lr, 0, 10, 0.05, 0.95);
        double t2 = RunLength.requiredSpan(lr, 0, 5, 0.05, 0.95);
        assertThat(t2 / t1).isCloseTo(Math.cbrt(4), within(1e-12));
        assertThat(t1).isCloseTo(7.2, within(0.05)); // DETECTION-NOTES: σ = 30 MB → 7.2 h
        assertThat(RunLength.slopeVariance(lr, 2)).isCloseTo(12 * lr / 8, within(1e-12));
        assertThatThrownBy(() -> RunLength.requiredSpan(lr, 1, 1, 0.05, 0.9)).isInstanceOf(IllegalArgumentException.class);
        // the inverse: the span T* is exactly enough for the variance it was computed from, and a span twice as
        // long for 8 times that variance
        assertThat(RunLength.largestLongRunVariance(t1, 0, 10, 0.05, 0.95)).isCloseTo(lr, within(1e-9 * lr));
        assertThat(RunLength.largestLongRunVariance(2 * t1, 0, 10, 0.05, 0.95)).isCloseTo(8 * lr, within(1e-8 * lr));
        assertThatThrownBy(() -> RunLength.largestLongRunVariance(0, 0, 10, 0.05, 0.95))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void series_finiteDropsNaNPairs() {
        double[][] f = Series.finite(new double[] {0, 1, 2, Double.NaN}, new double[] {1, Double.NaN, 3, 4});
        assertThat(f[0]).containsExactly(0, 2);
        assertThat(f[1]).containsExactly(1, 3);
        assertThat(Series.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Series.mad(new double[] {1, 2, 3, 4, 100})).isEqualTo(1.0);
    }
}
