package dev.soak.checkpoint;

import java.util.List;

/**
 * What a tolerant reader got out of one run-directory file: the rows it could read, how many lines
 * it skipped (a torn last line of a file still being written or cut off by a crash, or a corrupt
 * line), and one human-readable warning per problem (capped, with a final "… and N more").
 *
 * <p>A missing optional file reads as no rows, nothing skipped and no warnings. Immutable.
 *
 * @param rows          the rows read, in file order
 * @param skippedLines  lines that could not be read (torn or corrupt)
 * @param warnings      what was skipped and why, naming the file and line number
 * @param <T>           the row type
 */
public record ReadResult<T>(List<T> rows, int skippedLines, List<String> warnings) {
    public ReadResult {
        rows = List.copyOf(rows);
        warnings = List.copyOf(warnings);
        if (skippedLines < 0) {
            throw new IllegalArgumentException("skippedLines = " + skippedLines + " must be >= 0");
        }
    }

    /** Nothing read, nothing skipped (e.g. an optional file that does not exist yet). */
    public static <T> ReadResult<T> empty() {
        return new ReadResult<>(List.of(), 0, List.of());
    }

    /** True when every line of the file was read. */
    public boolean complete() {
        return skippedLines == 0;
    }
}
