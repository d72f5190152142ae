package dev.soak.stats;

/**
 * Sample autocorrelation, the AR(1) coefficient and long-run variance of a series in time order.
 *
 * <p>With ȳ the mean and γ̂<sub>k</sub> = (1/n)·Σ<sub>t=1…n−k</sub> (y<sub>t</sub> − ȳ)(y<sub>t+k</sub> − ȳ),
 * the sample ACF is ρ̂<sub>k</sub> = γ̂<sub>k</sub>/γ̂<sub>0</sub> (Box &amp; Jenkins (1976), Time
 * Series Analysis, eq. 2.1.12; statsmodels' {@code acf} with {@code adjusted=False}). The AR(1)
 * coefficient φ̂ = ρ̂<sub>1</sub>; its bias-corrected variant φ̃ = (nφ̂ + 1)/(n − 3) inverts
 * E[φ̂] ≈ φ − (1 + 3φ)/n (Kendall, M. G. (1954), "Note on bias in the estimation of
 * autocorrelation", Biometrika 41:403–404; Marriott, F. H. C. &amp; Pope, J. A. (1954), Biometrika
 * 41:390–402). For an AR(1) process the variance of a mean or slope is inflated by
 * (1 + φ)/(1 − φ) relative to independent errors, and the long-run variance is
 * σ²<sub>LR</sub> = γ<sub>0</sub>(1 + φ)/(1 − φ). The non-parametric long-run variance is the
 * Bartlett-kernel sum γ̂<sub>0</sub> + 2Σ<sub>k=1…L</sub> (1 − k/(L+1))·γ̂<sub>k</sub> (Newey, W. K.
 * &amp; West, K. D. (1987), Econometrica 55(3):703–708).
 *
 * <p>Lag choice: {@link #defaultMaxLag} = ⌊1.3·√n⌋ (Lazarus, Lewis, Stock &amp; Watson (2018),
 * "HAR inference: recommendations for practice", JBES 36(4):541–559), which controls size far
 * better under persistence than the classic {@link #classicMaxLag} = ⌊4(n/100)<sup>2/9</sup>⌋
 * (Newey &amp; West 1994). Summing every lag is never a good idea.
 *
 * <p>Complexity: the ACF up to lag L costs O(n·L) directly or O(n log n) by FFT (used when n·L is
 * large); the Bartlett long-run variance O(n) whatever L (running sums of the triangular window). Degenerate input: n &lt; 2 or a constant series gives {@code NaN}.
 *
 * <p>Stateless; safe from any thread.
 */
public final class Autocorrelation {
    /** Variance of a standard normal truncated at ±3. */
    private static final double TRIMMED_NORMAL_VARIANCE = 0.97334;

    private Autocorrelation() {
    }

    /** ⌊1.3·√n⌋, at least 1 and at most n − 1 (LLSW 2018); 0 for n &lt; 2. */
    public static int defaultMaxLag(int n) {
        return clampLag((int) Math.floor(1.3 * Math.sqrt(n)), n);
    }

    /** ⌊4·(n/100)<sup>2/9</sup>⌋, at least 1 and at most n − 1 (Newey &amp; West 1994); 0 for n &lt; 2. */
    public static int classicMaxLag(int n) {
        return clampLag((int) Math.floor(4 * Math.pow(n / 100.0, 2.0 / 9.0)), n);
    }

    private static int clampLag(int lag, int n) {
        if (n < 2) {
            return 0;
        }
        return Math.max(1, Math.min(lag, n - 1));
    }

    /** ρ̂<sub>k</sub> for one lag k ≥ 0; {@code NaN} if k ≥ n or the series is constant. */
    public static double acf(double[] y, int lag) {
        Checks.finite("y", y);
        if (lag < 0) {
            throw new IllegalArgumentException("lag = " + lag + " must be >= 0");
        }
        int n = y.length;
        if (lag >= n) {
            return Double.NaN;
        }
        double m = Series.mean(y);
        double g0 = 0;
        for (double v : y) {
            g0 += (v - m) * (v - m);
        }
        if (g0 == 0) {
            return Double.NaN;
        }
        double gk = 0;
        for (int t = 0; t + lag < n; t++) {
            gk += (y[t] - m) * (y[t + lag] - m);
        }
        return gk / g0;
    }

    /**
     * ρ̂<sub>0</sub> … ρ̂<sub>maxLag</sub> (index = lag; entries at lags ≥ n are {@code NaN}).
     * All entries are {@code NaN} for a constant series.
     */
    public static double[] acfUpTo(double[] y, int maxLag) {
        Checks.finite("y", y);
        if (maxLag < 0) {
            throw new IllegalArgumentException("maxLag = " + maxLag + " must be >= 0");
        }
        double[] g = autocovariances(y, maxLag);
        double[] r = new double[maxLag + 1];
        for (int k = 0; k <= maxLag; k++) {
            r[k] = g[0] > 0 ? g[k] / g[0] : Double.NaN;
        }
        return r;
    }

    /**
     * γ̂<sub>0</sub> … γ̂<sub>maxLag</sub> with divisor n; {@code NaN} at lags ≥ n. Direct sums for
     * small n·L, FFT otherwise.
     */
    static double[] autocovariances(double[] y, int maxLag) {
        int n = y.length;
        double m = Series.mean(y);
        double[] d = new double[n];
        for (int t = 0; t < n; t++) {
            d[t] = y[t] - m;
        }
        double[] g = new double[maxLag + 1];
        int lags = Math.min(maxLag, n - 1);
        if (n > 0 && (double) n * (lags + 1) > FFT_ABOVE) {
            double[] s = Fft.lagProducts(d, lags);
            for (int k = 0; k <= lags; k++) {
                g[k] = s[k] / n;
            }
        } else {
            for (int k = 0; k <= lags; k++) {
                double s = 0;
                for (int t = 0; t + k < n; t++) {
                    s += d[t] * d[t + k];
                }
                g[k] = s / n;
            }
        }
        for (int k = Math.max(0, lags + 1); k <= maxLag; k++) {
            g[k] = Double.NaN;
        }
        return g;
    }

    /** Work (n × lags) above which autocovariances are computed by FFT. */
    private static final double FFT_ABOVE = 2e7;

    /**
     * Σ<sub>t</sub> a[t]·v[t] with v[t] = Σ<sub>l=1…L</sub> (1 − l/(L+1))·b[t−l]: the Bartlett-weighted
     * lagged cross products, in O(n) by updating the triangular window with two running sums.
     */
    static double bartlettCross(double[] a, double[] b, int lags) {
        int n = a.length;
        if (lags <= 0) {
            return 0;
        }
        double box = 0;   // Σ_{l=1..L} b[t−l]
        double tri = 0;   // Σ_{l=1..L} (L+1−l) b[t−l]
        double acc = 0;
        for (int t = 0; t < n; t++) {
            acc += a[t] * tri;
            // advance to t+1
            tri += lags * b[t] - box;
            box += b[t] - (t - lags >= 0 ? b[t - lags] : 0);
        }
        return acc / (lags + 1);
    }

    /** φ̂ = ρ̂<sub>1</sub>, the lag-1 autocorrelation (Yule–Walker AR(1) estimate). */
    public static double ar1(double[] y) {
        return y.length < 2 ? Double.NaN : acf(y, 1);
    }

    /**
     * Bias-corrected AR(1) coefficient φ̃ = (nφ̂ + 1)/(n − 3), clamped to [−0.999, 0.999];
     * {@code NaN} for n &lt; 4.
     */
    public static double ar1BiasCorrected(double[] y) {
        int n = y.length;
        if (n < 4) {
            return Double.NaN;
        }
        double phi = (n * ar1(y) + 1) / (n - 3);
        return Math.max(-0.999, Math.min(0.999, phi));
    }

    /**
     * A conservative AR(1) coefficient for regression residuals: φ̂ = {@link #ar1} (0 when
     * undefined), bias-corrected to c = φ̂ + (1 + 3φ̂ + p)/n — Kendall's bias of the lag-1
     * autocorrelation of a series with estimated mean, (1 + 3φ)/n (Kendall, M. G. (1954),
     * "Note on bias in the estimation of autocorrelation", Biometrika 41:403–404), plus p/n for
     * the p coefficients fitted to the residuals (a calibrated allowance) — then raised by
     * {@code sds} standard errors √((1 − c²)/n) (Bartlett's large-sample variance of φ̂), each step
     * clamped to [0, 0.98]. Used as the plug-in of {@link LeastSquaresFit#ar1ExactVariance}, it
     * keeps a low φ̂ in an unlucky sample from shrinking the error.
     *
     * @param residuals  regression residuals
     * @param parameters number p of fitted coefficients
     * @param sds        standard errors to add (0 for the bias-corrected value)
     */
    public static double ar1Conservative(double[] residuals, int parameters, double sds) {
        int n = residuals.length;
        double phiHat = ar1(residuals);
        if (Double.isNaN(phiHat)) {
            phiHat = 0;
        }
        double c = clampAr1(phiHat + (1 + 3 * phiHat + parameters) / n);
        return clampAr1(c + sds * Math.sqrt((1 - c * c) / n));
    }

    private static double clampAr1(double phi) {
        return Math.max(0, Math.min(0.98, phi));
    }

    /** (1 + φ)/(1 − φ): the AR(1) variance inflation of a mean or slope; requires |φ| &lt; 1. */
    public static double ar1InflationFactor(double phi) {
        if (Double.isNaN(phi)) {
            return Double.NaN;
        }
        if (!(phi > -1 && phi < 1)) {
            throw new IllegalArgumentException("phi = " + phi + " must lie strictly between -1 and 1");
        }
        return (1 + phi) / (1 - phi);
    }

    /**
     * Bartlett-kernel (Newey–West) long-run variance γ̂<sub>0</sub> + 2Σ<sub>k=1…L</sub>
     * (1 − k/(L+1))·γ̂<sub>k</sub> of the demeaned series, per sample.
     *
     * @param maxLag L ≥ 0 (clamped to n − 1)
     */
    public static double longRunVariance(double[] y, int maxLag) {
        Checks.finite("y", y);
        if (maxLag < 0) {
            throw new IllegalArgumentException("maxLag = " + maxLag + " must be >= 0");
        }
        int n = y.length;
        if (n < 2) {
            return Double.NaN;
        }
        int lags = Math.min(maxLag, n - 1);
        double m = Series.mean(y);
        double[] d = new double[n];
        double g0 = 0;
        for (int t = 0; t < n; t++) {
            d[t] = y[t] - m;
            g0 += d[t] * d[t];
        }
        return (g0 + 2 * bartlettCross(d, d, lags)) / n;
    }

    /** AR(1) long-run variance γ̂<sub>0</sub>·(1 + φ̂)/(1 − φ̂) per sample (plain φ̂). */
    public static double longRunVarianceAr1(double[] y) {
        Checks.finite("y", y);
        int n = y.length;
        if (n < 2) {
            return Double.NaN;
        }
        double[] g = autocovariances(y, 1);
        double phi = g[0] > 0 ? g[1] / g[0] : Double.NaN;
        return g[0] * ar1InflationFactor(phi);
    }

    /**
     * Robust long-run variance per sample, insensitive to level steps, linear trends and spikes:
     * with blocks of B = ⌊√n⌋ consecutive samples (B = 1 below 64 samples) and block means
     * m<sub>k</sub>, σ²<sub>LR</sub> = B·s²/2, since Var(m<sub>k+1</sub> − m<sub>k</sub>) ≈
     * 2σ²<sub>LR</sub>/B when B exceeds the correlation time; s² is the variance of the differences
     * about their median after dropping those further than 3·1.4826·MAD from it (divided by
     * 0.97334, the variance of a standard normal truncated at ±3), so a trend's constant offset drops
     * out and the few differences a step or spike touches are ignored.
     * Batch means: Carlstein, E. (1986), Ann. Statist. 14(3):1171–1179; MAD: Hampel, F. R. (1974),
     * JASA 69:383–393. {@code NaN} for fewer than 3 samples (or 3 blocks).
     */
    public static double longRunVarianceRobust(double[] y) {
        Checks.finite("y", y);
        int n = y.length;
        int b = n < 64 ? 1 : (int) Math.floor(Math.sqrt(n));
        int blocks = n / b;
        if (blocks < 3) {
            return Double.NaN;
        }
        double[] means = new double[blocks];
        for (int k = 0; k < blocks; k++) {
            double s = 0;
            for (int i = k * b; i < (k + 1) * b; i++) {
                s += y[i];
            }
            means[k] = s / b;
        }
        double[] d = new double[blocks - 1];
        for (int k = 0; k + 1 < blocks; k++) {
            d[k] = means[k + 1] - means[k];
        }
        // 3·MAD-trimmed variance about the median, rescaled to a normal's variance
        double med = Series.median(d);
        double cut = 3 * 1.4826 * Series.mad(d);
        double ss = 0;
        int kept = 0;
        for (double v : d) {
            if (Math.abs(v - med) <= cut) {
                ss += (v - med) * (v - med);
                kept++;
            }
        }
        if (kept < 2) {
            return 0;
        }
        double var = ss / (kept - 1) / TRIMMED_NORMAL_VARIANCE;
        return b * var / 2;
    }
}
