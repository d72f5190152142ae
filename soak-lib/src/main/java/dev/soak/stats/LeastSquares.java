package dev.soak.stats;

import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Ordinary least squares y = Xβ + e with covariates, solved on centred and scaled columns by the
 * normal equations when well conditioned, else by Householder QR (EJML).
 *
 * <p>β̂ = (X'X)<sup>−1</sup>X'y; ê = y − Xβ̂; σ̂² = ê'ê/(n − p); Cov<sub>OLS</sub>(β̂) =
 * σ̂²(X'X)<sup>−1</sup> (Greene, W. H., Econometric Analysis, 7th ed., §4.3). Standard errors that
 * survive autocorrelation are on {@link LeastSquaresFit}: Newey–West HAC with a Bartlett kernel
 * (Newey, W. K. &amp; West, K. D. (1987), Econometrica 55(3):703–708) and the AR(1) inflation
 * (1 + φ̂)/(1 − φ̂) of the OLS variance.
 *
 * <p>Columns are centred (when there is an intercept) and scaled before the solve, and the
 * results transformed back, so that an abscissa like 6·10⁵ seconds or an epoch time does not make
 * X'X ill-conditioned.
 *
 * <p>Complexity O(n·p²). Degenerate input: n ≤ p or a rank-deficient design (e.g. a constant
 * covariate beside the intercept) gives {@code NaN} coefficients and errors. Non-finite entries
 * or unequal lengths throw {@link IllegalArgumentException}.
 *
 * <p>Stateless; safe from any thread.
 */
public final class LeastSquares {
    /**
     * Below this condition proxy of Z'Z the coefficients come from the normal equations
     * (Z'Z)⁻¹Z'y (relative error about κ·ε ≤ 10⁻⁸, and several times cheaper for the many small
     * fits of a profile search); above it from Householder QR.
     */
    static final double NORMAL_EQUATIONS_MAX_CONDITION = 1e8;

    private LeastSquares() {
    }

    /**
     * Fits y = β₀ + β₁·x + Σ β<sub>k+2</sub>·covariate<sub>k</sub>: coefficient 0 is the intercept,
     * 1 the slope on x, 2… the covariates in the order given.
     */
    public static LeastSquaresFit fit(double[] x, double[] y, double[]... covariates) {
        Checks.pair(x, y);
        double[][] cols = new double[2 + covariates.length][];
        double[] ones = new double[x.length];
        java.util.Arrays.fill(ones, 1.0);
        cols[0] = ones;
        cols[1] = x;
        for (int k = 0; k < covariates.length; k++) {
            Checks.finite("covariates[" + k + "]", covariates[k]);
            cols[2 + k] = covariates[k];
        }
        return solve(cols, y, true);
    }

    /**
     * Fits y = Σ β<sub>j</sub>·columns[j] with the design given column by column and no implicit
     * intercept (include a column of ones for one).
     */
    public static LeastSquaresFit fitDesign(double[][] columns, double[] y) {
        Checks.finite("y", y);
        for (int j = 0; j < columns.length; j++) {
            Checks.finite("columns[" + j + "]", columns[j]);
            if (columns[j].length != y.length) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "columns[%d] has %d entries but y has %d; pass columns of length n",
                        j, columns[j].length, y.length));
            }
        }
        return solve(columns, y, false);
    }

    private static LeastSquaresFit solve(double[][] cols, double[] y, boolean interceptFirst) {
        int n = y.length;
        int p = cols.length;
        for (int j = 0; j < p; j++) {
            if (cols[j].length != n) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "column %d has %d entries but y has %d; pass arrays of equal length",
                        j, cols[j].length, n));
            }
        }
        // transform: z_j = (c_j - shift_j) / scale_j; beta = A gamma
        double[] shift = new double[p];
        double[] scale = new double[p];
        double[][] z = new double[p][];
        for (int j = 0; j < p; j++) {
            boolean centre = interceptFirst && j > 0;
            double m = centre ? Series.mean(cols[j]) : 0;
            double ss = 0;
            for (double v : cols[j]) {
                ss += (v - m) * (v - m);
            }
            double s = n == 0 ? 1 : Math.sqrt(ss / n);
            if (!(s > 0)) {
                s = 1;
            }
            if (interceptFirst && j == 0) {
                s = 1;
            }
            shift[j] = m;
            scale[j] = s;
            double[] c = new double[n];
            for (int t = 0; t < n; t++) {
                c[t] = (cols[j][t] - m) / s;
            }
            z[j] = c;
        }
        double[][] a = new double[p][p];
        for (int j = 0; j < p; j++) {
            a[j][j] = 1 / scale[j];
            if (interceptFirst && j > 0) {
                a[0][j] = -shift[j] / scale[j];
            }
        }
        if (n <= p) {
            return LeastSquaresFit.degenerate(n, p, y);
        }
        DMatrixRMaj zm = new DMatrixRMaj(n, p);
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < p; j++) {
                zm.unsafe_set(t, j, z[j][t]);
            }
        }
        DMatrixRMaj ztz = new DMatrixRMaj(p, p);
        CommonOps_DDRM.multTransA(zm, zm, ztz);
        DMatrixRMaj ztzInv = new DMatrixRMaj(p, p);
        if (!CommonOps_DDRM.invert(ztz, ztzInv) || conditionTooLarge(ztz, ztzInv)) {
            return LeastSquaresFit.degenerate(n, p, y);
        }
        double[] g = new double[p];
        if (conditionAbove(ztz, ztzInv, NORMAL_EQUATIONS_MAX_CONDITION)) {
            LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.leastSquares(n, p);
            DMatrixRMaj ym = new DMatrixRMaj(n, 1, true, y);
            if (!solver.setA(zm.copy())) {
                return LeastSquaresFit.degenerate(n, p, y);
            }
            DMatrixRMaj gamma = new DMatrixRMaj(p, 1);
            solver.solve(ym, gamma);
            for (int j = 0; j < p; j++) {
                g[j] = gamma.get(j, 0);
            }
        } else {
            double[] zty = new double[p];
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int t = 0; t < n; t++) {
                    s += z[j][t] * y[t];
                }
                zty[j] = s;
            }
            for (int i = 0; i < p; i++) {
                double s = 0;
                for (int j = 0; j < p; j++) {
                    s += ztzInv.get(i, j) * zty[j];
                }
                g[i] = s;
            }
        }
        double[] resid = new double[n];
        for (int t = 0; t < n; t++) {
            double f = 0;
            for (int j = 0; j < p; j++) {
                f += z[j][t] * g[j];
            }
            resid[t] = y[t] - f;
        }
        double[][] inv = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                inv[i][j] = ztzInv.get(i, j);
            }
        }
        return new LeastSquaresFit(y, z, g, a, inv, resid, interceptFirst);
    }

    private static boolean conditionTooLarge(DMatrixRMaj m, DMatrixRMaj inv) {
        return conditionAbove(m, inv, 1e12);
    }

    /** max|M|·max|M⁻¹|, a cheap proxy of the condition number of Z'Z, above {@code limit} (or NaN). */
    private static boolean conditionAbove(DMatrixRMaj m, DMatrixRMaj inv, double limit) {
        double nm = CommonOps_DDRM.elementMaxAbs(m);
        double ni = CommonOps_DDRM.elementMaxAbs(inv);
        return !(nm * ni < limit);
    }
}
