package dev.soak.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** {@link Prefetcher}: work on the workers, results applied in the order given, a bounded number in flight. */
class PrefetcherTest {
    private static final int ITEMS = 20 * Prefetcher.BATCH + 17;

    /** Uneven work, so that later batches often finish before earlier ones. */
    private static long work(int i) {
        long x = i;
        for (int k = (i * 7919) % 5000; k > 0; k--) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    @Test
    void resultsAreAppliedInTheOrderGiven_onTheCallersThread_workOnTheWorkers() {
        for (int threads : new int[] {1, 2, 4}) {
            List<Integer> seen = new ArrayList<>();
            Set<String> workers = ConcurrentHashMap.newKeySet();
            Thread caller = Thread.currentThread();
            int[] given = {0};
            int[] mostInFlight = {0};
            try (Prefetcher<Integer, Long> p = new Prefetcher<>(i -> {
                workers.add(Thread.currentThread().getName());
                return work(i);
            }, (i, r) -> {
                assertThat(Thread.currentThread()).isSameAs(caller);
                assertThat(r).isEqualTo(work(i));
                seen.add(i);
            }, threads)) {
                for (int i = 0; i < ITEMS; i++) {
                    given[0]++;
                    p.add(i);
                    mostInFlight[0] = Math.max(mostInFlight[0], given[0] - seen.size());
                }
                p.finish();
            }
            assertThat(seen).as("%d threads", threads).hasSize(ITEMS);
            for (int i = 0; i < ITEMS; i++) {
                assertThat(seen.get(i)).isEqualTo(i);
            }
            assertThat(mostInFlight[0]).isLessThanOrEqualTo((2 * threads + 2) * Prefetcher.BATCH);
            if (threads == 1) {
                assertThat(workers).containsExactly(caller.getName());
            } else {
                assertThat(workers).isNotEmpty().allMatch(n -> n.startsWith("soak-prefetch-"));
            }
        }
    }

    @Test
    void anErrorInTheWork_isThrownToTheCaller() {
        for (int threads : new int[] {1, 2}) {
            try (Prefetcher<Integer, Integer> p = new Prefetcher<>(i -> {
                if (i == 300) {
                    throw new OutOfMemoryError("test");
                }
                return i;
            }, (i, r) -> { }, threads)) {
                assertThatThrownBy(() -> {
                    for (int i = 0; i < ITEMS; i++) {
                        p.add(i);
                    }
                    p.finish();
                }).isInstanceOf(OutOfMemoryError.class).hasMessage("test");
            }
        }
    }

    @Test
    void anInterruptedCaller_stillGetsEveryResult_andKeepsItsInterrupt() {
        List<Integer> seen = new ArrayList<>();
        try (Prefetcher<Integer, Long> p = new Prefetcher<>(PrefetcherTest::work, (i, r) -> seen.add(i), 2)) {
            Thread.currentThread().interrupt();
            for (int i = 0; i < ITEMS; i++) {
                p.add(i);
            }
            p.finish();
            assertThat(Thread.interrupted()).isTrue();
        }
        assertThat(seen).hasSize(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
    }

    @Test
    void close_stopsTheWorkers() throws Exception {
        String prefix;
        try (Prefetcher<Integer, Integer> p = new Prefetcher<>(i -> i, (i, r) -> { }, 2)) {
            Set<String> names = ConcurrentHashMap.newKeySet();
            try (Prefetcher<Integer, Integer> q = new Prefetcher<>(i -> {
                names.add(Thread.currentThread().getName());
                return i;
            }, (i, r) -> { }, 2)) {
                for (int i = 0; i < 3 * Prefetcher.BATCH; i++) {
                    q.add(i);
                }
                q.finish();
            }
            prefix = names.iterator().next().replaceFirst("-\\d+$", "-");
        }
        for (int tries = 0; tries < 100 && alive(prefix); tries++) {
            Thread.sleep(20);
        }
        assertThat(alive(prefix)).isFalse();
    }

    private static boolean alive(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
    }
}
