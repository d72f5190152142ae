package dev.soak.detect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DecisionTest {
    private static TrendPipeline.Estimate estimate(double slope, double se, double df, double usedHours) {
        return new TrendPipeline.Estimate(true, slope, se, df, 0.5, 48, (int) (usedHours * 60), usedHours, 0, false,
                List.of(), false, Double.NaN, 0, slope, Double.NaN, false, Double.NaN, usedHours * 3600, Double.NaN,
                null, null, null, null, null, Double.NaN, 0, List.of());
    }

    /** Φ(d/se(T₂) − c) at the run length asked for, with se ∝ T^{−3/2}. */
    private static double chanceOfDeciding(TrendPipeline.Estimate e, MetricVerdict v, double d, double c) {
        double t2 = e.usedHours() + v.extraRunSec() / 3600;
        double se2 = e.se() * Math.pow(e.usedHours() / t2, 1.5);
        return Normal.cdf(d / se2 - c);
    }

    @Test
    void theExtraTimeAsked_decidesWithProbability08_ifTheRateStaysAsEstimated() {
        double alpha = 0.05;
        // a flat series whose upper bound is still above the 10 MB/h threshold: the PASS boundary is 10 away
        TrendPipeline.Estimate flat = estimate(0.5, 6, 400, 8);
        MetricVerdict v = Decision.decide("rss_mb", flat, Decision.Scale.MEMORY, 10, 0.45, alpha, alpha, true, 2, false);
        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        double c = Math.max(Normal.tQuantile(1 - alpha, 400), Normal.quantile(1 - alpha / 2));
        assertThat(chanceOfDeciding(flat, v, 10 - 0.5, c)).isCloseTo(Decision.DECIDE_PROBABILITY, within(1e-9));

        // a growth of 8 MB/h, not yet significant: the FAIL boundary (8 from 0) is the farther one to cross
        TrendPipeline.Estimate growing = estimate(8, 5, 400, 8);
        MetricVerdict g = Decision.decide("rss_mb", growing, Decision.Scale.MEMORY, 10, 0.06, alpha, alpha, true, 2, false);
        assertThat(g.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(chanceOfDeciding(growing, g, 8, c)).isCloseTo(Decision.DECIDE_PROBABILITY, within(1e-9));
        assertThat(g.explanation()).contains("about " + DurationText.of(g.extraRunSec()) + " more would decide");
    }

    @Test
    void aLiveLookThatCannotFailYet_asksForAFiniteTime_plannedAtTheFinalLevel() {
        // a look before half the planned run spends nothing (level 0): before, "about Infinity h more would decide"
        double alpha = 0.05;
        TrendPipeline.Estimate growing = estimate(8, 5, 400, 1);
        MetricVerdict early = Decision.decide("rss_mb", growing, Decision.Scale.MEMORY, 10, 0.06, 0, alpha, true, 2, true);
        MetricVerdict atFinal = Decision.decide("rss_mb", growing, Decision.Scale.MEMORY, 10, 0.06, alpha, alpha, true, 2,
                true);
        assertThat(early.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(early.extraRunSec()).isFinite().isEqualTo(atFinal.extraRunSec());
        assertThat(early.explanation()).doesNotContain("Infinity")
                .contains("about " + DurationText.of(early.extraRunSec()) + " more");
    }

    @Test
    void aLiveHoldForAPlausiblePlateau_namesTheGrowthOfItsMetric_aDriftForLatency_aLeakForMemory() {
        // significant growth (5 %/h of p99, 5 MB/h… scaled to each threshold), held on a live look because a rise
        // levelling off to a plateau fits as well
        TrendPipeline.Estimate latency = new TrendPipeline.Estimate(true, 0.05, 0.005, 400, 0.5, 48, 60, 1, 0, false,
                List.of(), false, Double.NaN, 0, 0.05, Double.NaN, true, Double.NaN, 3600, Double.NaN, null, null, null,
                null, null, Double.NaN, 0, List.of());
        MetricVerdict p99 = Decision.decide("p99_latency_ms", latency, Decision.Scale.LATENCY, 2, 1e-6, 0.003, 0.05,
                true, 2, true);
        assertThat(p99.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(p99.explanation()).contains("fits as well as a steady drift so far").doesNotContain("leak");
        TrendPipeline.Estimate memory = new TrendPipeline.Estimate(true, 20, 2, 400, 0.5, 48, 60, 1, 0, false,
                List.of(), false, Double.NaN, 0, 20, Double.NaN, true, Double.NaN, 3600, Double.NaN, null, null, null,
                null, null, Double.NaN, 0, List.of());
        assertThat(Decision.decide("rss_mb", memory, Decision.Scale.MEMORY, 10, 1e-6, 0.003, 0.05, true, 2, true)
                .explanation()).contains("fits as well as a steady leak so far");
    }

    @Test
    void anIntervalAboveZero_withAGrowthNotSignificantAtTheFamilysLevel_saysWhyItIsNotAFail() {
        // 19.6 MB/h, se 10.4: one-sided p 0.030 by itself (t, 400 df), twice that after Holm over two gating metrics
        TrendPipeline.Estimate e = estimate(19.6, 10.4, 400, 3.5);
        double p = e.pValue();
        assertThat(e.interval(0.05)[0]).isPositive();
        MetricVerdict offline = Decision.decide("rss_mb", e, Decision.Scale.MEMORY, 10, 2 * p, 0.05, 0.05, true, 2,
                false);
        assertThat(offline.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        // before: "...(90 % CI 2.45 to 36.7 MB/h): not yet distinguishable from 0 or the 10.0 MB/h threshold; ..."
        assertThat(offline.explanation()).startsWith("rss_mb changes 19.6 MB/h (90 % CI 2.45 to 36.7 MB/h): its"
                + " interval lies above 0, but the growth is not significant at the level the verdict is held to"
                + " (p = 0.030, 0.060 after Holm's adjustment over 2 gating metrics, above 0.050), and the rate is not"
                + " yet distinguishable from the 10.0 MB/h threshold; about ");
        MetricVerdict live = Decision.decide("rss_mb", e, Decision.Scale.MEMORY, 10, p, 0.004, 0.05, true, 1, true);
        assertThat(live.explanation()).contains("(p = 0.030, above 0.0040, this look's share of the run's level)");
    }

    /** 25 MB/h over a 4 h window, {@code late} MB/h over its second half, the hinge's t {@code decelT}. */
    private static TrendPipeline.Estimate slowing(double decelT, double late) {
        return slowing(decelT, late, 4);
    }

    /** As above, over a window of {@code hours}. */
    private static TrendPipeline.Estimate slowing(double decelT, double late, double hours) {
        return new TrendPipeline.Estimate(true, 25, 4, 30, 0.5, 24, 240, hours, 0, false, List.of(), false, Double.NaN,
                decelT, late, Double.NaN, false, Double.NaN, hours * 3600, Double.NaN, null, null, null, null, null,
                Double.NaN, 0, List.of());
    }

    @Test
    void aGrowthLevellingOff_asksForAnHourMore_butARunOfMinutesForAsLongAgain() {
        MetricVerdict hours = Decision.decide("rss_mb", slowing(-3, 6), Decision.Scale.MEMORY, 10, 1e-6, 0.05, 0.05,
                true, 2, false);
        assertThat(hours.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(hours.extraRunSec()).isEqualTo(Decision.SHAPE_EXTRA_SEC);
        assertThat(hours.explanation()).contains("about 60 min more would tell a leak from a plateau");
        // an accelerated fault scenario's three minutes: an hour would be twenty runs' worth
        MetricVerdict minutes = Decision.decide("rss_mb", slowing(-3, 6, 0.05), Decision.Scale.MEMORY, 10, 1e-6, 0.05,
                0.05, true, 2, false);
        assertThat(minutes.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(minutes.extraRunSec()).isEqualTo(180);
        assertThat(minutes.explanation()).contains("about 3 min more would tell a leak from a plateau");
    }

    @Test
    void aGrowthSignificantOnlyBesideAHintedShift_isInconclusive_andSaysWhy() {
        // 4.08 %/h, t = 4 with a level shift tested at another metric's shift time; without it 0.84 %/h, t = 0.84
        TrendPipeline.Estimate without = estimate(0.0084162, 0.01, 1e6, 8);
        TrendPipeline.Estimate hinted = withHintedShift(without);
        assertThat(hinted.pValue()).isCloseTo(0.2, within(1e-4));
        assertThat(hinted.ownPValue()).isLessThan(1e-3);
        // the interval holds both analyses' intervals
        double[] own = withHintedShift(null).interval(0.05);
        double[] other = without.interval(0.05);
        assertThat(hinted.interval(0.05)).containsExactly(other[0], own[1]);
        // Holm over two gating metrics, this one first: 2 × 0.2
        MetricVerdict v = Decision.decide("p99", hinted, Decision.Scale.LATENCY, 2, 0.4, 0.05, 0.05, true, 2, false);
        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.pValue()).isCloseTo(0.2, within(1e-4));
        assertThat(v.ciLowPerHour()).isCloseTo(100 * Math.expm1(other[0]), within(1e-9));
        assertThat(v.explanation()).startsWith("p99 grows 4.08 %/h (90 % CI -0.80 to 5.85 %/h), 1 level shift removed,"
                + " significant (p = 0.00013) only beside a level shift tested where another metric shifted, which this"
                + " series alone does not show clearly; without it p = 0.20, and a FAIL needs both; about");
        // the time asked for is what the analysis without the shift needs to decide
        assertThat(v.extraRunSec()).isGreaterThan(Decision.decide("p99", withHintedShift(null), Decision.Scale.LATENCY,
                2, 0.4, 0.05, 0.05, true, 2, false).extraRunSec() * 5);
        // significant without the shift too: a FAIL, and nothing said of it
        TrendPipeline.Estimate both = withHintedShift(estimate(0.03, 0.01, 1e6, 8));
        MetricVerdict f = Decision.decide("p99", both, Decision.Scale.LATENCY, 2, 2 * both.pValue(), 0.05, 0.05, true,
                2, false);
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.explanation()).doesNotContain("FAIL needs both");
    }

    /** Log p99 rising 0.04 per hour (t = 4) beside a level shift kept at another metric's time, over 8 h. */
    private static TrendPipeline.Estimate withHintedShift(TrendPipeline.Estimate without) {
        return new TrendPipeline.Estimate(true, 0.04, 0.01, 40, 0.5, 48, 480, 8, 0, false,
                List.<double[]>of(new double[] {4 * 3600, 0.05}), false, Double.NaN, 0, 0.04, Double.NaN, false,
                Double.NaN, 8 * 3600, Double.NaN, null, null, null, without, null, Double.NaN, 0, List.of());
    }

    @Test
    void aFail_withARivalShift_staysAFail_butNamesTheShiftThatFitsAsWell() {
        // log p99 rising 0.04 per hour (4.08 %/h) over 8 h; one shift of ln 1.25 at 3.5 h fits as well, log B 2
        double[] rival = {3.5 * 3600, Math.log(1.25), 2};
        TrendPipeline.Estimate e = new TrendPipeline.Estimate(true, 0.04, 0.01, 40, 0.5, 48, 480, 8, 0, false,
                List.of(), false, Double.NaN, 0, 0.04, Double.NaN, false, Double.NaN, 8 * 3600, Double.NaN,
                null, rival, null, null, null, Double.NaN, 0, List.of());
        MetricVerdict v = Decision.decide("p99", e, Decision.Scale.LATENCY, 2, 1e-4, 0.05, 0.05, true, 2, false);
        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(v.explanation()).contains("threshold. Caution: one level shift of +25.0 % at 3.5 h, with no growth,"
                + " fits the series about as well (odds 7:1 for the shift, too weak to remove it); if a one-off change"
                + " (a deploy, a configuration or cache change) happened then, this is a step, not a growth.");
        // the same estimate without a rival says nothing of it; with one, a PASS does not either
        TrendPipeline.Estimate plain = new TrendPipeline.Estimate(true, 0.04, 0.01, 40, 0.5, 48, 480, 8, 0, false,
                List.of(), false, Double.NaN, 0, 0.04, Double.NaN, false, Double.NaN, 8 * 3600, Double.NaN,
                null, null, null, null, null, Double.NaN, 0, List.of());
        assertThat(Decision.decide("p99", plain, Decision.Scale.LATENCY, 2, 1e-4, 0.05, 0.05, true, 2, false)
                .explanation()).doesNotContain("Caution");
        TrendPipeline.Estimate flat = new TrendPipeline.Estimate(true, 0.001, 0.001, 40, 0.5, 48, 480, 8, 0, false,
                List.of(), false, Double.NaN, 0, 0.001, Double.NaN, false, Double.NaN, 8 * 3600, Double.NaN,
                null, rival, null, null, null, Double.NaN, 0, List.of());
        MetricVerdict pass = Decision.decide("p99", flat, Decision.Scale.LATENCY, 2, 0.2, 0.05, 0.05, true, 2, false);
        assertThat(pass.verdict()).isEqualTo(Verdict.PASS);
        assertThat(pass.explanation()).doesNotContain("Caution");
    }

    @Test
    void aFail_whoseGrowthSlowedSignificantly_staysAFail_butSaysThatAWarmUpCouldLookLikeIt() {
        MetricVerdict v = Decision.decide("rss_mb", slowing(-3, 18), Decision.Scale.MEMORY, 10, 1e-6, 0.05, 0.05, true, 2,
                false);
        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(v.explanation()).contains("significant and at least half the 10.0 MB/h threshold. Caution: the growth"
                + " slowed significantly (18.0 MB/h in the second half), as a warm-up that has not ended does; if the service"
                + " may still be warming up 4.0 h into the run, confirm with a longer run or set [soak] warmup_sec.");

        // a chance dip (t −1) is not worth a caution; a significant slowing down below the threshold is not a FAIL
        MetricVerdict dip = Decision.decide("rss_mb", slowing(-1, 18), Decision.Scale.MEMORY, 10, 1e-6, 0.05, 0.05, true, 2,
                false);
        assertThat(dip.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(dip.explanation()).doesNotContain("Caution");
        MetricVerdict levelling = Decision.decide("rss_mb", slowing(-3, 6), Decision.Scale.MEMORY, 10, 1e-6, 0.05, 0.05,
                true, 2, false);
        assertThat(levelling.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(levelling.explanation()).contains("levels off");
        // slowing at t −2 (one-sided p 0.03 at 30 degrees of freedom) to below the threshold: significant at the
        // caution's 5 %, not at the hold's 1 %, which a steady leak's chance dip reaches in 1 run of 100, not 5
        MetricVerdict slowed = Decision.decide("rss_mb", slowing(-2, 6), Decision.Scale.MEMORY, 10, 1e-6, 0.05, 0.05,
                true, 2, false);
        assertThat(slowed.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(slowed.explanation()).contains("Caution: the growth slowed significantly (6.00 MB/h in the second half)");
    }

    @Test
    void aSignificantGrowthShownToBeBelowTheThreshold_passes_andSaysItIsSignificant() {
        // 6 MB/h ± 0.5 (a run of days): significant and more than half of 10, but below 10 even at the strict bound
        TrendPipeline.Estimate tight = estimate(6, 0.5, 400, 72);
        MetricVerdict v = Decision.decide("rss_mb", tight, Decision.Scale.MEMORY, 10, 1e-9, 0.05, 0.05, true, 2, false);
        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
        double strict = 6 + Normal.tQuantile(1 - Decision.STRICT_ALPHA, 400) * 0.5;
        assertThat(strict).isBetween(7.85, 7.9);
        assertThat(v.explanation()).startsWith("rss_mb grows 6.00 MB/h (90 % CI 5.18 to 6.82 MB/h, p = 1.0e-09): a"
                + " significant growth, but below the 10.0 MB/h threshold even at its 99.99 % upper bound ("
                + String.format(java.util.Locale.ROOT, "%.2f", strict) + " MB/h).");

        // the same rate over a few hours (± 1.5): the strict bound reaches 10 (6 + 3.7 × 1.5), so it fails
        MetricVerdict shorter = Decision.decide("rss_mb", estimate(6, 1.5, 400, 8), Decision.Scale.MEMORY, 10, 1e-4,
                0.05, 0.05, true, 2, false);
        assertThat(shorter.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(shorter.explanation()).contains("significant and at least half the 10.0 MB/h threshold.");

        // however narrow the interval, a rate at the threshold fails, and one below half of it passes
        assertThat(Decision.decide("rss_mb", estimate(10, 0.01, 400, 168), Decision.Scale.MEMORY, 10, 1e-9, 0.05, 0.05,
                true, 2, false).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(Decision.decide("rss_mb", estimate(4, 0.5, 400, 72), Decision.Scale.MEMORY, 10, 1e-9, 0.05, 0.05,
                true, 2, false).explanation()).contains("below the 10.0 MB/h threshold.").doesNotContain("significant");
    }

    /**
     * 6 MB/h, 90 % CI 2.1–9.1 over the 4.2 h after a cut at half an 8.3 h run: significant and more than half of 10,
     * its 90 % bound below 10 but its strict bound far above; {@code running} a warm-up still running (the cut's),
     * {@code decelT} and {@code late} the hinge's t and second-half slope.
     */
    private static TrendPipeline.Estimate sixMbPerHour(boolean running, double decelT, double late) {
        return new TrendPipeline.Estimate(true, 6, 2, 20, 0.5, 24, 250, 4.2, running ? 4.2 * 3600 : 0, running,
                List.of(), false, Double.NaN, decelT, late, running ? 6 * 3600 : Double.NaN, false,
                running ? 3 : Double.NaN, 8.3 * 3600, Double.NaN, null, null, null, null, null, Double.NaN, 0, List.of());
    }

    @Test
    void aHeldSignificantGrowth_whoseStrictBoundReachesTheThreshold_isInconclusive_notAPass() {
        TrendPipeline.Estimate e = sixMbPerHour(true, 0, 6);
        assertThat(e.interval(0.05)[1]).isLessThan(10);
        assertThat(e.interval(Decision.STRICT_ALPHA)[1]).isGreaterThan(10);
        MetricVerdict v = Decision.decide("rss_mb", e, Decision.Scale.MEMORY, 10, 0.01, 0.05, 0.05, true, 2, false);
        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.explanation()).contains("but is still warming up").doesNotContain("below the 10.0 MB/h threshold");
        // without the hold it fails; with the growth levelling off instead it is held the same way
        assertThat(Decision.decide("rss_mb", sixMbPerHour(false, 0, 6), Decision.Scale.MEMORY, 10, 0.01, 0.05, 0.05,
                true, 2, false).verdict()).isEqualTo(Verdict.FAIL);
        MetricVerdict held = Decision.decide("rss_mb", sixMbPerHour(false, -4, 1), Decision.Scale.MEMORY, 10, 0.01,
                0.05, 0.05, true, 2, false);
        assertThat(held.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(held.explanation()).contains("levels off");
    }

    /**
     * 1.5 MB/h, se 1, over 8 h: below 10 at its 90 % bound; {@code decelT}, {@code late} and {@code lateT} the hinge's
     * t, the second-half slope and its t.
     */
    private static TrendPipeline.Estimate slowOverTheWindow(double decelT, double late, double lateT) {
        return new TrendPipeline.Estimate(true, 1.5, 1, 30, 0.5, 48, 480, 8, 0, false, List.of(), false, Double.NaN,
                decelT, late, Double.NaN, false, Double.NaN, 8 * 3600, Double.NaN, null, null, null, null, null, lateT, 0, List.of());
    }

    @Test
    void aGrowthThatSpeedsUp_toHalfTheThresholdOrMore_isNotAPass() {
        MetricVerdict v = Decision.decide("rss_mb", slowOverTheWindow(5, 8, 4), Decision.Scale.MEMORY, 10, 0.07, 0.05,
                0.05, true, 2, false);
        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.explanation()).startsWith("rss_mb changes 1.50 MB/h over the window (90 % CI")
                .contains("but the growth speeds up (8.00 MB/h in the second half, at least half the 10.0 MB/h threshold")
                .doesNotContain("below the");
        assertThat(v.extraRunSec()).isGreaterThanOrEqualTo(3600);
        // a speeding up within chance (t 2 at 30 df, above 1 % one-sided only at 2.46), to a second half below half
        // the threshold, or to one whose growth is not significant (a fall that stopped: t 1 against 1.70), is a PASS
        for (TrendPipeline.Estimate e : List.of(slowOverTheWindow(2, 8, 4), slowOverTheWindow(5, 4.9, 4),
                slowOverTheWindow(5, 8, 1))) {
            assertThat(Decision.decide("rss_mb", e, Decision.Scale.MEMORY, 10, 0.07, 0.05, 0.05, true, 2, false)
                    .verdict()).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void aPassBesideAShiftThatARisingSlopeFitsAsWell_isInconclusive_butAFailStays() {
        // 0.86 MB/h, se 0.5, beside a +23 MB shift at 7 h; the slope rising at 5.8 h fits as well as that shift
        TrendPipeline.Estimate e = new TrendPipeline.Estimate(true, 0.86, 0.5, 30, 0.5, 48, 480, 8, 0, false,
                List.<double[]>of(new double[] {7 * 3600, 23}), false, Double.NaN, 0, 0.86, Double.NaN, false,
                Double.NaN, 8 * 3600, Double.NaN, null, null, null, null, new double[] {5.8 * 3600, 20}, Double.NaN, 0, List.of());
        MetricVerdict v = Decision.decide("rss_mb", e, Decision.Scale.MEMORY, 10, 0.1, 0.05, 0.05, true, 2, false);
        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.explanation()).startsWith("rss_mb changes 0.86 MB/h (90 % CI").contains(", 1 level shift removed, but"
                + " a change of slope at 5.8 h fits the series as well as the level shift removed there: a growth that"
                + " began then, not a one-off step, would not be below the 10.0 MB/h threshold; about ");
        TrendPipeline.Estimate strong = new TrendPipeline.Estimate(true, 12, 2, 30, 0.5, 48, 480, 8, 0, false,
                List.<double[]>of(new double[] {7 * 3600, 23}), false, Double.NaN, 0, 12, Double.NaN, false,
                Double.NaN, 8 * 3600, Double.NaN, null, null, null, null, new double[] {5.8 * 3600, 20}, Double.NaN, 0, List.of());
        assertThat(Decision.decide("rss_mb", strong, Decision.Scale.MEMORY, 10, 1e-5, 0.05, 0.05, true, 2, false)
                .verdict()).isEqualTo(Verdict.FAIL);
        // a change of slope after which the series grows below half the threshold (a fall that stopped) holds nothing
        TrendPipeline.Estimate levelled = new TrendPipeline.Estimate(true, 0.86, 0.5, 30, 0.5, 48, 480, 8, 0, false,
                List.<double[]>of(new double[] {7 * 3600, -23}), false, Double.NaN, 0, 0.86, Double.NaN, false,
                Double.NaN, 8 * 3600, Double.NaN, null, null, null, null, new double[] {5.8 * 3600, 0.3}, Double.NaN, 0, List.of());
        assertThat(Decision.decide("rss_mb", levelled, Decision.Scale.MEMORY, 10, 0.1, 0.05, 0.05, true, 2, false)
                .verdict()).isEqualTo(Verdict.PASS);
    }

    /** 20 MB/h over 4 h (se 1) beside one level shift {@code step} ({tSec, MB}), which is a sudden fall or not. */
    private static TrendPipeline.Estimate climbBeside(double[] step, boolean sudden) {
        return new TrendPipeline.Estimate(true, 20, 1, 40, 0.5, 24, 240, 4, 0, false, List.of(step), false,
                Double.NaN, 0, 20, Double.NaN, false, Double.NaN, 4 * 3600, Double.NaN, null, null, null, null, null,
                Double.NaN, 0, sudden ? List.of(step) : List.of());
    }

    @Test
    void aFailThatASuddenFallTakesBack_isInconclusive_untilASecondFallCanBeSeen() {
        // −40 MB in one sample at 2 h, after 40 MB of growth: a cache cleared once looks like this
        double[] fall = {7200, -40};
        MetricVerdict held = Decision.decide("rss_mb", climbBeside(fall, true), Decision.Scale.MEMORY, 10, 1e-9, 0.05,
                0.05, true, 2, false);
        assertThat(held.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(held.explanation()).contains("but fell back by 40.0 MB at 2.0 h, at least half of what it had grown");
        // the next fall is due a tooth (2 h) after this one; with half a tooth to spare, at 5 h: an hour after the end
        assertThat(held.extraRunSec()).isEqualTo(3600);

        // the same shift as a slow excursion of the noise, not a fall in one sample; a sudden fall that takes back
        // less than half of the growth before it (−15 MB after 40); a sudden rise
        assertThat(Decision.decide("rss_mb", climbBeside(fall, false), Decision.Scale.MEMORY, 10, 1e-9, 0.05, 0.05,
                true, 2, false).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(Decision.decide("rss_mb", climbBeside(new double[] {7200, -15}, true), Decision.Scale.MEMORY, 10,
                1e-9, 0.05, 0.05, true, 2, false).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(Decision.decide("rss_mb", climbBeside(new double[] {7200, 40}, true), Decision.Scale.MEMORY, 10,
                1e-9, 0.05, 0.05, true, 2, false).verdict()).isEqualTo(Verdict.FAIL);
        // a small early fall taking back all that had grown by then (−12 MB after 20), after which the line climbs
        // 60 MB, five times what it released: no cache's tooth, a growth
        assertThat(Decision.decide("rss_mb", climbBeside(new double[] {3600, -12}, true), Decision.Scale.MEMORY, 10,
                1e-9, 0.05, 0.05, true, 2, false).verdict()).isEqualTo(Verdict.FAIL);
        // a fall of 35 MB at 3 h (after 60 grown), the line climbing 20 MB after it: as a cache would, held
        assertThat(Decision.decide("rss_mb", climbBeside(new double[] {3 * 3600, -35}, true), Decision.Scale.MEMORY, 10,
                1e-9, 0.05, 0.05, true, 2, false).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void tooFewSamples_asksForAsLongAgain() {
        TrendPipeline.Estimate few = TrendPipeline.Estimate.insufficient(3, 40, 45);
        MetricVerdict v = Decision.decide("rss_mb", few, Decision.Scale.MEMORY, 10, Double.NaN, 0.05, 0.05, true, 2, false);
        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.extraRunSec()).isEqualTo(45);
        assertThat(v.explanation()).contains("too few samples").contains("as long again (45 s more)");
    }

    @Test
    void theFinalAnalysesOfAnExtensibleRun_halveTheLevel_soTheyTogetherSpendAlpha() {
        assertThat(AnalysisOptions.builder().build().levelOfThisLook()).isEqualTo(0.05);
        double spent = 0;
        for (int j = 1; j <= 40; j++) {
            double level = AnalysisOptions.builder().finalLook(j).build().levelOfThisLook();
            assertThat(level).isEqualTo(0.05 / Math.pow(2, j));
            spent += level;
        }
        assertThat(spent).isLessThanOrEqualTo(0.05).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void aLatencyGrowthTooFastForPercentPerHour_saysHowOftenItDoubles() {
        // a p99 that grows twentyfold an hour (an accelerated fault scenario): "+1900 %/h" is written ">+900 %/h"
        TrendPipeline.Estimate fast = estimate(Math.log(20), 0.1, 400, 2);
        MetricVerdict v = Decision.decide("p99_latency_ms", fast, Decision.Scale.LATENCY, 2, 1e-6, 0.05, 0.05, true, 2,
                false);
        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        // ln 2 / ln 20 h = 13.9 min
        assertThat(v.explanation()).startsWith("p99_latency_ms grows >+900 %/h, doubling every 14 min (90 % CI");
        // within the range %/h can say, no pace: +300 %/h
        MetricVerdict slower = Decision.decide("p99_latency_ms", estimate(Math.log(4), 0.1, 400, 2),
                Decision.Scale.LATENCY, 2, 1e-6, 0.05, 0.05, true, 2, false);
        assertThat(slower.explanation()).startsWith("p99_latency_ms grows 300 %/h (90 % CI").doesNotContain("doubling");
    }
}
