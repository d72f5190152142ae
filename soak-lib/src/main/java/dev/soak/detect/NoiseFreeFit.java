package dev.soak.detect;

import dev.soak.stats.LeastSquares;
import dev.soak.stats.LeastSquaresFit;
import dev.soak.stats.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Blocks that carry no noise: they lie on one line y = a + b·t, or on parallel pieces of one with a few level shifts
 * between them, each block within {@link #TOLERANCE} of the blocks' largest magnitude. A fixed pool of fds or threads
 * that was resized twice (117, then 56, then 62 fds), a latency pinned to one histogram bucket, a memory figure that
 * never moved, a test fixture that opens one fd a minute. Such a series has nothing for a noise model, a warm-up fit
 * or a level-shift test to read but rounding errors of 10⁻¹³, which they read as a warm-up, a persistence or a growth
 * of 2.3·10⁻¹¹/h; {@link TrendPipeline} reports it as it is instead.
 *
 * <p>Found in O(m): the pieces' breaks are where the step from one block to the next departs from the median step
 * per hour; with at most {@code maxSteps} breaks, none on adjacent steps, the line with a shift at each break is
 * fitted by least squares and kept when every residual is within the tolerance. A slope that moves the line over
 * the blocks' span by less than the tolerance is rounding, and is 0.
 *
 * <p>Two or more shifts all up (or all down) that go on into the second half of the blocks are not taken as level
 * shifts: such a staircase is how a leak that allocates in chunks grows (a heap or an arena expanded by 20 MB every
 * two hours, a pool that adds ten fds an hour), and whether its steps add up to a growth is what the noisy path's
 * trend test decides, as it does for the same staircase with any noise on it. Read as shifts, three steps of 20 MB
 * in 8 h PASSed at exactly 0 MB/h while the same steps with 0.5 MB of noise FAILed at 7 MB/h. One shift, shifts that
 * go both ways (a pool shrunk and partly regrown), and steps all one way that ended in the first half (a pool
 * filled in a few steps, then held for the rest of the run: a warm-up) are one-off changes.
 *
 * @param intercept value of the first piece's line at t = 0
 * @param slope     per hour; exactly 0 when the blocks are all equal or hold one value between their shifts
 * @param shiftAt   block indices at which each level shift starts, ascending
 * @param shiftSize each shift's size, beside the line and the other shifts
 * @param lastBlock the last block's value
 */
record NoiseFreeFit(double intercept, double slope, int[] shiftAt, double[] shiftSize, double lastBlock) {
    /** Blocks within this share of their largest magnitude of the fitted pieces carry no noise. */
    static final double TOLERANCE = 1e-9;

    /** The value of the fit at {@code tHours}, after every shift: the last block's value when the slope is 0. */
    double levelAt(double tHours) {
        return slope == 0 ? lastBlock : intercept + slope * tHours + Arrays.stream(shiftSize).sum();
    }

    /** The fit of blocks at times {@code tHours} (ascending) with values {@code y}, or null when they carry noise. */
    static NoiseFreeFit of(double[] tHours, double[] y, int maxSteps) {
        int m = y.length;
        if (Arrays.stream(y).allMatch(v -> v == y[0])) {
            return new NoiseFreeFit(y[0], 0, new int[0], new double[0], y[0]);
        }
        if (m < 3) {
            return null;
        }
        double tolerance = TOLERANCE * Series.maxAbs(y);
        double[] perHour = new double[m - 1];
        for (int i = 0; i + 1 < m; i++) {
            perHour[i] = (y[i + 1] - y[i]) / (tHours[i + 1] - tHours[i]);
        }
        double step = Series.median(perHour.clone());
        List<Integer> breaks = new ArrayList<>();
        for (int i = 0; i + 1 < m; i++) {
            if (!(Math.abs(y[i + 1] - y[i] - step * (tHours[i + 1] - tHours[i])) <= tolerance)) {
                if (breaks.size() == maxSteps || !breaks.isEmpty() && breaks.get(breaks.size() - 1) == i) {
                    return null;
                }
                breaks.add(i + 1);
            }
        }
        double[][] x = new double[2 + breaks.size()][m];
        Arrays.fill(x[0], 1);
        x[1] = tHours.clone();
        for (int j = 0; j < breaks.size(); j++) {
            Arrays.fill(x[2 + j], breaks.get(j), m, 1);
        }
        LeastSquaresFit fit = LeastSquares.fitDesign(x, y);
        for (double r : fit.residuals()) {
            if (!(Math.abs(r) <= tolerance)) {
                return null;
            }
        }
        double slope = fit.coefficient(1);
        if (Math.abs(slope) * (tHours[m - 1] - tHours[0]) <= tolerance) {
            slope = 0;
        }
        double[] sizes = new double[breaks.size()];
        for (int j = 0; j < sizes.length; j++) {
            sizes[j] = fit.coefficient(2 + j);
        }
        boolean oneWay = Arrays.stream(sizes).allMatch(d -> d > 0) || Arrays.stream(sizes).allMatch(d -> d < 0);
        if (sizes.length >= 2 && oneWay && 2 * breaks.get(breaks.size() - 1) > m) {
            return null;
        }
        return new NoiseFreeFit(fit.coefficient(0), slope, breaks.stream().mapToInt(Integer::intValue).toArray(), sizes,
                y[m - 1]);
    }
}
