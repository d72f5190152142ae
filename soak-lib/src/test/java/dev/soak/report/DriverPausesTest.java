package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.LatencySummary;
import dev.soak.checkpoint.OperationMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load generator's own pauses, from its intervals' {@code driver_pause_ms}. */
class DriverPausesTest {
    /** The interval ending at {@code t} (1 s long), 100 operations, in which the generator paused {@code pauseMs}. */
    private static IntervalMetrics interval(double t, double pauseMs) {
        LatencySummary l = new LatencySummary(1, 2, 3, 4, 5, 6);
        return new IntervalMetrics(t, 1, new OperationMetrics(100, 0, Map.of(), 100, 100, l, l), 0, 0, Map.of(), pauseMs);
    }

    @Test
    void pausesOf100msOrMore_mergedWhereTheyFollowEachOther_longestFirst() {
        List<IntervalMetrics> run = new ArrayList<>();
        for (int t = 1; t <= 30; t++) {
            double pause = t == 5 ? 2400 : t == 6 ? 1400 : t == 20 ? 150 : t == 25 ? 99 : 0.4;
            run.add(interval(t, pause));
        }
        List<DriverPauses.Pause> pauses = DriverPauses.of(run);
        assertThat(pauses).containsExactly(new DriverPauses.Pause(4, 6, 2400), new DriverPauses.Pause(19, 20, 150));
        assertThat(DriverPauses.line(pauses.get(0))).isEqualTo("2.4 s at 00:00:04");
        assertThat(DriverPauses.line(pauses.get(1))).isEqualTo("150 ms at 00:00:19");
        assertThat(DriverPauses.longestMs(run)).isEqualTo(2400);
    }

    @Test
    void unmeasuredIntervals_haveNoPauses_andAPauseAtTheEndIsKept() {
        assertThat(DriverPauses.of(List.of(interval(1, Double.NaN), interval(2, Double.NaN)))).isEmpty();
        assertThat(DriverPauses.longestMs(List.of(interval(1, Double.NaN)))).isNaN();
        assertThat(DriverPauses.of(List.of(interval(1, 0.3), interval(2, 500))))
                .containsExactly(new DriverPauses.Pause(1, 2, 500));
        // a gap between intervals (a resume) ends a pause
        assertThat(DriverPauses.of(List.of(interval(1, 500), interval(60, 700)))).hasSize(2);
    }
}
