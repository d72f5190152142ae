package dev.soak.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NoiseFreeFitTest {
    private static final double[] HOURS = IntStream.range(0, 48).mapToDouble(i -> (i + 0.5) / 6).toArray();

    private static double[] values(IntToDoubleFunction f) {
        return IntStream.range(0, HOURS.length).mapToDouble(f).toArray();
    }

    @Test
    void equalBlocks_areFlatAtTheirValue() {
        NoiseFreeFit f = NoiseFreeFit.of(HOURS, values(i -> 117), 3);
        assertThat(f.slope()).isZero();
        assertThat(f.shiftAt()).isEmpty();
        assertThat(f.levelAt(8)).isEqualTo(117);
    }

    @Test
    void piecesOfOneLevel_areFlat_withTheirShiftsAtTheBlockWhereEachStarts() {
        NoiseFreeFit f = NoiseFreeFit.of(HOURS, values(i -> i < 18 ? 117 : i < 30 ? 56 : 62), 3);
        assertThat(f.slope()).isZero();
        assertThat(f.shiftAt()).containsExactly(18, 30);
        assertThat(f.shiftSize()[0]).isCloseTo(-61, within(1e-9));
        assertThat(f.shiftSize()[1]).isCloseTo(6, within(1e-9));
        assertThat(f.levelAt(8)).isEqualTo(62);
    }

    @Test
    void piecesOfOneLine_keepTheLinesSlope() {
        NoiseFreeFit f = NoiseFreeFit.of(HOURS, values(i -> 300 + 3 * HOURS[i] + (i < 20 ? 0 : 40)), 3);
        assertThat(f.slope()).isCloseTo(3, within(1e-9));
        assertThat(f.shiftAt()).containsExactly(20);
        assertThat(f.shiftSize()[0]).isCloseTo(40, within(1e-9));
        assertThat(f.levelAt(HOURS[47])).isCloseTo(300 + 3 * HOURS[47] + 40, within(1e-9));
    }

    @Test
    void aStaircaseStillSteppingOneWayInTheSecondHalf_isNotNoiseFree_butOneStepStepsBothWaysOrEarlyStepsAre() {
        // a heap expanded 20 MB every 2 h: a growth in steps, for the noisy path's trend test
        assertThat(NoiseFreeFit.of(HOURS, values(i -> 500 + 20 * (i / 12)), 3)).isNull();
        assertThat(NoiseFreeFit.of(HOURS, values(i -> 500 - 20 * (i / 16)), 3)).isNull();
        assertThat(NoiseFreeFit.of(HOURS, values(i -> 300 + 3 * HOURS[i] + (i < 20 ? 0 : 40) + (i < 36 ? 0 : 40)), 3))
                .isNull();
        assertThat(NoiseFreeFit.of(HOURS, values(i -> 500 + (i < 24 ? 0 : 40)), 3).shiftAt()).containsExactly(24);
        assertThat(NoiseFreeFit.of(HOURS, values(i -> i < 12 ? 500 : i < 24 ? 520 : i < 36 ? 510 : 530), 3).shiftSize())
                .hasSize(3);
        // a pool filled in three steps within the first half, then held: a warm-up
        assertThat(NoiseFreeFit.of(HOURS, values(i -> 500 + 20 * Math.min(3, i / 6)), 3).shiftAt())
                .containsExactly(6, 12, 18);
        assertThat(NoiseFreeFit.of(HOURS, values(i -> 500 + 20 * Math.min(3, i / 9)), 3)).isNull(); // the third at 4.5 h of 8
    }

    @Test
    void moreShiftsThanAllowed_aBlockBetweenTwoLevels_orAnyNoise_isNotNoiseFree() {
        // a staircase of four steps: more than the pipeline's three shifts, so a trend for the noisy path to test
        assertThat(NoiseFreeFit.of(HOURS, values(i -> 100 + i / 10), 3)).isNull();
        // one block half-way between two levels: two breaks on adjacent steps
        assertThat(NoiseFreeFit.of(HOURS, values(i -> i < 20 ? 100 : i == 20 ? 120 : 140), 3)).isNull();
        Random rnd = new Random(7);
        assertThat(NoiseFreeFit.of(HOURS, values(i -> 100 + 1e-6 * rnd.nextGaussian()), 3)).isNull();
        // noise at the tolerance's scale: 1e-9 of the largest value is rounding, 1e-7 is not
        assertThat(NoiseFreeFit.of(HOURS, values(i -> 1e4 + (i % 2) * 1e-7 * 1e4), 3)).isNull();
        assertThat(NoiseFreeFit.of(HOURS, values(i -> 1e4 + (i % 2) * 1e-12 * 1e4), 3)).isNotNull();
    }
}
