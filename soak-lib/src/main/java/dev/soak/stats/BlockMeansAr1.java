package dev.soak.stats;

/**
 * The autocorrelation of non-overlapping means of m consecutive values of a stationary AR(1) process
 * with coefficient φ, and the φ that gives a wanted lag-1 autocorrelation of those means.
 *
 * <p>Temporal aggregation of an AR(1) process is an ARMA(1, 1) process whose autoregressive
 * coefficient is φ<sup>m</sup> (Amemiya, T. &amp; Wu, R. Y. (1972), "The effect of aggregation on
 * prediction in the autoregressive model", JASA 67(339):628–632; Tiao, G. C. (1972), "Asymptotic
 * behaviour of temporal aggregates of time series", Biometrika 59(3):525–531): the means' autocorrelation
 * is ρ<sub>1</sub>·(φ<sup>m</sup>)<sup>k−1</sup> at lag k ≥ 1, not ρ<sub>1</sub><sup>k</sup>. With
 * γ<sub>k</sub> = φ<sup>|k|</sup> (unit marginal variance),
 * <pre>
 *   Var(mean)  = (1/m²)·[m + 2·Σ_{k=1…m−1} (m − k)·φ^k]
 *   Cov(lag 1) = (1/m²)·φ·(1 − φ^m)² / (1 − φ)²
 * </pre>
 * and ρ<sub>1</sub> is their ratio, which increases with φ from 0 to 1, so the inverse is found by
 * bisection. Treating the means as AR(1) with coefficient ρ<sub>1</sub> overstates their long-run variance
 * by the factor (1 + ρ<sub>1</sub>)/(1 − ρ<sub>1</sub>) ÷ (1 + 2ρ<sub>1</sub>/(1 − φ<sup>m</sup>)): 23 % at
 * φ = 0.9 and 39 % at φ = 0.97 for m = 10.
 *
 * <p>Stateless; safe from any thread.
 */
public final class BlockMeansAr1 {
    /**
     * Standard errors by which γ(2) must exceed γ(1) in {@link #phiForLag1WithWhiteNoise}. For white
     * noise the Matheron estimates have (γ̂(2) − γ̂(1))/σ² with variance 2/n (delta method: the
     * squared lag-1 and lag-2 differences each have variance 12/n summed with their serial
     * covariances, and covariance 8/n), 1.43/√n measured on the winsorized estimate.
     */
    public static final double PERSISTENCE_Z = 3;

    private BlockMeansAr1() {
    }

    /**
     * Lag-1 autocorrelation of means of {@code m} consecutive values of an AR(1) process.
     *
     * @param phi AR(1) coefficient in [0, 1)
     * @param m   values per mean (≥ 1; 1 gives φ)
     */
    public static double lag1(double phi, int m) {
        return lag1(phi, m, 0);
    }

    /**
     * Lag-1 autocorrelation of means of {@code m} consecutive values of an AR(1) process (unit
     * variance) plus independent white noise of variance {@code white}: the noise adds
     * {@code white}/m to the means' variance and nothing to their covariance.
     *
     * @param phi   AR(1) coefficient in [0, 1)
     * @param m     values per mean (≥ 1)
     * @param white variance of the white noise relative to the AR(1) part's (≥ 0)
     */
    public static double lag1(double phi, int m, double white) {
        check(phi, m);
        if (!(white >= 0)) {
            throw new IllegalArgumentException("white-noise variance ratio = " + white + " must be >= 0");
        }
        if (phi == 0) {
            return 0;
        }
        double var = m + m * white;
        double pk = 1;
        for (int k = 1; k < m; k++) {
            pk *= phi;
            var += 2.0 * (m - k) * pk;
        }
        double pm = Math.pow(phi, m);
        double cov = phi * (1 - pm) * (1 - pm) / ((1 - phi) * (1 - phi));
        return cov / var;
    }

    /**
     * The AR(1) coefficient φ whose means of {@code m} values have lag-1 autocorrelation {@code rho1}
     * (to 1e-12), so that their autocorrelation decays by φ<sup>m</sup> per lag after the first.
     *
     * @param rho1 lag-1 autocorrelation of the means, in [0, 1)
     * @param m    values per mean (≥ 1; 1 gives rho1)
     */
    public static double phiForLag1(double rho1, int m) {
        check(rho1, m);
        if (m == 1 || rho1 == 0) {
            return rho1;
        }
        double lo = 0;
        double hi = 1;
        while (hi - lo > 1e-12) {
            double mid = 0.5 * (lo + hi);
            if (lag1(mid, m) < rho1) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * As {@link #phiForLag1(double, int)} for an AR(1) process plus independent white noise (a
     * measurement's own sampling error, jitter faster than the sampling interval), with the noise's
     * share taken from the series' semivariances at lags 1 and 2. For x = a + w, a an AR(1) of
     * variance σ² and w white of variance ω,
     * <pre>
     *   γ(1) = ω + σ²·(1 − φ),   γ(2) = ω + σ²·(1 − φ²),   so   σ² = (γ(2) − γ(1))/(φ(1 − φ)),   ω = γ(1) − (γ(2) − γ(1))/φ
     * </pre>
     * for each candidate φ (ω clamped at 0); the φ returned is the one whose means of {@code m}
     * values, with white-noise ratio ω/σ² times {@code whiteFactor} (1 for means, π/2 for medians of
     * many values, whose efficiency on Gaussian noise is 2/π), have lag-1 autocorrelation {@code rho1}
     * (bisection; the lag 1 increases with φ). White noise lowers the means' lag 1 but not their decay
     * φ<sup>m</sup> after it, so {@link #phiForLag1(double, int)} alone, which reads all of the lag 1 as
     * persistence of one AR(1), under-states φ and the decay when such noise is present; with ω = 0 the
     * two agree. The semivariances are short-range quantities, so ω is estimated from all the values
     * rather than from the few means.
     *
     * @param rho1        lag-1 autocorrelation of the means, in [0, 1)
     * @param m           values per mean (≥ 1; 1 gives rho1)
     * @param gamma1      semivariance of the values at lag 1
     * @param gamma2      semivariance of the values at lag 2
     * @param whiteFactor variance factor of the noise in a block statistic relative to a mean (≥ 1)
     * @param n           number of values the semivariances were estimated from
     * @return φ, or NaN when the values show no short-range persistence: γ(2) − γ(1) not above
     *         {@value #PERSISTENCE_Z} standard errors, √(2/n)·γ(1) for white noise (the split into AR(1) and
     *         noise is then undetermined, and a γ(2) barely above γ(1) would read as an AR(1) near 1
     *         buried in noise)
     */
    public static double phiForLag1WithWhiteNoise(double rho1, int m, double gamma1, double gamma2, double whiteFactor,
                                                  int n) {
        check(rho1, m);
        if (m == 1 || rho1 == 0) {
            return rho1;
        }
        if (!(Double.isFinite(gamma1) && Double.isFinite(gamma2) && gamma1 > 0 && n > 0
                && gamma2 - gamma1 > PERSISTENCE_Z * Math.sqrt(2.0 / n) * gamma1)) {
            return Double.NaN;
        }
        double c = gamma1 / (gamma2 - gamma1);
        double lo = 0;
        double hi = 1;
        while (hi - lo > 1e-12) {
            double mid = 0.5 * (lo + hi);
            double white = Math.max(0, (c * mid - 1) * (1 - mid)) * whiteFactor;
            if (lag1(mid, m, white) < rho1) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static void check(double r, int m) {
        if (!(r >= 0 && r < 1) || m < 1) {
            throw new IllegalArgumentException("need a coefficient in [0, 1) and m >= 1, got " + r + " and " + m);
        }
    }
}
