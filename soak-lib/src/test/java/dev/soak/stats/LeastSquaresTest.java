package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LeastSquaresTest {

    @Test
    void epochTimeAbscissa_sameSlopeAndErrorsAsRelativeTime() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 2000;
        double[] t = new double[n];
        double[] epoch = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * 60.0;
            epoch[i] = 1.7e9 + t[i];
            y[i] = 10 + 1e-3 * t[i] + r.nextGaussian();
        }
        LeastSquaresFit a = LeastSquares.fit(t, y);
        LeastSquaresFit b = LeastSquares.fit(epoch, y);
        assertThat(b.coefficient(1)).isCloseTo(a.coefficient(1), within(1e-12 * Math.abs(a.coefficient(1))));
        assertThat(b.standardError(1)).isCloseTo(a.standardError(1), within(1e-9 * a.standardError(1)));
        assertThat(b.neweyWestStandardError(1)).isCloseTo(a.neweyWestStandardError(1), within(1e-9 * a.neweyWestStandardError(1)));
        assertThat(b.coefficient(0) + b.coefficient(1) * 1.7e9).isCloseTo(a.coefficient(0), within(1e-4));
    }

    @Test
    void loadCovariate_removesLoadFromTrend() {
        SplittableRandom r = new SplittableRandom(10);
        int n = 24 * 60;
        double[] t = new double[n];
        double[] load = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i / 60.0;                       // hours
            load[i] = 100 + 50 * Math.sin(2 * Math.PI * t[i] / 24);
            y[i] = 500 + 0.6 * load[i] + r.nextGaussian() * 5;   // no trend at all
        }
        LeastSquaresFit naive = LeastSquares.fit(t, y);
        LeastSquaresFit adjusted = LeastSquares.fit(t, y, load);
        assertThat(Math.abs(naive.coefficient(1))).isGreaterThan(1.0);
        assertThat(adjusted.coefficient(1)).isCloseTo(0, within(4 * adjusted.standardError(1)));
        assertThat(adjusted.coefficient(2)).isCloseTo(0.6, within(0.02));
    }

    @Test
    void autocorrelatedErrors_hacAndAr1ErrorsExceedOls() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 1000;
        double[] t = Series.index(n);
        double[] y = new double[n];
        double e = 0;
        for (int i = 0; i < n; i++) {
            e = 0.9 * e + r.nextGaussian();
            y[i] = e;
        }
        LeastSquaresFit f = LeastSquares.fit(t, y);
        assertThat(f.residualAr1()).isBetween(0.8, 0.95);
        assertThat(f.neweyWestStandardError(1)).isGreaterThan(2 * f.standardError(1));
        assertThat(f.ar1StandardError(1)).isGreaterThan(3 * f.standardError(1));
    }

    @Test
    void degenerate_tooFewPointsOrCollinear_giveNaN() {
        LeastSquaresFit tiny = LeastSquares.fit(new double[] {0, 1}, new double[] {1, 2});
        assertThat(tiny.coefficient(1)).isNaN();
        assertThat(tiny.standardError(1)).isNaN();
        double[] x = Series.index(10);
        double[] twice = new double[10];
        for (int i = 0; i < 10; i++) {
            twice[i] = 2 * x[i] + 1;
        }
        LeastSquaresFit collinear = LeastSquares.fit(x, x.clone(), twice);
        assertThat(collinear.coefficient(1)).isNaN();
        assertThat(collinear.pValue(1)).isNaN();
    }

    @Test
    void fitDesign_withoutIntercept() {
        double[] x = {1, 2, 3, 4};
        double[] y = {2, 4, 6, 8.5};
        LeastSquaresFit f = LeastSquares.fitDesign(new double[][] {x}, y);
        // slope through the origin = Σxy/Σx²
        assertThat(f.coefficient(0)).isCloseTo((2 + 8 + 18 + 34) / 30.0, within(1e-12));
        assertThat(f.parameterCount()).isEqualTo(1);
    }
}
