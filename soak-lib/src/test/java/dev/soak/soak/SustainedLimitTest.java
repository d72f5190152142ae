package dev.soak.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.LatencySummary;
import dev.soak.checkpoint.OperationMetrics;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.scenario.AbortConditions;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The sliding-window abort logic, driven by a fake clock (explicit times, no sleeping). */
class SustainedLimitTest {

    @Test
    void level_breachShorterThanSustained_doesNotFire() {
        SustainedLimit l = SustainedLimit.level("rss_mb", 100, 10);
        for (int t = 0; t <= 9; t++) {
            assertThat(l.observe(t, 120)).as("t=%d", t).isFalse();
        }
        assertThat(l.observe(10, 90)).isFalse(); // broken after 9 s above
        for (int t = 11; t < 21; t++) {
            assertThat(l.observe(t, 120)).as("t=%d", t).isFalse();
        }
        assertThat(l.observe(21, 120)).isTrue(); // 10 s above, uninterrupted
    }

    @Test
    void level_isNotCumulative_anEarlyBreachDoesNotCountLater() {
        SustainedLimit l = SustainedLimit.level("p99_latency_ms", 50, 30);
        for (int t = 0; t < 25; t++) {
            l.observe(t, 500); // 25 s above
        }
        for (int t = 25; t < 1000; t++) {
            assertThat(l.observe(t, t % 2 == 0 ? 500 : 10)).isFalse(); // half the time above, never 30 s in a row
        }
    }

    @Test
    void level_notMeasuredNeitherBreachesNorBreaks() {
        SustainedLimit l = SustainedLimit.level("rss_mb", 100, 5);
        l.observe(0, 200);
        l.observe(2, Double.NaN);
        assertThat(l.observe(4, Double.NaN)).isFalse();
        assertThat(l.observe(5, Double.NaN)).isTrue();
        SustainedLimit m = SustainedLimit.level("rss_mb", 100, 5);
        for (int t = 0; t < 100; t++) {
            assertThat(m.observe(t, Double.NaN)).isFalse();
        }
    }

    @Test
    void ratio_usesTheLastWindowOnly() {
        SustainedLimit l = SustainedLimit.ratio("error_rate", 0.1, 10);
        // 60 s of 50 % errors: breached once the window spans 10 s
        boolean fired = false;
        for (int t = 1; t <= 60; t++) {
            fired |= l.observe(t, 1, 50, 100);
            if (t < 10) {
                assertThat(fired).as("t=%d", t).isFalse();
            }
        }
        assertThat(fired).isTrue();
        // then 0 % errors: after a full window of good intervals the ratio is 0, whatever came before
        for (int t = 61; t <= 70; t++) {
            l.observe(t, 1, 0, 100);
        }
        assertThat(l.current()).isEqualTo(0.0);
        assertThat(l.observe(71, 1, 0, 100)).isFalse();
    }

    @Test
    void ratio_cumulativeWouldHideABadLastWindow_slidingDoesNot() {
        SustainedLimit l = SustainedLimit.ratio("error_rate", 0.2, 10);
        for (int t = 1; t <= 3600; t++) {
            assertThat(l.observe(t, 1, 0, 100)).isFalse(); // an hour without errors
        }
        boolean fired = false;
        for (int t = 3601; t <= 3611; t++) {
            fired |= l.observe(t, 1, 30, 100); // 30 % errors for 11 s: cumulative would be 0.09 %
        }
        assertThat(fired).isTrue();
        assertThat(l.current()).isGreaterThan(0.2);
    }

    @Test
    void ratio_shortBurst_doesNotFire() {
        SustainedLimit l = SustainedLimit.ratio("error_rate", 0.2, 10);
        for (int t = 1; t <= 100; t++) {
            l.observe(t, 1, 0, 100);
        }
        for (int t = 101; t <= 102; t++) {
            assertThat(l.observe(t, 1, 100, 100)).isFalse(); // 2 s of 100 % = 20 % over 10 s: not above
        }
    }

    @Test
    void abortWatch_firstBreachWinsAndNamesTheCondition() {
        AbortWatch w = new AbortWatch(new AbortConditions(OptionalDouble.of(100), OptionalDouble.of(50),
            OptionalDouble.of(0.1), false, 5));
        for (int t = 0; t <= 5; t++) {
            ResourceSample s = new ResourceSample(t, 1, 150, 1, 1, 1, 1, 1, Double.NaN, 1, 0, Double.NaN, 1024, Double.NaN);
            w.onResources(s);
        }
        assertThat(w.condition()).contains("max_rss_mb");
        assertThat(w.reason().orElseThrow()).contains("rss_mb").contains("100");
        for (int t = 6; t <= 20; t++) {
            w.onInterval(interval(t, 500, 50));
        }
        assertThat(w.condition()).contains("max_rss_mb");
    }

    @Test
    void abortWatch_errorRateOverWindow() {
        AbortWatch w = new AbortWatch(new AbortConditions(OptionalDouble.empty(), OptionalDouble.empty(),
            OptionalDouble.of(0.1), false, 5));
        for (int t = 1; t <= 4; t++) {
            assertThat(w.onInterval(interval(t, 1, 50))).isFalse();
        }
        assertThat(w.onInterval(interval(5, 1, 50))).isTrue();
        assertThat(w.condition()).contains("max_error_rate");
    }

    private static IntervalMetrics interval(double t, double p99Ms, long errors) {
        LatencySummary lat = new LatencySummary(1, 1, 1, p99Ms, p99Ms, p99Ms);
        OperationMetrics all = new OperationMetrics(100, errors, Map.of(), 100, 100, lat, lat);
        return new IntervalMetrics(t, 1, all, 0, 0, Map.of());
    }
}
