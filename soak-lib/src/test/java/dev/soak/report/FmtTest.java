package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FmtTest {
    @Test
    void sig_keepsThreeSignificantFiguresAtEveryScale() {
        assertThat(Fmt.sig(0.0123456)).isEqualTo("0.0123");
        assertThat(Fmt.sig(1.23456)).isEqualTo("1.23");
        assertThat(Fmt.sig(12.3456)).isEqualTo("12.3");
        assertThat(Fmt.sig(123456)).isEqualTo("123456");
        assertThat(Fmt.sig(Double.NaN)).isEqualTo("n/a");
    }

    @Test
    void sig_writesAstronomicalExtrapolationsInScientificNotation() {
        // a p99 doubling within a 60 s run extrapolates to 2^60 per hour: a readable exponent, not 89 digits
        assertThat(Fmt.sig(1.7112998912158182e88)).isEqualTo("1.71e+88");
        assertThat(Fmt.sig(-2.5e6)).isEqualTo("-2.50e+06");
        assertThat(Fmt.sig(999_999)).isEqualTo("999999");
    }

    @Test
    void rate_boundsRelativeRatesBeyondATenfoldChange_onlyForPercentPerHour() {
        assertThat(Fmt.rate(1.7112998912158182e88, "%/h")).isEqualTo(">+900");
        assertThat(Fmt.rate(-100.0, "%/h")).isEqualTo("<-90");
        assertThat(Fmt.rate(2.04, "%/h")).isEqualTo("2.04");
        assertThat(Fmt.rate(1777.1, "MB/h")).isEqualTo("1777");
    }

    @Test
    void runTime_readsInSecondsMinutesOrHours_neverAsZeroHours() {
        assertThat(Fmt.runTime(16.0 / 3600)).isEqualTo("16 s");
        assertThat(Fmt.runTime(0.3)).isEqualTo("18 min");
        assertThat(Fmt.runTime(1.54)).isEqualTo("1.5 h");
        assertThat(Fmt.runTime(36)).isEqualTo("36.0 h");
        assertThat(Fmt.runTime(Double.NaN)).isEqualTo("n/a");
    }
}
