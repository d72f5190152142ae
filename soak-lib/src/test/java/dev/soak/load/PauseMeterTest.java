package dev.soak.load;

import static org.assertj.core.api.Assertions.assertThat;

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
}
