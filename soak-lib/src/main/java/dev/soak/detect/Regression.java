package dev.soak.detect;

/**
 * Ordinary least squares on a handful of columns with an exact AR(1) sandwich variance.
 *
 * <p>β̂ = (X'X)⁻¹X'y. Under errors e with Cov(e) = Σ, Σᵢⱼ = s²·φ^|i−j| (stationary AR(1) with marginal
 * variance s²), the exact covariance of β̂ is (X'X)⁻¹ X'ΣX (X'X)⁻¹ — the finite-sample form of the
 * AR(1) inflation (1+φ)/(1−φ) that the asymptotic formulas use (Prais &amp; Winsten 1954; see also
 * Lazarus, Lewis, Stock &amp; Watson 2018, JBES 36(4), on why plug-in HAC under-covers). ΣX is computed
 * with a forward and a backward recursion, so the sandwich costs O(m·p²). Columns are few (≤ ~10),
 * rows up to a few thousand block aggregates. Stateless, thread-safe.
 */
final class Regression {
    private Regression() {
    }

    /** A least-squares fit: coefficients, residuals, (X'X)⁻¹ and the residual sum of squares. */
    record Fit(double[] beta, double[] residuals, double[][] xtxInv, double rss) {
    }

    /** OLS of {@code y} on the columns {@code cols} (each of length m); null when X'X is singular. */
    static Fit ols(double[][] cols, double[] y) {
        int p = cols.length, m = y.length;
        double[][] xtx = new double[p][p];
        double[] xty = new double[p];
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += cols[a][i] * cols[b][i];
                }
                xtx[a][b] = s;
                xtx[b][a] = s;
            }
            double s = 0;
            for (int i = 0; i < m; i++) {
                s += cols[a][i] * y[i];
            }
            xty[a] = s;
        }
        double[][] inv = invert(xtx);
        if (inv == null) {
            return null;
        }
        double[] beta = new double[p];
        for (int a = 0; a < p; a++) {
            double s = 0;
            for (int b = 0; b < p; b++) {
                s += inv[a][b] * xty[b];
            }
            beta[a] = s;
        }
        double[] res = new double[m];
        double rss = 0;
        for (int i = 0; i < m; i++) {
            double f = 0;
            for (int a = 0; a < p; a++) {
                f += beta[a] * cols[a][i];
            }
            res[i] = y[i] - f;
            rss += res[i] * res[i];
        }
        return new Fit(beta, res, inv, rss);
    }

    /**
     * Var(β̂_k) under stationary AR(1) errors with marginal variance {@code s2} and lag-1
     * correlation {@code phi}: the k-th diagonal element of (X'X)⁻¹X'ΣX(X'X)⁻¹.
     */
    static double ar1Variance(double[][] cols, double[][] xtxInv, int k, double phi, double s2) {
        int p = cols.length, m = cols[0].length;
        // w = X (X'X)^{-1} e_k : the weights with β̂_k = w'y
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int a = 0; a < p; a++) {
                s += cols[a][i] * xtxInv[a][k];
            }
            w[i] = s;
        }
        // w'Σw with Σ_ij = s2 φ^|i-j| = s2 [Σ_i w_i² + 2 Σ_i w_i Σ_{j<i} φ^{i-j} w_j]
        double acc = 0, carry = 0;
        for (int i = 0; i < m; i++) {
            carry = phi * (carry + (i > 0 ? w[i - 1] : 0));
            acc += w[i] * w[i] + 2 * w[i] * carry;
        }
        return s2 * acc;
    }

    /** Lag-1 autocorrelation of a zero-mean residual series (0 when degenerate). */
    static double lag1(double[] r) {
        double num = 0, den = 0;
        for (int i = 0; i < r.length; i++) {
            den += r[i] * r[i];
            if (i > 0) {
                num += r[i] * r[i - 1];
            }
        }
        return den == 0 ? 0 : num / den;
    }

    /** Gauss–Jordan inverse with partial pivoting; null when (numerically) singular. */
    static double[][] invert(double[][] a0) {
        int p = a0.length;
        double[][] a = new double[p][2 * p];
        double scale = 0;
        for (int i = 0; i < p; i++) {
            System.arraycopy(a0[i], 0, a[i], 0, p);
            a[i][p + i] = 1;
            scale = Math.max(scale, Math.abs(a0[i][i]));
        }
        for (int c = 0; c < p; c++) {
            int piv = c;
            for (int r = c + 1; r < p; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            if (Math.abs(a[piv][c]) <= 1e-12 * Math.max(scale, 1e-300)) {
                return null;
            }
            double[] tmp = a[c];
            a[c] = a[piv];
            a[piv] = tmp;
            double d = a[c][c];
            for (int j = 0; j < 2 * p; j++) {
                a[c][j] /= d;
            }
            for (int r = 0; r < p; r++) {
                if (r != c && a[r][c] != 0) {
                    double f = a[r][c];
                    for (int j = 0; j < 2 * p; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[p][p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(a[i], p, inv[i], 0, p);
        }
        return inv;
    }
}
