package dev.soak.reference;

import dev.soak.scenario.FaultSpec;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fault formulas on a fake clock (no sleeping). */
class FaultInjectorTest {
    private static final long SEC = 1_000_000_000L;

    private static FaultSpec spec(double leakMbPerHour, double driftPct, double baseMs, double warmupMb, double tau,
                                  double errorRate) {
        return new FaultSpec(leakMbPerHour, 0, driftPct, baseMs, 0, 0, warmupMb, tau, errorRate, 0);
    }

    @Test
    void latency_compoundsPerWallHour() {
        AtomicLong now = new AtomicLong();
        var f = new FaultInjector(spec(0, 100, 10, 0, 0, 0), 1, now::get, () -> { });
        assertThat(f.addedLatencyNanos()).isEqualTo(10_000_000L);
        now.set(3600 * SEC);
        assertThat(f.addedLatencyNanos() / 1e6).isCloseTo(20.0, within(1e-6)); // +100 %/h
        now.set(7200 * SEC);
        assertThat(f.addedLatencyNanos() / 1e6).isCloseTo(40.0, within(1e-6));
    }

    @Test
    void latency_driftWithoutBase_usesOneMillisecond_andIsCapped() {
        AtomicLong now = new AtomicLong();
        var f = new FaultInjector(spec(0, 1e300, 0, 0, 0, 0), 1, now::get, () -> { });
        assertThat(f.addedLatencyNanos()).isEqualTo(1_000_000L);
        now.set(3600 * SEC);
        assertThat(f.addedLatencyNanos()).isEqualTo(10 * SEC);
        var none = new FaultInjector(FaultSpec.none(), 1, now::get, () -> { });
        assertThat(none.addedLatencyNanos()).isZero();
    }

    @Test
    void errorRate_isDeterministicForASeed_andNearTheRate() {
        var a = new FaultInjector(spec(0, 0, 0, 0, 0, 0.1), 7, System::nanoTime, () -> { });
        var b = new FaultInjector(spec(0, 0, 0, 0, 0, 0.1), 7, System::nanoTime, () -> { });
        var c = new FaultInjector(spec(0, 0, 0, 0, 0, 0.1), 8, System::nanoTime, () -> { });
        int n = 20_000;
        int failures = 0;
        boolean differs = false;
        for (int i = 0; i < n; i++) {
            boolean fa = a.nextRequestFails();
            assertThat(b.nextRequestFails()).isEqualTo(fa);
            differs |= c.nextRequestFails() != fa;
            failures += fa ? 1 : 0;
        }
        assertThat(differs).as("another seed gives another sequence").isTrue();
        double sd = Math.sqrt(n * 0.1 * 0.9);
        assertThat((double) failures).isBetween(n * 0.1 - 4 * sd, n * 0.1 + 4 * sd);
    }

    @Test
    void leakAndWarmup_retainTheScheduledBytes() throws Exception {
        AtomicLong now = new AtomicLong();
        var f = new FaultInjector(spec(36, 0, 0, 8, 60, 0), 1, now::get, () -> { });
        now.set(100 * SEC); // leak: 36 MiB/h × 100 s = 1 MiB; warm-up: 8 MiB × (1 − e^(−100/60))
        tick(f);
        assertThat((long) f.state().get("leaked_bytes")).isEqualTo(16L * FaultInjector.CHUNK_BYTES);
        double warm = 8 * FaultInjector.MIB * -Math.expm1(-100 / 60.0);
        assertThat((double) (long) f.state().get("warmup_bytes")).isCloseTo(warm, within((double) FaultInjector.CHUNK_BYTES));
        now.set(100_000 * SEC);
        tick(f);
        assertThat((long) f.state().get("warmup_bytes")).isEqualTo((long) (8 * FaultInjector.MIB)); // plateau
        f.close();
    }

    @Test
    void crash_runsOnceWhenDue() throws Exception {
        AtomicLong now = new AtomicLong();
        AtomicLong crashes = new AtomicLong();
        var f = new FaultInjector(new FaultSpec(0, 0, 0, 0, 0, 0, 0, 0, 0, 5), 1, now::get, crashes::incrementAndGet);
        now.set(4 * SEC);
        tick(f);
        assertThat(crashes.get()).isZero();
        now.set(5 * SEC);
        tick(f);
        tick(f);
        assertThat(crashes.get()).isEqualTo(1);
        f.close();
    }

    private static void tick(FaultInjector f) throws Exception {
        f.tick();
    }
}
