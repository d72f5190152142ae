package dev.soak.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * How long a series must run to tell a slope β₁ from β₀: the information limit of a trend test.
 *
 * <p>For a least-squares slope over a span T of a series whose errors have long-run variance
 * σ²<sub>LR</sub> per x-unit (σ²<sub>LR</sub> = σ²·Δ·(1 + φ)/(1 − φ) for AR(1) errors of
 * marginal variance σ², coefficient φ per sample and spacing Δ x-units), Var(β̂) ≈
 * 12·σ²<sub>LR</sub>/T³ (the variance of an OLS slope with Σ(x − x̄)² ≈ T³/(12Δ) and
 * autocorrelation-inflated noise; e.g. Weatherhead, E. C. et al. (1998), "Factors affecting the
 * detection of trends", J. Geophys. Res. 103(D14):17149–17161, eq. 2). A one-sided test at level α
 * with power 1 − β against β₁ needs (β₁ − β₀)² ≥ (z<sub>1−α</sub> + z<sub>1−β</sub>)²·Var(β̂), so
 * T* = [12·σ²<sub>LR</sub>·(z<sub>1−α</sub> + z<sub>1−β</sub>)²/(β₁ − β₀)²]<sup>1/3</sup>.
 *
 * <p>Example: σ = 15, φ = 0.9 per sample, Δ = 1/60 (one-minute samples, x in hours), β₁ − β₀ = 10
 * per hour, α = 5 %, power 95 %: σ²<sub>LR</sub> = 71.25 and T* ≈ 4.5 hours.
 *
 * <p>Stateless; safe from any thread.
 */
public final class RunLength {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution();

    private RunLength() {
    }

    /**
     * σ²<sub>LR</sub> per x-unit of AR(1) errors: σ²·Δ·(1 + φ)/(1 − φ).
     *
     * @param marginalVariance σ² of one sample
     * @param phi              lag-1 coefficient per sample, in (−1, 1)
     * @param sampleSpacingX   Δ, x-units between samples (&gt; 0)
     */
    public static double longRunVariancePerX(double marginalVariance, double phi, double sampleSpacingX) {
        if (!(sampleSpacingX > 0)) {
            throw new IllegalArgumentException("sampleSpacingX = " + sampleSpacingX + " must be > 0");
        }
        return marginalVariance * sampleSpacingX * Autocorrelation.ar1InflationFactor(phi);
    }

    /** Var(β̂) ≈ 12·σ²<sub>LR</sub>/T³ for a span T in x-units. */
    public static double slopeVariance(double longRunVariancePerX, double spanX) {
        return 12 * longRunVariancePerX / (spanX * spanX * spanX);
    }

    /**
     * T* = [12·σ²<sub>LR</sub>·(z<sub>1−α</sub> + z<sub>1−β</sub>)²/(β₁ − β₀)²]<sup>1/3</sup>, in x-units.
     *
     * @param longRunVariancePerX σ²<sub>LR</sub> per x-unit
     * @param slopeNull           β₀ (tolerated slope)
     * @param slopeAlternative    β₁ (slope to detect); must differ from β₀
     * @param alpha               one-sided level, e.g. 0.05 (divide by the number of tests for Holm's worst case)
     * @param power               1 − β, e.g. 0.95
     */
    public static double requiredSpan(double longRunVariancePerX, double slopeNull, double slopeAlternative,
                                      double alpha, double power) {
        Checks.probability("alpha", alpha);
        Checks.probability("power", power);
        if (!(longRunVariancePerX >= 0)) {
            throw new IllegalArgumentException("longRunVariancePerX = " + longRunVariancePerX + " must be >= 0");
        }
        double d = slopeAlternative - slopeNull;
        if (d == 0 || Double.isNaN(d)) {
            throw new IllegalArgumentException("slopeAlternative = " + slopeAlternative
                    + " must differ from slopeNull = " + slopeNull);
        }
        double z = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha)
                + STANDARD_NORMAL.inverseCumulativeProbability(power);
        return Math.cbrt(12 * longRunVariancePerX * z * z / (d * d));
    }

    /**
     * The inverse of {@link #requiredSpan}: the largest σ²<sub>LR</sub> per x-unit for which a span T is enough,
     * T³·(β₁ − β₀)²/[12·(z<sub>1−α</sub> + z<sub>1−β</sub>)²].
     *
     * @param spanX the span available, in x-units (&gt; 0)
     */
    public static double largestLongRunVariance(double spanX, double slopeNull, double slopeAlternative,
                                                double alpha, double power) {
        Checks.probability("alpha", alpha);
        Checks.probability("power", power);
        if (!(spanX > 0)) {
            throw new IllegalArgumentException("spanX = " + spanX + " must be > 0");
        }
        double d = slopeAlternative - slopeNull;
        double z = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha)
                + STANDARD_NORMAL.inverseCumulativeProbability(power);
        return spanX * spanX * spanX * d * d / (12 * z * z);
    }

    /**
     * Power 1 − β = Φ(|β₁ − β₀|/√Var(β̂) − z<sub>1−α</sub>) of a one-sided test after a span T.
     */
    public static double power(double longRunVariancePerX, double slopeNull, double slopeAlternative,
                               double alpha, double spanX) {
        Checks.probability("alpha", alpha);
        double se = Math.sqrt(slopeVariance(longRunVariancePerX, spanX));
        double z = Math.abs(slopeAlternative - slopeNull) / se - STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha);
        return STANDARD_NORMAL.cumulativeProbability(z);
    }
}
