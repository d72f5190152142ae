package dev.soak.load;

/**
 * Weighted choice among operations by inverse CDF over cumulative normalised weights, driven by
 * a uniform draw from the seeded per-operation RNG. Example: weights store 0.2, recall 0.8 →
 * u < 0.2 picks store. Immutable; safe to share.
 */
final class OperationMix {
    private final double[] cumulative;

    OperationMix(double[] weights) {
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("operation weight " + w + " must be a finite number >= 0");
            }
            total += w;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the operation weights sum to " + total
                    + "; give at least one operation a weight > 0");
        }
        cumulative = new double[weights.length];
        double c = 0;
        for (int i = 0; i < weights.length; i++) {
            c += weights[i] / total;
            cumulative[i] = c;
        }
        cumulative[weights.length - 1] = 1.0;
    }

    /** Index of the operation for a uniform {@code u} in [0, 1). */
    int pick(double u) {
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i] && (i == 0 || cumulative[i] > cumulative[i - 1])) {
                return i;
            }
        }
        return cumulative.length - 1;
    }
}
