package dev.soak.load;

/**
 * A monotonic nanosecond time source, {@link System#nanoTime()} by default. Injected into the
 * {@link LoadDriver} so tests can reason about (or replace) the clock the schedule is built on.
 *
 * <p>Implementations must be safe to call from several threads at once.
 */
@FunctionalInterface
public interface NanoClock {
    /** The system clock, {@link System#nanoTime()}. */
    NanoClock SYSTEM = System::nanoTime;

    /** Monotonic time in nanoseconds; only differences are meaningful. */
    long nanoTime();
}
