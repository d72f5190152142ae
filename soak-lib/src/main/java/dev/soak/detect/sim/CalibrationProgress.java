package dev.soak.detect.sim;

/**
 * What {@link Calibration#run} reports while it runs: each finished cell, in grid order, and each finished run of
 * the cell under way. A cell of 100 week-long runs takes about ten minutes on 2 cores, too long to wait for
 * without a sign of life.
 */
@FunctionalInterface
public interface CalibrationProgress {
    /** The cell's figures, on the calling thread, once all its runs have finished. */
    void cellDone(CellResult result);

    /**
     * {@code done} of {@code runs} runs of {@code cell} have finished; called on the worker threads, in any order
     * of {@code done}, and concurrently (implementations synchronise). Does nothing by default.
     */
    default void runDone(Cell cell, int done, int runs) {
    }
}
