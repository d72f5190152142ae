package dev.soak.stats;

/**
 * Restricted maximum likelihood for the errors of a linear regression y = Xβ + e where e is a
 * stationary Gaussian AR(1) process plus independent white noise: e<sub>t</sub> = a<sub>t</sub> +
 * w<sub>t</sub>, a<sub>t</sub> = φa<sub>t−1</sub> + η<sub>t</sub>, Var(a) = σ², Var(w) = λσ² (an ARMA(1, 1)).
 * A sampled measurement is usually such a sum: a slowly wandering level (AR(1)) and its own
 * sampling error or jitter faster than the sampling (white). Reading the sum as an AR(1) alone
 * understates φ and, near φ = 1, the long-run variance by a large factor.
 *
 * <p>The likelihood is evaluated exactly by the Kalman filter of the scalar state a<sub>t</sub>
 * (Harvey, A. C. (1989), <i>Forecasting, Structural Time Series Models and the Kalman Filter</i>,
 * §3.4): with the state's predicted variance P₁ = 1, F<sub>t</sub> = P<sub>t</sub> + λ and
 * P<sub>t+1</sub> = φ²(P<sub>t</sub> − P<sub>t</sub>²/F<sub>t</sub>) + 1 − φ², the innovations of any
 * series divided by √F<sub>t</sub> are its whitened values (V = L·diag(F)·L' with the innovations
 * transform L⁻¹). With X̃ and r̃ the whitened design and OLS residuals, the REML log-likelihood profiled
 * over β and σ² is, up to a constant,
 * ℓ(φ, λ) = −½·Σ log F<sub>t</sub> − ½·log det(X̃'X̃) − ((n − p)/2)·log(r̃'r̃ − r̃'X̃(X̃'X̃)⁻¹X̃'r̃)
 * (Harville, D. A. (1974), Biometrika 61(2):383–385); at λ = 0 it is {@link Ar1Reml}'s. REML rather than
 * ML because the ML estimate of φ in a trend regression is biased down by O(1/n), most where φ is
 * near 1 (Cheang, W.-K. &amp; Reinsel, G. C. (2000), JASA 95(452):1173–1184).
 *
 * <p>It is maximised over φ ∈ [0, {@link #PHI_MAX}] and the white share s = λ/(1 + λ) ∈ [0,
 * {@link #SHARE_MAX}]: a grid dense in log(1 − φ), then a golden-section search over φ, within two
 * grid points of the best one, of the profile max<sub>s</sub> ℓ(φ, s), itself a grid and a
 * golden-section search over s. The upper bound on φ is the largest φ whose profile is within z²/2 of
 * the maximum (a one-sided likelihood-ratio bound; z = 1 is about one standard error). Cost O(G·n·p²)
 * for a few hundred evaluations G (about 5 ms for 480 values on this project's 2-core machine).
 * Stateless; safe from any thread.
 */
public final class Ar1NoiseReml {
    /** The largest φ considered. */
    public static final double PHI_MAX = 0.995;
    /** The largest white share λ/(1 + λ) considered. */
    public static final double SHARE_MAX = 0.95;
    private static final int PHI_GRID = 18;
    private static final double[] SHARE_GRID = {0, 0.05, 0.15, 0.3, 0.5, 0.7, 0.95};
    private static final int GOLDEN_STEPS = 11;
    private static final double INV_GOLD = (Math.sqrt(5) - 1) / 2;

    private Ar1NoiseReml() {
    }

    /**
     * The estimate.
     *
     * @param phi        REML φ
     * @param white      REML λ (white-noise variance over the AR(1) part's) at {@code phi}
     * @param upper      the upper bound on φ at the requested width
     * @param whiteUpper the λ that maximises ℓ at {@code upper}
     * @param logLik     ℓ at the maximum
     */
    public record Estimate(double phi, double white, double upper, double whiteUpper, double logLik) {
        static final Estimate NONE = new Estimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * ℓ(φ, λ) of y on the design columns {@code x} (include the intercept); NaN for a degenerate fit.
     *
     * @param phi   AR(1) coefficient in [0, 1)
     * @param white λ ≥ 0
     */
    public static double logLikelihood(double[][] x, double[] y, double phi, double white) {
        if (!(phi >= 0 && phi < 1) || !(white >= 0)) {
            throw new IllegalArgumentException("phi = " + phi + " must lie in [0, 1) and white = " + white + " be >= 0");
        }
        double[] r = LeastSquares.fitDesign(x, y).residuals();
        return Double.isNaN(r[0]) ? Double.NaN : profile(x, r, phi, white);
    }

    /**
     * REML estimate with the upper bound on φ at width {@code z}; all NaN for a degenerate design.
     */
    public static Estimate estimate(double[][] x, double[] y, double z) {
        return estimate(x, y, z, PHI_MAX);
    }

    /**
     * As {@link #estimate(double[][], double[], double)}, over φ ∈ [0, {@code phiMax}] instead of [0,
     * {@link #PHI_MAX}]: for values closer together in time than those the default was chosen for, the same
     * largest correlation time is a φ nearer 1.
     *
     * @param phiMax the largest φ considered, in (0, 1)
     */
    public static Estimate estimate(double[][] x, double[] y, double z, double phiMax) {
        Checks.probability("phiMax", phiMax);
        double[] r = LeastSquares.fitDesign(x, y).residuals();
        if (Double.isNaN(r[0])) {
            return Estimate.NONE;
        }
        double[] phis = new double[PHI_GRID];
        for (int i = 0; i < PHI_GRID; i++) {
            // 0, then 1 − (1 − phiMax)^(i/(G−1))·…: dense where the long-run variance changes fast
            phis[i] = i == 0 ? 0 : 1 - Math.pow(1 - phiMax, i / (double) (PHI_GRID - 1));
        }
        double[] profile = new double[PHI_GRID];
        int bi = -1;
        int bs = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < PHI_GRID; i++) {
            profile[i] = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < SHARE_GRID.length; j++) {
                double l = profile(x, r, phis[i], lambda(SHARE_GRID[j]));
                if (l > profile[i]) {
                    profile[i] = l;
                }
                if (l > best) {
                    best = l;
                    bi = i;
                    bs = j;
                }
            }
        }
        if (bi < 0) {
            return Estimate.NONE;
        }
        // refinement: golden section of the profile max_s ℓ(φ, s) over φ within two grid points of the best
        // (the coarse share grid can put the best grid point one off along a ridge of φ and s)
        double[] a = golden(v -> profileShare(x, r, v)[1], phis[Math.max(0, bi - 2)], phis[Math.min(PHI_GRID - 1, bi + 2)]);
        double phi = phis[bi];
        double share = SHARE_GRID[bs];
        if (a[1] > best) {
            phi = a[0];
            double[] sh = profileShare(x, r, phi);
            share = sh[0];
            best = sh[1];
        }
        // upper bound: the first grid φ above the (refined) estimate whose profile falls below the bar, then bisection
        double bar = best - 0.5 * z * z;
        // (the grid's profile is a maximum over a few shares only, below the true one: refine before stopping)
        int k = 0;
        while (k < PHI_GRID && phis[k] <= phi) {
            k++;
        }
        while (k < PHI_GRID && (profile[k] >= bar || profileShare(x, r, phis[k])[1] >= bar)) {
            k++;
        }
        double upper;
        double whiteUpper;
        if (z <= 0) {
            upper = phi;
            whiteUpper = lambda(share);
        } else if (k == PHI_GRID) {
            upper = phiMax;
            whiteUpper = lambda(profileShare(x, r, phiMax)[0]);
        } else {
            double lo = Math.max(phi, phis[k - 1]);
            double hi = phis[k];
            for (int it = 0; it < 8; it++) {
                double mid = 0.5 * (lo + hi);
                if (profileShare(x, r, mid)[1] >= bar) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            upper = lo;
            whiteUpper = lambda(profileShare(x, r, lo)[0]);
        }
        return new Estimate(phi, lambda(share), upper, whiteUpper, best);
    }

    /** {share, ℓ}: ℓ(φ, ·) maximised over the white share (grid, then golden section). */
    private static double[] profileShare(double[][] x, double[] r, double phi) {
        int bj = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < SHARE_GRID.length; j++) {
            double l = profile(x, r, phi, lambda(SHARE_GRID[j]));
            if (l > best) {
                best = l;
                bj = j;
            }
        }
        double[] c = golden(v -> profile(x, r, phi, lambda(v)), SHARE_GRID[Math.max(0, bj - 1)],
                SHARE_GRID[Math.min(SHARE_GRID.length - 1, bj + 1)]);
        return c[1] >= best ? c : new double[] {SHARE_GRID[bj], best};
    }

    private static double lambda(double share) {
        return share / (1 - share);
    }

    /** {argmax, max} of a unimodal-enough f on [lo, hi] by golden-section search. */
    private static double[] golden(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
        double a = lo;
        double b = hi;
        double c = b - INV_GOLD * (b - a);
        double d = a + INV_GOLD * (b - a);
        double fc = f.applyAsDouble(c);
        double fd = f.applyAsDouble(d);
        for (int i = 0; i < GOLDEN_STEPS; i++) {
            if (!(fc <= fd)) {
                b = d;
                d = c;
                fd = fc;
                c = b - INV_GOLD * (b - a);
                fc = f.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + INV_GOLD * (b - a);
                fd = f.applyAsDouble(d);
            }
        }
        return fc > fd ? new double[] {c, fc} : new double[] {d, fd};
    }

    /**
     * ℓ(φ, λ) from the OLS residuals r (the whitened residual sum of squares of y and of r agree); NaN when
     * the whitened design is singular.
     */
    static double profile(double[][] x, double[] r, double phi, double white) {
        Whitened w = whiten(x, r, phi, white);
        return w == null ? Double.NaN : w.logLikelihood(r.length - x.length);
    }

    /**
     * The whitened cross-products at (φ, λ): X̃'X̃ (lower triangle), X̃'r̃, r̃'r̃ and Σ log F<sub>t</sub>.
     * The Kalman filter runs over r and the design columns together in one pass, O(n·p²); null when
     * some F<sub>t</sub> is not positive. The Riccati recursion of P<sub>t</sub> converges geometrically to its
     * fixed point; once a step changes P by at most {@link #STEADY} of itself, the gain, F and √F are held
     * there for the rest of the series (the filter's steady state, Harvey 1989), which saves a square
     * root, a logarithm and a division per sample and changes ℓ by about 10⁻¹¹.
     */
    static Whitened whiten(double[][] x, double[] r, double phi, double white) {
        int n = r.length;
        int p = x.length;
        double[] state = new double[p];
        double[] w = new double[p];
        double[][] gram = new double[p][p];
        double[] c = new double[p];
        double rState = 0;
        double zz = 0;
        double logF = 0;
        double pv = 1;
        double innov = 1 - phi * phi;
        double gain = 0;
        double sf = 0;
        boolean steady = false;
        for (int t = 0; t < n; t++) {
            if (!steady) {
                double f = pv + white;
                if (!(f > 0)) {
                    return null;
                }
                gain = pv / f;
                sf = 1 / Math.sqrt(f);
                double next = phi * phi * (pv - pv * gain) + innov;
                steady = Math.abs(next - pv) <= STEADY * pv;
                logF += (steady ? n - t : 1) * Math.log(f);
                pv = next;
            }
            double e = r[t] - rState;
            double z = e * sf;
            rState = phi * (rState + gain * e);
            zz += z * z;
            for (int j = 0; j < p; j++) {
                double ej = x[j][t] - state[j];
                double wj = ej * sf;
                w[j] = wj;
                state[j] = phi * (state[j] + gain * ej);
                c[j] += wj * z;
                double[] g = gram[j];
                for (int k = 0; k <= j; k++) {
                    g[k] += wj * w[k];
                }
            }
        }
        return new Whitened(gram, c, zz, logF);
    }

    /** {@link #whiten} holds the filter at its steady state once P changes by at most this share of itself in a step. */
    private static final double STEADY = 1e-15;

    /** {@link #whiten}'s result: X̃'X̃ (lower triangle), X̃'r̃, r̃'r̃, Σ log F<sub>t</sub>. */
    record Whitened(double[][] gram, double[] c, double zz, double logF) {
        /** The GLS residual sum of squares r̃'r̃ − r̃'X̃(X̃'X̃)⁻¹X̃'r̃; NaN when X̃'X̃ is singular. */
        double rss() {
            double[] q = Matrices.inverseQuadraticAndLogDet(gram, c);
            return q == null ? Double.NaN : zz - q[0];
        }

        /** ℓ for {@code df} = n − p residual degrees of freedom (the class comment's formula); NaN when degenerate. */
        double logLikelihood(int df) {
            double[] q = Matrices.inverseQuadraticAndLogDet(gram, c);
            if (q == null || !(zz - q[0] > 0)) {
                return Double.NaN;
            }
            return -0.5 * logF - 0.5 * q[1] - 0.5 * df * Math.log(zz - q[0]);
        }
    }
}
