package dev.soak.detect;

import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.scenario.Thresholds;
import dev.soak.detect.sim.SeriesGenerator;
import dev.soak.detect.sim.SimRun;
import dev.soak.detect.sim.SimSpec;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.IntToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AnalysisTest {

    private static AnalysisReport analyze(SimSpec spec, long seed, AnalysisOptions o) {
        SimRun run = SeriesGenerator.generate(spec, seed);
        return Analysis.analyze(run.resources(run.size()), run.metrics(run.size()), o);
    }

    @Test
    void leakingRun_failsWithExitCode1_andLeakAccessor() {
        AnalysisReport r = analyze(SimSpec.stable().withNoise(10, 0.5).withLeak(20), 11, AnalysisOptions.defaults());
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.leak().metric()).isEqualTo("rss_mb");
        assertThat(r.leak().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.leak().adjustedPValue()).isGreaterThanOrEqualTo(r.leak().pValue());
        assertThat(r.drift().verdict()).isNotEqualTo(Verdict.FAIL);
    }

    @Test
    void fixedWarmup_countsFromTheStartOfTheLoad_notFromAPreloadBeforeIt() {
        // a 300 MB warm-up (τ 20 min) over 8 h, which warmup_sec = 2 h discards
        SimRun run = SeriesGenerator.generate(SimSpec.stable().withNoise(5, 0.5).withWarmup(300, 1200, 0.3), 5);
        List<ResourceSample> res = run.resources(run.size());
        List<IntervalMetrics> met = run.metrics(run.size());
        AnalysisOptions o = AnalysisOptions.builder().warmupSec(7200).build();
        AnalysisReport atZero = Analysis.analyze(res, met, o);
        // the same run after a 30 min preload: every timestamp later by that much
        double preload = 1800;
        List<ResourceSample> resLater = res.stream().map(r -> new ResourceSample(r.tSec() + preload, r.cpuPercent(),
            r.rssMb(), r.vsizeMb(), r.threads(), r.openFds(), r.networkConnections(), r.diskIoMb(), r.pssMb(),
            r.anonMb(), r.swapMb(), r.heapAfterGcMb(), r.maxOpenFiles(), r.memoryLimitMb())).toList();
        List<IntervalMetrics> metLater = met.stream().map(m -> new IntervalMetrics(m.tSec() + preload, m.intervalSec(),
            m.all(), m.late(), m.dropped(), m.perOperation())).toList();
        AnalysisReport later = Analysis.analyze(resLater, metLater, o);
        assertThat(atZero.leak().warmupEndSec()).isCloseTo(7200, within(60.0));
        assertThat(later.leak().warmupEndSec()).isCloseTo(atZero.leak().warmupEndSec() + preload, within(1e-9));
        assertThat(later.leak().ratePerHour()).isCloseTo(atZero.leak().ratePerHour(), within(1e-9));
        assertThat(later.drift().ratePerHour()).isCloseTo(atZero.drift().ratePerHour(), within(1e-9));
        assertThat(later.verdict()).isEqualTo(atZero.verdict());
    }

    @Test
    void aLastIntervalCutShortByTheEndOfTheLoad_isNotReadAsALatencyOrALoad() {
        // a minute at one interval a second, as the smoke scenario's: the last interval is one point in sixty
        SimRun run = SeriesGenerator.generate(SimSpec.stable().withDurationHours(1.0 / 60).withSampleSec(1)
            .withNoise(10, 0.5).withDrift(3), 12);
        List<ResourceSample> res = run.resources(run.size());
        List<IntervalMetrics> met = run.metrics(run.size());
        AnalysisReport whole = Analysis.analyze(res, met, AnalysisOptions.defaults());
        // the load ended a tenth of an interval after the last one: a rate and a p99 of a handful of operations
        IntervalMetrics last = met.get(met.size() - 1);
        var sliverOps = new dev.soak.checkpoint.OperationMetrics(1, 0, Map.of(), 0.5, 0.5,
            new dev.soak.checkpoint.LatencySummary(1, 1, 1, 1, 1, 1), new dev.soak.checkpoint.LatencySummary(1, 1, 1, 1, 1, 1));
        List<IntervalMetrics> withSliver = new ArrayList<>(met);
        withSliver.add(new IntervalMetrics(last.tSec() + 0.1 * last.intervalSec(), 0.1 * last.intervalSec(), sliverOps, 0, 0,
            Map.of()));
        AnalysisReport sliver = Analysis.analyze(res, withSliver, AnalysisOptions.defaults());
        assertThat(sliver.drift().ratePerHour()).isEqualTo(whole.drift().ratePerHour());
        assertThat(sliver.drift().samplesUsed()).isEqualTo(whole.drift().samplesUsed());
        assertThat(sliver.leak().ratePerHour()).isEqualTo(whole.leak().ratePerHour());
        assertThat(sliver.analysedSec()).isGreaterThan(whole.analysedSec());
    }

    @Test
    void stableRun_passesWithExitCode0() {
        AnalysisReport r = analyze(SimSpec.stable().withNoise(10, 0.5).withDurationHours(12), 12,
                AnalysisOptions.defaults());
        assertThat(r.verdict()).as(r.metrics().toString()).isEqualTo(Verdict.PASS);
        assertThat(r.exitCode()).isZero();
        assertThat(r.metrics()).extracting(MetricVerdict::metric)
                .containsExactly("rss_mb", "p99_latency_ms", "p95_latency_ms", "p50_latency_ms");
        assertThat(r.metric("p50_latency_ms").orElseThrow().gating()).isFalse();
    }

    @Test
    void shortNoisyRun_isMostlyInconclusiveWithExitCode3_andSaysHowMuchLonger() {
        // 2 h of strongly persistent noise (φ = 0.97 per minute: T* ≈ 9 h): the residual variance of
        // so few effective samples understates the noise by about half, which used to give ~13 % false
        // FAILs (and a warm-up flag on random wander hid some of them); the AR(1)-unbiased scale
        // gives ~2 % (4 of 200 seeds)
        int inconclusive = 0;
        int fail = 0;
        for (long seed = 1; seed <= 20; seed++) {
            AnalysisReport r = analyze(SimSpec.stable().withNoise(20, 0.97).withDurationHours(2), seed,
                    AnalysisOptions.defaults());
            fail += r.verdict() == Verdict.FAIL ? 1 : 0;
            if (r.verdict() == Verdict.INCONCLUSIVE) {
                inconclusive++;
                assertThat(r.exitCode()).isEqualTo(3);
                assertThat(r.leak().verdict() == Verdict.INCONCLUSIVE ? r.leak() : r.drift())
                        .satisfies(v -> assertThat(v.extraRunSec()).isPositive());
            }
        }
        assertThat(inconclusive).isGreaterThanOrEqualTo(15);
        assertThat(fail).isLessThanOrEqualTo(1);
    }

    @Test
    void driftingRun_failsOnP99() {
        AnalysisReport r = analyze(SimSpec.stable().withNoise(10, 0.5).withDrift(5).withDurationHours(10), 14,
                AnalysisOptions.defaults());
        assertThat(r.drift().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.drift().ratePerHour()).isCloseTo(5, within(1.5));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void heapAfterGc_isAGatingMetric_andItsLeakIsFound() {
        AnalysisReport r = analyze(SimSpec.stable().withSawtooth(300, 180).withLeak(20), 15,
                AnalysisOptions.defaults());
        MetricVerdict heap = r.metric("heap_after_gc_mb").orElseThrow();
        assertThat(heap.gating()).isTrue();
        assertThat(heap.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.leak().metric()).isEqualTo("heap_after_gc_mb");
    }

    @Test
    void diurnalLoad_isUsedAsCovariate() {
        AnalysisReport r = analyze(SimSpec.stable().withNoise(10, 0.5).withDiurnal(0.5, 120, 0.4)
                .withDurationHours(24), 16, AnalysisOptions.defaults());
        assertThat(r.leak().loadAdjusted()).isTrue();
        assertThat(r.verdict()).isNotEqualTo(Verdict.FAIL);
    }

    @Test
    void earlyLiveLook_neverFails_evenOnAStrongLeak() {
        SimRun run = SeriesGenerator.generate(SimSpec.stable().withNoise(5, 0.5).withLeak(50), 17);
        AnalysisOptions o = AnalysisOptions.builder().look(new Look(2, 7200, 3600, 8 * 3600)).build();
        AnalysisReport r = Analysis.analyze(run.resources(120), run.metrics(120), o);
        assertThat(r.live()).isTrue();
        assertThat(r.level()).isZero();
        assertThat(r.verdict()).isNotEqualTo(Verdict.FAIL);
        AnalysisOptions late = AnalysisOptions.builder().look(new Look(6, 6 * 3600, 5 * 3600, 8 * 3600)).build();
        assertThat(Analysis.analyze(run.resources(360), run.metrics(360), late).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void slowWarmup_rarelyFailsOnLiveLooks_whileALeakStillFailsLive() {
        // the calibration cell: τ = 3 h, 200 MB; half-way through its 8 h plan it still rises at 20-35 MB/h
        SimSpec warm = dev.soak.detect.sim.Grids.quick().stream().filter(c -> c.name().equals("slow-warmup-tau180"))
                .findFirst().orElseThrow().spec();
        int runsWithLiveFail = 0;
        for (long seed = 0; seed < 30; seed++) {
            SimRun run = SeriesGenerator.generate(warm, 20261128L * 1000 + seed);
            for (int k = 4; k <= 7; k++) {
                AnalysisOptions o = AnalysisOptions.builder().look(new Look(k, k * 3600, (k - 1) * 3600, 8 * 3600)).build();
                if (Analysis.analyze(run.resources(k * 60), run.metrics(k * 60), o).verdict() == Verdict.FAIL) {
                    runsWithLiveFail++;
                    break;
                }
            }
        }
        // without the plateau and persistence rules 7 of these 30 runs failed live (seeds 8, 9, 12, 13, 22, 26, 29)
        assertThat(runsWithLiveFail).as("runs with a live FAIL on a slow warm-up").isLessThanOrEqualTo(2);
        SimRun leak = SeriesGenerator.generate(SimSpec.stable().withNoise(5, 0.5).withLeak(50), 17);
        AnalysisOptions late = AnalysisOptions.builder().look(new Look(5, 5 * 3600, 4 * 3600, 8 * 3600)).build();
        AnalysisReport r = Analysis.analyze(leak.resources(300), leak.metrics(300), late);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void fdLeak_forecastsTimeToTheLimitWithAnInterval() {
        List<ResourceSample> res = new ArrayList<>();
        for (int i = 1; i <= 8 * 60; i++) {
            double t = 60.0 * i;
            double fds = 100 + 50 * t / 3600 + 3 * Math.sin(i * 0.7);
            res.add(new ResourceSample(t, 10, 500, 900, 30, fds, 10, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, 1024, Double.NaN));
        }
        AnalysisReport r = Analysis.analyze(res, List.of(), AnalysisOptions.defaults());
        ExhaustionForecast f = r.forecast("open_fds").orElseThrow();
        assertThat(f.approaching()).isTrue();
        assertThat(f.ratePerHour()).isCloseTo(50, within(2.0));
        double truth = (1024 - 500) / 50.0 * 3600; // at 8 h: 100 + 400 = 500 open
        assertThat(f.secondsToLimit()).isCloseTo(truth, within(0.05 * truth));
        assertThat(f.secondsToLimitEarliest()).isLessThanOrEqualTo(f.secondsToLimit());
        assertThat(f.secondsToLimitLatest()).isGreaterThanOrEqualTo(f.secondsToLimit());
        assertThat(r.forecast("rss_mb")).isEmpty();
        assertThat(r.drift().verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.drift().explanation()).contains("no latency samples");
        // the limit is about 10.5 h away, within the default 24 h horizon: exhaustion fails the run
        assertThat(f.exhausting()).isTrue();
        assertThat(f.explanation()).contains("exhaustion");
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.toMap().toString()).contains("exhausting=true");

        // with a 6 h horizon the same growth is reported but does not fail the run
        AnalysisReport shortHorizon = Analysis.analyze(res, List.of(),
                AnalysisOptions.builder().thresholds(new Thresholds(10, 2, 6)).build());
        assertThat(shortHorizon.forecast("open_fds").orElseThrow().exhausting()).isFalse();
        assertThat(shortHorizon.forecast("open_fds").orElseThrow().approaching()).isTrue();
        assertThat(shortHorizon.verdict()).isNotEqualTo(Verdict.FAIL);
    }

    @Test
    void resourceAlreadyAtItsLimit_isExhaustion_evenWhenFlat() {
        List<ResourceSample> res = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            res.add(new ResourceSample(60.0 * i, 10, 500, 900, 30, 1024, 10, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, 1024, Double.NaN));
        }
        AnalysisReport r = Analysis.analyze(res, List.of(), AnalysisOptions.defaults());
        assertThat(r.forecast("open_fds").orElseThrow().exhausting()).isTrue();
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    }

    /** 8 h of one-minute samples with RSS at exactly 500 MB and the open fds from {@code fds} (limit 1024). */
    private static List<ResourceSample> flatRun(DoubleSupplier fds) {
        return run(minute -> 500, minute -> fds.getAsDouble());
    }

    /** 8 h of samples a minute apart, RSS and open fds as functions of the minute. */
    private static List<ResourceSample> run(IntToDoubleFunction rssMb, IntToDoubleFunction fds) {
        List<ResourceSample> res = new ArrayList<>();
        for (int i = 1; i <= 8 * 60; i++) {
            res.add(new ResourceSample(60.0 * i, 10, rssMb.applyAsDouble(i), 900, 30, fds.applyAsDouble(i), 10,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1024, Double.NaN));
        }
        return res;
    }

    @Test
    void constantFds_areForecastFlat_atTheirExactValue() {
        List<ResourceSample> res = flatRun(() -> 120);
        ExhaustionForecast f = Analysis.analyze(res, List.of(), AnalysisOptions.defaults()).forecast("open_fds")
                .orElseThrow();
        // the trend pipeline read the rounding errors of a constant series as noise: current 119.99999999999946
        assertThat(f.current()).isEqualTo(120);
        assertThat(new double[] {f.ratePerHour(), f.rateLowPerHour(), f.rateHighPerHour()}).containsOnly(0.0);
        assertThat(f.approaching()).isFalse();
        assertThat(f.exhausting()).isFalse();
        assertThat(f.secondsToLimit()).isInfinite();
        assertThat(f.explanation()).isEqualTo("open_fds is not approaching its limit 1024 (max_open_files): it stayed at 120 throughout.");
    }

    @Test
    void constantRss_passesAsFlat_withoutAWarmupOrShiftReadIntoRoundingErrors() {
        List<ResourceSample> res = flatRun(() -> 120);
        MetricVerdict v = Analysis.analyze(res, List.of(), AnalysisOptions.defaults()).metric("rss_mb").orElseThrow();
        // before: "rss_mb changes 0 MB/h (90 % CI -0.00 to 0.00 MB/h) after 60 min of warm-up, 1 level shift removed"
        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
        assertThat(v.warmupEndSec()).isZero();
        assertThat(v.levelShifts()).isEmpty();
        assertThat(new double[] {v.ratePerHour(), v.ciLowPerHour(), v.ciHighPerHour()}).containsOnly(0.0);
        assertThat(v.pValue()).isEqualTo(1);
        assertThat(v.explanation()).isEqualTo("rss_mb did not change: its level held one value in every 10 min block"
                + " of the run, so it grows 0 MB/h, below the 10.0 MB/h threshold.");
    }

    @Test
    void fdsAtOneValue_butForAFewTransientOnes_areForecastFlat() {
        SplittableRandom rnd = new SplittableRandom(5);
        // a connection opened for a moment in about 1 sample in 20: every 10-minute median stays 120
        List<ResourceSample> res = flatRun(() -> rnd.nextDouble() < 0.05 ? 121 : 120);
        ExhaustionForecast f = Analysis.analyze(res, List.of(), AnalysisOptions.defaults()).forecast("open_fds")
                .orElseThrow();
        assertThat(f.current()).isEqualTo(120);
        assertThat(new double[] {f.ratePerHour(), f.rateLowPerHour(), f.rateHighPerHour()}).containsOnly(0.0);
        assertThat(f.exhausting()).isFalse();
        assertThat(f.explanation()).isEqualTo("open_fds is not approaching its limit 1024 (max_open_files): it stayed at 120 throughout.");
    }

    @Test
    void fdsThatReachTheirLimitInPeaks_areExhausted_thoughTheirLevelIsFlat() {
        SplittableRandom rnd = new SplittableRandom(11);
        // a pool of 100 fds that bursts to the limit (accept failing with EMFILE) in about 1 sample in 20
        List<ResourceSample> res = flatRun(() -> rnd.nextDouble() < 0.05 ? 1024 : 100);
        AnalysisReport r = Analysis.analyze(res, List.of(), AnalysisOptions.defaults());
        ExhaustionForecast f = r.forecast("open_fds").orElseThrow();
        long peaks = res.stream().filter(s -> s.openFds() >= 1024).count();
        // before: "open_fds is not approaching its limit 1024 (max_open_files): it stayed at 100 throughout."
        assertThat(f.current()).isEqualTo(100);
        assertThat(f.exhausting()).isTrue();
        assertThat(f.secondsToLimit()).isZero();
        double first = res.stream().filter(s -> s.openFds() >= 1024).findFirst().orElseThrow().tSec();
        assertThat(f.explanation()).isEqualTo("open_fds reached its limit 1024 (max_open_files) in " + peaks + " of "
                + res.size() + " samples (up to 1024, the first at " + DurationText.of(first) + "): exhausted at its"
                + " peaks, though its level is 100 (0/h).");
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);

        // peaks one short of the limit, and an RSS over max_rss_mb (an abort condition, counted only when
        // sustained) in single samples, are not
        List<ResourceSample> near = flatRun(() -> rnd.nextDouble() < 0.05 ? 1023 : 100);
        assertThat(Analysis.analyze(near, List.of(), AnalysisOptions.defaults()).forecast("open_fds").orElseThrow()
                .exhausting()).isFalse();
        List<ResourceSample> rssPeaks = new ArrayList<>();
        for (ResourceSample s : flatRun(() -> 100)) {
            rssPeaks.add(new ResourceSample(s.tSec(), 10, rnd.nextDouble() < 0.05 ? 900 : 500, 900, 30, 100, 10,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1024, Double.NaN));
        }
        ExhaustionForecast rss = Analysis.analyze(rssPeaks, List.of(), AnalysisOptions.builder().maxRssMb(800).build())
                .forecast("rss_mb").orElseThrow();
        assertThat(rss.limitSource()).isEqualTo("max_rss_mb");
        assertThat(rss.exhausting()).isFalse();
    }

    @Test
    void fdsThatOnlyStepBetweenPoolSizes_areForecastFlat_notAsRoundingErrors() {
        // as the smoke run's server: 117 fds for 3 h, then a pool closed (56), then a few reopened (62)
        ExhaustionForecast f = Analysis.analyze(run(minute -> 500, minute -> minute <= 180 ? 117 : minute <= 300 ? 56 : 62),
                List.of(), AnalysisOptions.defaults()).forecast("open_fds").orElseThrow();
        // before: "open_fds now 62.0, 2.33e-11/h" in report.txt, the rounding left by removing the two steps
        assertThat(new double[] {f.ratePerHour(), f.rateLowPerHour(), f.rateHighPerHour()}).containsOnly(0.0);
        assertThat(f.current()).isCloseTo(62, within(1e-6));
        assertThat(f.exhausting()).isFalse();
        assertThat(f.explanation()).isEqualTo("open_fds is not approaching its limit 1024 (max_open_files): it changed"
                + " only in 2 level shifts, to 62.0 at the end.");
    }

    @Test
    void memoryThatOnlyStepped_passesAtExactlyZero_withItsShiftsWhereTheyHappened() {
        // 500 MB for 3 h, then 540 MB; then one that fell to 470 and rose to 480: no noise between the steps
        MetricVerdict once = Analysis.analyze(run(minute -> minute <= 180 ? 500 : 540, minute -> 100), List.of(),
                AnalysisOptions.defaults()).metric("rss_mb").orElseThrow();
        // before: "rss_mb changes 0 MB/h (90 % CI -0.00 to 0.00 MB/h), 1 level shift removed", p = 0.5, a rounding
        // error's interval of ±3e-13 MB/h
        assertThat(once.verdict()).isEqualTo(Verdict.PASS);
        assertThat(new double[] {once.ratePerHour(), once.ciLowPerHour(), once.ciHighPerHour()}).containsOnly(0.0);
        assertThat(once.pValue()).isEqualTo(1.0);
        assertThat(once.levelShifts()).hasSize(1);
        assertThat(once.levelShifts().get(0).tSec()).isEqualTo(181 * 60.0);
        assertThat(once.levelShifts().get(0).shift()).isCloseTo(40, within(1e-6));
        assertThat(once.explanation()).isEqualTo("rss_mb changed only in one level shift: on either side of it its"
                + " level held one value in every 10 min block of the run, so it grows 0 MB/h, below the 10.0 MB/h"
                + " threshold.");

        MetricVerdict twice = Analysis.analyze(run(minute -> minute <= 180 ? 500 : minute <= 300 ? 470 : 480,
                minute -> 100), List.of(), AnalysisOptions.defaults()).metric("rss_mb").orElseThrow();
        assertThat(twice.ratePerHour()).isZero();
        assertThat(twice.levelShifts()).extracting(LevelShift::tSec).containsExactly(181 * 60.0, 301 * 60.0);
        assertThat(twice.levelShifts().get(0).shift()).isCloseTo(-30, within(1e-6));
        assertThat(twice.levelShifts().get(1).shift()).isCloseTo(10, within(1e-6));
        assertThat(twice.explanation()).startsWith("rss_mb changed only in 2 level shifts: between them its level");
    }

    @Test
    void memoryThatGrewInEqualSteps_isTestedAsAGrowth_notPassedAsLevelShifts() {
        // a heap expanded by 20 MB every 2 h, nothing else moving: 10 MB/h on average
        MetricVerdict exact = Analysis.analyze(run(minute -> 500 + 20 * (minute / 120), minute -> 100), List.of(),
                AnalysisOptions.defaults()).metric("rss_mb").orElseThrow();
        // before: PASS, "rss_mb changed only in 3 level shifts: ... so it grows 0 MB/h", while the same steps with
        // 0.5 MB of noise on them FAIL
        Random rnd = new Random(3);
        double[] noise = rnd.doubles(8 * 60 + 1).map(u -> 0.5 * (u - 0.5) * Math.sqrt(12)).toArray();
        MetricVerdict noisy = Analysis.analyze(run(minute -> 500 + 20 * (minute / 120) + noise[minute], minute -> 100),
                List.of(), AnalysisOptions.defaults()).metric("rss_mb").orElseThrow();
        assertThat(exact.verdict()).isEqualTo(Verdict.FAIL).isEqualTo(noisy.verdict());
        assertThat(exact.ratePerHour()).isBetween(5.0, 12.0);

        // fds opened in batches of 20 every 2 h
        ExhaustionForecast fds = Analysis.analyze(run(minute -> 500, minute -> 100 + 20 * (minute / 120)), List.of(),
                AnalysisOptions.defaults()).forecast("open_fds").orElseThrow();
        assertThat(fds.ratePerHour()).isGreaterThan(5);
        assertThat(fds.secondsToLimit()).isFinite();

        // memory that rose in two steps within its first hour, then held for seven: a warm-up, flat as before
        MetricVerdict early = Analysis.analyze(run(minute -> 500 + (minute > 30 ? 20 : 0) + (minute > 60 ? 20 : 0),
                minute -> 100), List.of(), AnalysisOptions.defaults()).metric("rss_mb").orElseThrow();
        assertThat(early.verdict()).isEqualTo(Verdict.PASS);
        assertThat(early.ratePerHour()).isZero();
        assertThat(early.explanation()).startsWith("rss_mb changed only in 2 level shifts");
    }

    /** AR(1) noise at φ 0.5 with innovations of sd {@code sd}, one value per minute of {@link #run} (index 0 unused). */
    private static double[] ar1Noise(long seed, double sd) {
        Random rnd = new Random(seed);
        double[] e = new double[8 * 60 + 1];
        for (int i = 1; i < e.length; i++) {
            e[i] = 0.5 * e[i - 1] + sd * rnd.nextGaussian();
        }
        return e;
    }

    @Test
    void aGrowthThatStopped_isNotReadAsAStepAgainstAGoingOnGrowth() {
        // 10 MB/h for 6 h, then flat for the last 2 h of 8 (a cache filled to its cap), AR(1) noise φ 0.5, σ 3 MB
        int fails = 0;
        int levelsOff = 0;
        int stepsDown = 0;
        for (int seed = 0; seed < 40; seed++) {
            double[] e = ar1Noise(seed, 3);
            MetricVerdict v = Analysis.analyze(run(minute -> 500 + 10 * Math.min(minute, 360) / 60.0 + e[minute],
                    minute -> 100), List.of(), AnalysisOptions.defaults()).metric("rss_mb").orElseThrow();
            fails += v.verdict() == Verdict.FAIL ? 1 : 0;
            levelsOff += v.explanation().contains("the growth levels off") ? 1 : 0;
            stepsDown += v.levelShifts().stream().anyMatch(s -> s.shift() < 0) ? 1 : 0;
        }
        // before: 25 FAILs of 40, 22 of them beside a level shift of −5 to −14 MB after the stop, the line going on
        // at 10 MB/h through the flat end; 8 held as levelling off
        assertThat(fails).isLessThanOrEqualTo(5);
        assertThat(stepsDown).isLessThanOrEqualTo(3);
        assertThat(levelsOff).isGreaterThanOrEqualTo(20);
    }

    @Test
    void aGrowthThatBeganLateInTheRun_isNotPassedOnTheWindowsAverage() {
        // flat for 6 h, then 20 MB/h for the last 2 h of 8 (40 MB), AR(1) noise φ 0.5, σ 3 MB
        Map<Verdict, Integer> verdicts = new java.util.EnumMap<>(Verdict.class);
        for (int seed = 0; seed < 20; seed++) {
            double[] e = ar1Noise(seed, 3);
            MetricVerdict v = Analysis.analyze(run(minute -> 500 + 20 * Math.max(0, minute - 360) / 60.0 + e[minute],
                    minute -> 100), List.of(), AnalysisOptions.defaults()).metric("rss_mb").orElseThrow();
            verdicts.merge(v.verdict(), 1, Integer::sum);
            // before: PASS in every run, "changes 0.4 MB/h (90 % CI -1.3 to 2.0 MB/h), 1 level shift removed" (the
            // ramp read as a +23 MB step) or "changes 1.6 MB/h (90 % CI -1.5 to 4.6 MB/h)"
            if (v.levelShifts().isEmpty()) {
                assertThat(v.explanation()).contains("but the growth speeds up (").contains(" in the second half");
            } else {
                assertThat(v.explanation()).containsPattern("but a change of slope at [5-6]\\.[0-9] h fits the series"
                        + " as well as the level shift removed there");
            }
        }
        assertThat(verdicts).containsOnlyKeys(Verdict.INCONCLUSIVE);
    }

    @Test
    void memoryThatFallsBackToItsFloorAgainAndAgain_isTestedOnItsFloor() {
        // a cache cleared every 2 h: 40 MB teeth on a floor of 500 MB, the run starting at a floor, AR(1) noise φ 0.5,
        // σ 3 MB
        Map<Verdict, Integer> stable = new java.util.EnumMap<>(Verdict.class);
        for (int seed = 0; seed < 20; seed++) {
            double[] e = ar1Noise(seed, 3);
            MetricVerdict v = Analysis.analyze(run(minute -> 500 + 40 * ((minute + 1) % 120) / 120.0 + e[minute],
                    minute -> 100), List.of(), AnalysisOptions.defaults()).metric("rss_mb").orElseThrow();
            stable.merge(v.verdict(), 1, Integer::sum);
            // the fourth fall, a minute before the end, is too near it to be told from a spike
            assertThat(v.explanation()).contains("read as a sawtooth (its floor, across 3 falls)");
            assertThat(v.levelShifts()).isEmpty();
            // the same teeth on a floor that rises 10 MB/h
            MetricVerdict leak = Analysis.analyze(run(minute -> 500 + 10 * minute / 60.0
                    + 40 * ((minute + 1) % 120) / 120.0 + e[minute], minute -> 100), List.of(),
                    AnalysisOptions.defaults()).metric("rss_mb").orElseThrow();
            assertThat(leak.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(leak.ratePerHour()).isBetween(9.0, 11.0);
        }
        // before: 5 of 20 FAILed and 7 were INCONCLUSIVE, a line through the climbs beside one fall read as a level
        // shift
        assertThat(stable).containsOnlyKeys(Verdict.PASS);
        // the same teeth with no noise (before: INCONCLUSIVE at 3.51 MB/h, CI −5.19 to 12.2)
        MetricVerdict exact = Analysis.analyze(run(minute -> 500 + 40 * ((minute + 1) % 120) / 120.0, minute -> 100),
                List.of(), AnalysisOptions.defaults()).metric("rss_mb").orElseThrow();
        assertThat(exact.verdict()).isEqualTo(Verdict.PASS);
        assertThat(exact.ratePerHour()).isCloseTo(0, within(0.01));
    }

    @Test
    void aCacheClearedOnceInTheRun_isNotFailedOnItsClimbs() {
        // the same cache over 4 h: one fall, at 2 h, and a climb of 20 MB/h either side of it
        Map<Verdict, Integer> verdicts = new java.util.EnumMap<>(Verdict.class);
        for (int seed = 0; seed < 20; seed++) {
            double[] e = ar1Noise(seed, 3);
            List<ResourceSample> res = run(minute -> 500 + 40 * (minute % 120) / 120.0 + e[minute], minute -> 100)
                    .subList(0, 4 * 60);
            MetricVerdict v = Analysis.analyze(res, List.of(), AnalysisOptions.defaults()).metric("rss_mb")
                    .orElseThrow();
            verdicts.merge(v.verdict(), 1, Integer::sum);
            if (v.verdict() == Verdict.INCONCLUSIVE) {
                assertThat(v.explanation()).containsPattern("but fell back by [34][0-9]\\.[0-9] MB at 2\\.0 h, at least"
                        + " half of what it had grown in the window before");
            }
        }
        // before: FAIL in every run, "grows 20.0 MB/h …, 1 level shift removed"
        assertThat(verdicts).doesNotContainKey(Verdict.FAIL);
    }

    @Test
    void aCacheOnTheHeap_isTestedOnTheFloorOfItsEnvelope() {
        // a JVM's cache on its heap, 40 MB filled and cleared every 1.5–2.5 h, over a collector's 30 or 100 MB
        // teeth: the heap's lower envelope (block minima) climbs and falls with the cache. 4 h: one or two falls
        for (double gcMb : new double[] {30, 100}) {
            SimSpec cache = SimSpec.stable().withSpikes(0.01).withNoise(3, 0.5).withSawtooth(gcMb, 180)
                    .withCache(40, 7200).withLeak(0).withDrift(0).withDurationHours(4);
            Map<Verdict, Integer> stable = new java.util.EnumMap<>(Verdict.class);
            for (int seed = 0; seed < 20; seed++) {
                stable.merge(analyze(cache, seed, AnalysisOptions.defaults()).metric("heap_after_gc_mb")
                        .orElseThrow().verdict(), 1, Integer::sum);
            }
            // before: 8 and 7 of 20 FAILed at 16–24 MB/h, the cache's climbs beside its falls read as level shifts
            // (under 100 MB teeth, with the falls found on the minima but not a fall of half a shift from one block
            // to the next taken for a sudden one, 3)
            assertThat(stable).as("collector's teeth of %.0f MB", gcMb).doesNotContainKey(Verdict.FAIL);
        }
        // a floor rising 10 MB/h under regular teeth (falls at 1.5, 3.5, 5.5 and 7.5 h) over 8 h
        int sawtooth = 0;
        for (int seed = 0; seed < 20; seed++) {
            double[] e = ar1Noise(seed, 3);
            double[] gc = collectorTeeth(seed, 30);
            MetricVerdict leak = Analysis.analyze(heapRun(minute -> 500 + 10 * minute / 60.0
                    + 40 * ((minute + 30) % 120) / 120.0 + gc[minute] + e[minute]), List.of(),
                    AnalysisOptions.defaults()).metric("heap_after_gc_mb").orElseThrow();
            assertThat(leak.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(leak.ratePerHour()).isBetween(9.0, 11.0);
            if (leak.explanation().contains("read as a sawtooth (its floor, across 4 falls)")) {
                sawtooth++;
                assertThat(leak.ciHighPerHour() - leak.ciLowPerHour()).isLessThan(2.0);
            }
        }
        // before: none, each read as a line through the teeth (90 % CI about ±3 MB/h)
        assertThat(sawtooth).isGreaterThanOrEqualTo(15);
    }

    /** A collector's teeth of {@code mb} on samples a minute apart: collections every 1.5–4.5 min, at random. */
    private static double[] collectorTeeth(long seed, double mb) {
        Random rnd = new Random(~seed);
        double[] fill = new double[8 * 60 + 1];
        double last = -rnd.nextDouble() * 3;
        double period = 1.5 + 3 * rnd.nextDouble();
        for (int i = 1; i < fill.length; i++) {
            while (i >= last + period) {
                last += period;
                period = 1.5 + 3 * rnd.nextDouble();
            }
            fill[i] = mb * (i - last) / period;
        }
        return fill;
    }

    /** 8 h of 1-minute samples whose heap after GC is {@code heapMb}; RSS and fds flat. */
    private static List<ResourceSample> heapRun(IntToDoubleFunction heapMb) {
        return run(minute -> 900, minute -> 100).stream().map(r -> new ResourceSample(r.tSec(), r.cpuPercent(),
                r.rssMb(), r.vsizeMb(), r.threads(), r.openFds(), r.networkConnections(), r.diskIoMb(), r.pssMb(),
                r.anonMb(), r.swapMb(), heapMb.applyAsDouble((int) Math.round(r.tSec() / 60)), r.maxOpenFiles(),
                r.memoryLimitMb())).toList();
    }

    @Test
    void levelShifts_areListedInTheOrderTheyHappened_notTheOrderTheSearchFoundThem() {
        // +25 MB at 2 h, then +60 MB at 5 h, in white noise of 2 MB: the search finds the larger, later one first
        SplittableRandom rnd = new SplittableRandom(7);
        MetricVerdict v = Analysis.analyze(run(minute -> 500 + (minute > 120 ? 25 : 0) + (minute > 300 ? 60 : 0)
                + 2 * rnd.nextGaussian(), minute -> 100), List.of(), AnalysisOptions.defaults()).metric("rss_mb").orElseThrow();
        assertThat(v.levelShifts()).extracting(LevelShift::tSec).containsExactly(121 * 60.0, 301 * 60.0);
        assertThat(v.levelShifts()).extracting(LevelShift::shift).satisfiesExactly(
            s -> assertThat(s).isCloseTo(25, within(2.0)), s -> assertThat(s).isCloseTo(60, within(2.0)));
    }

    @Test
    void anExactLineWithAStep_isItsRate_withNoWarmupReadIntoTheStep() {
        // 6 MB/h exactly, with a 60 MB step after 200 minutes
        MetricVerdict v = Analysis.analyze(run(minute -> (minute <= 200 ? 500 : 560) + 0.1 * minute, minute -> 100),
                List.of(), AnalysisOptions.defaults()).metric("rss_mb").orElseThrow();
        // before: a 50 min warm-up cut from a line with no noise, then "a significant growth, but below the
        // 10.0 MB/h threshold even at its 99.99 % upper bound"
        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
        assertThat(v.warmupEndSec()).isZero();
        assertThat(v.ratePerHour()).isCloseTo(6.0, within(1e-9));
        assertThat(v.levelShifts()).extracting(LevelShift::tSec).containsExactly(201 * 60.0);
        assertThat(v.levelShifts().get(0).shift()).isCloseTo(60, within(1e-6));
        assertThat(v.explanation()).isEqualTo("rss_mb grows 6.00 MB/h: its level rose by the same amount in every"
                + " 10 min block of the run except at its level shift, with no noise, below the 10.0 MB/h threshold.");
    }

    @Test
    void anExactLine_failsWithItsRate_andNoWarmupReadIntoRoundingErrors() {
        // a child that opens one fd a minute and grows by exactly 0.5 MB a minute: no noise at all
        AnalysisReport r = Analysis.analyze(run(minute -> 300 + 0.5 * minute, minute -> 100 + minute), List.of(),
                AnalysisOptions.defaults());
        MetricVerdict v = r.metric("rss_mb").orElseThrow();
        // before: "rss_mb grows 30.0 MB/h (90 % CI 30.0 to 30.0 MB/h, p = 0) after 60 min of warm-up: ..."
        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(v.warmupEndSec()).isZero();
        assertThat(v.levelShifts()).isEmpty();
        assertThat(v.ratePerHour()).isCloseTo(30.0, within(1e-9));
        assertThat(new double[] {v.ciLowPerHour(), v.ciHighPerHour()}).containsOnly(v.ratePerHour());
        assertThat(v.pValue()).isZero();
        assertThat(v.explanation()).isEqualTo("rss_mb grows 30.0 MB/h: its level rose by the same amount in every"
                + " 10 min block of the run, with no noise, at or above the 10.0 MB/h threshold.");
        ExhaustionForecast f = r.forecast("open_fds").orElseThrow();
        assertThat(f.current()).isCloseTo(100 + 480, within(1e-9));
        assertThat(f.ratePerHour()).isCloseTo(60.0, within(1e-9));
        assertThat(new double[] {f.rateLowPerHour(), f.rateHighPerHour()}).containsOnly(f.ratePerHour());
        assertThat(f.secondsToLimit()).isCloseTo((1024 - 580) * 60.0, within(1e-6));
        assertThat(f.exhausting()).isTrue();

        // 6 MB/h exactly: more than half the threshold, but known to be below it
        MetricVerdict slow = Analysis.analyze(run(minute -> 300 + 0.1 * minute, minute -> 100), List.of(),
                AnalysisOptions.defaults()).metric("rss_mb").orElseThrow();
        assertThat(slow.verdict()).isEqualTo(Verdict.PASS);
        assertThat(slow.explanation()).isEqualTo("rss_mb grows 6.00 MB/h: its level rose by the same amount in every"
                + " 10 min block of the run, with no noise, below the 10.0 MB/h threshold.");
    }

    @Test
    void flatRss_withMaxRss_isNotApproaching() {
        SimRun run = SeriesGenerator.generate(SimSpec.stable().withNoise(10, 0.5), 18);
        AnalysisReport r = Analysis.analyze(run.resources(run.size()), run.metrics(run.size()),
                AnalysisOptions.builder().maxRssMb(2000).build());
        ExhaustionForecast f = r.forecast("rss_mb").orElseThrow();
        assertThat(f.limitSource()).isEqualTo("max_rss_mb");
        assertThat(f.approaching()).isFalse();
        assertThat(f.exhausting()).isFalse();
        assertThat(f.secondsToLimit()).isInfinite();
    }

    @Test
    void toMap_isPlainJson_withoutNaN() throws Exception {
        AnalysisReport r = analyze(SimSpec.stable().withNoise(10, 0.9).withDurationHours(3), 19,
                AnalysisOptions.defaults());
        Map<String, Object> m = r.toMap();
        String json = new ObjectMapper().writeValueAsString(m);
        assertThat(json).doesNotContain("NaN").doesNotContain("Infinity").contains("\"verdict\"")
                .contains("\"rate_unit\":\"MB/h\"");
        assertThat(m.get("exit_code")).isEqualTo(r.exitCode());
    }

    @Test
    void latencyStepAtTheTimeOfAMemoryStep_isRemoved_notReportedAsDrift() {
        // +60 MB and +50 % p99 at the same random time of an 8 h run with 15 % p99 noise (φ = 0.9/min):
        // the p99 step alone has t ≈ 3 against a free trend, below the search's bar 3.5, and looked
        // like a 7–8 %/h drift in ~16 % of runs; tested at the time of the memory step it is removed
        SimSpec spec = SimSpec.stable().withSpikes(0.01).withStep(60, Math.log(1.5));
        int driftFails = 0;
        int p99Shifted = 0;
        for (long seed = 1; seed <= 60; seed++) {
            AnalysisReport r = analyze(spec, seed, AnalysisOptions.defaults());
            driftFails += r.drift().verdict() == Verdict.FAIL ? 1 : 0;
            p99Shifted += r.drift().levelShifts().isEmpty() ? 0 : 1;
        }
        assertThat(driftFails).as("p99 FAILs in 60 stable runs").isLessThanOrEqualTo(4);
        assertThat(p99Shifted).as("runs with the p99 step removed").isGreaterThanOrEqualTo(45);
    }

    @Test
    void driftOnTopOfItsOwnLatencyStep_atTheTimeOfAMemoryStep_stillFails() {
        // the calibration's drift2-phi0.5-level-step-latency50: 2 %/h p99 drift for 10.7 h (1.5·T*) at φ 0.5,
        // with +60 MB and +50 % p99 at the same random time. The p99 step was searched and found, and φ for
        // the slope taken without it, where the step itself reads as strong persistence (block φ 0.7–0.8
        // instead of 0.1–0.4): the drift FAILed in 25–30 % of runs. A shift at the time of another metric's
        // shift was not placed by this series' noise, so φ keeps it
        SimSpec spec = SimSpec.stable().withNoise(10, 0.5).withSpikes(0.01).withStep(60, Math.log(1.5)).withDrift(2)
                .withDurationHours(10.7);
        AnalysisOptions offline = AnalysisOptions.defaults().toBuilder().offline().build();
        int fails = 0;
        for (long seed = 1; seed <= 20; seed++) {
            AnalysisReport r = analyze(spec, seed, offline);
            assertThat(r.drift().levelShifts()).as("seed %d: %s", seed, r.drift().explanation()).isNotEmpty();
            fails += r.drift().verdict() == Verdict.FAIL ? 1 : 0;
        }
        assertThat(fails).as("drift FAILs of 20").isGreaterThanOrEqualTo(12);
    }

    @Test
    void smallMemoryAndLatencySteps_atOneTime_thatNeitherSearchKeeps_areFoundTogether() {
        // +30 MB and +25 % p99 at the same random time of an 8 h run (φ 0.9/min, σ 10 MB, 15 % p99 noise): in
        // these runs each series' best split is at the step, with |t| between 2.5 and the search's bar 3.5, so
        // the search kept neither, and each step read as a trend (both FAILed). Two series' best splits at one
        // time are unlikely by chance, so each tests the other's at the hint bar. (Since the sixteenth session
        // the memory step alone is also found, on its samples, as one shift that explains them better than a
        // trend; the p99 step of seed 60 alone is not, and is found here only from the memory's evidence)
        AnalysisOptions offline = AnalysisOptions.defaults().toBuilder().offline().build();
        SimSpec both = SimSpec.stable().withSpikes(0.01).withStep(30, Math.log(1.25));
        for (long seed : new long[] {6, 24, 60}) {
            SimRun run = SeriesGenerator.generate(both, seed);
            AnalysisReport r = Analysis.analyze(run.resources(run.size()), run.metrics(run.size()), offline);
            for (MetricVerdict v : List.of(r.leak(), r.drift())) {
                assertThat(v.levelShifts()).as("seed %d, step at %.0f s: %s", seed, run.stepAtSec(), v.explanation())
                        .anyMatch(s -> Math.abs(s.tSec() - run.stepAtSec()) <= 600);
                assertThat(v.verdict()).as("seed %d: %s", seed, v.explanation()).isNotEqualTo(Verdict.FAIL);
            }
        }
        SimRun alone = SeriesGenerator.generate(SimSpec.stable().withSpikes(0.01).withStep(0, Math.log(1.25)), 60);
        AnalysisReport a = Analysis.analyze(alone.resources(alone.size()), alone.metrics(alone.size()), offline);
        assertThat(a.drift().levelShifts()).as("seed 60, the p99 step alone: %s", a.drift().explanation())
                .noneMatch(s -> Math.abs(s.tSec() - alone.stepAtSec()) <= 600);
    }

    @Test
    void aLiveLookBeforeAFixedWarmUpHasEnded_isInconclusive_notACrash() {
        // warmup_sec = 1 h, looked at after 30 min (a checkpoint of a 2 h run): every block lies in the warm-up. The
        // analysis threw ArrayIndexOutOfBoundsException here, which ended such a run at its first checkpoint
        SimRun run = SeriesGenerator.generate(SimSpec.stable().withDurationHours(2), 1);
        AnalysisOptions o = AnalysisOptions.defaults().toBuilder().warmupSec(3600).look(new Look(1, 1800, 0, 7200)).build();
        AnalysisReport r = Analysis.analyze(run.resources(30), run.metrics(30), o);
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.leak().explanation()).contains("too few samples after warm-up (0 in 0 blocks)");
        assertThat(r.drift().verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        // it asks for the time the warm-up and the blocks after it need, not for as long again (30 min, still inside
        // the warm-up): 9 blocks of 80 min / 36 after the warm-up's hour
        assertThat(r.leak().explanation()).contains("the warm-up ends at 60 min and a trend needs 9 blocks after it;"
                + " run at least 50 min more (about 80 min in all)");
        assertThat(r.leak().extraRunSec()).isEqualTo(3000, within(1.0));
        assertThat(r.leak().warmupEndSec()).isEqualTo(3600);
    }
}
