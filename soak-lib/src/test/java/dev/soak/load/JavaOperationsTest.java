package dev.soak.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.soak.scenario.ArrivalPattern;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JavaOperationsTest {

    private static long heapAfterGcBytes() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(best, mem.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    @Test
    void javaOperations_mixByWeight_exceptionsCounted() throws Exception {
        AtomicLong a = new AtomicLong();
        AtomicLong b = new AtomicLong();
        LoadDriver d = LoadDriver.builder(TestScenarios.engram(new ArrivalPattern.Constant(2000), 1,
                        Map.of("store", 1.0), 0, 8))
                .operation("a", 3, a::incrementAndGet)
                .operation("b", 1, () -> {
                    b.incrementAndGet();
                    throw new IllegalStateException("boom");
                }).sampleInterval(Duration.ofMillis(500)).build();
        assertThat(d.operationNames()).containsExactly("a", "b");
        RunCapture c = RunCapture.run(d, 1500);
        double share = (double) a.get() / (a.get() + b.get());
        assertThat(share).isBetween(0.70, 0.80);
        assertThat(c.errors("exception")).isEqualTo(b.get());
        assertThat(c.ops()).isEqualTo(a.get() + b.get());
    }

    /** Nothing grows per request: heap after GC is flat from 100 k to 1.1 M operations. */
    @Test
    void heapAfterGc_flatAcrossOneMillionOperations() throws Exception {
        LoadDriver d = LoadDriver.builder(TestScenarios.engram(new ArrivalPattern.Constant(400_000), 1,
                        Map.of("store", 1.0), 0, 8))
                .operation("noop", () -> { }).sampleInterval(Duration.ofMillis(500)).build();
        RunCapture c = new RunCapture();
        d.start(c);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (d.status().completed() < 100_000 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long before = heapAfterGcBytes();
        long atBefore = d.status().completed();
        while (d.status().completed() < atBefore + 1_000_000 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long after = heapAfterGcBytes();
        long atAfter = d.status().completed();
        d.stop();
        System.out.printf("heap after GC: %d B at %d ops, %d B at %d ops%n", before, atBefore, after, atAfter);
        assertThat(atAfter - atBefore).isGreaterThanOrEqualTo(1_000_000);
        assertThat(after - before).isLessThan(2L * 1024 * 1024);
    }
}
