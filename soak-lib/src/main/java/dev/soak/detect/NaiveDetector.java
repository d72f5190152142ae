package dev.soak.detect;

/**
 * The seed design's rules, reproduced exactly, <b>for comparison only</b> (calibration shows why
 * they are not used): they measure signal-to-noise, not rate.
 *
 * <ul>
 *   <li>Leak: ordinary least squares of RSS on time over all samples; a leak is reported when
 *       R² &gt; 0.8 and the slope is positive, as MB/hour; the run fails when that rate exceeds the
 *       threshold ({@code memory_leak_mb_per_hour}). With slope β over T hours and noise σ,
 *       R² ≈ (β²T²/12)/(β²T²/12 + σ²), so it fires only once βT ≳ 6.9σ.</li>
 *   <li>Drift: OLS of p99 on time over the last 4 hours (at least 4 points); drift is reported when
 *       R² &gt; 0.7 and the slope is positive, as percent of the window's first p99 per hour; the
 *       run fails when it exceeds {@code latency_drift_pct_per_hour}.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class NaiveDetector {
    /** The seed's minimum number of samples before the leak rule runs. */
    public static final int MIN_SAMPLES = 10;
    /** The seed's drift window: the last 4 hours. */
    public static final double DRIFT_WINDOW_SEC = 4 * 3600.0;

    private NaiveDetector() {
    }

    /**
     * One naive decision.
     *
     * @param ratePerHour  the OLS rate (MB/h or %/h), NaN when not computed
     * @param rSquared     the fit's R²
     * @param detected     whether the seed reports it (R² and positive-slope rule)
     * @param fail         whether the seed aborts (detected and the rate exceeds the threshold)
     */
    public record Result(double ratePerHour, double rSquared, boolean detected, boolean fail) {
    }

    /** The seed's leak rule on {@code (tSec, rssMb)}; NaN values are skipped. */
    public static Result leak(double[] tSec, double[] rssMb, double thresholdMbPerHour) {
        double[] fit = ols(tSec, rssMb, Double.NEGATIVE_INFINITY);
        if (fit == null || fit[3] < MIN_SAMPLES) {
            return new Result(Double.NaN, Double.NaN, false, false);
        }
        double rate = fit[1] * 3600.0;
        boolean detected = fit[2] > 0.8 && rate > 0;
        return new Result(rate, fit[2], detected, detected && rate > thresholdMbPerHour);
    }

    /** The seed's drift rule on {@code (tSec, p99Ms)}: last 4 hours, R² &gt; 0.7, % of the window's first p99. */
    public static Result drift(double[] tSec, double[] p99Ms, double thresholdPctPerHour) {
        int n = tSec.length;
        if (n == 0) {
            return new Result(Double.NaN, Double.NaN, false, false);
        }
        double from = tSec[n - 1] - DRIFT_WINDOW_SEC;
        double[] fit = ols(tSec, p99Ms, from);
        if (fit == null || fit[3] < 4) {
            return new Result(Double.NaN, Double.NaN, false, false);
        }
        double first = Double.NaN;
        for (int i = 0; i < n; i++) {
            if (tSec[i] >= from && !Double.isNaN(p99Ms[i])) {
                first = p99Ms[i];
                break;
            }
        }
        double pct = fit[1] * 3600.0 / first * 100.0;
        boolean detected = fit[2] > 0.7 && fit[1] > 0;
        return new Result(pct, fit[2], detected, detected && pct > thresholdPctPerHour);
    }

    /** OLS of y on t for t ≥ from: {intercept, slope per second, R², n}; null when degenerate. */
    private static double[] ols(double[] t, double[] y, double from) {
        double n = 0, sx = 0, sy = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] >= from && !Double.isNaN(y[i])) {
                n++;
                sx += t[i];
                sy += y[i];
            }
        }
        if (n < 2) {
            return null;
        }
        double mx = sx / n, my = sy / n, sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] >= from && !Double.isNaN(y[i])) {
                double dx = t[i] - mx, dy = y[i] - my;
                sxx += dx * dx;
                sxy += dx * dy;
                syy += dy * dy;
            }
        }
        if (sxx == 0) {
            return null;
        }
        double b = sxy / sxx;
        double r2 = syy == 0 ? 0 : (b * sxy) / syy;
        return new double[] {my - b * mx, b, r2, n};
    }
}
