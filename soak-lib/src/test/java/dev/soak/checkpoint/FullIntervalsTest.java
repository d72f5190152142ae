package dev.soak.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FullIntervalsTest {

    private static IntervalMetrics interval(double tSec, double lengthSec) {
        return new IntervalMetrics(tSec, lengthSec, Fixtures.op(100, 0, 1.0), 0, 0, Map.of());
    }

    private static List<IntervalMetrics> seconds(int n) {
        List<IntervalMetrics> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(interval(i, 1.0));
        }
        return out;
    }

    @Test
    void aRunsLastIntervalCutShortByTheEndOfTheLoad_isLeftOut() {
        List<IntervalMetrics> m = seconds(60);
        m.add(interval(60.12, 0.12));
        assertThat(FullIntervals.of(m)).containsExactlyElementsOf(m.subList(0, 60));
    }

    @Test
    void anIntervalOfAtLeastHalfTheMedian_isKept_wherever_andAShortOneInTheMiddleIsLeftOut() {
        List<IntervalMetrics> m = seconds(10);
        m.add(interval(10.6, 0.6));
        m.add(interval(10.9, 0.3));
        m.add(interval(11.9, 1.0));
        List<IntervalMetrics> full = FullIntervals.of(m);
        assertThat(full).hasSize(12).contains(m.get(10)).doesNotContain(m.get(11));
    }

    @Test
    void anIntervalInWhichTheGeneratorPaused100msOrMore_isLeftOut_andCounted() {
        List<IntervalMetrics> m = seconds(10);
        IntervalMetrics paused = new IntervalMetrics(11, 1.0, Fixtures.op(100, 0, 1.0), 0, 0, Map.of(), 2500);
        IntervalMetrics brief = new IntervalMetrics(12, 1.0, Fixtures.op(100, 0, 1.0), 0, 0, Map.of(), 99);
        m.add(paused);
        m.add(brief);
        assertThat(FullIntervals.of(m)).hasSize(11).doesNotContain(paused).contains(brief);
        assertThat(FullIntervals.paused(m)).isEqualTo(1);
        assertThat(FullIntervals.paused(seconds(3))).as("not measured: NaN").isZero();
    }

    @Test
    void intervalsOfOneLength_andASingleInterval_areReturnedAsTheyAre() {
        List<IntervalMetrics> m = seconds(5);
        assertThat(FullIntervals.of(m)).isSameAs(m);
        List<IntervalMetrics> one = List.of(interval(0.1, 0.1));
        assertThat(FullIntervals.of(one)).isSameAs(one);
        assertThat(FullIntervals.of(List.of())).isEmpty();
    }
}
