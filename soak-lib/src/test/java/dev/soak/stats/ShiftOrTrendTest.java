package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * One shift against a trend, checked against a numpy brute force that builds each model's exact AR(1) Gaussian
 * likelihood from the inverse of the correlation matrix (no Prais–Winsten transform, no suffix sums): for every φ
 * of the grid and every split, GLS by the normal equations, log-likelihood −(m/2)·log RSS − ½·log det R, each model
 * at its best φ, the splits averaged with equal weight. Series: 30 points, AR(1) noise (numpy seed 16), values
 * rounded to 3 decimals and copied here; the script is not committed.
 */
class ShiftOrTrendTest {
    private static final double[] LOAD = {-0.595, 0.631, 1.039, 1.031, 1.818, -0.385, 0.544, -0.366, -1.425, -0.704, 0.136, -0.915, -0.191, 1.120, 0.570, 0.572, 0.345, -0.175, -1.868, 0.991, -1.507, 0.216, -0.108, 0.137, 0.252, -0.334, 0.901, -1.285, 0.792, -1.692};
    /** 100 + 4·1[i ≥ 17] + AR(1) noise (φ 0.5, innovation sd 1). */
    private static final double[] Y_STEP = {101.370, 100.176, 100.462, 101.739, 98.707, 99.039, 100.093, 100.946, 101.831, 101.522, 101.275, 100.744, 100.637, 100.390, 101.187, 100.753, 101.045, 106.139, 106.240, 104.776, 104.284, 104.877, 103.796, 102.067, 102.022, 103.550, 103.564, 103.425, 104.460, 103.178};
    /** 100 + 1.5·u + 0.5·load + AR(1) noise (φ 0.4, innovation sd 1). */
    private static final double[] Y_TREND = {98.548, 97.952, 97.475, 99.710, 98.023, 96.831, 97.817, 96.850, 96.885, 98.545, 99.221, 98.730, 100.293, 102.477, 102.640, 99.310, 101.478, 101.685, 100.808, 100.984, 99.915, 101.241, 100.231, 102.792, 103.631, 102.897, 102.553, 103.519, 104.827, 104.264};
    private static final double[] GRID = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    private static double[] ones() {
        double[] one = new double[30];
        java.util.Arrays.fill(one, 1);
        return one;
    }

    /** u = i/6 − mean (hours of 10-minute blocks, centred). */
    private static double[] u() {
        double[] u = new double[30];
        for (int i = 0; i < 30; i++) {
            u[i] = i / 6.0 - 29 / 12.0;
        }
        return u;
    }

    @Test
    void aStep_isExplainedBetterByTheShift_asNumpyFinds() {
        ShiftOrTrend.Result r = ShiftOrTrend.compare(new double[][] {ones(), u()}, 1, Y_STEP, 3, GRID);
        // numpy: log B = 5.6658691850, split 17, φ 0.5 in both models
        assertThat(r.logBayesFactor()).isCloseTo(5.6658691850, within(1e-6));
        assertThat(r.index()).isEqualTo(17);
        assertThat(r.phiShift()).isCloseTo(0.5, within(1e-12));
        assertThat(r.phiTrend()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aTrendWithACovariate_isExplainedBetterByTheTrend_asNumpyFinds() {
        ShiftOrTrend.Result r = ShiftOrTrend.compare(new double[][] {ones(), u(), LOAD}, 1, Y_TREND, 3, GRID);
        // numpy: log B = −4.2127416356, best split 23, φ 0.7 for the shift (the trend left in its residuals), 0.3 for the trend
        assertThat(r.logBayesFactor()).isCloseTo(-4.2127416356, within(1e-6));
        assertThat(r.index()).isEqualTo(23);
        assertThat(r.phiShift()).isCloseTo(0.7, within(1e-12));
        assertThat(r.phiTrend()).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void theTrendColumn_mayBeAnyColumn_andAWiderMinSegmentLeavesFewerSplitsToAverage() {
        ShiftOrTrend.Result r = ShiftOrTrend.compare(new double[][] {u(), ones()}, 0, Y_STEP, 5, GRID);
        // numpy: log B = 5.8400735083 (splits 5..25 only: the same best split, a smaller search price)
        assertThat(r.logBayesFactor()).isCloseTo(5.8400735083, within(1e-6));
        assertThat(r.index()).isEqualTo(17);
    }

    @Test
    void degenerateInput_givesNaN_badArgumentsThrow() {
        double[] y = {1, 2, 3, 4, 5};
        double[] one = {1, 1, 1, 1, 1};
        double[] u = {-2, -1, 0, 1, 2};
        assertThat(ShiftOrTrend.compare(new double[][] {one, u}, 1, y, 3, GRID).logBayesFactor()).as("too short").isNaN();
        assertThat(ShiftOrTrend.compare(new double[][] {one, u}, 1, y, 1, GRID).logBayesFactor())
                .as("a line fitted exactly").isNaN();
        assertThat(ShiftOrTrend.compare(new double[][] {one, u}, 1, y, 1, new double[0]).index()).isEqualTo(-1);
        assertThatThrownBy(() -> ShiftOrTrend.compare(new double[][] {one, u}, 2, y, 1, GRID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trendColumn = 2");
        assertThatThrownBy(() -> ShiftOrTrend.compare(new double[][] {one, u}, 1, y, 1, new double[] {1.0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> ShiftOrTrend.compare(new double[][] {one, u}, 1, new double[] {1, 2, Double.NaN, 4, 5},
                1, GRID)).isInstanceOf(IllegalArgumentException.class);
    }
}
