package dev.soak.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The result of {@link LeastSquares}: coefficients, residuals and three kinds of standard error.
 *
 * <ul>
 *   <li>OLS: √(σ̂²·[(X'X)<sup>−1</sup>]<sub>jj</sub>), σ̂² = ê'ê/(n − p) — valid for independent
 *       errors only;</li>
 *   <li>Newey–West HAC: Cov = (X'X)<sup>−1</sup>·Ŝ·(X'X)<sup>−1</sup>, Ŝ = Σ<sub>l=−L…L</sub>
 *       w<sub>l</sub>·Σ<sub>t</sub> ê<sub>t</sub>ê<sub>t−l</sub>·x<sub>t</sub>x<sub>t−l</sub>' with
 *       Bartlett weights w<sub>l</sub> = 1 − |l|/(L + 1) (Newey &amp; West 1987), no small-sample
 *       factor (statsmodels' {@code cov_type='HAC'} default); L from
 *       {@link Autocorrelation#defaultMaxLag} unless given;</li>
 *   <li>AR(1): the OLS error times √((1 + φ̂)/(1 − φ̂)), φ̂ the lag-1 autocorrelation of the
 *       residuals — the variance inflation of a regression slope under AR(1) errors when the
 *       regressor is smooth (a time trend); {@link #ar1ExactVariance} is its exact finite-sample form and
 *       {@link #ar1ExactVarianceUnbiased} also replaces σ̂² by the AR(1)-unbiased
 *       {@link #ar1MarginalVariance}.</li>
 * </ul>
 * p-values are two-sided: Student t with n − p degrees of freedom for OLS, standard normal for the
 * others ({@link #pValueTwoSided(double, double)} with infinite degrees of freedom).
 *
 * <p>Immutable; safe to share between threads.
 */
public final class LeastSquaresFit {
    private final double[] y;
    private final double[][] z;       // standardized columns
    private final double[] gamma;     // coefficients on z
    private final double[][] a;       // beta = a * gamma
    private final double[][] zzInv;   // (Z'Z)^-1
    private final double[] residuals;
    private final double[] beta;
    private final int n;
    private final int p;
    private final double rss;
    private final boolean intercept;

    LeastSquaresFit(double[] y, double[][] z, double[] gamma, double[][] a, double[][] zzInv,
                    double[] residuals, boolean intercept) {
        this.y = y;
        this.z = z;
        this.gamma = gamma;
        this.a = a;
        this.zzInv = zzInv;
        this.residuals = residuals;
        this.n = y.length;
        this.p = gamma.length;
        this.intercept = intercept;
        double s = 0;
        for (double e : residuals) {
            s += e * e;
        }
        this.rss = s;
        this.beta = Matrices.mult(a, gamma);
    }

    static LeastSquaresFit degenerate(int n, int p, double[] y) {
        return new LeastSquaresFit(y, null, nanArray(p), Matrices.identity(p), null, nanArray(n), false);
    }

    private static double[] nanArray(int k) {
        double[] r = new double[k];
        java.util.Arrays.fill(r, Double.NaN);
        return r;
    }

    /** Number of observations. */
    public int n() {
        return n;
    }

    /** Number of coefficients p. */
    public int parameterCount() {
        return p;
    }

    /** β̂<sub>j</sub>. */
    public double coefficient(int j) {
        return beta[check(j)];
    }

    /** A copy of β̂. */
    public double[] coefficients() {
        return beta.clone();
    }

    /** A copy of the residuals ê = y − Xβ̂. */
    public double[] residuals() {
        return residuals.clone();
    }

    /** σ̂² = ê'ê/(n − p). */
    public double residualVariance() {
        return n > p ? rss / (n - p) : Double.NaN;
    }

    /** R² = 1 − RSS/TSS (about the mean when the model has an intercept, else about zero). */
    public double rSquared() {
        double m = intercept ? Series.mean(y) : 0;
        double tss = 0;
        for (double v : y) {
            tss += (v - m) * (v - m);
        }
        return tss > 0 ? 1 - rss / tss : Double.NaN;
    }

    /** OLS covariance matrix of β̂ (a copy). */
    public double[][] covariance() {
        if (zzInv == null) {
            return Matrices.nan(p);
        }
        return Matrices.scale(Matrices.sandwich(a, zzInv), residualVariance());
    }

    /** OLS standard error of β̂<sub>j</sub>. */
    public double standardError(int j) {
        check(j);
        return Math.sqrt(covariance()[j][j]);
    }

    /** Newey–West covariance matrix with Bartlett kernel and maxLag L ≥ 0 (clamped to n − 1). */
    public double[][] neweyWestCovariance(int maxLag) {
        if (maxLag < 0) {
            throw new IllegalArgumentException("maxLag = " + maxLag + " must be >= 0");
        }
        if (zzInv == null) {
            return Matrices.nan(p);
        }
        int lags = Math.min(maxLag, n - 1);
        double[][] s = Hac.bartlettMeat(z, residuals, lags);
        double[][] cov = Matrices.mult(Matrices.mult(zzInv, s), zzInv);
        return Matrices.sandwich(a, cov);
    }

    /** Newey–West standard error of β̂<sub>j</sub> with lag L = {@link Autocorrelation#defaultMaxLag}(n). */
    public double neweyWestStandardError(int j) {
        return neweyWestStandardError(j, Autocorrelation.defaultMaxLag(n));
    }

    /** Newey–West standard error of β̂<sub>j</sub> with Bartlett lag L. */
    public double neweyWestStandardError(int j, int maxLag) {
        check(j);
        return Math.sqrt(neweyWestCovariance(maxLag)[j][j]);
    }

    /** φ̂, the lag-1 autocorrelation of the residuals ({@link Autocorrelation#ar1}). */
    public double residualAr1() {
        return zzInv == null ? Double.NaN : Autocorrelation.ar1(residuals);
    }

    /** OLS standard error times √((1 + φ̂)/(1 − φ̂)), φ̂ = {@link #residualAr1}. */
    public double ar1StandardError(int j) {
        return ar1StandardError(j, residualAr1());
    }

    /** OLS standard error times √((1 + φ)/(1 − φ)) for a given φ in (−1, 1). */
    public double ar1StandardError(int j, double phi) {
        return standardError(j) * Math.sqrt(Autocorrelation.ar1InflationFactor(phi));
    }

    /** Residual sum of squares ê'ê. */
    public double residualSumOfSquares() {
        return rss;
    }

    /** (X'X)<sup>−1</sup> of the design as given (a copy; {@code NaN} entries for a degenerate fit). */
    public double[][] inverseGram() {
        return zzInv == null ? Matrices.nan(p) : Matrices.sandwich(a, zzInv);
    }

    /**
     * Exact variance of β̂<sub>j</sub> under stationary AR(1) errors with lag-1 correlation φ and
     * marginal variance σ̂² = {@link #residualVariance}: the j-th diagonal element of
     * (X'X)<sup>−1</sup>X'ΣX(X'X)<sup>−1</sup> with Σ<sub>st</sub> = σ̂²·φ<sup>|s−t|</sup> (Prais, S. J. &amp;
     * Winsten, C. B. (1954), "Trend estimators and serial correlation", Cowles Commission
     * Discussion Paper 383; the finite-sample form of the asymptotic inflation (1 + φ)/(1 − φ) of
     * {@link #ar1StandardError}, which over-states the variance of short designs and under-states
     * it for step or hinge regressors). With w = X(X'X)<sup>−1</sup>e<sub>j</sub> (β̂<sub>j</sub> = w'y),
     * w'Σw = σ̂²[Σ w<sub>t</sub>² + 2Σ<sub>t</sub> w<sub>t</sub>Σ<sub>s&lt;t</sub> φ<sup>t−s</sup>w<sub>s</sub>], the
     * inner sum by a running recursion: O(n·p). φ = 0 gives the OLS variance. See also Lazarus, E.,
     * Lewis, D. J., Stock, J. H. &amp; Watson, M. W. (2018), JBES 36(4):541–559, on why plug-in HAC
     * errors under-cover under persistence.
     *
     * @param j   coefficient index
     * @param phi AR(1) coefficient in [0, 1)
     */
    public double ar1ExactVariance(int j, double phi) {
        checkPhi(phi);
        return arma11ExactVariance(j, phi, phi);
    }

    /**
     * {@link #ar1ExactVariance} for errors whose autocorrelation at lag k ≥ 1 is ρ<sub>1</sub>·a<sup>k−1</sup>
     * (an ARMA(1, 1) process; a = ρ<sub>1</sub> is AR(1)): the inner sum becomes
     * ρ<sub>1</sub>Σ<sub>s&lt;t</sub> a<sup>t−s−1</sup>w<sub>s</sub>, by the same recursion. Means of m
     * consecutive values of an AR(1) process have this form with a = φ<sup>m</sup>
     * ({@link BlockMeansAr1}).
     *
     * @param j     coefficient index
     * @param rho1  lag-1 autocorrelation in [0, 1)
     * @param decay a in [0, 1): the ratio of each further lag's autocorrelation to the one before
     */
    public double arma11ExactVariance(int j, double rho1, double decay) {
        check(j);
        checkArma(rho1, decay);
        if (zzInv == null) {
            return Double.NaN;
        }
        // row j of A·(Z'Z)^-1 gives the weights on Z'y
        double[] c = new double[p];
        for (int l = 0; l < p; l++) {
            double s = 0;
            for (int k = 0; k < p; k++) {
                s += a[j][k] * zzInv[k][l];
            }
            c[l] = s;
        }
        double acc = 0;
        double carry = 0; // Σ_{s<t} a^(t−s−1)·w_s
        double prev = 0;
        for (int t = 0; t < n; t++) {
            double w = 0;
            for (int l = 0; l < p; l++) {
                w += z[l][t] * c[l];
            }
            carry = decay * carry + prev;
            acc += w * w + 2 * rho1 * w * carry;
            prev = w;
        }
        return residualVariance() * acc;
    }

    /**
     * The marginal error variance under stationary AR(1) errors with lag-1 correlation φ, estimated
     * without the downward bias of ê'ê/(n − p): E[ê'ê] = σ²·tr(M·R<sub>φ</sub>) with M = I − H the
     * residual projection and R<sub>φ</sub> the AR(1) correlation matrix, so
     * σ̂² = ê'ê / (n − tr((X'X)<sup>−1</sup>X'R<sub>φ</sub>X)) (e.g. Fuller, W. A. (1996), Introduction to
     * Statistical Time Series, 2nd ed., §9.7 on the bias of the residual variance under correlated
     * errors). Under persistence a fitted mean and trend absorb much of the low-frequency variance,
     * so the plain residual variance understates σ² — on 36 points with φ = 0.9 by about half —
     * and a slope test built on it rejects far too often. φ = 0 gives {@link #residualVariance}.
     * O(n·p²) (R<sub>φ</sub>v by a forward and a backward recursion).
     *
     * @param phi AR(1) coefficient in [0, 1)
     */
    public double ar1MarginalVariance(double phi) {
        checkPhi(phi);
        return arma11MarginalVariance(phi, phi);
    }

    /**
     * {@link #ar1MarginalVariance} with the autocorrelation of {@link #arma11ExactVariance}:
     * ê'ê / (n − tr((X'X)<sup>−1</sup>X'RX)), R<sub>st</sub> = ρ<sub>1</sub>·a<sup>|s−t|−1</sup> off the diagonal.
     *
     * @param rho1  lag-1 autocorrelation in [0, 1)
     * @param decay a in [0, 1)
     */
    public double arma11MarginalVariance(double rho1, double decay) {
        checkArma(rho1, decay);
        if (zzInv == null || n <= p) {
            return Double.NaN;
        }
        double tr = 0;
        double[] f = new double[n];
        for (int b = 0; b < p; b++) {
            double[] v = z[b];
            // (R v)[t] = v[t] + ρ1·(Σ_{s<t} a^(t−s−1) v[s] + Σ_{s>t} a^(s−t−1) v[s])
            double fw = 0;
            for (int t = 0; t < n; t++) {
                fw = t == 0 ? 0 : decay * fw + v[t - 1];
                f[t] = v[t] + rho1 * fw;
            }
            double bw = 0;
            for (int t = n - 1; t >= 0; t--) {
                bw = t == n - 1 ? 0 : decay * bw + v[t + 1];
                f[t] += rho1 * bw;
            }
            for (int a2 = 0; a2 < p; a2++) {
                double s = 0;
                for (int t = 0; t < n; t++) {
                    s += z[a2][t] * f[t];
                }
                tr += zzInv[b][a2] * s;
            }
        }
        double dof = n - tr;
        return dof > 0 ? rss / dof : Double.NaN;
    }

    /**
     * {@link #ar1ExactVariance(int, double)} with the bias-corrected marginal variance
     * {@link #ar1MarginalVariance} in place of ê'ê/(n − p): the finite-sample variance of β̂<sub>j</sub>
     * under AR(1) errors with both the sandwich and its scale exact for the given φ.
     *
     * @param j   coefficient index
     * @param phi AR(1) coefficient in [0, 1)
     */
    public double ar1ExactVarianceUnbiased(int j, double phi) {
        checkPhi(phi);
        return arma11ExactVarianceUnbiased(j, phi, phi);
    }

    /**
     * {@link #arma11ExactVariance} with the bias-corrected marginal variance
     * {@link #arma11MarginalVariance} in place of ê'ê/(n − p).
     *
     * @param j     coefficient index
     * @param rho1  lag-1 autocorrelation in [0, 1)
     * @param decay a in [0, 1)
     */
    public double arma11ExactVarianceUnbiased(int j, double rho1, double decay) {
        double v = arma11ExactVariance(j, rho1, decay);
        double r = residualVariance();
        return r > 0 ? v / r * arma11MarginalVariance(rho1, decay) : v;
    }

    private static void checkPhi(double phi) {
        if (!(phi >= 0 && phi < 1)) {
            throw new IllegalArgumentException("phi = " + phi + " must lie in [0, 1)");
        }
    }

    private static void checkArma(double rho1, double decay) {
        if (!(rho1 >= 0 && rho1 < 1 && decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("rho1 = " + rho1 + " and decay = " + decay + " must lie in [0, 1)");
        }
    }

    /** t = β̂<sub>j</sub>/se (se from any of the methods above). */
    public double tStatistic(int j, double standardError) {
        return coefficient(j) / standardError;
    }

    /** Two-sided OLS p-value of β̂<sub>j</sub> = 0: Student t with n − p degrees of freedom. */
    public double pValue(int j) {
        return pValueTwoSided(tStatistic(j, standardError(j)), n - p);
    }

    /**
     * Two-sided p-value 2·P(T ≥ |t|) for Student t with the given degrees of freedom, or the
     * standard normal when degreesOfFreedom is infinite; {@code NaN} for a NaN t.
     */
    public static double pValueTwoSided(double t, double degreesOfFreedom) {
        if (Double.isNaN(t) || !(degreesOfFreedom > 0)) {
            return Double.NaN;
        }
        double tail = Double.isInfinite(degreesOfFreedom)
                ? new NormalDistribution().cumulativeProbability(-Math.abs(t))
                : new TDistribution(degreesOfFreedom).cumulativeProbability(-Math.abs(t));
        return 2 * tail;
    }

    private int check(int j) {
        if (j < 0 || j >= p) {
            throw new IllegalArgumentException("coefficient index " + j + " must lie in 0 … " + (p - 1));
        }
        return j;
    }
}
