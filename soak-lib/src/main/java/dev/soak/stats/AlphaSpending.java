package dev.soak.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Alpha-spending functions for repeated looks at accumulating data (Lan, K. K. G. &amp; DeMets,
 * D. L. (1983), "Discrete sequential boundaries for clinical trials", Biometrika 70(3):659–663).
 *
 * <p>α(t) is the part of the overall level α spent by information fraction t ∈ (0, 1] (for a
 * trend test, t = (T<sub>look</sub>/T<sub>planned</sub>)³ since information grows as T³, see
 * {@link RunLength}); α(1) = α.
 * <ul>
 *   <li>O'Brien–Fleming type: α(t) = 2 − 2Φ(z<sub>1−α/2</sub>/√t) — spends almost nothing early;</li>
 *   <li>Pocock type: α(t) = α·ln(1 + (e − 1)·t).</li>
 * </ul>
 * {@link #nominalLevel} returns the increment α(t<sub>k</sub>) − α(t<sub>k−1</sub>) to use as the
 * level of look k. Testing each look at its increment controls the overall false-alarm rate at α
 * by Bonferroni's inequality whatever the correlation between looks; it is conservative compared
 * with exact group-sequential boundaries (which need recursive integration), the price of being
 * simple and safe. Looks need not be planned in advance; a look at t ≥ 1 spends what is left.
 *
 * <p>Immutable; safe from any thread.
 */
public enum AlphaSpending {
    /** Lan–DeMets O'Brien–Fleming-type spending. */
    OBRIEN_FLEMING,
    /** Lan–DeMets Pocock-type spending. */
    POCOCK;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution();

    /** α(t): the level spent by information fraction t (t ≤ 0 → 0, t ≥ 1 → α). */
    public double spent(double alpha, double informationFraction) {
        Checks.probability("alpha", alpha);
        if (Double.isNaN(informationFraction)) {
            throw new IllegalArgumentException("informationFraction is NaN; pass a number in [0, 1]");
        }
        double t = Math.min(1, informationFraction);
        if (t <= 0) {
            return 0;
        }
        switch (this) {
            case OBRIEN_FLEMING:
                double z = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2);
                return 2 - 2 * STANDARD_NORMAL.cumulativeProbability(z / Math.sqrt(t));
            case POCOCK:
                return alpha * Math.log(1 + (Math.E - 1) * t);
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * The nominal level of a look at information fraction t after a previous look at t<sub>prev</sub>
     * (0 for the first look): α(t) − α(t<sub>prev</sub>), never negative.
     */
    public double nominalLevel(double alpha, double previousFraction, double fraction) {
        return Math.max(0, spent(alpha, fraction) - spent(alpha, previousFraction));
    }
}
