package dev.soak.checkpoint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Computes {@code work(item)} for items given one at a time on worker threads, ahead of need, and hands each item with
 * its result to {@code apply} on the caller's thread in the order the items were given: the costly, independent part
 * of a sequential job runs on every core while the part that must see the items in order stays on one thread (reading
 * a week of 1 s latency histograms, the inflating of six million zlib streams runs beside the summing).
 *
 * <p>Items go to the workers in batches of {@link #BATCH}, and at most {@code 2 · threads + 1} batches are in flight,
 * so it holds a bounded number of items and results. With one thread it works on the caller's thread alone, in the
 * same order. {@code work} should not throw (return the failure as its result); an error it throws is thrown from the
 * {@link #add} or {@link #finish} that meets it. An interrupt does not cut a batch short: the caller waits for it and
 * finds its interrupt flag set afterwards.
 *
 * <p>Not thread-safe: one thread adds, finishes and closes.
 */
final class Prefetcher<T, R> implements AutoCloseable {
    static final int BATCH = 256;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Function<T, R> work;
    private final BiConsumer<T, R> apply;
    /** Null: on the caller's thread. */
    private final ExecutorService pool;
    private final int window;
    private final ArrayDeque<Batch<T, R>> inFlight = new ArrayDeque<>();
    private List<T> next = new ArrayList<>(BATCH);

    private record Batch<T, R>(List<T> items, Future<List<R>> results) { }

    /** With {@code threads} workers; one (or fewer) works on the caller's thread. */
    Prefetcher(Function<T, R> work, BiConsumer<T, R> apply, int threads) {
        this.work = work;
        this.apply = apply;
        this.window = 2 * threads + 1;
        if (threads <= 1) {
            pool = null;
        } else {
            int id = POOLS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "soak-prefetch-" + id + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** As many workers as the machine has cores. */
    Prefetcher(Function<T, R> work, BiConsumer<T, R> apply) {
        this(work, apply, Runtime.getRuntime().availableProcessors());
    }

    /** Gives the next item; may apply earlier ones. */
    void add(T item) {
        next.add(item);
        if (next.size() == BATCH) {
            submit();
        }
    }

    /** Applies every item given so far. */
    void finish() {
        if (!next.isEmpty()) {
            submit();
        }
        while (!inFlight.isEmpty()) {
            applyOldest();
        }
    }

    private void submit() {
        List<T> items = next;
        next = new ArrayList<>(BATCH);
        if (pool == null) {
            items.forEach(item -> apply.accept(item, work.apply(item)));
            return;
        }
        inFlight.add(new Batch<>(items, pool.submit(() -> {
            List<R> results = new ArrayList<>(items.size());
            items.forEach(item -> results.add(work.apply(item)));
            return results;
        })));
        while (inFlight.size() > window) {
            applyOldest();
        }
    }

    private void applyOldest() {
        Batch<T, R> b = inFlight.poll();
        List<R> results;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    results = b.results().get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // a batch is bounded work: wait for it, and keep the interrupt for the caller
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = 0; i < results.size(); i++) {
            apply.accept(b.items().get(i), results.get(i));
        }
    }

    /** Stops the workers; items not yet applied are dropped. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
