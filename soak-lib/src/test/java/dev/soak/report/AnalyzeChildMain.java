package dev.soak.report;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A child JVM for {@link LongRunMemoryTest}: analyses the run directories named by its arguments (several are merged)
 * as {@code analyze.java} does ({@code --csv} first: with the CSV tables), prints the summary and exits with the
 * analysis's exit code (1 with an {@code OutOfMemoryError} on stderr when the heap the test gave it is too small).
 */
public final class AnalyzeChildMain {
    private AnalyzeChildMain() {
    }

    public static void main(String[] args) {
        boolean csv = args.length > 0 && args[0].equals("--csv");
        List<Path> dirs = Arrays.stream(args).skip(csv ? 1 : 0).map(Path::of).toList();
        Analyze.Result r = Analyze.run(new Analyze.Options(dirs, null, csv, false));
        System.out.println(r.summary());
        System.exit(r.exitCode());
    }
}
