package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * A mixture of Student t's against scipy: weights 2:1:1, centres 0.5, −1, 2, scales 1, 0.5, 3, ν = 7 or
 * 7, 4, 12 ({@code sum(w·t.cdf((x − c)/s, ν))}, quantiles by brentq, sd from ν/(ν − 2)·s² plus the centres'
 * spread).
 */
class StudentTMixtureTest {
    private final StudentTMixture m = new StudentTMixture(new double[] {2, 1, 1}, new double[] {0.5, -1, 2},
            new double[] {1, 0.5, 3}, 7);

    @Test
    void matchesScipy() {
        assertThat(m.mean()).isCloseTo(0.5, within(1e-12));
        assertThat(m.sd()).isCloseTo(2.25, within(1e-12));
        assertThat(m.cdf(-2)).isCloseTo(0.0489723990621802, within(1e-12));
        assertThat(m.cdf(0)).isCloseTo(0.463191953161399, within(1e-12));
        assertThat(m.cdf(1.5)).isCloseTo(0.771193236400222, within(1e-12));
        assertThat(m.quantile(0.025)).isCloseTo(-2.71852807059781, within(1e-7));
        assertThat(m.quantile(0.5)).isCloseTo(0.163696450276337, within(1e-7));
        assertThat(m.quantile(0.95)).isCloseTo(4.73496771117541, within(1e-7));
    }

    @Test
    void componentsWithTheirOwnDegreesOfFreedomMatchScipy() {
        // the same mixture with ν = 7, 4, 12
        StudentTMixture own = new StudentTMixture(new double[] {2, 1, 1}, new double[] {0.5, -1, 2},
                new double[] {1, 0.5, 3}, new double[] {7, 4, 12});
        assertThat(own.cdf(0)).isCloseTo(0.458286993324953, within(1e-12));
        assertThat(own.sd()).isCloseTo(2.15638586528478, within(1e-12));
        assertThat(own.quantile(0.025)).isCloseTo(-2.70341961505855, within(1e-7));
        assertThat(own.quantile(0.95)).isCloseTo(4.66826398911792, within(1e-7));
    }

    @Test
    void oneComponentIsItsStudentT() {
        StudentTMixture one = new StudentTMixture(new double[] {3}, new double[] {1}, new double[] {2}, 10);
        // t(10) quantile 0.975 = 2.228138851986274
        assertThat(one.quantile(0.975)).isCloseTo(1 + 2 * 2.228138851986274, within(1e-7));
        assertThat(one.cdf(1)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void rejectsWhatIsNotAMixture() {
        assertThatThrownBy(() -> new StudentTMixture(new double[] {1}, new double[] {0, 1}, new double[] {1}, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one length");
        assertThatThrownBy(() -> new StudentTMixture(new double[] {0}, new double[] {0}, new double[] {1}, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one must be positive");
        assertThatThrownBy(() -> new StudentTMixture(new double[] {1}, new double[] {0}, new double[] {0}, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale");
        assertThatThrownBy(() -> new StudentTMixture(new double[] {1}, new double[] {0}, new double[] {1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("above 2");
        assertThatThrownBy(() -> m.quantile(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
