package dev.soak.stats;

import java.util.Arrays;

/** Tiny dense p×p helpers (p is a handful of coefficients). */
final class Matrices {
    private Matrices() {
    }

    static double[] mult(double[][] a, double[] v) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += a[i][j] * v[j];
            }
            r[i] = s;
        }
        return r;
    }

    static double[][] mult(double[][] a, double[][] b) {
        int m = a.length;
        int k = b.length;
        int q = b[0].length;
        double[][] r = new double[m][q];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < q; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    s += a[i][l] * b[l][j];
                }
                r[i][j] = s;
            }
        }
        return r;
    }

    /** a·c·a'. */
    static double[][] sandwich(double[][] a, double[][] c) {
        int p = a.length;
        double[][] at = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                at[i][j] = a[j][i];
            }
        }
        return mult(mult(a, c), at);
    }

    static double[][] scale(double[][] a, double f) {
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i].clone();
            for (int j = 0; j < r[i].length; j++) {
                r[i][j] *= f;
            }
        }
        return r;
    }

    static double[][] identity(int p) {
        double[][] r = new double[p][p];
        for (int i = 0; i < p; i++) {
            r[i][i] = 1;
        }
        return r;
    }

    static double[][] nan(int p) {
        double[][] r = new double[p][p];
        for (double[] row : r) {
            Arrays.fill(row, Double.NaN);
        }
        return r;
    }

    /** Lower Cholesky factor of the symmetric matrix whose lower triangle is given; null when not positive definite. */
    static double[][] choleskyLower(double[][] a) {
        int p = a.length;
        double[][] l = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double v = a[i][j];
                for (int k = 0; k < j; k++) {
                    v -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(v > 1e-12 * Math.max(1, Math.abs(a[i][i])))) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(v);
                } else {
                    l[i][j] = v / l[j][j];
                }
            }
        }
        return l;
    }

    /**
     * {c'G⁻¹c, log det G} for a symmetric positive definite G given by its lower triangle, through its
     * Cholesky factor L (c'G⁻¹c = |L⁻¹c|², log det G = 2·Σ log L<sub>jj</sub>); null when G is not positive definite.
     */
    static double[] inverseQuadraticAndLogDet(double[][] g, double[] c) {
        double[][] l = choleskyLower(g);
        if (l == null) {
            return null;
        }
        int p = c.length;
        double[] v = new double[p];
        double quad = 0;
        double logDet = 0;
        for (int j = 0; j < p; j++) {
            double a = c[j];
            for (int k = 0; k < j; k++) {
                a -= l[j][k] * v[k];
            }
            v[j] = a / l[j][j];
            quad += v[j] * v[j];
            logDet += 2 * Math.log(l[j][j]);
        }
        return new double[] {quad, logDet};
    }

    /** G⁻¹c for G = LL' given its lower Cholesky factor L: forward, then back substitution. */
    static double[] choleskySolve(double[][] l, double[] c) {
        int p = c.length;
        double[] v = new double[p];
        for (int j = 0; j < p; j++) {
            double a = c[j];
            for (int k = 0; k < j; k++) {
                a -= l[j][k] * v[k];
            }
            v[j] = a / l[j][j];
        }
        for (int j = p - 1; j >= 0; j--) {
            double a = v[j];
            for (int k = j + 1; k < p; k++) {
                a -= l[k][j] * v[k];
            }
            v[j] = a / l[j][j];
        }
        return v;
    }

    /** (G⁻¹)<sub>jj</sub> = |L⁻¹e<sub>j</sub>|² for G = LL' given its lower Cholesky factor L. */
    static double inverseDiagonal(double[][] l, int j) {
        int p = l.length;
        double[] v = new double[p];
        double sum = 0;
        for (int i = j; i < p; i++) {
            double a = i == j ? 1 : 0;
            for (int k = j; k < i; k++) {
                a -= l[i][k] * v[k];
            }
            v[i] = a / l[i][i];
            sum += v[i] * v[i];
        }
        return sum;
    }
}
