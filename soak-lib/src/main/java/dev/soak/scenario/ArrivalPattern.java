package dev.soak.scenario;

/**
 * The {@code [arrival]} section: how many operations per second are intended at each moment.
 *
 * <p>{@link #ratePerSec(double)} is the instantaneous rate λ(t) of a (possibly non-homogeneous)
 * arrival process at scenario time {@code t} seconds; it is never negative. Whether arrivals are
 * evenly spaced or random is {@link #isRandom()}. All implementations are immutable.
 */
public sealed interface ArrivalPattern
        permits ArrivalPattern.Constant, ArrivalPattern.Poisson, ArrivalPattern.Exponential,
                ArrivalPattern.PeriodicBurst, ArrivalPattern.Diurnal, ArrivalPattern.Ramp {

    /** The TOML value of {@code pattern}. */
    String patternName();

    /** Instantaneous rate λ(t) in ops/s at scenario time {@code scenarioSec} (≥ 0). */
    double ratePerSec(double scenarioSec);

    /** True when inter-arrival times are random (exponential), false when evenly spaced. */
    boolean isRandom();

    /** {@code pattern = "constant"}, {@code rate} ops/s, evenly spaced. */
    record Constant(double rate) implements ArrivalPattern {
        public String patternName() { return "constant"; }
        public double ratePerSec(double t) { return rate; }
        public boolean isRandom() { return false; }
    }

    /** {@code pattern = "poisson"}, {@code lambda} ops/s, exponential inter-arrivals. */
    record Poisson(double lambda) implements ArrivalPattern {
        public String patternName() { return "poisson"; }
        public double ratePerSec(double t) { return lambda; }
        public boolean isRandom() { return true; }
    }

    /** {@code pattern = "exponential"}, {@code lambda} ops/s, exponential inter-arrivals (the Engram tool's alias). */
    record Exponential(double lambda) implements ArrivalPattern {
        public String patternName() { return "exponential"; }
        public double ratePerSec(double t) { return lambda; }
        public boolean isRandom() { return true; }
    }

    /**
     * {@code pattern = "periodic_burst"}: {@code burst_rate} for the first {@code burst_duration_sec}
     * of every {@code burst_period_sec}, {@code base_rate} otherwise.
     */
    record PeriodicBurst(double baseRate, double burstRate, double burstDurationSec, double burstPeriodSec)
            implements ArrivalPattern {
        public String patternName() { return "periodic_burst"; }
        public double ratePerSec(double t) {
            double phase = t % burstPeriodSec;
            if (phase < 0) phase += burstPeriodSec;
            return phase < burstDurationSec ? burstRate : baseRate;
        }
        public boolean isRandom() { return true; }
    }

    /**
     * {@code pattern = "diurnal"}: a daily cycle that runs smoothly (half-cosine) from
     * {@code baseline_ops} at {@code trough_hour} up to {@code baseline_ops × peak_multiplier} at
     * {@code peak_hour} and back down. Both hours are honoured, so when they are not 12 h apart the
     * rising and falling halves have different lengths. Scenario time 0 is midnight.
     */
    record Diurnal(double baselineOps, double peakMultiplier, double peakHour, double troughHour)
            implements ArrivalPattern {
        public String patternName() { return "diurnal"; }
        public double ratePerSec(double t) {
            double hour = ((t / 3600.0) % 24.0 + 24.0) % 24.0;
            double rise = ((peakHour - troughHour) % 24.0 + 24.0) % 24.0;   // trough -> peak, hours
            double fall = 24.0 - rise;                                       // peak -> trough
            double sinceTrough = ((hour - troughHour) % 24.0 + 24.0) % 24.0;
            double up; // 0 at the trough, 1 at the peak
            if (sinceTrough <= rise) {
                up = 0.5 - 0.5 * Math.cos(Math.PI * sinceTrough / rise);
            } else {
                up = 0.5 + 0.5 * Math.cos(Math.PI * (sinceTrough - rise) / fall);
            }
            return baselineOps * (1.0 + (peakMultiplier - 1.0) * up);
        }
        public boolean isRandom() { return true; }
    }

    /**
     * {@code pattern = "ramp"}: linear from {@code start_ops} at t = 0 to {@code end_ops} at
     * {@code durationSec} (the scenario's total seconds), then held.
     */
    record Ramp(double startOps, double endOps, double durationSec) implements ArrivalPattern {
        public String patternName() { return "ramp"; }
        public double ratePerSec(double t) {
            double f = durationSec <= 0 ? 1.0 : Math.min(1.0, Math.max(0.0, t / durationSec));
            return startOps + (endOps - startOps) * f;
        }
        public boolean isRandom() { return true; }
    }
}
