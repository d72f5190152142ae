package dev.soak.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The three-way decision on one trend estimate (DETECTION-NOTES "Decision rule").
 *
 * <p>With slope b̂, standard error se and effective degrees of freedom ν (all per hour, in the
 * metric's working unit: MB, or log latency), threshold b₁ and one-sided p = P(t_ν &gt; b̂/se):
 * <ul>
 *   <li>FAIL when the (Holm-adjusted) p-value is at most the look's level (H₀: b ≤ 0) and
 *       b̂ ≥ {@link #PRACTICAL_FRACTION}·b₁, unless the growth levels off: the warm-up fit says the warm-up has not
 *       ended, or the change of slope at mid-window is significantly negative (one-sided
 *       {@link #DECEL_ALPHA}) and the second-half slope is below b₁, or (live looks only) a rising plateau fits as well as the line
 *       ({@code Warmup.plateauFitsAsWell}); a live FAIL must also persist across two looks
 *       ({@link Analysis}). At the information limit T* (where the standard error is b₁/(z_{1−α}+z_{1−β})) the two FAIL
 *       conditions coincide, so a leak at the threshold fails with the design power, while a
 *       significant but small growth (below b₁/2) never fails. Nor does a growth shown to lie below b₁: one whose
 *       one-sided upper bound at the strict level {@link #STRICT_ALPHA} is below b₁ PASSes. Up to about 1.6·T* that
 *       bound stays above b₁ while b̂ ≥ b₁/2 at the standard error T* implies (b̂ + 3.7·se ≥ b₁ there), so this
 *       changes little at the run lengths the design power is stated for; over longer runs the estimate a FAIL needs
 *       rises from b₁/2 toward b₁ as the interval narrows, so that over days a leak of 5 MB/h against a 10 MB/h
 *       threshold PASSes, as the threshold says, where b₁/2 alone failed it in about half the 3-day runs. Were se
 *       known, a leak at b₁ would lose {@link #STRICT_ALPHA} of its power to it at any run length; estimated, it
 *       cost 0.1 point where se is least sure (10 MB/h at φ 0.97 per minute, σ 10 MB, 1.5·T*, 2000 runs: 89.8 →
 *       89.7 %; docs/calibration.md, twenty-sixth session). A FAIL whose growth slowed significantly (the
 *       same deceleration test at {@link #CAUTION_ALPHA}) while staying above b₁, or below it at a level between
 *       {@link #DECEL_ALPHA} and {@link #CAUTION_ALPHA}, keeps its verdict, since blocking it would cost power on
 *       strong steady trends, but says so: a warm-up of hours in a run a few hours long (τ = 3 h in 4 h) fails
 *       in about 42 % of runs, and a third of those FAILs carry the caution, against 0–3.4 % of the FAILs of
 *       steady leaks and drifts (13 % for a 20 MB/h leak at φ 0.97 per minute, σ 10 MB; docs/calibration.md,
 *       thirteenth session);</li>
 *   <li>otherwise PASS when the upper one-sided (1 − α) bound b̂ + t_{ν,1−α}·se is below b₁ (so a
 *       significant growth between b₁/2 and b₁ whose strict bound reaches b₁ fails rather than passes, and is
 *       INCONCLUSIVE when a still-running warm-up or a levelling-off holds the FAIL: until the twenty-eighth session
 *       it PASSed there, its verdict saying it lay "below the threshold even at its 99.99 % upper bound" of, say,
 *       42 MB/h against 10), unless the growth speeds up: the change of slope at mid-window is significantly
 *       positive (one-sided {@link #DECEL_ALPHA}) and the second half grows significantly (one-sided α) at b₁/2 or
 *       more, as a leak that began during the run, whose average over the window is small; or a level shift taken
 *       out is fitted as well by a change of slope after which the series grows at b₁/2 or more (INCONCLUSIVE;
 *       thirty-sixth session);</li>
 *   <li>otherwise INCONCLUSIVE, with the extra time from se ∝ T^{−3/2} (Var(b̂) ≈ 12σ²_LR/T³): the
 *       run length T₂ at which (c + z_{0.8})·se(T₂) equals the distance d from the estimate to the boundary
 *       it is nearer to crossing (c the critical value). If the rate is what it is now, the estimate at T₂
 *       lies past the boundary with probability Φ(d/se(T₂) − c) = 0.8 ({@link #DECIDE_PROBABILITY}); at
 *       c·se = d alone it would be a coin toss. Calibration continues the INCONCLUSIVE runs by the time
 *       asked for: 77–98 % of them decide in the plain 10 MB/h leak cells, 42–100 % in the stable cells
 *       (docs/calibration.md, eighth session). With too few samples for any estimate it asks for the time that
 *       leaves the minimum of blocks after a warm-up that cut them, else for as long again.</li>
 * </ul>
 * Stateless, thread-safe.
 */
final class Decision {
    /** FAIL needs the estimate to reach this fraction of the threshold. */
    static final double PRACTICAL_FRACTION = 0.5;
    /**
     * A growth whose one-sided upper bound at this level lies below the threshold PASSes even when it is significant
     * and at least {@link #PRACTICAL_FRACTION} of it: the chance that a rate exactly at the threshold does so, were
     * its standard error known (a 99.99 % bound).
     */
    static final double STRICT_ALPHA = 0.0001;
    /**
     * The least extra time (s) an INCONCLUSIVE held for the shape of its growth asks for (a warm-up still running, a
     * growth levelling off or speeding up, a fall or a change of slope that a second one would confirm): an hour, the
     * time such shapes take to show in a run of hours. A run shorter than that (an accelerated fault scenario of a few
     * minutes) is asked for as long again instead ({@link #atLeast}).
     */
    static final double SHAPE_EXTRA_SEC = 3600;
    /** The chance of a decision after the extra run time an INCONCLUSIVE asks for, if the rate stays as estimated. */
    static final double DECIDE_PROBABILITY = 0.8;
    /** Its normal quantile, z₀.₈. */
    private static final double Z_DECIDE = Normal.quantile(DECIDE_PROBABILITY);
    /**
     * One-sided level of the deceleration test that holds a FAIL in the final analysis (with a second-half slope
     * below b₁: "the growth levels off"). A steady trend slows by chance at this level, and a leak at the threshold
     * then has its second half below b₁ about half the time, so the hold costs such a leak about half this level
     * of its power: at 5 % (until the twenty-seventh session) 10 MB/h at φ 0.97 per minute, σ 10 MB, 1.5·T* FAILed
     * in 89.7 % of 2000 runs, at 1 % in 94.4 % (2.5 %: 92.7 %); on the full grid (200 paired runs per cell) 44
     * leak and drift cells gained 0.5–5.5 points, the plain stable cells and every warm-up cell below 5 % were
     * unchanged, and five stable cells rose by 2–3 runs of 200: three already over 5 % (a warm-up filling 8 h of
     * persistent noise, wander, a small p99 step), diurnal 8 h 2.5 → 3.5 %, and the φ 0.97 cell with white noise,
     * at the line, 4.5 → 5.5 % (4.5 → 4.6 % over 2000 runs). A slowing between the two
     * levels is named in the FAIL's note instead ({@link #CAUTION_ALPHA}; docs/calibration.md, "Twenty-seventh
     * session").
     */
    static final double DECEL_ALPHA = 0.01;
    /*
     * The same test at DECEL_ALPHA the other way (the growth speeds up into a second half that grows significantly,
     * one-sided at α, by at least b₁/2, the share of b₁ a FAIL needs) holds a PASS as INCONCLUSIVE: 20 MB/h that
     * began 6 h into an 8 h run (40 MB at σ 3 MB, φ 0.5) PASSed in 40 of 40 runs at the window's rate of about
     * 1.5 MB/h, its second half's 8 MB/h unseen. A FAIL is not held by it, so no FAIL share moves.
     */
    /**
     * A FAIL is held as INCONCLUSIVE when a level shift against the growth that is a sudden fall (in one sample,
     * {@code Sawtooth.falls}; on a heap's lower envelope, from one block's minimum to the next) takes back at least
     * this share of what the series grew in the window before it ({@link #fallBack}): memory released again and
     * again (a cache cleared every 2 h) climbs between its falls at a leak's pace, and with one fall in the window
     * its floor cannot be told from a line ({@link Sawtooth} needs two).
     * A cache of 40 MB teeth every 1.5–2.5 h over 4 h, φ 0.5, σ 3 MB: 7 of 40 runs FAILed at 17–21 MB/h beside one
     * fall of 30–46 MB. A shift of the search that is no sudden fall, a slow excursion of the noise, does not hold:
     * without that condition a 2 %/h drift at φ 0.5 lost 2 of 100 FAILs and a leak on a GC sawtooth 1 of 100
     * (`calibrate --quick`), beside searched shifts down early in the window (docs/calibration.md, "Thirty-seventh
     * session").
     */
    static final double FALL_BACK_FRACTION = 0.5;
    /**
     * A fall holds a FAIL only while the line grows after it by at most this many times what the fall released: a
     * cache climbs back about one tooth after each fall (one and a quarter with the grid's ±25 % period), a growth that
     * climbs far beyond it is no cache. A p99 growing ×15 in a minute beside a chance 16 % dip 6 s into the window (all
     * it had grown by then) was INCONCLUSIVE on that dip (`SoakRunTimedIntegrationTest.latencyDrift`, once in CI).
     */
    static final double CLIMB_AFTER_FALL_MAX = 2;
    /** One-sided level of the same test at which a FAIL says that the growth slowed ("Caution: …"). */
    static final double CAUTION_ALPHA = 0.05;
    /** The same on live looks: any sign of slowing down (t &lt; 0) blocks a live FAIL, because it aborts the run and the final analysis still comes. */
    static final double DECEL_ALPHA_LIVE = 0.5;

    private Decision() {
    }

    /** How a slope in working units per hour is shown: MB/h as is, log latency as %/h. */
    enum Scale {
        MEMORY("MB/h", "MB", "leak"), LATENCY("%/h", "%", "drift"), COUNT("/h", "", "leak");

        final String unit;
        final String levelUnit;
        /** What a lasting growth of such a metric is called in the explanations. */
        final String growth;

        Scale(String unit, String levelUnit, String growth) {
            this.unit = unit;
            this.levelUnit = levelUnit;
            this.growth = growth;
        }

        double show(double slopePerHour) {
            return this == LATENCY ? 100 * Math.expm1(slopePerHour) : slopePerHour;
        }

        double working(double shownPerHour) {
            return this == LATENCY ? Math.log1p(shownPerHour / 100) : shownPerHour;
        }

        double showLevel(double delta) {
            return this == LATENCY ? 100 * Math.expm1(delta) : delta;
        }
    }

    /** A verdict from an estimate; {@code level} is the FAIL level, {@code alpha} the PASS/CI level. */
    static MetricVerdict decide(String metric, TrendPipeline.Estimate e, Scale scale, double thresholdShown,
                                double pAdjusted, double level, double alpha, boolean gating, int nGating,
                                boolean live) {
        List<LevelShift> shifts = new ArrayList<>();
        for (double[] s : e.steps()) {
            shifts.add(new LevelShift(s[0], scale.showLevel(s[1]), scale.levelUnit));
        }
        // in the order they happened, not the order the search found them (largest first)
        shifts.sort(java.util.Comparator.comparingDouble(LevelShift::tSec));
        if (!e.ok()) {
            return tooFewSamples(metric, e, scale, thresholdShown, level, alpha, gating, shifts);
        }
        double thr = scale.working(thresholdShown);
        double[] interval = e.interval(alpha);
        double lo = interval[0];
        double hi = interval[1];
        double p = e.pValue();
        Verdict v;
        double extraSec = Double.NaN;
        String why;
        String ci = String.format(Locale.ROOT, "%.0f %% CI %s to %s %s", 100 * (1 - 2 * alpha),
                rate(scale, lo), rate(scale, hi), scale.unit);
        String ctx = context(e);
        boolean levelsOff = !(e.lateSlope() >= thr);
        boolean decelerating = e.decelT() < -Normal.tQuantile(1 - (live ? DECEL_ALPHA_LIVE : DECEL_ALPHA), e.df())
                && levelsOff;
        // the reverse of levelling off: a growth that began during the run, whose average over the window is small
        boolean speedsUp = e.decelT() > Normal.tQuantile(1 - DECEL_ALPHA, e.df())
                && e.lateSlope() >= PRACTICAL_FRACTION * thr && e.lateT() > Normal.tQuantile(1 - alpha, e.df());
        boolean warming = e.warmupRunning() || live && e.plateauPlausible();
        boolean significant = pAdjusted <= level && e.slope() >= PRACTICAL_FRACTION * thr;
        double strictHi = significant ? e.interval(STRICT_ALPHA)[1] : Double.NaN;
        boolean wouldFail = significant && !(strictHi < thr) && !decelerating && !warming;
        double[] fall = wouldFail && !e.isNoiseFree() ? fallBack(e) : null;
        if (wouldFail && fall == null) {
            v = Verdict.FAIL;
            why = e.isNoiseFree()
                    ? String.format(Locale.ROOT, "%s, at or above the %s %s threshold.", noiseFree(metric, e, scale),
                            fmt(thresholdShown), scale.unit)
                    : String.format(Locale.ROOT, "%s grows %s %s%s (%s, p = %.2g)%s: significant and at least half the %s %s threshold.",
                            metric, rate(scale, e.slope()), scale.unit, pace(scale, e.slope()), ci, pAdjusted, ctx,
                            fmt(thresholdShown), scale.unit);
            if (e.decelT() < -Normal.tQuantile(1 - CAUTION_ALPHA, e.df())) {
                why += String.format(Locale.ROOT, " Caution: the growth slowed significantly (%s %s in the second half),"
                        + " as a warm-up that has not ended does; if the service may still be warming up %s into the run,"
                        + " confirm with a longer run or set [soak] warmup_sec.",
                        rate(scale, e.lateSlope()), scale.unit, DurationText.of(e.seriesEndSec()));
            }
            if (e.rivalShift() != null) {
                // {tSec, size, log Bayes factor} of one shift with no trend that fits about as well
                double[] r = e.rivalShift();
                String unit = scale.levelUnit.isEmpty() ? "" : " " + scale.levelUnit;
                why += String.format(Locale.ROOT, " Caution: one level shift of %s%s at %s, with no growth, fits the"
                        + " series about as well (odds %.0f:1 for the shift, too weak to remove it); if a one-off change"
                        + " (a deploy, a configuration or cache change) happened then, this is a step, not a growth.",
                        signed(scale.showLevel(r[1])), unit, DurationText.of(r[0]), Math.exp(r[2]));
            }
        } else if (fall != null) {
            v = Verdict.INCONCLUSIVE;
            double toothSec = 3600 * -fall[1] / e.slope();
            extraSec = atLeast(e, SHAPE_EXTRA_SEC, Math.max(extraSec(e, thr, alpha, level, nGating),
                    fall[0] + 1.5 * toothSec - e.seriesEndSec()));
            String unit = scale.levelUnit.isEmpty() ? "" : " " + scale.levelUnit;
            why = String.format(Locale.ROOT, "%s grows %s %s (%s, p = %.2g)%s, but fell back by %s%s at %s, at least"
                            + " half of what it had grown in the window before: a level released again and again (a cache"
                            + " cleared on a schedule) climbs like this between its falls, and one fall cannot tell its"
                            + " floor from a line; about %s more, for a second fall, would decide.", metric,
                    rate(scale, e.slope()), scale.unit, ci, pAdjusted, ctx, fmt(-scale.showLevel(fall[1])), unit,
                    DurationText.of(fall[0]), DurationText.of(extraSec));
        } else if (speedsUp) {
            v = Verdict.INCONCLUSIVE;
            extraSec = atLeast(e, SHAPE_EXTRA_SEC, extraSec(e, thr, alpha, level, nGating));
            why = String.format(Locale.ROOT, "%s changes %s %s over the window (%s)%s, but the growth speeds up (%s %s in"
                            + " the second half, at least half the %s %s threshold), as a %s that began during the run"
                            + " does; about %s more would decide.", metric, rate(scale, e.slope()), scale.unit, ci, ctx,
                    rate(scale, e.lateSlope()), scale.unit, fmt(thresholdShown), scale.unit, scale.growth,
                    DurationText.of(extraSec));
        } else if (e.slopeChange() != null && e.slopeChange()[1] >= PRACTICAL_FRACTION * thr
                && (hi < thr || significant && strictHi < thr)) {
            v = Verdict.INCONCLUSIVE;
            extraSec = atLeast(e, SHAPE_EXTRA_SEC, extraSec(e, thr, alpha, level, nGating));
            why = String.format(Locale.ROOT, "%s changes %s %s (%s)%s, but a change of slope at %s fits the series as well"
                            + " as the level shift removed there: a growth that began then, not a one-off step, would"
                            + " not be below the %s %s threshold; about %s more would decide.", metric,
                    rate(scale, e.slope()), scale.unit, ci, ctx, DurationText.of(e.slopeChange()[0]),
                    fmt(thresholdShown), scale.unit, DurationText.of(extraSec));
        } else if (hi < thr && e.isNoiseFree()) {
            v = Verdict.PASS;
            why = String.format(Locale.ROOT, "%s, below the %s %s threshold.", noiseFree(metric, e, scale),
                    fmt(thresholdShown), scale.unit);
        } else if (significant && strictHi < thr) {
            v = Verdict.PASS;
            why = String.format(Locale.ROOT, "%s grows %s %s (%s, p = %.2g)%s: a significant growth, but below the %s %s"
                            + " threshold even at its %s %% upper bound (%s %s).", metric, rate(scale, e.slope()),
                    scale.unit, ci, pAdjusted, ctx, fmt(thresholdShown), scale.unit,
                    String.format(Locale.ROOT, "%.2f", 100 * (1 - STRICT_ALPHA)), rate(scale, strictHi), scale.unit);
        } else if (hi < thr && !significant) {
            // a significant growth whose strict bound reaches b₁ would have failed but for a hold (a warm-up still
            // running, a growth levelling off): the hold makes it INCONCLUSIVE, never a PASS
            v = Verdict.PASS;
            why = String.format(Locale.ROOT, "%s changes %s %s (%s)%s: below the %s %s threshold.", metric,
                    rate(scale, e.slope()), scale.unit, ci, ctx, fmt(thresholdShown), scale.unit);
        } else {
            v = Verdict.INCONCLUSIVE;
            extraSec = extraSec(e, thr, alpha, level, nGating);
            if (!e.warmupRunning() && warming && significant) {
                extraSec = atLeast(e, SHAPE_EXTRA_SEC, extraSec);
                why = String.format(Locale.ROOT, "%s grows %s %s (%s)%s, but a rise levelling off to a plateau fits as well as a steady %s so far; not failing on a live look, about %s more would tell them apart.",
                        metric, rate(scale, e.slope()), scale.unit, ci, ctx, scale.growth, DurationText.of(extraSec));
            } else if (warming && significant) {
                double endSec = e.warmupEndEstimateSec();
                extraSec = atLeast(e, SHAPE_EXTRA_SEC, 2 * endSec - (e.warmupEndSec() + e.usedHours() * 3600));
                why = String.format(Locale.ROOT, "%s grows %s %s (%s) but is still warming up: a saturating fit puts the end of warm-up near %s, so a %s cannot be told from the approach to a plateau; run about %s longer (or set warmup_sec).",
                        metric, rate(scale, e.slope()), scale.unit, ci, DurationText.of(endSec), scale.growth,
                        DurationText.of(extraSec));
            } else if (decelerating && significant) {
                extraSec = atLeast(e, SHAPE_EXTRA_SEC, extraSec);
                why = String.format(Locale.ROOT, "%s grows %s %s (%s)%s but the growth levels off (%s %s in the second half), like a warm-up that has not ended; about %s more would tell a %s from a plateau.",
                        metric, rate(scale, e.slope()), scale.unit, ci, ctx, rate(scale, e.lateSlope()), scale.unit,
                        DurationText.of(extraSec), scale.growth);
            } else if (hintedShiftDecides(e, pAdjusted, level)) {
                extraSec = Math.max(extraSec, extraSec(e.withoutHinted(), thr, alpha, level, nGating));
                why = String.format(Locale.ROOT, "%s grows %s %s (%s)%s, significant (p = %.2g) only beside a level shift"
                        + " tested where another metric shifted, which this series alone does not show clearly; without"
                        + " it p = %.2g, and a FAIL needs both; about %s more would decide.",
                        metric, rate(scale, e.slope()), scale.unit, ci, ctx, e.ownPValue(), e.withoutHinted().ownPValue(),
                        DurationText.of(extraSec));
            } else if (lo > 0) {
                // the interval, at the metric's own α, excludes 0 while the test, after Holm's adjustment or at a
                // live look's share of the level, does not: say so, or "(90 % CI 5.14 to 34.0 MB/h): not yet
                // distinguishable from 0" reads as a contradiction
                why = String.format(Locale.ROOT, "%s changes %s %s (%s)%s: its interval lies above 0, but the growth is"
                                + " not significant at the level the verdict is held to (p = %.2g%s, above %.2g%s),"
                                + " and the rate is not yet distinguishable from the %s %s threshold; about %s more would"
                                + " decide.",
                        metric, rate(scale, e.slope()), scale.unit, ci, ctx, p,
                        pAdjusted > p ? String.format(Locale.ROOT, ", %.2g after Holm's adjustment over %d gating"
                                + " metrics", pAdjusted, nGating) : "",
                        level, live ? ", this look's share of the run's level" : "",
                        fmt(thresholdShown), scale.unit, DurationText.of(extraSec));
            } else {
                why = String.format(Locale.ROOT, "%s changes %s %s (%s)%s: not yet distinguishable from 0 or the %s %s threshold; about %s more would decide.",
                        metric, rate(scale, e.slope()), scale.unit, ci, ctx, fmt(thresholdShown), scale.unit,
                        DurationText.of(extraSec));
            }
        }
        return new MetricVerdict(metric, v, gating, scale.show(e.slope()), scale.unit, scale.show(lo), scale.show(hi),
                1 - 2 * alpha, p, pAdjusted, level, thresholdShown, e.samples(), e.warmupEndSec(), shifts,
                e.loadAdjusted(), extraSec, why);
    }

    /**
     * INCONCLUSIVE with no estimate: too few samples, or too few left after the warm-up. With nothing to extrapolate a
     * standard error from, it asks for the run time that leaves the pipeline its minimum of blocks after a warm-up that
     * cut them ({@link TrendPipeline.Estimate#neededEndSec}), otherwise for as long again: first guesses, and a run
     * that may be extended asks again at the end of the time added.
     */
    private static MetricVerdict tooFewSamples(String metric, TrendPipeline.Estimate e, Scale scale,
                                               double thresholdShown, double level, double alpha, boolean gating,
                                               List<LevelShift> shifts) {
        double end = e.seriesEndSec();
        double warmEnd = e.warmupEndSec();
        double afterWarmup = e.neededEndSec() - end;
        double extraSec;
        String ask;
        if (warmEnd > 0 && afterWarmup > 0) {
            extraSec = afterWarmup;
            ask = String.format(Locale.ROOT, "the warm-up ends at %s and a trend needs %d blocks after it; run at least"
                    + " %s more (about %s in all)", DurationText.of(warmEnd), TrendPipeline.MIN_BLOCKS + 1,
                    DurationText.of(extraSec), DurationText.of(end + extraSec));
        } else {
            extraSec = end > 0 ? end : Double.NaN;
            ask = Double.isNaN(extraSec) ? "run longer"
                    : "run at least as long again (" + DurationText.of(extraSec) + " more)";
        }
        return new MetricVerdict(metric, Verdict.INCONCLUSIVE, gating, Double.NaN, scale.unit, Double.NaN,
                Double.NaN, 1 - 2 * alpha, Double.NaN, Double.NaN, level, thresholdShown, e.samples(), warmEnd,
                shifts, false, extraSec, String.format(Locale.ROOT,
                        "%s: too few samples after warm-up (%d in %d blocks) to estimate a trend; %s.",
                        metric, e.samples(), e.blocks(), ask));
    }

    /**
     * The extra run time (s) after which the estimate would lie past the boundary it is nearer to crossing with
     * probability {@link #DECIDE_PROBABILITY}, if the rate stays as estimated (see the class comment).
     */
    private static double extraSec(TrendPipeline.Estimate e, double thr, double alpha, double level, int nGating) {
        double d = Math.max(e.slope() >= PRACTICAL_FRACTION * thr ? e.slope() : 0,
                e.slope() < thr ? thr - e.slope() : 0);
        // a live look before alpha spending begins has level 0 (it cannot FAIL): the decision it plans for is a later
        // look's, so the time is planned at the final analysis's level rather than at an infinite bar
        double failLevel = level > 0 ? level : alpha;
        double crit = Math.max(Normal.tQuantile(1 - alpha, e.df()), Normal.quantile(1 - failLevel / Math.max(1, nGating)));
        double neededH = e.usedHours() * Math.pow((crit + Z_DECIDE) * e.se() / d, 2.0 / 3.0);
        return atLeast(e, Math.max(0.1 * e.usedHours(), 0.25) * 3600, (neededH - e.usedHours()) * 3600);
    }

    /**
     * {@code sec}, but at least {@code floorSec}, or the run so far when that is shorter: an hour asked of a run of
     * three minutes is twenty runs' worth, and its next look or extension would come long after the question.
     */
    private static double atLeast(TrendPipeline.Estimate e, double floorSec, double sec) {
        return Math.max(Math.min(floorSec, e.seriesEndSec()), sec);
    }

    /**
     * The largest level shift {tSec, size} against a growing estimate that is a sudden fall and takes
     * back at least {@link #FALL_BACK_FRACTION} of what the line grew from the window's start to it, after which the
     * line grows at most {@link #CLIMB_AFTER_FALL_MAX} times the fall; null when there is none.
     */
    private static double[] fallBack(TrendPipeline.Estimate e) {
        double fromSec = e.seriesEndSec() - e.usedHours() * 3600;
        double[] largest = null;
        for (double[] s : e.suddenFalls()) {
            double grown = e.slope() * Math.max(0, s[0] - fromSec) / 3600;
            double climbsAfter = e.slope() * Math.max(0, e.seriesEndSec() - s[0]) / 3600;
            if (e.slope() > 0 && s[1] < 0 && -s[1] >= FALL_BACK_FRACTION * grown
                    && climbsAfter <= CLIMB_AFTER_FALL_MAX * -s[1]
                    && (largest == null || s[1] < largest[1])) {
                largest = s;
            }
        }
        return largest;
    }

    /**
     * Whether the FAIL was withheld only because the growth is not significant without the level shifts kept at
     * another metric's shift time ({@link TrendPipeline.Estimate#pValue}): its own p-value, scaled by the same Holm
     * factor as the reported one, is within the level while the one used is not.
     */
    private static boolean hintedShiftDecides(TrendPipeline.Estimate e, double pAdjusted, double level) {
        double own = e.ownPValue();
        return e.withoutHinted() != null && e.withoutHinted().ownPValue() > own && pAdjusted > level
                && pAdjusted / e.pValue() * own <= level;
    }

    /** What a series with no noise did ({@link TrendPipeline.Estimate#noiseFree}), without the threshold. */
    private static String noiseFree(String metric, TrendPipeline.Estimate e, Scale scale) {
        String block = DurationText.of(e.usedHours() * 3600 / e.blocks());
        int k = e.steps().size();
        String shifts = k == 1 ? "its level shift" : "its " + k + " level shifts";
        if (e.isFlat()) {
            return k == 0
                    ? String.format(Locale.ROOT, "%s did not change: its level held one value in every %s block of the"
                            + " run, so it grows 0 %s", metric, block, scale.unit)
                    : String.format(Locale.ROOT, "%s changed only in %s: %s its level held one value in every %s"
                            + " block of the run, so it grows 0 %s", metric, k == 1 ? "one level shift" : k + " level shifts",
                            k == 1 ? "on either side of it" : "between them", block, scale.unit);
        }
        return String.format(Locale.ROOT, "%s %s %s %s: its level %s by the same amount in every %s block of the run%s,"
                + " with no noise", metric, e.slope() > 0 ? "grows" : "changes", rate(scale, e.slope()), scale.unit,
                e.slope() > 0 ? "rose" : "fell", block, k == 0 ? "" : " except at " + shifts);
    }

    private static String context(TrendPipeline.Estimate e) {
        StringBuilder sb = new StringBuilder();
        if (e.warmupEndSec() > 0) {
            sb.append(String.format(Locale.ROOT, " after %s of warm-up%s", DurationText.of(e.warmupEndSec()),
                    e.warmupRunning() ? " (still settling)" : ""));
        }
        if (e.falls() > 0) {
            sb.append(String.format(Locale.ROOT, ", read as a sawtooth (its floor, across %d falls)", e.falls()));
        }
        if (!e.steps().isEmpty()) {
            sb.append(String.format(Locale.ROOT, ", %d level shift%s removed", e.steps().size(),
                    e.steps().size() == 1 ? "" : "s"));
        }
        if (e.loadAdjusted()) {
            sb.append(", adjusted for load");
        }
        return sb.toString();
    }

    /** A slope in working units per hour, shown in the scale's unit (see {@link RateText}). */
    private static String rate(Scale scale, double slopePerHour) {
        return RateText.of(scale.show(slopePerHour), scale.unit, Decision::fmt);
    }

    /**
     * For a relative rate too large for %/h to say ({@link RateText}: "&gt;+900"), the time the level takes to double:
     * ", doubling every 4.2 min" (an accelerated fault scenario's p99 drift, or a service in real trouble); else "".
     */
    private static String pace(Scale scale, double slopePerHour) {
        if (scale != Scale.LATENCY || !(scale.show(slopePerHour) > RateText.MAX_RELATIVE)) {
            return "";
        }
        double sec = 3600 * Math.log(2) / slopePerHour;
        return ", doubling every " + (sec < 1 ? "under a second" : DurationText.of(sec));
    }

    private static String signed(double v) {
        return (v >= 0 ? "+" : "") + fmt(v);
    }

    static String fmt(double v) {
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 1e6 ? "%.2e" : a >= 100 || a == 0 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    }
}
