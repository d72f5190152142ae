package dev.soak.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The randomized slope selection returns exactly what sorting all slopes returns. */
class TheilSenFastTest {

    /** Data kinds: continuous, integer-valued with many ties in y, repeated x, a constant stretch. */
    static double[][] data(int kind, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            switch (kind) {
                case 0 -> {
                    x[i] = r.nextDouble() * 1000;
                    y[i] = 0.3 * x[i] + r.nextGaussian() * 20;
                }
                case 1 -> {
                    x[i] = i;
                    y[i] = Math.round(i / 300.0 + r.nextGaussian() * 2);
                }
                case 2 -> {
                    x[i] = r.nextInt(n / 4);
                    y[i] = r.nextInt(20);
                }
                default -> {
                    x[i] = i * 60.0;
                    y[i] = i < n / 2 ? 100 : 100 + r.nextInt(3);
                }
            }
        }
        return new double[][] {x, y};
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void fastSelection_equalsBruteForce_manySeeds(int kind) {
        for (long seed = 1; seed <= 8; seed++) {
            int n = 650 + (int) (seed * 37 % 300);
            double[][] d = data(kind, n, seed * 1000 + kind);
            SlopeSelection s = SlopeSelection.of(d[0], d[1]);
            long bigN = s.count();
            assertThat(bigN).isGreaterThan(SlopeSelection.BRUTE_FORCE_MAX_SLOPES);
            long[] ranks = {0, bigN - 1, (bigN - 1) / 2, bigN / 2, bigN / 5, bigN * 97 / 100, seed * 7919 % bigN};
            double[] all = SlopeSelection.bruteForce(d[0], d[1], 0, bigN - 1);
            for (long k : ranks) {
                double fast = s.fast(k, k)[0];
                double brute = all[(int) k];
                assertThat(fast).as("kind %d seed %d n %d rank %d", kind, seed, n, k).isEqualTo(brute);
            }
            double[] range = s.fast(bigN / 3, bigN / 3 + 50);
            double[] bruteRange = java.util.Arrays.copyOfRange(all, (int) (bigN / 3), (int) (bigN / 3 + 51));
            assertThat(range).containsExactly(bruteRange);
        }
    }

    /** Slopes that differ only by rounding (y = i/3 with paired x): equal up to a few ulps. */
    @Test
    void roundingNeighbours_withinFourUlps() {
        int n = 1200;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? i : i - 1;
            y[i] = i / 3.0;
        }
        SlopeSelection s = SlopeSelection.of(x, y);
        long bigN = s.count();
        double[] all = SlopeSelection.bruteForce(x, y, 0, bigN - 1);
        for (long k : new long[] {0, bigN / 7, bigN / 3, bigN / 2, bigN * 9 / 10, bigN - 1}) {
            double brute = all[(int) k];
            assertThat(s.fast(k, k)[0]).as("rank %d", k).isCloseTo(brute, org.assertj.core.api.Assertions.within(4 * Math.ulp(brute)));
        }
    }

    @Test
    void countBelow_matchesDefinition() {
        double[][] d = data(2, 300, 5);
        SlopeSelection s = SlopeSelection.of(d[0], d[1]);
        for (double t : new double[] {-1, 0, 0.25, 0.5, 1, 3}) {
            long lt = 0;
            long le = 0;
            for (int i = 0; i < 300; i++) {
                for (int j = i + 1; j < 300; j++) {
                    double dx = d[0][j] - d[0][i];
                    if (dx == 0) {
                        continue;
                    }
                    double sl = (d[1][j] - d[1][i]) / dx;
                    lt += sl < t ? 1 : 0;
                    le += sl <= t ? 1 : 0;
                }
            }
            assertThat(s.countBelow(t)).containsExactly(lt, le);
        }
    }

    /** Complexity sanity check without timing: a 200k-point series (2·10¹⁰ slopes) is handled, brute force could not. */
    @Test
    void largeSeries_slopeRecoveredWithoutBruteForce() {
        int n = 200_000;
        SplittableRandom r = new SplittableRandom(42);
        double[] x = new double[n];
        double[] y = new double[n];
        double e = 0;
        for (int i = 0; i < n; i++) {
            x[i] = i;
            e = 0.9 * e + r.nextGaussian();
            y[i] = 500 + 2e-5 * i + e;
        }
        TheilSen.Fit fit = TheilSen.fit(x, y, 0.95);
        assertThat(fit.slopeCount()).isEqualTo((long) n * (n - 1) / 2);
        assertThat(fit.slope()).isBetween(1.9e-5, 2.1e-5);
        assertThat(fit.lowerSlope()).isLessThan(fit.slope());
        assertThat(fit.upperSlope()).isGreaterThan(fit.slope());
        // work, not time: a median of 2·10¹⁰ slopes evaluates O(n) slopes in O(1) sorting passes
        SlopeSelection s = SlopeSelection.of(x, y);
        s.median();
        assertThat(s.slopesEvaluated).isLessThan(8L * n);
        assertThat(s.sortPasses).isLessThan(20);
    }
}
