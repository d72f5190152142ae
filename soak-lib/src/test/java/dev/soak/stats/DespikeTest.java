package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The Hampel filter against an independent numpy implementation (running median of 7, 5 × 1.4826 × MAD). */
class DespikeTest {
    @Test
    void replacesIsolatedSpikesAndKeepsALevelShift() {
        double[] in = {1.0, 1.2, 0.9, 1.1, 9.0, 1.0, 1.05, 0.95, 1.1, 5.0, 5.1, 4.9, 5.2, 5.0, 4.8, 5.1, -3.0, 5.0, 5.05};
        double[] numpy = {1.0, 1.2, 0.9, 1.1, 1.05, 1.0, 1.05, 0.95, 1.1, 5.0, 5.1, 4.9, 5.2, 5.0, 4.8, 5.1, 5.0, 5.0,
            5.05};
        assertThat(Despike.hampel(in, 3, 5)).containsExactly(numpy);
        assertThat(in[4]).isEqualTo(9.0);
    }

    @Test
    void leavesASeriesWithoutAScaleAlone() {
        // most values on their running median: no scale to call anything a spike by (a count that rarely moves)
        double[] in = {55, 55, 55, 56, 55, 55, 55, 55, 57, 55};
        assertThat(Despike.hampel(in, 3, 5)).containsExactly(in);
        assertThatThrownBy(() -> Despike.hampel(in, 0, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
