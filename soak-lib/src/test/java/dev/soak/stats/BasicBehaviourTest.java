package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-checkable examples from the class Javadocs. */
class BasicBehaviourTest {

    @Test
    void theilSen_outlierDoesNotMoveSlope() {
        double[] x = {0, 1, 2, 3, 4};
        double[] y = {0, 1, 2, 3, 40};
        assertThat(TheilSen.slope(x, y)).isEqualTo(1.0);
        assertThat(TheilSen.intercept(x, y, 1.0)).isEqualTo(0.0);
    }

    @Test
    void theilSen_noDistinctX_isNaN() {
        assertThat(TheilSen.slope(new double[] {1, 1}, new double[] {2, 3})).isNaN();
        assertThat(TheilSen.slope(new double[0], new double[0])).isNaN();
    }

    @Test
    void theilSen_nanEntry_throwsNamingIndex() {
        assertThatThrownBy(() -> TheilSen.slope(new double[] {0, 1, 2}, new double[] {0, Double.NaN, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[1]");
    }

    @Test
    void mannKendall_increasingSeries_maximalS() {
        MannKendall.Result r = MannKendall.test(new double[] {1, 2, 3, 4, 5, 6});
        assertThat(r.s()).isEqualTo(15.0);
        assertThat(r.tauA()).isEqualTo(1.0);
        // Var = 6*5*17/18 = 28.333…
        assertThat(r.varianceOfS()).isCloseTo(6 * 5 * 17 / 18.0, within(1e-12));
        assertThat(r.pIncreasing()).isLessThan(0.01);
    }

    @Test
    void windows_javadocExample() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] y = {5, 3, 4, 9, 6, 2, 8, 7, 1, 0};
        Windows.Summary p = Windows.summarise(x, y, 0, 4, Windows.Statistic.MIN);
        assertThat(p.index()).containsExactly(0, 1, 2);
        assertThat(p.value()).containsExactly(3, 2, 0);
        assertThat(p.meanX()).containsExactly(1.5, 5.5, 8.5);
        assertThat(p.count()).containsExactly(4, 4, 2);
        Windows.Summary c = Windows.summarise(x, y, 0, 4, Windows.Statistic.MEDIAN);
        assertThat(c.value()).containsExactly(4.5, 6.5, 0.5);
        // a shifted origin moves the window edges
        assertThat(Windows.summarise(x, y, -2, 4, Windows.Statistic.MIN).value()).containsExactly(3, 2, 0);
        assertThat(Windows.summarise(x, y, -2, 4, Windows.Statistic.MIN).count()).containsExactly(2, 4, 4);
    }

    @Test
    void runLength_notesExample_fourAndAHalfHours() {
        double lr = RunLength.longRunVariancePerX(15 * 15, 0.9, 1 / 60.0);
        assertThat(lr).isCloseTo(71.25, within(1e-9));
        assertThat(RunLength.requiredSpan(lr, 0, 10, 0.05, 0.95)).isCloseTo(4.52, within(0.01));
        assertThat(RunLength.power(lr, 0, 10, 0.05, RunLength.requiredSpan(lr, 0, 10, 0.05, 0.95)))
                .isCloseTo(0.95, within(1e-9));
    }

    @Test
    void holm_stepDown() {
        double[] adj = Holm.adjust(new double[] {0.01, 0.04, 0.03, Double.NaN});
        assertThat(adj[0]).isCloseTo(0.03, within(1e-15));
        assertThat(adj[2]).isCloseTo(0.06, within(1e-15));
        assertThat(adj[1]).isCloseTo(0.06, within(1e-15));
        assertThat(adj[3]).isNaN();
    }

    @Test
    void alphaSpending_spendsAllAtTheEnd() {
        assertThat(AlphaSpending.OBRIEN_FLEMING.spent(0.05, 1)).isCloseTo(0.05, within(1e-12));
        assertThat(AlphaSpending.POCOCK.spent(0.05, 1)).isCloseTo(0.05, within(1e-12));
        assertThat(AlphaSpending.OBRIEN_FLEMING.spent(0.05, 0.25)).isLessThan(0.001);
    }
}
