package dev.soak.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BlocksTest {

    private static Blocks blocks(double[] value) {
        int m = value.length;
        double[] t = new double[m];
        double[] load = new double[m];
        int[] count = new int[m];
        for (int i = 0; i < m; i++) {
            t[i] = (i + 0.5) / 6.0;
            load[i] = Double.NaN;
            count[i] = 10;
        }
        return new Blocks(t, value, load, count);
    }

    private static double[] line(int m, java.util.SplittableRandom r) {
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            v[i] = 100 + 2 * i / 6.0 + (r.nextDouble() - 0.5);
        }
        return v;
    }

    @Test
    void anIsolatedLowMinimum_isDropped_withItsTimeAndCount() {
        double[] v = line(40, new java.util.SplittableRandom(1));
        v[0] = 5;   // a process that had just started
        Blocks b = blocks(v).withoutOutliers(6, 0.05);
        assertThat(b.size()).isEqualTo(39);
        assertThat(b.value()[0]).isEqualTo(v[1]);
        assertThat(b.tHours()[0]).isEqualTo((1 + 0.5) / 6.0);
        assertThat(b.samples()).isEqualTo(390);
    }

    @Test
    void aLevelShift_orTooManyOutliers_leaveTheBlocksAlone() {
        double[] step = line(40, new java.util.SplittableRandom(2));
        for (int i = 20; i < 40; i++) {
            step[i] += 50;
        }
        assertThat(blocks(step).withoutOutliers(6, 0.05).size()).isEqualTo(40);
        double[] many = line(40, new java.util.SplittableRandom(3));
        many[3] = many[9] = many[17] = -500;   // 3 of 40 is more than 5 % (2 allowed)
        assertThat(blocks(many).withoutOutliers(6, 0.05).size()).isEqualTo(40);
        many[17] = 100 + 2 * 17 / 6.0;   // two outliers left: dropped
        assertThat(blocks(many).withoutOutliers(6, 0.05).size()).isEqualTo(38);
    }
}
