package dev.soak.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void of_picksTheUnitThatReadsBest() {
        assertThat(DurationText.of(40)).isEqualTo("40 s");
        assertThat(DurationText.of(89.4)).isEqualTo("89 s");
        assertThat(DurationText.of(90)).isEqualTo("2 min");
        assertThat(DurationText.of(5399)).isEqualTo("90 min");
        assertThat(DurationText.of(5400)).isEqualTo("1.5 h");
        assertThat(DurationText.of(7 * 86400)).isEqualTo("168.0 h");
    }

    @Test
    void clock_isHoursMinutesSeconds_withHoursPastADay() {
        assertThat(DurationText.clock(0)).isEqualTo("00:00:00");
        assertThat(DurationText.clock(59.6)).isEqualTo("00:01:00");
        assertThat(DurationText.clock(3723)).isEqualTo("01:02:03");
        assertThat(DurationText.clock(26.5 * 3600)).isEqualTo("26:30:00");
        assertThat(DurationText.clock(-5)).isEqualTo("00:00:00");
        assertThat(DurationText.clock(Double.NaN)).isEqualTo("--:--:--");
    }
}
