package dev.soak.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The marginal posterior of one coefficient β<sub>j</sub> of a linear regression y = Xβ + e whose errors
 * are an AR(1) plus white noise ({@link Ar1NoiseReml}'s model), with the AR(1) coefficient φ and the
 * white share integrated out rather than plugged in. Zellner, A. &amp; Tiao, G. C. (1964), "Bayesian
 * analysis of the regression model with autocorrelated errors", JASA 59(307):763–778, for AR(1) errors:
 * with flat priors on β and log σ, β<sub>j</sub> given (φ, λ) and y is a Student t with n − p degrees of
 * freedom about the GLS estimate β̂<sub>j</sub>(φ, λ), scale² s²·[(X̃'X̃)⁻¹]<sub>jj</sub>, s² = (r̃'r̃ −
 * r̃'X̃(X̃'X̃)⁻¹X̃'r̃)/(n − p) (X̃, r̃ whitened at (φ, λ)); and the marginal posterior of (φ, λ) is their
 * prior times exp ℓ(φ, λ), the restricted likelihood of {@link Ar1NoiseReml} (Harville, D. A. (1974),
 * Biometrika 61(2):383–385). The posterior of β<sub>j</sub> is the mixture of those t's
 * ({@link #coefficient}); the grid's points and weights ({@link #phi}, {@link #white}, {@link #weight}) let a
 * caller average another quantity that depends on (φ, λ) over the same posterior.
 *
 * <p>Why not a plug-in: near φ = 1 the long-run variance, and with it the slope's standard error, changes by
 * a factor of 2.5 within one standard error of φ̂ (φ 0.97 per sample, 500 samples). A plug-in at φ̂
 * understates it; a plug-in at an upper bound of φ, with Student t quantiles from φ̂, pays twice. The
 * mixture weighs every φ by how well it explains the series.
 *
 * <p>Prior: uniform in log(1 − φ) for φ ∈ [0, {@link Ar1NoiseReml#PHI_MAX}], i.e. log-uniform in the
 * correlation time 1/(1 − φ), the scale-invariant prior of a time scale; and uniform in the white share
 * λ/(1 + λ) on [0, {@value #SHARE_TOP}]. Integrated on a grid of {@value #U_POINTS} equally spaced values of
 * log(1 − φ) × the shares 0, 0.1, …, {@value #SHARE_TOP}, with equal weights (the mid-point rule), one
 * Kalman pass each (O(G·n·p²)), from φ = 0.995 down; once a whole row of shares, past the maximum and
 * falling, is below 10⁻¹²·e⁻¹ of the largest weight the rest (towards φ = 0) is not evaluated. Points whose
 * weight is below 10⁻¹² of the largest are dropped. Immutable; safe from any thread.
 */
public final class Ar1NoisePosterior {
    /** Grid points along log(1 − φ), from log(1 − PHI_MAX) to 0 (a spacing of 0.1). */
    static final int U_POINTS = 54;
    /** The grid's spacing in log(1 − φ) for any upper end: {@link #U_POINTS} points at the default one. */
    private static final double U_SPACING = -Math.log(1 - Ar1NoiseReml.PHI_MAX) / (U_POINTS - 1);
    /** The largest white share on the grid. */
    static final double SHARE_TOP = 0.9;
    private static final int SHARES = 10;
    private static final double NEGLIGIBLE = 1e-12;

    private final double[] weight;
    private final double[] phi;
    private final double[] white;
    private final StudentTMixture coefficient;

    private Ar1NoisePosterior(double[] weight, double[] phi, double[] white, StudentTMixture coefficient) {
        this.weight = weight;
        this.phi = phi;
        this.white = white;
        this.coefficient = coefficient;
    }

    /**
     * The posterior of coefficient {@code j} of y on the design columns {@code x} (include the intercept);
     * null when the design is degenerate or leaves fewer than 3 degrees of freedom.
     */
    public static Ar1NoisePosterior of(double[][] x, double[] y, int j) {
        return of(x, y, j, Ar1NoiseReml.PHI_MAX);
    }

    /**
     * As {@link #of(double[][], double[], int)}, with the prior on φ ∈ [0, {@code phiMax}] instead (the grid keeps
     * its spacing of 0.1 in log(1 − φ), so it has more points for a larger φ): for values closer together in
     * time than those the default was chosen for, the same largest correlation time is a φ nearer 1.
     *
     * @param phiMax the largest φ of the prior, in (0, 1)
     */
    public static Ar1NoisePosterior of(double[][] x, double[] y, int j, double phiMax) {
        Checks.probability("phiMax", phiMax);
        int n = y.length;
        int p = x.length;
        if (j < 0 || j >= p) {
            throw new IllegalArgumentException("coefficient " + j + " is not one of the " + p + " columns");
        }
        if (n - p < 3) {
            return null;
        }
        LeastSquaresFit ols = LeastSquares.fitDesign(x, y);
        double[] r = ols.residuals();
        if (Double.isNaN(r[0])) {
            return null;
        }
        double uLow = Math.log(1 - phiMax);
        int uPoints = Math.max(2, (int) Math.round(-uLow / U_SPACING) + 1);
        List<double[]> points = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        double previousRow = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < uPoints; i++) {
            double f = 1 - Math.exp(uLow * (1 - i / (double) (uPoints - 1)));
            double row = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < SHARES; k++) {
                double share = SHARE_TOP * k / (SHARES - 1);
                double lambda = share / (1 - share);
                double[] c = conditional(x, r, f, lambda, j);
                if (c != null) {
                    points.add(new double[] {c[0], c[1], c[2], f, lambda});
                    row = Math.max(row, c[0]);
                }
            }
            best = Math.max(best, row);
            // towards φ = 0 beyond the maximum the likelihood keeps falling: stop once a whole row is negligible
            if (row < best + Math.log(NEGLIGIBLE) - 1 && row < previousRow) {
                break;
            }
            previousRow = row;
        }
        double b0 = ols.coefficient(j);
        List<double[]> kept = new ArrayList<>();
        for (double[] q : points) {
            double w = Math.exp(q[0] - best);
            if (w >= NEGLIGIBLE) {
                kept.add(new double[] {w, b0 + q[1], q[2], q[3], q[4]});
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        int k = kept.size();
        double[][] cols = new double[5][k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            for (int c = 0; c < 5; c++) {
                cols[c][i] = kept.get(i)[c];
            }
            sum += cols[0][i];
        }
        for (int i = 0; i < k; i++) {
            cols[0][i] /= sum;
        }
        return new Ar1NoisePosterior(cols[0], cols[3], cols[4], new StudentTMixture(cols[0], cols[1], cols[2], n - p));
    }

    /**
     * {ℓ(φ, λ), β̂<sub>j</sub> − β̂<sub>j</sub><sup>OLS</sup>, scale} at (φ, λ) from the OLS residuals r
     * (the GLS estimate of y is the OLS one plus the GLS estimate of r); null when degenerate.
     */
    private static double[] conditional(double[][] x, double[] r, double phi, double white, int j) {
        Ar1NoiseReml.Whitened w = Ar1NoiseReml.whiten(x, r, phi, white);
        if (w == null) {
            return null;
        }
        int df = r.length - x.length;
        double logLik = w.logLikelihood(df);
        double[][] l = Matrices.choleskyLower(w.gram());
        if (Double.isNaN(logLik) || l == null) {
            return null;
        }
        double delta = Matrices.choleskySolve(l, w.c())[j];
        double scale = Math.sqrt(w.rss() / df * Matrices.inverseDiagonal(l, j));
        return new double[] {logLik, delta, scale};
    }

    /** The posterior of β<sub>j</sub>: a mixture of Student t's with n − p degrees of freedom. */
    public StudentTMixture coefficient() {
        return coefficient;
    }

    /** The grid points kept (those whose weight is at least 10⁻¹² of the largest). */
    public int points() {
        return weight.length;
    }

    /** The posterior weight of point i (the weights sum to 1). */
    public double weight(int i) {
        return weight[i];
    }

    /** φ at point i. */
    public double phi(int i) {
        return phi[i];
    }

    /** λ (white-noise variance over the AR(1) part's) at point i. */
    public double white(int i) {
        return white[i];
    }
}
