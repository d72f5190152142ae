package dev.soak.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.soak.scenario.ArrivalPattern;
import dev.soak.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class PauseMeterTest {
    @Test
    void aSleepHeldFor300ms_isTheLongestPause_ofItsSpanOnly() throws Exception {
        AtomicInteger sleeps = new AtomicInteger();
        CountDownLatch held = new CountDownLatch(1);
        // the 50th sleep lasts 300 ms, as the meter's thread would be held by a pause of the JVM or its host
        try (PauseMeter meter = new PauseMeter(NanoClock.SYSTEM, n -> {
            if (sleeps.incrementAndGet() == 50) {
                LockSupport.parkNanos(300_000_000L);
                held.countDown();
            } else {
                LockSupport.parkNanos(n);
            }
        })) {
            meter.start();
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(50);
            assertThat(meter.takeLongestMs()).isBetween(290.0, 3_000.0);
            int before = sleeps.get();
            Thread.sleep(200);
            assertThat(sleeps.get() - before).as("the meter goes on looking").isGreaterThan(10);
            assertThat(meter.takeLongestMs()).as("the next span does not repeat the pause").isLessThan(290.0);
        }
    }

    @Test
    void close_stopsTheThread() {
        AtomicInteger sleeps = new AtomicInteger();
        PauseMeter meter = new PauseMeter(NanoClock.SYSTEM, n -> {
            sleeps.incrementAndGet();
            LockSupport.parkNanos(n);
        });
        meter.start();
        meter.close();
        int after = sleeps.get();
        LockSupport.parkNanos(50_000_000L);
        assertThat(sleeps.get()).isLessThanOrEqualTo(after + 1);
    }

    @Test
    void aDriver_measuresItsPauses_unlessTheTargetSharesItsJvm() throws Exception {
        try (TestServer srv = new TestServer(2, ex -> TestServer.respond(ex, 200, "ok", false))) {
            Scenario s = TestScenarios.template(new ArrivalPattern.Constant(100), srv.port(), "get", "GET", "/", "",
                    List.of());
            RunCapture elsewhere = RunCapture.run(LoadDriver.builder(s).sampleInterval(Duration.ofMillis(300)).build(), 1000);
            assertThat(elsewhere.intervals).isNotEmpty()
                    .allSatisfy(m -> assertThat(m.driverPauseMs()).as("measured").isFinite().isNotNegative());
            RunCapture here = RunCapture.run(LoadDriver.builder(s).sampleInterval(Duration.ofMillis(300))
                    .targetInThisJvm(true).build(), 1000);
            assertThat(here.intervals).isNotEmpty().allSatisfy(m -> assertThat(m.driverPauseMs()).isNaN());
        }
        // Java operations run in this JVM: the target's pauses are the generator's
        RunCapture java = RunCapture.run(LoadDriver.builder(TestScenarios.engram(new ArrivalPattern.Constant(100), 1,
                Map.of("store", 1.0), 0, 8)).operation("noop", () -> { }).sampleInterval(Duration.ofMillis(300)).build(),
                1000);
        assertThat(java.intervals).isNotEmpty().allSatisfy(m -> assertThat(m.driverPauseMs()).isNaN());
    }
}
