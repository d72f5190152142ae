package dev.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class CurrentJvmHeapTest {
    private static final int MB = 1024 * 1024;

    /** Keeps references so that the JIT cannot drop the allocations. */
    static volatile Object sink;

    @Test
    void forced_retained32Mb_readingRisesBy32MbAndFallsBackWhenReleased() {
        try (CurrentJvmHeap heap = new CurrentJvmHeap(true)) {
            double before = heap.heapAfterGcMb();
            List<byte[]> retained = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                retained.add(new byte[MB]);
            }
            double during = heap.heapAfterGcMb();
            sink = retained;
            retained = null;
            sink = null;
            double after = heap.heapAfterGcMb();

            assertThat(heap.forcesGc()).isTrue();
            assertThat(during - before).isBetween(30.0, 40.0);
            assertThat(after - before).isLessThan(4.0);
        }
    }

    @Test
    void observed_leakPromotedByYoungCollections_isSeenWithoutAFullGc() {
        // The test's own full collection, before the reader starts: garbage that earlier tests left in the old
        // generation would otherwise be counted in the first reading, and a mixed collection reclaiming it during the
        // test would hide part of the leak (once seen: 7 MB of the 24).
        System.gc();
        try (CurrentJvmHeap heap = new CurrentJvmHeap(false)) {
            churn(2); // some young collections, so there is a first reading
            double before = heap.heapAfterGcMb();
            List<byte[]> leak = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                leak.add(new byte[MB]);
            }
            heap.heapAfterGcMb(); // a reading ends the window (collections during the loop saw part of the leak)
            churn(2); // garbage: young collections see the leak (survivor or old generation)
            double after = heap.heapAfterGcMb();
            sink = leak;

            assertThat(heap.forcesGc()).isFalse();
            assertThat(before).isFinite();
            assertThat(after - before).isGreaterThan(20.0);
        }
    }

    @Test
    void capture_reportsHeapInUseAndAfterGc_inBytes() {
        try (CurrentJvmHeap heap = new CurrentJvmHeap(true)) {
            var p = heap.capture();
            assertThat(p.jvmHeapAfterGcBytes()).isPositive();
            assertThat(p.jvmHeapUsedBytes()).isPositive();
            assertThat(p.source()).isEqualTo("in-process-gc");
            assertThat(p.allocatedBytes()).isNaN();
        }
    }

    /**
     * Allocates short-lived garbage in small arrays until the JVM has run {@code n} more
     * collections, then gives the (asynchronous) GC notifications a moment to arrive.
     */
    private static void churn(int n) {
        long target = collections() + n;
        long deadline = System.nanoTime() + 20_000_000_000L;
        Object keep = null;
        while (collections() < target && System.nanoTime() < deadline) {
            for (int i = 0; i < 1024; i++) {
                keep = new byte[1024 + ThreadLocalRandom.current().nextInt(16 * 1024)];
            }
        }
        sink = keep;
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += gc.getCollectionCount();
        }
        return n;
    }
}
