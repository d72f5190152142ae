package dev.soak.detect;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class RateTextTest {
    private static String plain(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    @Test
    void relativeRatesBeyondATenfoldChangePerHour_areWrittenAsTheBound() {
        assertThat(RateText.of(1.71e63, "%/h", RateTextTest::plain)).isEqualTo(">+900");
        assertThat(RateText.of(900.5, "%/h", RateTextTest::plain)).isEqualTo(">+900");
        assertThat(RateText.of(-99.99999, "%/h", RateTextTest::plain)).isEqualTo("<-90");
        assertThat(RateText.of(-90.5, "%/h", RateTextTest::plain)).isEqualTo("<-90");
    }

    @Test
    void relativeRatesWithinTheBounds_andOtherUnits_areWrittenAsNumbers() {
        assertThat(RateText.of(900, "%/h", RateTextTest::plain)).isEqualTo("900.0");
        assertThat(RateText.of(-90, "%/h", RateTextTest::plain)).isEqualTo("-90.0");
        assertThat(RateText.of(2.04, "%/h", RateTextTest::plain)).isEqualTo("2.0");
        assertThat(RateText.of(1777.1, "MB/h", RateTextTest::plain)).isEqualTo("1777.1");
        assertThat(RateText.of(-250, "MB/h", RateTextTest::plain)).isEqualTo("-250.0");
        assertThat(RateText.of(Double.NaN, "%/h", RateTextTest::plain)).isEqualTo("NaN");
    }

    @Test
    void aOneMinuteRunsLatencyFall_isExplainedWithTheBound_whileTheVerdictKeepsTheNumber() {
        // p99 halving over a minute of warm-up: extrapolated to an hour that is a fall to 2^-60,
        // which %/h rounds to -100.0; the explanation says "<-90" instead
        int n = 60;
        double[] t = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i + 1;
            y[i] = 8 * Math.pow(0.5, t[i] / 60) * (1 + 0.05 * Math.sin(i * 1.7));
        }
        MetricVerdict v = DriftDetector.test("p99_latency_ms", t, y, new double[0], new double[0],
                AnalysisOptions.builder().warmupSec(0).build());
        assertThat(v.ratePerHour()).isLessThan(-99.9);
        assertThat(v.explanation()).contains("<-90 %/h").doesNotContain("-100");
    }
}
