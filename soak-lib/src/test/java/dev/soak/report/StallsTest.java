package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.LatencySummary;
import dev.soak.checkpoint.OperationMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Load intervals in which nothing completed while operations were due. */
class StallsTest {
    /** The interval ending at {@code t} (1 s long) with {@code ops} completed of {@code rate} due, its max latency. */
    private static IntervalMetrics interval(double t, long ops, double rate, double maxMs) {
        LatencySummary l = new LatencySummary(1, 2, 3, 4, 5, maxMs);
        return new IntervalMetrics(t, 1, new OperationMetrics(ops, 0, Map.of(), rate, ops, l, l), 0, 0, Map.of());
    }

    @Test
    void zeroCompletionsWhileLoadIsDue_areStalls_mergedAndLongestFirst() {
        List<IntervalMetrics> run = new ArrayList<>();
        for (int t = 1; t <= 20; t++) {
            boolean frozen = t >= 6 && t <= 8 || t == 14;
            run.add(interval(t, frozen ? 0 : 100, 100, t == 9 ? 3200 : t == 15 ? 1100 : 12));
        }
        List<Stalls.Stall> stalls = Stalls.of(run);
        assertThat(stalls).containsExactly(new Stalls.Stall(5, 3, 300, 3200), new Stalls.Stall(13, 1, 100, 1100));
        assertThat(Stalls.line(stalls.get(0))).isEqualTo("at 00:00:05 for 3 s, 300 operations due; those held up to 3 s");
    }

    @Test
    void aStallThroughWhichTheLoadGeneratorWasPaused_isTheGenerators() {
        LatencySummary l = new LatencySummary(1, 2, 3, 4, 5, 2100);
        LatencySummary none = LatencySummary.empty();
        List<IntervalMetrics> run = List.of(
                new IntervalMetrics(1, 1, new OperationMetrics(100, 0, Map.of(), 100, 100, l, l), 0, 0, Map.of(), 0.5),
                new IntervalMetrics(2, 1, new OperationMetrics(0, 0, Map.of(), 100, 0, none, none), 0, 0, Map.of(), 900),
                new IntervalMetrics(3, 1, new OperationMetrics(0, 0, Map.of(), 100, 0, none, none), 0, 0, Map.of(), 0.3),
                new IntervalMetrics(4, 1, new OperationMetrics(300, 0, Map.of(), 100, 300, l, l), 0, 0, Map.of(), 2100));
        Stalls.Stall st = Stalls.of(run).get(0);
        assertThat(st.durationSec()).isEqualTo(2);
        assertThat(st.driverPauseMs()).as("the longest, the interval after it included").isEqualTo(2100);
        assertThat(st.generators()).isTrue();
        assertThat(Stalls.line(st)).endsWith("; but the load generator itself was paused 2.1 s then: the stall is the"
                + " generator's, not the target's");
        // a target's own stall: the generator went on (or was not measured)
        assertThat(Stalls.of(List.of(run.get(0), run.get(2), run.get(2).totals(), run.get(0))).get(0).generators()).isFalse();
    }

    @Test
    void aTrickleOfLoad_aGapBetweenIntervals_andAStallAtTheEnd() {
        assertThat(Stalls.of(List.of(interval(1, 0, 0.5, Double.NaN), interval(2, 0, 0.5, Double.NaN))))
                .as("half an operation due a second: nothing completing is no stall").isEmpty();
        List<Stalls.Stall> split = Stalls.of(List.of(interval(1, 0, 100, Double.NaN), interval(60, 0, 100, Double.NaN)));
        assertThat(split).as("intervals a resume apart are two stalls").hasSize(2);
        assertThat(split.get(1).maxLatencyMsAfter()).as("nothing after the last one").isNaN();
    }

    @Test
    void manyStalls_listTheLongest_andCountTheRest() {
        List<IntervalMetrics> run = new ArrayList<>();
        for (int t = 1; t <= 60; t++) {
            run.add(interval(t, t % 4 == 0 ? 0 : 50, 50, 10));
        }
        List<Stalls.Stall> stalls = Stalls.of(run);
        assertThat(stalls).hasSize(15);
        assertThat(Stalls.rest(stalls)).hasValue("… and 5 shorter ones, 5 s in all");
        assertThat(Stalls.rest(stalls.subList(0, Stalls.LISTED))).isEmpty();
    }
}
