package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Jumps} on constructed series, and against the same rule written in numpy and scipy (values committed). */
class JumpsTest {
    /** A climb of 0.5 a step that falls back by 30 every 60 steps, in white noise of sd 1, 600 values. */
    private static double[] sawtooth(long seed) {
        Random rnd = new Random(seed);
        double[] x = new double[600];
        for (int i = 0; i < x.length; i++) {
            x[i] = 100 + 0.5 * ((i + 20) % 60) + rnd.nextGaussian();
        }
        return x;
    }

    @Test
    void findsEachFallOfASawtooth_atTheValueItFellTo_andNoRise() {
        Jumps.Result r = Jumps.find(sawtooth(1), 8, 3);
        assertThat(r.falls()).containsExactly(40, 100, 160, 220, 280, 340, 400, 460, 520, 580);
        assertThat(r.rises()).isEmpty();
        // differences of white noise of sd 1 (sd √2) about a climb of 0.5: S is that of the noise, not of the falls
        assertThat(r.scale()).isBetween(1.2, 1.65);
    }

    @Test
    void matchesAnIndependentNumpyImplementation() {
        // a climb of about 0.5 a step, falls at 9 and 24, a one-value spike at 15; the rule written again in numpy, its
        // scales from scipy.stats.median_abs_deviation(·, scale='normal') (1/Φ⁻¹(3/4) = 1.482602…, 1.4826 here), k 6,
        // h 3: S = 0.2223903327758395, falls [9, 24], no rise
        double[] x = {10.0, 10.4, 10.9, 11.2, 11.8, 12.1, 12.7, 13.0, 13.6, 4.1, 4.5, 5.2, 5.4, 6.1, 6.3, 30.0, 7.2,
            7.5, 8.1, 8.4, 9.0, 9.3, 9.8, 10.4, 3.9, 4.4, 4.8, 5.5, 5.7, 6.2, 6.9, 7.1, 7.6, 8.2, 8.5};
        Jumps.Result r = Jumps.find(x, 6, 3);
        assertThat(r.scale()).isCloseTo(0.2223903327758395, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(r.falls()).containsExactly(9, 24);
        assertThat(r.rises()).isEmpty();
    }

    @Test
    void theScale_isTheDifferencesNormalisedMad() {
        // differences 1, 1, 2, 1, 5: median 1, |d − 1| = 0, 0, 1, 0, 4, median 0, so S = 0: no jumps
        assertThat(Jumps.find(new double[] {0, 1, 2, 4, 5, 10}, 3, 1).scale()).isZero();
        // differences 1, 3, 2, 1, 4, 2: median 2, |d − 2| = 1, 1, 0, 1, 2, 0, median 1 → S = 1.4826
        Jumps.Result r = Jumps.find(new double[] {0, 1, 4, 6, 7, 11, 13}, 3, 1);
        assertThat(r.scale()).isEqualTo(1.4826);
        assertThat(r.rises()).isEmpty();
        assertThat(r.falls()).isEmpty();
    }

    @Test
    void aSpike_isNeitherARiseNorAFall_whileALevelShiftIsOne() {
        double[] x = sawtooth(2);
        x[300] += 60;
        x[450] -= 60;
        assertThat(Jumps.find(x, 8, 3).falls()).doesNotContain(301, 450);
        // a spike two values long: up at 200, down at 202, each to a level that holds for the 3 values beyond it
        x[200] += 60;
        x[201] += 60;
        assertThat(Jumps.find(x, 8, 3).rises()).isEmpty();
        assertThat(Jumps.find(x, 8, 3).falls()).doesNotContain(202);
        assertThat(Jumps.find(x, 8, 3).rises()).isEmpty();
        for (int i = 470; i < x.length; i++) {
            x[i] += 60;
        }
        assertThat(Jumps.find(x, 8, 3).rises()).containsExactly(470);
    }

    @Test
    void aFallOverTwoValues_isOneFall_atTheFirst() {
        double[] x = new double[200];
        Random rnd = new Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (i < 100 ? 50 : i == 100 ? 30 : 10) + rnd.nextGaussian();
        }
        assertThat(Jumps.find(x, 8, 3).falls()).containsExactly(100);
    }

    @Test
    void aSeriesWithNoNoise_hasItsDeparturesFromItsSteadyStepAsJumps() {
        // a count that grows by one a step and is cut back by 59 every 60 steps: S is 0
        double[] x = new double[300];
        for (int i = 0; i < x.length; i++) {
            x[i] = 100 + (i + 30) % 60;
        }
        Jumps.Result r = Jumps.find(x, 6, 3);
        assertThat(r.scale()).isZero();
        assertThat(r.falls()).containsExactly(30, 90, 150, 210, 270);
        assertThat(r.rises()).isEmpty();
        // a constant series has none
        assertThat(Jumps.find(new double[50], 6, 3).falls()).isEmpty();
    }

    @Test
    void whiteNoise_hasNoJumps() {
        Random rnd = new Random(4);
        double[] x = new double[100_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        Jumps.Result r = Jumps.find(x, 8, 3);
        assertThat(r.rises()).isEmpty();
        assertThat(r.falls()).isEmpty();
        assertThat(r.scale()).isCloseTo(Math.sqrt(2), org.assertj.core.data.Offset.offset(0.03));
    }

    @Test
    void rejectsABarOrWindowThatIsNotPositive() {
        assertThatThrownBy(() -> Jumps.find(new double[5], 0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k = 0.0");
        assertThatThrownBy(() -> Jumps.find(new double[5], 8, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("h = 0");
    }
}
