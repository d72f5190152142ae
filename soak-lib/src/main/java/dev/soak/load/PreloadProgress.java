package dev.soak.load;

/**
 * Receives progress of {@link LoadDriver#preload(PreloadProgress)}: called from the preloading
 * thread roughly every 1 % of the items and once at the end; must return quickly.
 */
@FunctionalInterface
public interface PreloadProgress {
    /** A no-op listener. */
    PreloadProgress NONE = (done, failed, total) -> { };

    /**
     * @param done   items stored so far (successes and failures)
     * @param failed of which failed
     * @param total  items to store ({@code [data] num_nodes})
     */
    void onProgress(long done, long failed, long total);
}
