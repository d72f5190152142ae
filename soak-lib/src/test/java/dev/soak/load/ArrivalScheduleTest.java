package dev.soak.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.soak.scenario.ArrivalPattern;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

    private static int countUntil(ArrivalSchedule s, double endSec) {
        int n = 0;
        while (true) {
            double t = s.nextSec();
            if (Double.isNaN(t)) {
                continue;
            }
            if (t >= endSec) {
                return n;
            }
            n++;
        }
    }

    @Test
    void constant_isEvenlySpaced() {
        ArrivalPattern p = new ArrivalPattern.Constant(1000);
        ArrivalSchedule s = new ArrivalSchedule(p::ratePerSec, p.isRandom(), 1);
        double prev = 0;
        for (int i = 1; i <= 5000; i++) {
            double t = s.nextSec();
            assertThat(t - prev).isCloseTo(0.001, within(1e-9));
            prev = t;
        }
        assertThat(prev).isCloseTo(5.0, within(1e-6));
    }

    @Test
    void poisson_countWithinFourSigma_andGapsAreExponential() {
        ArrivalPattern p = new ArrivalPattern.Poisson(2000);
        ArrivalSchedule s = new ArrivalSchedule(p::ratePerSec, p.isRandom(), 7);
        int n = countUntil(s, 50.0); // expected 100,000, sd 316
        assertThat((double) n).isCloseTo(100_000, within(4 * Math.sqrt(100_000)));

        // exponential gaps: coefficient of variation 1 (a constant schedule has 0)
        ArrivalSchedule g = new ArrivalSchedule(p::ratePerSec, true, 8);
        double prev = 0, sum = 0, sum2 = 0;
        int m = 50_000;
        for (int i = 0; i < m; i++) {
            double t = g.nextSec();
            double gap = t - prev;
            prev = t;
            sum += gap;
            sum2 += gap * gap;
        }
        double mean = sum / m;
        double cv = Math.sqrt(sum2 / m - mean * mean) / mean;
        assertThat(mean).isCloseTo(1.0 / 2000, within(0.02 / 2000));
        assertThat(cv).isCloseTo(1.0, within(0.03));
    }

    @Test
    void exponential_isThePoissonAlias() {
        ArrivalPattern p = new ArrivalPattern.Exponential(500);
        assertThat(p.isRandom()).isTrue();
        int n = countUntil(new ArrivalSchedule(p::ratePerSec, p.isRandom(), 21), 40.0); // expected 20,000
        assertThat((double) n).isCloseTo(20_000, within(4 * Math.sqrt(20_000)));
    }

    @Test
    void periodicBurst_followsTheInstantaneousRate_notTheMean() {
        // 100/s base, 2000/s for the first 2 s of every 10 s
        ArrivalPattern p = new ArrivalPattern.PeriodicBurst(100, 2000, 2, 10);
        ArrivalSchedule s = new ArrivalSchedule(p::ratePerSec, p.isRandom(), 3);
        int inBurst = 0, outside = 0;
        while (true) {
            double t = s.nextSec();
            if (t >= 100) {
                break;
            }
            if (t % 10 < 2) {
                inBurst++;
            } else {
                outside++;
            }
        }
        // expected 10 × 2 s × 2000 = 40,000 and 10 × 8 s × 100 = 8,000
        assertThat((double) inBurst).isCloseTo(40_000, within(4 * Math.sqrt(40_000)));
        assertThat((double) outside).isCloseTo(8_000, within(4 * Math.sqrt(8_000)));
    }

    @Test
    void ramp_countsMatchTheIntegralOfTheRate() {
        ArrivalPattern p = new ArrivalPattern.Ramp(0, 2000, 20);
        ArrivalSchedule s = new ArrivalSchedule(p::ratePerSec, p.isRandom(), 5);
        int firstHalf = 0, secondHalf = 0;
        while (true) {
            double t = s.nextSec();
            if (t >= 20) {
                break;
            }
            if (t < 10) {
                firstHalf++;
            } else {
                secondHalf++;
            }
        }
        // ∫0..10 100 t dt = 5,000; ∫10..20 = 15,000
        assertThat((double) firstHalf).isCloseTo(5_000, within(4 * Math.sqrt(5_000)));
        assertThat((double) secondHalf).isCloseTo(15_000, within(4 * Math.sqrt(15_000)));
    }

    @Test
    void diurnal_compressedByTimeScale_peaksWhereTheRateDoes() {
        // a day compressed 1440×: 60 wall seconds; trough at 0 h (100/s), peak at 12 h (1,000/s)
        ArrivalPattern p = new ArrivalPattern.Diurnal(100, 10, 12, 0);
        double scale = 1440;
        ArrivalSchedule s = new ArrivalSchedule(t -> p.ratePerSec(t * scale), true, 11);
        double expectedNearPeak = 0, expectedNearTrough = 0;
        for (double t = 0.0005; t < 60; t += 0.001) {
            double r = p.ratePerSec(t * scale) * 0.001;
            if (Math.abs(t - 30) < 5) {
                expectedNearPeak += r;
            } else if (t < 5 || t > 55) {
                expectedNearTrough += r;
            }
        }
        int nearPeak = 0, nearTrough = 0;
        while (true) {
            double t = s.nextSec();
            if (t >= 60) {
                break;
            }
            if (Math.abs(t - 30) < 5) {
                nearPeak++;
            } else if (t < 5 || t > 55) {
                nearTrough++;
            }
        }
        assertThat((double) nearPeak).isCloseTo(expectedNearPeak, within(4 * Math.sqrt(expectedNearPeak)));
        assertThat((double) nearTrough).isCloseTo(expectedNearTrough, within(4 * Math.sqrt(expectedNearTrough)));
        assertThat(nearPeak).isGreaterThan(4 * nearTrough);
    }

    @Test
    void zeroRate_returnsNaNAndKeepsScanning() {
        ArrivalSchedule s = new ArrivalSchedule(t -> t < 2.5 ? 0 : 10, false, 1);
        assertThat(s.nextSec()).isNaN();
        assertThat(s.nextSec()).isNaN();
        assertThat(s.nextSec()).isCloseTo(2.6, within(1e-9));
    }

    @Test
    void sameSeed_sameTimes() {
        ArrivalSchedule a = new ArrivalSchedule(t -> 500, true, 99);
        ArrivalSchedule b = new ArrivalSchedule(t -> 500, true, 99);
        ArrivalSchedule c = new ArrivalSchedule(t -> 500, true, 100);
        boolean differs = false;
        for (int i = 0; i < 1000; i++) {
            double x = a.nextSec();
            assertThat(b.nextSec()).isEqualTo(x);
            differs |= c.nextSec() != x;
        }
        assertThat(differs).isTrue();
    }
}
