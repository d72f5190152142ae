package dev.soak.load;

/**
 * A plain Java operation driven in-process (the in-process soak API), e.g.
 * {@code () -> cache.get(key)}.
 *
 * <p>Returning normally is a success; throwing anything is counted in the error class
 * {@code exception}. Latency is measured around {@link #execute()} from the intended start
 * (corrected) and from the actual call (uncorrected). Implementations are called from several
 * driver worker threads at once and must be thread-safe.
 */
@FunctionalInterface
public interface Operation {
    /** Performs the operation once. */
    void execute() throws Exception;
}
