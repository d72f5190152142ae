package dev.soak.stats;

/**
 * Restricted (residual) maximum likelihood estimate of the AR(1) coefficient of the errors of a
 * linear regression y = Xβ + e, e stationary Gaussian AR(1), with a likelihood-based upper bound.
 *
 * <p>With the Prais–Winsten transform P (z₁ = √(1 − φ²)·y₁, z<sub>t</sub> = y<sub>t</sub> − φy<sub>t−1</sub>),
 * X̃ = PX and RSS̃(φ) the residual sum of squares of z on X̃, the REML log-likelihood profiled over
 * β and the innovation variance is, up to a constant,
 * ℓ(φ) = ½·log(1 − φ²) − ½·log det(X̃'X̃) − ((n − p)/2)·log RSS̃(φ)
 * (Harville, D. A. (1974), "Bayesian inference for variance components using only error
 * contrasts", Biometrika 61(2):383–385; for AR(1) regression errors: Cheang, W.-K. &amp; Reinsel, G. C.
 * (2000), "Bias reduction of autoregressive estimates in time series regression model through
 * restricted maximum likelihood", JASA 95(452):1173–1184, who show that REML greatly reduces the
 * O(1/n) bias of the ML and least-squares estimates of φ in trend regressions). It is maximised over
 * a grid of step {@link #GRID_STEP} on [0, {@link #PHI_MAX}] (φ &lt; 0 reported as 0, as the tests
 * using it only need persistence); the upper bound is the largest grid φ with
 * ℓ(φ) ≥ ℓ(φ̂) − z²/2 (a one-sided likelihood-ratio bound; z = 1 gives about one standard error).
 *
 * <p>Cost O(G·n·p²) for G = {@link #PHI_MAX}/{@link #GRID_STEP} + 1 grid points, after one least-squares
 * fit. Stateless; safe from any thread.
 */
public final class Ar1Reml {
    /** Grid step of φ. */
    public static final double GRID_STEP = 0.005;
    /** The largest φ considered. */
    public static final double PHI_MAX = 0.99;

    private Ar1Reml() {
    }

    /**
     * The REML estimate and upper bound.
     *
     * @param phi   the grid maximiser of ℓ
     * @param upper the largest grid φ ≥ phi with ℓ(φ) ≥ ℓ(phi) − z²/2
     */
    public record Estimate(double phi, double upper) {
    }

    /**
     * REML ℓ(φ) (up to a constant) of y on the design columns {@code x}; {@code NaN} for a degenerate fit.
     *
     * @param x   design columns (each of length n; include the intercept)
     * @param y   response
     * @param phi AR(1) coefficient in (−1, 1)
     */
    public static double logLikelihood(double[][] x, double[] y, double phi) {
        if (!(phi > -1 && phi < 1)) {
            throw new IllegalArgumentException("phi = " + phi + " must lie strictly between -1 and 1");
        }
        double[] r = LeastSquares.fitDesign(x, y).residuals();
        return Double.isNaN(r[0]) ? Double.NaN : profile(x, r, phi);
    }

    /**
     * Grid REML estimate of φ with its upper bound at {@code z} (see the class comment); both NaN for
     * a degenerate design.
     *
     * @param x design columns (include the intercept)
     * @param y response
     * @param z width of the bound in standard-error units (≥ 0)
     */
    public static Estimate estimate(double[][] x, double[] y, double z) {
        double[] r = LeastSquares.fitDesign(x, y).residuals();
        if (Double.isNaN(r[0])) {
            return new Estimate(Double.NaN, Double.NaN);
        }
        int g = (int) Math.round(PHI_MAX / GRID_STEP);
        double[] l = new double[g + 1];
        int best = -1;
        for (int k = 0; k <= g; k++) {
            l[k] = profile(x, r, k * GRID_STEP);
            if (!Double.isNaN(l[k]) && (best < 0 || l[k] > l[best])) {
                best = k;
            }
        }
        if (best < 0) {
            return new Estimate(Double.NaN, Double.NaN);
        }
        int up = best;
        while (up < g && l[up + 1] >= l[best] - 0.5 * z * z) {
            up++;
        }
        return new Estimate(best * GRID_STEP, up * GRID_STEP);
    }

    /**
     * ℓ(φ) from the OLS residuals r of y (RSS̃ is unchanged when y is replaced by y − Xβ for any β, and
     * the residuals avoid cancellation in z'z − c'G⁻¹c): {@link Ar1NoiseReml}'s likelihood without white
     * noise, whose Kalman filter is then the Prais–Winsten transform scaled by 1/√(1 − φ²) after the first
     * value, which leaves ℓ unchanged. O(n·p²).
     */
    private static double profile(double[][] x, double[] r, double phi) {
        return Ar1NoiseReml.profile(x, r, phi, 0);
    }
}
