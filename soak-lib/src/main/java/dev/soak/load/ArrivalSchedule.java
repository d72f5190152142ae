package dev.soak.load;

import java.util.function.DoubleUnaryOperator;

/**
 * Intended start times of an open-model arrival process with instantaneous rate λ(t).
 *
 * <p>Time rescaling (Brown et al., "The time-rescaling theorem and its application to neural
 * spike train data analysis", Neural Computation 14(2), 2002): with Λ(t) = ∫₀ᵗ λ(s) ds, the
 * arrival times of a non-homogeneous Poisson process are Λ⁻¹(E₁ + … + Eₙ) for i.i.d.
 * E<sub>i</sub> ~ Exp(1). Evenly spaced ("constant") arrivals use E<sub>i</sub> = 1, i.e. the
 * n-th arrival is where Λ reaches n. Λ is integrated with λ held at its mid-step value on fixed
 * steps of {@link #STEP_SEC} (exact for piecewise-constant rates aligned to steps, otherwise
 * off by at most one step at a rate jump). Example: λ = 1,000/s, evenly spaced → 0.001 s,
 * 0.002 s, …; Poisson → gaps drawn from Exp(mean 1 ms), whatever λ(t) does in between.
 *
 * <p>Cost per arrival: O(1 + gap / step). Not thread-safe: one scheduler thread owns it.
 */
final class ArrivalSchedule {
    /** Integration step of Λ(t), seconds. */
    static final double STEP_SEC = 0.001;
    /** How far {@link #nextSec()} scans a zero rate before giving up for now, seconds. */
    static final double MAX_SCAN_SEC = 1.0;

    private final DoubleUnaryOperator rateAtSec;
    private final boolean random;
    private final SplitMix64 rng;

    private double tSec;         // current position (last arrival, or end of the last scan)
    private double need = -1;    // Λ still to accumulate before the next arrival; < 0 = draw a new one
    private long stepIndex = -1;
    private double stepRate;

    /**
     * @param rateAtSec λ(t) in ops/s at t wall seconds since the start; never negative
     * @param random    exponential gaps (Poisson) when true, evenly spaced when false
     * @param seed      seed of the gap draws
     */
    ArrivalSchedule(DoubleUnaryOperator rateAtSec, boolean random, long seed) {
        this.rateAtSec = rateAtSec;
        this.random = random;
        this.rng = new SplitMix64(seed);
    }

    /** Instantaneous rate at {@code tSec}, as given. */
    double rateAt(double atSec) {
        return rateAtSec.applyAsDouble(atSec);
    }

    /**
     * The next arrival in seconds since the start, or {@code NaN} when λ stayed 0 for
     * {@link #MAX_SCAN_SEC} (call again later; the position has advanced by that much).
     */
    double nextSec() {
        if (need < 0) {
            need = random ? rng.nextExponential() : 1.0;
        }
        double limit = tSec + MAX_SCAN_SEC;
        while (tSec < limit) {
            long idx = (long) Math.floor(tSec / STEP_SEC);
            double stepEnd = (idx + 1) * STEP_SEC;
            if (stepEnd <= tSec) { // floating point at a step boundary
                idx++;
                stepEnd = (idx + 1) * STEP_SEC;
            }
            if (idx != stepIndex) {
                stepIndex = idx;
                stepRate = Math.max(0.0, rateAtSec.applyAsDouble((idx + 0.5) * STEP_SEC));
            }
            double available = stepRate * (stepEnd - tSec);
            if (available >= need && stepRate > 0) {
                tSec += need / stepRate;
                need = -1;
                return tSec;
            }
            need -= available;
            tSec = stepEnd;
        }
        return Double.NaN;
    }
}
