package dev.soak.load;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A lock-free intrusive stack of exchanges (Treiber, "Systems programming: coping with
 * parallelism", IBM RJ 5118, 1986) linked through {@link Exchange#next}, so handing an exchange
 * between threads allocates nothing and never parks. Thread safety: any number of threads may
 * {@link #push}; only one thread at a time may {@link #pop} or {@link #popAllFifo} (which rules
 * out ABA: an exchange can only come back after the single consumer removed it).
 */
final class ExchangeStack {
    private final AtomicReference<Exchange> head = new AtomicReference<>();

    void push(Exchange ex) {
        Exchange h;
        do {
            h = head.get();
            ex.next = h;
        } while (!head.compareAndSet(h, ex));
    }

    /** The most recently pushed exchange, or null. Single consumer. */
    Exchange pop() {
        Exchange h;
        do {
            h = head.get();
            if (h == null) {
                return null;
            }
        } while (!head.compareAndSet(h, h.next));
        h.next = null;
        return h;
    }

    /** Takes everything, oldest first (a chain through {@link Exchange#next}), or null. Single consumer. */
    Exchange popAllFifo() {
        Exchange h = head.getAndSet(null);
        Exchange prev = null;
        while (h != null) {
            Exchange n = h.next;
            h.next = prev;
            prev = h;
            h = n;
        }
        return prev;
    }

    boolean isEmpty() {
        return head.get() == null;
    }
}
