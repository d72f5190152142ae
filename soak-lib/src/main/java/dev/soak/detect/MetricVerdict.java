package dev.soak.detect;

import java.util.List;

/**
 * The verdict on one tested metric (RSS, heap after GC, p99 latency, …). Immutable.
 *
 * <p>Rates are per wall hour: MB/h for memory, %/h for latency ({@code 100·(e^{b·3600} − 1)} of a
 * slope {@code b} of log latency per second). NaN means "not computed" (too few samples).
 *
 * @param metric          metric name as in the run directory ({@code rss_mb}, {@code p99_latency_ms}, …)
 * @param verdict         PASS, FAIL or INCONCLUSIVE
 * @param gating          whether this metric counts for the overall verdict (else informational)
 * @param ratePerHour     Theil–Sen rate estimate after warm-up, level shifts and load are removed
 * @param rateUnit        {@code "MB/h"} or {@code "%/h"}
 * @param ciLowPerHour    lower end of the two-sided confidence interval of the rate
 * @param ciHighPerHour   upper end of the two-sided confidence interval of the rate
 * @param confidence      the interval's confidence level (e.g. 0.90: each side is a one-sided α test)
 * @param pValue          one-sided p-value of "no growth" (H₀: rate ≤ 0), autocorrelation-aware
 * @param adjustedPValue  the p-value after Holm's correction over the gating metrics (= pValue when not gating)
 * @param levelUsed       the significance level this look was tested at (smaller on live looks)
 * @param thresholdPerHour the practical threshold from {@code [soak.thresholds]}
 * @param samplesUsed     raw samples after the warm-up cut
 * @param warmupEndSec    where the warm-up was cut (seconds since start); 0 when none
 * @param levelShifts     level shifts found and removed
 * @param loadAdjusted    whether load was used as a covariate
 * @param extraRunSec     for INCONCLUSIVE: estimated extra run time needed to decide; NaN otherwise
 * @param explanation     one human sentence saying why
 */
public record MetricVerdict(String metric, Verdict verdict, boolean gating, double ratePerHour, String rateUnit,
                            double ciLowPerHour, double ciHighPerHour, double confidence, double pValue,
                            double adjustedPValue, double levelUsed, double thresholdPerHour, int samplesUsed,
                            double warmupEndSec, List<LevelShift> levelShifts, boolean loadAdjusted,
                            double extraRunSec, String explanation) {
    public MetricVerdict {
        levelShifts = List.copyOf(levelShifts);
    }

    /** A copy with a new verdict, adjusted p-value, level and explanation (used by the Holm step). */
    MetricVerdict withDecision(Verdict newVerdict, double newAdjustedP, double newLevel, double newExtraRunSec,
                               String newExplanation) {
        return new MetricVerdict(metric, newVerdict, gating, ratePerHour, rateUnit, ciLowPerHour, ciHighPerHour,
                confidence, pValue, newAdjustedP, newLevel, thresholdPerHour, samplesUsed, warmupEndSec,
                levelShifts, loadAdjusted, newExtraRunSec, newExplanation);
    }
}
