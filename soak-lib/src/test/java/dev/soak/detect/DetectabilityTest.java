package dev.soak.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DetectabilityTest {
    @Test
    void hoursNeeded_areTheCalibrationGridsRunLengths() {
        // the "hours" column of docs/calibration.md (1.5·T* of each 10 MB/h cell, computed by the grid's Cell)
        assertThat(Detectability.hoursNeeded(10, 10, 0.5, Detectability.LEAK_POWER)).isCloseTo(2.97, within(0.01));
        assertThat(Detectability.hoursNeeded(10, 10, 0.9, Detectability.LEAK_POWER)).isCloseTo(5.50, within(0.01));
        assertThat(Detectability.hoursNeeded(20, 10, 0.9, Detectability.LEAK_POWER)).isCloseTo(8.73, within(0.01));
        assertThat(Detectability.hoursNeeded(10, 10, 0.97, Detectability.LEAK_POWER)).isCloseTo(8.32, within(0.01));
        assertThat(Detectability.hoursNeeded(30, 10, 0.97, Detectability.LEAK_POWER)).isCloseTo(17.30, within(0.01));
    }

    @Test
    void largestSd_isTheInverseOfHoursNeeded_andMatchesAHandComputation() {
        assertThat(Detectability.largestSd(8.32, 10, 0.97, Detectability.LEAK_POWER)).isCloseTo(10, within(0.01));
        // 24 h, 10 MB/h, φ 0.9: σ² = 16³·10²/[12·(1/60)·(1.9/0.1)·(1.95996 + 1.64485)²] = 8294.6
        assertThat(Detectability.largestSd(24, 10, 0.9, Detectability.LEAK_POWER)).isCloseTo(Math.sqrt(8294.6),
                within(0.05));
        // a run twice as long tolerates 2^1.5 times the noise
        assertThat(Detectability.largestSd(48, 10, 0.9, 0.95) / Detectability.largestSd(24, 10, 0.9, 0.95))
                .isCloseTo(Math.pow(2, 1.5), within(1e-9));
    }

    @Test
    void text_namesTheNoiseARunTolerates_andTheRunLengthANoiseNeeds() {
        String t = Detectability.text(8.32, " after the warm-up", 10, 2);
        assertThat(t).contains("in 8.3 h of load after the warm-up:\n    a 10 MB/h leak while the memory's noise is"
                + " below 19 MB (passing) or 10 MB (wandering)")
                .contains("a 2 %/h p99 drift while p99 scatters around its trend by less than");
        String table = t.lines().filter(l -> l.startsWith("    wandering")).findFirst().orElseThrow();
        assertThat(table).contains("8.3 h"); // sd 10 MB, φ 0.97
        assertThat(Detectability.text(0, " after the warm-up", 10, 2)).contains("no load is left after the warm-up");
        // an accelerated run of minutes: no figure read off a calibration it lies outside of
        assertThat(Detectability.text(0.05, " after the warm-up", 10, 2))
                .contains("3 min of load after the warm-up is shorter than the runs calibrated (2 h to 7 days)")
                .doesNotContain("while the memory's noise").doesNotContain("    wandering");
    }
}
