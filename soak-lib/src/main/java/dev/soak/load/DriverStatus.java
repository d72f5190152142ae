package dev.soak.load;

/**
 * A snapshot of a running {@link LoadDriver} for a progress display. Immutable.
 *
 * @param elapsedSec      wall seconds since {@link LoadDriver#start(IntervalListener)}
 * @param intendedRate    intended ops/s at this moment (the arrival pattern's λ)
 * @param intervalIntendedRate intended ops/s over the last full interval, the one {@code achievedRate} is of (NaN
 *                        before the first): at a burst's start λ is already the burst's while the last interval
 *                        was still the base rate's
 * @param achievedRate    completed ops/s over the last full interval (NaN before the first)
 * @param lastP99Ms       corrected p99 of the last full interval in ms (NaN before the first or when empty)
 * @param errorRate       errors / ops over the last full interval (NaN when it had no ops)
 * @param inFlight        operations started and not yet completed
 * @param completed       operations completed since start
 * @param errors          of which failed
 * @param late            operations sent later than intended beyond the tolerance, since start
 * @param dropped         operations never started (in-flight bound), since start
 * @param lastPauseMs     the generator's own longest pause in the last full interval (NaN before the first)
 */
public record DriverStatus(double elapsedSec, double intendedRate, double intervalIntendedRate, double achievedRate,
                           double lastP99Ms, double errorRate, long inFlight, long completed, long errors, long late,
                           long dropped, double lastPauseMs) {
}
