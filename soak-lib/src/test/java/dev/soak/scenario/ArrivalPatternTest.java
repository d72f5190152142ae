package dev.soak.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ArrivalPatternTest {
    private static final double H = 3600;

    @Test
    void constantPoissonExponential_areFlat() {
        for (double t : new double[] {0, 1, 3599.5, 1e6}) {
            assertThat(new ArrivalPattern.Constant(250).ratePerSec(t)).isEqualTo(250);
            assertThat(new ArrivalPattern.Poisson(40).ratePerSec(t)).isEqualTo(40);
            assertThat(new ArrivalPattern.Exponential(7.5).ratePerSec(t)).isEqualTo(7.5);
        }
        assertThat(new ArrivalPattern.Constant(1).isRandom()).isFalse();
        assertThat(new ArrivalPattern.Poisson(1).isRandom()).isTrue();
    }

    @Test
    void periodicBurst_burstsAtTheStartOfEachPeriod() {
        var p = new ArrivalPattern.PeriodicBurst(100, 900, 30, 300);
        assertThat(p.ratePerSec(0)).isEqualTo(900);
        assertThat(p.ratePerSec(29.999)).isEqualTo(900);
        assertThat(p.ratePerSec(30)).isEqualTo(100);
        assertThat(p.ratePerSec(299)).isEqualTo(100);
        assertThat(p.ratePerSec(300)).isEqualTo(900);
        assertThat(p.ratePerSec(615)).isEqualTo(900);
        assertThat(p.ratePerSec(645)).isEqualTo(100);
    }

    @Test
    void diurnal_reachesBaselineAtTroughAndPeakAtPeakHour() {
        var d = new ArrivalPattern.Diurnal(500, 2, 14, 3);
        assertThat(d.ratePerSec(3 * H)).isCloseTo(500, within(1e-9));
        assertThat(d.ratePerSec(14 * H)).isCloseTo(1000, within(1e-9));
        assertThat(d.ratePerSec((24 + 3) * H)).isCloseTo(500, within(1e-9));
        assertThat(d.ratePerSec((48 + 14) * H)).isCloseTo(1000, within(1e-9));
    }

    @Test
    void diurnal_staysBetweenBaselineAndPeak_neverNegative() {
        var d = new ArrivalPattern.Diurnal(500, 3, 20, 5);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double t = -2 * 86_400; t <= 3 * 86_400; t += 37) {
            double r = d.ratePerSec(t);
            assertThat(r).isGreaterThanOrEqualTo(0);
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        assertThat(min).isCloseTo(500, within(0.01));
        assertThat(max).isCloseTo(1500, within(0.01));
        var zero = new ArrivalPattern.Diurnal(0, 4, 12, 0);
        assertThat(zero.ratePerSec(6 * H)).isZero();
    }

    @Test
    void diurnal_isAsymmetricWhenHoursAreNot12Apart() {
        // trough 03:00 -> peak 14:00 takes 11 h; peak -> trough takes 13 h. The half-way rate
        // (750) is reached 5.5 h after the trough when rising and 6.5 h after the peak when falling.
        var d = new ArrivalPattern.Diurnal(500, 2, 14, 3);
        assertThat(d.ratePerSec(8.5 * H)).isCloseTo(750, within(1e-9));
        assertThat(d.ratePerSec(20.5 * H)).isCloseTo(750, within(1e-9));
        assertThat(d.ratePerSec((14 - 5.5) * H)).isNotCloseTo(d.ratePerSec((14 + 5.5) * H), within(1.0));
        // rising all the way from trough to peak, falling all the way back
        double prev = d.ratePerSec(3 * H);
        for (double h = 3.1; h <= 14; h += 0.1) {
            double r = d.ratePerSec(h * H);
            assertThat(r).isGreaterThanOrEqualTo(prev - 1e-9);
            prev = r;
        }
        for (double h = 14.1; h <= 27; h += 0.1) {
            double r = d.ratePerSec(h * H);
            assertThat(r).isLessThanOrEqualTo(prev + 1e-9);
            prev = r;
        }
    }

    @Test
    void diurnal_isContinuous_includingAtMidnightAndTheTurningPoints() {
        var d = new ArrivalPattern.Diurnal(200, 5, 22, 1); // peak near midnight: the curve wraps
        double maxStepPerSec = 200 * 4 * Math.PI / 2 / (3 * H); // steepest slope of the shortest half
        for (double t = -86_400; t < 2 * 86_400; t += 10) {
            double step = Math.abs(d.ratePerSec(t + 1) - d.ratePerSec(t));
            assertThat(step).as("jump at t=%s", t).isLessThanOrEqualTo(maxStepPerSec * 1.0001);
        }
        double eps = 1e-6;
        for (double h : new double[] {0, 1, 22, 24}) {
            assertThat(d.ratePerSec(h * H - eps)).isCloseTo(d.ratePerSec(h * H + eps), within(1e-6));
        }
    }

    @Test
    void ramp_isLinearThenHeld() {
        var r = new ArrivalPattern.Ramp(100, 500, 1000);
        assertThat(r.ratePerSec(0)).isEqualTo(100);
        assertThat(r.ratePerSec(250)).isEqualTo(200);
        assertThat(r.ratePerSec(1000)).isEqualTo(500);
        assertThat(r.ratePerSec(5000)).isEqualTo(500);
        assertThat(new ArrivalPattern.Ramp(900, 100, 100).ratePerSec(50)).isEqualTo(500);
    }

    @Test
    void timeScale_compressesTheCurveIntoWallTime() {
        // a 24 h diurnal day in 10 wall minutes: time_scale = 144
        Scenario s = Scenario.builder("day in 10 min")
                .duration(java.time.Duration.ofHours(24))
                .arrival(new ArrivalPattern.Diurnal(500, 2, 14, 3))
                .timeScale(144)
                .build();
        assertThat(s.wallSeconds()).isEqualTo(600);
        assertThat(s.rateAtWallSec(14 * H / 144)).isCloseTo(1000, within(1e-9));
        assertThat(s.rateAtWallSec(3 * H / 144)).isCloseTo(500, within(1e-9));
        for (double w = 0; w <= 600; w += 7) {
            assertThat(s.rateAtWallSec(w)).isEqualTo(s.arrival().ratePerSec(w * 144));
        }
    }
}
