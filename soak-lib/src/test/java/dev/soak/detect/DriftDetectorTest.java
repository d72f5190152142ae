package dev.soak.detect;

import dev.soak.detect.sim.SeriesGenerator;
import dev.soak.detect.sim.SimRun;
import dev.soak.detect.sim.SimSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DriftDetectorTest {
    private static final double[] NONE = new double[0];

    @Test
    void drift_5PctPerHour_fails_withRelativeRate() {
        SimSpec spec = SimSpec.stable().withNoise(10, 0.5).withSpikes(0.01).withDrift(5).withDurationHours(10);
        for (long seed = 1; seed <= 5; seed++) {
            SimRun run = SeriesGenerator.generate(spec, seed);
            MetricVerdict v = DriftDetector.test("p99_latency_ms", run.tSec(), run.p99Ms(), NONE, NONE,
                    AnalysisOptions.defaults());
            assertThat(v.verdict()).as("seed %d: %s", seed, v.explanation()).isEqualTo(Verdict.FAIL);
            assertThat(v.rateUnit()).isEqualTo("%/h");
            assertThat(v.ratePerHour()).isCloseTo(5, within(1.5));
        }
    }

    @Test
    void stableLatency_doesNotFail() {
        SimSpec spec = SimSpec.stable().withNoise(10, 0.5).withSpikes(0.01).withDurationHours(12);
        for (long seed = 1; seed <= 5; seed++) {
            SimRun run = SeriesGenerator.generate(spec, seed);
            MetricVerdict v = DriftDetector.test("p99_latency_ms", run.tSec(), run.p99Ms(), NONE, NONE,
                    AnalysisOptions.defaults());
            assertThat(v.verdict()).as("seed %d: %s", seed, v.explanation()).isNotEqualTo(Verdict.FAIL);
        }
    }

    @Test
    void exactExponentialGrowth_isReportedAsPercentPerHour() {
        int n = 600;
        double[] t = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 60 * (i + 1);
            y[i] = 20 * Math.pow(1.03, t[i] / 3600) * (1 + 0.02 * Math.sin(i * 1.7));
        }
        MetricVerdict v = DriftDetector.test("p99_latency_ms", t, y, NONE, NONE,
                AnalysisOptions.builder().warmupSec(0).build());
        assertThat(v.ratePerHour()).isCloseTo(3.0, within(0.1));
        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void risingSaturationAtAnotherMetricsWarmupTau_isFlaggedRunning_aLinearDriftIsNot() {
        // p99 rising 35 % with τ = 3 h over 8 h (15 % noise): the profile fit of the latency alone
        // rarely finds the curvature; at the τ of the memory's running warm-up (2.67 h, the τ grid's
        // end) a rising saturation whose line is then no longer significant flags it. A 2 %/h linear
        // drift over 24 h, 8 times the hinted τ, is not explained by that shape: the hint leaves it alone.
        // (Over only 3 τ a saturation and a line are nearly collinear, and a drift is flagged in about a
        // third of runs: INCONCLUSIVE "still warming up", the price of not failing a warm-up.)
        SimSpec rising = SimSpec.stable().withSpikes(0.01).withWarmup(200, 180 * 60, 0.3);
        SimSpec drift = SimSpec.stable().withSpikes(0.01).withNoise(10, 0.5).withDrift(2).withDurationHours(24);
        int withHint = 0;
        int without = 0;
        int driftFlagged = 0;
        for (long seed = 1; seed <= 60; seed++) {
            SimRun r = SeriesGenerator.generate(rising, seed);
            without += p99(r, Double.NaN).warmupRunning() ? 1 : 0;
            withHint += p99(r, 8.0 / 3).warmupRunning() ? 1 : 0;
            driftFlagged += p99(SeriesGenerator.generate(drift, seed), 3).warmupRunning() ? 1 : 0;
        }
        assertThat(withHint).as("rising latency flagged with the hint (without: %d)", without)
                .isGreaterThanOrEqualTo(without + 30);
        assertThat(driftFlagged).as("linear drifts flagged as warm-up").isLessThanOrEqualTo(4);
    }

    @Test
    void saturationAtAnotherMetricsEndedWarmupTau_isCutOrHeld_aDriftStillFails() {
        // p99 starting 20 % low and rising to its plateau with τ = 30 min (8 h, 15 % noise): on its own the
        // rise is mostly within the noise of a τ profile (cut in 6 of 60 runs), and the first hour reads as
        // a drift. The memory's warm-up of the same run ended (τ 30 min): at that fixed τ the latency is
        // either held as warming up (its line is not significant with the saturating term) or cut where
        // its own saturation ends (46 of 60). A 2 %/h drift stays significant and is not held.
        SimSpec fast = SimSpec.stable().withSpikes(0.01).withWarmup(100, 1800, 0.2);
        SimSpec drift = SimSpec.stable().withSpikes(0.01).withNoise(10, 0.5).withDrift(2).withDurationHours(10.68);
        Hints ended = new Hints(new double[0], Double.NaN, 0.5);
        int handledWithHint = 0;
        int cutWithout = 0;
        int driftFails = 0;
        for (long seed = 1; seed <= 60; seed++) {
            SimRun r = SeriesGenerator.generate(fast, seed);
            cutWithout += p99(r, Hints.NONE).warmupEndSec() > 0 ? 1 : 0;
            TrendPipeline.Estimate e = p99(r, ended);
            handledWithHint += e.warmupEndSec() > 0 || e.warmupRunning() ? 1 : 0;
            TrendPipeline.Estimate d = p99(SeriesGenerator.generate(drift, seed), ended);
            driftFails += !d.warmupRunning() && d.pValue() < 0.025 ? 1 : 0;
        }
        assertThat(handledWithHint).as("fast latency warm-ups cut or held with the hint (cut without: %d)", cutWithout)
                .isGreaterThanOrEqualTo(cutWithout + 25);
        assertThat(driftFails).as("2 %/h drifts still significant and not held with the hint").isGreaterThanOrEqualTo(54);
    }

    @Test
    void stepAtAnotherMetricsShiftTime_isRemoved_aDriftStaysSignificant() {
        // p99 up 50 % at a random time (15 % noise, 8 h), the memory up 60 MB at the same time: the latency's
        // own shift search (|t| 3.5 over all splits) often misses its step and reads it as a drift (50 of
        // 120 runs significant at 2.5 %); tested at the time the memory's search found (plain |t| 1.0, no
        // search), it is removed (6 of 120). Since the sixteenth session the latency's own analysis also finds
        // most such steps, as one shift that explains its samples better than a trend (6 of 120 significant
        // without the hint, 0 with it). A 2 %/h drift with the same memory step mostly keeps its
        // significance (106 of 120 with the hint, 120 without: a step dummy kept by chance takes some of
        // the line; 112 at |t| 1.645).
        SimSpec step = SimSpec.stable().withSpikes(0.01).withStep(60, Math.log(1.5));
        SimSpec drift = SimSpec.stable().withSpikes(0.01).withNoise(10, 0.5).withStep(60, 0).withDrift(2)
                .withDurationHours(10.68);
        int significantWithout = 0;
        int significantWith = 0;
        int driftSignificant = 0;
        for (long seed = 1; seed <= 120; seed++) {
            SimRun r = SeriesGenerator.generate(step, seed);
            significantWithout += p99(r, Hints.NONE).pValue() < 0.025 ? 1 : 0;
            significantWith += p99(r, memoryShifts(r)).pValue() < 0.025 ? 1 : 0;
            SimRun d = SeriesGenerator.generate(drift, seed);
            driftSignificant += p99(d, memoryShifts(d)).pValue() < 0.025 ? 1 : 0;
        }
        assertThat(significantWith).as("steps read as drifts with the hint (without: %d)", significantWithout)
                .isLessThanOrEqualTo(Math.min(significantWithout, 8));
        assertThat(driftSignificant).as("2 %/h drifts still significant with the memory step's hint")
                .isGreaterThanOrEqualTo(100);
    }

    @Test
    void aShiftTestedAtAnotherMetricsTime_addsNoSignificantGrowth() {
        // a steady p99 (15 % noise, 8 h) in runs whose memory steps 40 MB: the memory's shift is tested in the p99
        // at |t| 1.0 and kept by chance in about a third of the runs, where the dummy takes one side of the noise
        // and the line beside it can turn significant (seed 66: p 0.024 with the dummy, 0.095 without). The
        // growth counts only when significant both with and without such a shift, so no run is made significant
        // by the hint
        SimSpec spec = SimSpec.stable().withSpikes(0.01).withStep(40, 0).withDurationHours(8);
        int kept = 0;
        int onlyWithTheShift = 0;
        int madeSignificant = 0;
        for (long seed = 1; seed <= 120; seed++) {
            SimRun r = SeriesGenerator.generate(spec, seed);
            TrendPipeline.Estimate with = p99(r, memoryShifts(r));
            kept += with.withoutHinted() == null ? 0 : 1;
            onlyWithTheShift += with.withoutHinted() != null && with.ownPValue() < 0.025
                    && !(with.withoutHinted().ownPValue() < 0.025) ? 1 : 0;
            madeSignificant += with.pValue() < 0.025 && !(p99(r, Hints.NONE).pValue() < 0.025) ? 1 : 0;
        }
        assertThat(kept).as("runs whose p99 kept the memory's shift").isBetween(20, 60);
        assertThat(onlyWithTheShift).as("runs significant only beside that shift").isPositive();
        assertThat(madeSignificant).as("steady p99s made significant by the hint").isZero();
    }

    /** The level shifts the memory's own pipeline finds, as hints for the latency. */
    private static Hints memoryShifts(SimRun r) {
        TrendPipeline.Estimate mem = LeakDetector.estimate(r.tSec(), r.rssMb(), false, NONE, NONE,
                java.util.OptionalDouble.empty(), false, Hints.NONE);
        return new Hints(mem.steps().stream().mapToDouble(s -> s[0]).toArray(), Double.NaN, Double.NaN);
    }

    private static TrendPipeline.Estimate p99(SimRun r, Hints hints) {
        return DriftDetector.estimate(r.tSec(), r.p99Ms(), new double[0], new double[0],
                java.util.OptionalDouble.empty(), false, hints);
    }

    @Test
    void aSmallP99StepNotTakenOut_isNamedInTheFail_asOneShiftThatFitsAsWell_whileDriftsRarelyAre() {
        // +25 % p99 alone (1.5 σ at φ 0.9 per minute) at 20–80 % of an 8 h run: on its samples one shift with no
        // trend is favoured, but not by enough to be taken out, in about a third of the runs where it reads as a
        // drift; a real 2 %/h drift is so read in a few runs of a hundred, a leak in none
        AnalysisOptions offline = AnalysisOptions.defaults().toBuilder().offline().build();
        SimSpec step = SimSpec.stable().withSpikes(0.01).withStep(0, Math.log(1.25)).withDurationHours(8);
        SimSpec drift = SimSpec.stable().withNoise(10, 0.5).withSpikes(0.01).withDrift(2).withDurationHours(10.7);
        int stepFails = 0;
        int named = 0;
        int driftFails = 0;
        int driftNamed = 0;
        for (long seed = 1; seed <= 40; seed++) {
            SimRun s = SeriesGenerator.generate(step, seed);
            MetricVerdict v = DriftDetector.test("p99", s.tSec(), s.p99Ms(), NONE, NONE, offline);
            double[] rival = DriftDetector.estimate(s.tSec(), s.p99Ms(), NONE, NONE, offline.warmupSec(), false)
                    .rivalShift();
            assertThat(v.explanation().contains("Caution: one level shift of +"))
                    .as("seed %d: %s", seed, v.explanation()).isEqualTo(v.verdict() == Verdict.FAIL && rival != null);
            if (v.verdict() == Verdict.FAIL) {
                stepFails++;
                named += rival != null && Math.abs(rival[0] - s.stepAtSec()) <= 600 && rival[1] > 0 ? 1 : 0;
            }
            SimRun d = SeriesGenerator.generate(drift, seed);
            MetricVerdict w = DriftDetector.test("p99", d.tSec(), d.p99Ms(), NONE, NONE, offline);
            if (w.verdict() == Verdict.FAIL) {
                driftFails++;
                driftNamed += w.explanation().contains("Caution: one level shift") ? 1 : 0;
            }
        }
        assertThat(stepFails).as("the step read as a drift, of 40").isBetween(8, 24);
        assertThat(named).as("of those %d FAILs, the ones naming the step within 10 min", stepFails)
                .isGreaterThanOrEqualTo(5);
        assertThat(driftFails).as("drift FAILs of 40").isGreaterThanOrEqualTo(36);
        assertThat(driftNamed).as("drift FAILs with the caution").isLessThanOrEqualTo(3);
    }

    private static TrendPipeline.Estimate p99(SimRun r, double tauHintHours) {
        return DriftDetector.estimate(r.tSec(), r.p99Ms(), new double[0], new double[0],
                java.util.OptionalDouble.empty(), false, Hints.runningWarmup(tauHintHours));
    }
}
