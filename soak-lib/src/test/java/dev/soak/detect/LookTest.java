package dev.soak.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LookTest {

    @Test
    void hourlyLooks_spendAtMostTheLiveBudget_andNothingBeforeHalfTime() {
        double planned = 24 * 3600, total = 0;
        for (int k = 1; k <= 24; k++) {
            Look l = new Look(k, k * 3600.0, (k - 1) * 3600.0, planned);
            double a = l.level(0.01);
            if (k < 12) {
                assertThat(a).as("look %d", k).isZero();
            } else {
                assertThat(a).as("look %d", k).isPositive();
            }
            total += a;
        }
        // what was not spent before half-time is forfeited: the rest is spend(1) − spend(11/24)
        assertThat(total).isCloseTo(0.01 - Look.spend(11 / 24.0, 0.01), within(1e-12));
    }

    @Test
    void obrienFlemingSpending_matchesLanDeMets() {
        // one-sided α = 0.025 spent at t = 0.5: 2(1 − Φ(z_{0.9875}/√0.5)) = 2(1 − Φ(3.1694)) ≈ 0.001527
        assertThat(Look.spend(0.5, 0.025)).isCloseTo(0.001527, within(2e-5));
        assertThat(Look.spend(1.0, 0.025)).isCloseTo(0.025, within(1e-12));
    }

    @Test
    void badLook_isRejectedWithTheValues() {
        assertThatThrownBy(() -> new Look(0, 10, 0, 100)).hasMessageContaining("look number = 0");
        assertThatThrownBy(() -> new Look(1, 10, 20, 100)).hasMessageContaining("previousSec = 20.0");
    }

    @Test
    void options_liveLevelIsTheLooksIncrement_offlineIsAlpha() {
        assertThat(AnalysisOptions.defaults().levelOfThisLook()).isEqualTo(0.05);
        AnalysisOptions live = AnalysisOptions.builder().look(new Look(8, 8 * 3600, 7 * 3600, 8 * 3600)).build();
        assertThat(live.levelOfThisLook()).isEqualTo(new Look(8, 8 * 3600, 7 * 3600, 8 * 3600).level(0.01));
        assertThatThrownBy(() -> AnalysisOptions.builder().alpha(0.7).build()).hasMessageContaining("alpha = 0.7");
    }
}
