package dev.soak.report;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A child JVM for {@link LongRunMemoryTest}: analyses the run directories named by its arguments (several are merged)
 * as {@code analyze.java} does, prints the summary and exits with the analysis's exit code (1 with an
 * {@code OutOfMemoryError} on stderr when the heap the test gave it is too small).
 */
public final class AnalyzeChildMain {
    private AnalyzeChildMain() {
    }

    public static void main(String[] args) {
        Analyze.Result r = Analyze.run(Analyze.Options.of(Arrays.stream(args).map(Path::of).toArray(Path[]::new)));
        System.out.println(r.summary());
        System.exit(r.exitCode());
    }
}
