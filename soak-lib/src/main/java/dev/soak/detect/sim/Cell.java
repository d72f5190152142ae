package dev.soak.detect.sim;

import dev.soak.stats.RunLength;

/**
 * One calibration cell: a recipe run many times. Immutable.
 *
 * @param name   short label (e.g. {@code leak10-phi0.9-s10})
 * @param kind   {@code stable}, {@code leak} or {@code drift}: what a FAIL means in this cell
 * @param spec   the recipe, including its run length
 */
public record Cell(String name, String kind, SimSpec spec) {

    /** True rate of the cell's tested quantity: MB/h for leak cells, %/h for drift cells, 0 for stable. */
    public double trueRate() {
        return switch (kind) {
            case "leak" -> spec.leakMbPerHour();
            case "drift" -> spec.driftPctPerHour();
            default -> 0;
        };
    }

    /**
     * The information limit T* in hours: the run length at which a one-sided level-α test of "no
     * trend" has power 1 − β at rate b, T* = [12·σ²_LR·(z_{1−α} + z_{1−β})² / b²]^{1/3} with
     * σ²_LR = σ²·Δ·(1 + φ)/(1 − φ) (Δ the sampling interval in hours). Leak cells use b = the
     * injected leak and power 95 %; drift cells b = ln(1 + d) and power 90 %; stable cells the
     * memory threshold (10 MB/h) at 95 %. α = 0.05. For a sawtooth heap σ is the floor's noise.
     */
    public double informationLimitHours(double thresholdMbPerHour) {
        double dh = spec.sampleSec() / 3600.0;
        if (kind.equals("drift")) {
            double b = Math.log1p(spec.driftPctPerHour() / 100);
            double s2 = RunLength.longRunVariancePerX(spec.latSigmaLog() * spec.latSigmaLog(), spec.phi(), dh);
            return RunLength.requiredSpan(s2, 0, b, 0.05, 0.90);
        }
        double b = kind.equals("leak") ? spec.leakMbPerHour() : thresholdMbPerHour;
        double s2 = RunLength.longRunVariancePerX(spec.sigmaMb() * spec.sigmaMb(), spec.phi(), dh);
        return RunLength.requiredSpan(s2, 0, b, 0.05, 0.95);
    }
}
