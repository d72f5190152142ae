package dev.soak.report;

import dev.soak.checkpoint.RunDirectoryException;
import dev.soak.checkpoint.RunDirectoryReader;
import dev.soak.checkpoint.RunTables;
import dev.soak.detect.DurationText;
import dev.soak.report.ReportModel.MetricVerdict;
import dev.soak.report.ReportModel.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code analyze.java} and {@code plot.java} do, as a library call: load run directories
 * (merging several), analyse, write the reports (or only the plots), optionally the CSV tables,
 * and return a short summary with the exit code (0 pass, 1 leak / drift / abort, 2 bad input,
 * 3 inconclusive). It never throws for a user error and never shows a stack trace: the message is
 * in {@link Result#summary()}. Stateless and thread-safe.
 */
public final class Analyze {
    private Analyze() {
    }

    /**
     * @param directories  run directories (several = load generators of one test)
     * @param outputDir    where the reports go; null = the run directory (one), or {@code <first>/merged} (several)
     * @param csv          also write the Tablesaw tables as CSV (into {@code <output>/csv})
     * @param plotsOnly    write only {@code plots/*.png}
     */
    public record Options(List<Path> directories, Path outputDir, boolean csv, boolean plotsOnly) {
        public Options {
            directories = List.copyOf(directories);
        }

        /** Full analysis of the directories, reports next to the data. */
        public static Options of(Path... directories) {
            return new Options(List.of(directories), null, false, false);
        }
    }

    /**
     * @param exitCode  0 pass, 1 fail or aborted, 2 bad input, 3 inconclusive
     * @param summary   what to print (a few lines)
     * @param run       the loaded run (null when it could not be loaded)
     * @param model     the analysis (null when not analysed)
     * @param outputDir where files were written (null when none)
     */
    public record Result(int exitCode, String summary, RunData run, ReportModel model, Path outputDir) { }

    /**
     * Runs the whole analysis. One that runs out of heap says so and how to give it more (its data is out of reach
     * once {@link #analyse} has returned by the error, so the message can be made).
     */
    public static Result run(Options options) {
        return run(options, Progress.none());
    }

    /** {@link #run(Options)}, saying what it does to {@code progress} when it is slow. */
    public static Result run(Options options, Progress progress) {
        try {
            return analyse(options, progress);
        } catch (OutOfMemoryError e) {
            return outOfMemory(options);
        }
    }

    private static Result analyse(Options options, Progress progress) {
        RunData run;
        try {
            // one directory's CSV is written as its metrics.jsonl is read again; merged ones from what is held
            run = RunLoader.load(options.directories(), options.csv() && options.directories().size() > 1, progress);
        } catch (BadInputException e) {
            return new Result(RunAnalysis.EXIT_BAD_INPUT, "error: " + e.getMessage(), null, null, null);
        } catch (RuntimeException e) {
            return internal(e);
        }
        ReportModel model = null;
        Path out = options.outputDir() != null ? options.outputDir()
                : options.directories().size() == 1 ? options.directories().get(0) : options.directories().get(0).resolve("merged");
        try {
            progress.step(String.format(Locale.ROOT, "analysing %d resource samples and %d load intervals",
                    run.resources().size(), run.metrics().size()));
            model = RunAnalysis.analyze(run);
            StringBuilder s = new StringBuilder();
            if (options.plotsOnly()) {
                progress.step("drawing the plots into " + out.resolve("plots"));
                List<Path> files = Plots.writeAll(run, model, out.resolve("plots"));
                s.append(String.format(Locale.ROOT, "wrote %d plot(s) into %s", files.size(), out.resolve("plots")));
                if (RunAnalysis.hasNoSamples(run)) {
                    return new Result(RunAnalysis.EXIT_BAD_INPUT, "error: " + noSamples(options) + "\n" + s, run, model, out);
                }
                return new Result(RunAnalysis.EXIT_PASS, s.toString(), run, model, out);
            }
            progress.step("writing report.txt, report.json, report.html and plots/ into " + out);
            ReportWriter.write(run, model, out);
            if (options.csv()) {
                progress.step("writing the CSV tables into " + out.resolve("csv"));
                writeCsv(run, out.resolve("csv"));
            }
            int exit = RunAnalysis.exitCode(run, model);
            if (exit == RunAnalysis.EXIT_BAD_INPUT) {
                s.append("error: ").append(noSamples(options)).append('\n');
            }
            verdicts(run, model, s);
            s.append(String.format(Locale.ROOT, "reports: %s (report.txt, report.json, report.html, plots/)%s%n", out,
                    options.csv() ? ", csv/" : ""));
            s.append("exit ").append(exit).append(": ").append(RunAnalysis.describe(exit));
            return new Result(exit, s.toString(), run, model, out);
        } catch (IOException | UncheckedIOException e) {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "error: cannot write the reports into %s (%s)."
                    + " The run's records are untouched: free space on that file system (df -h %s) or make it writable,"
                    + " then analyse the run again, or write the reports elsewhere (analyze.java --output DIR).%n", out,
                    rootReason(e), out));
            if (model != null) {
                s.append("Verdicts (not saved):\n");
                verdicts(run, model, s);
            }
            return new Result(RunAnalysis.EXIT_BAD_INPUT, s.toString().stripTrailing(), run, null, null);
        } catch (BadInputException e) {
            return new Result(RunAnalysis.EXIT_BAD_INPUT, "error: " + e.getMessage(), run, null, null);
        } catch (RuntimeException e) {
            return internal(e);
        }
    }

    /** The overall verdict, each metric's and each exhaustion, a line each, into {@code s}. */
    private static void verdicts(RunData run, ReportModel model, StringBuilder s) {
        s.append(String.format(Locale.ROOT, "%s: %s (%s, %s)%n", run.scenario().name().isEmpty() ? "run" : run.scenario().name(),
                RunAnalysis.overall(run, model), run.status(), DurationText.clock(run.durationSec())));
        for (MetricVerdict v : model.verdicts()) {
            s.append(String.format(Locale.ROOT, "  %-18s %-12s %s %s [%s, %s], threshold %s%s%n", v.metric() + (v.gating() ? "" : " (i)"), v.verdict(),
                    Fmt.rate(v.estimate(), v.unit()), v.unit(), Fmt.rate(v.lower(), v.unit()), Fmt.rate(v.upper(), v.unit()), Fmt.sig(v.threshold()),
                    v.verdict() == Verdict.INCONCLUSIVE ? ", ~" + Fmt.runTime(v.extraHoursNeeded()) + " more needed" : ""));
        }
        for (ReportModel.Forecast f : model.forecasts()) {
            if (f.reached()) {
                s.append(String.format(Locale.ROOT, "  %-18s EXHAUSTION   limit %s (%s) reached%n", f.resource(),
                        Fmt.sig(f.limit()), f.limitSource()));
            } else if (f.exhausting()) {
                s.append(String.format(Locale.ROOT, "  %-18s EXHAUSTION   limit %s (%s) reached in %s h, within the %s h horizon%n",
                        f.resource(), Fmt.sig(f.limit()), f.limitSource(), Fmt.num(f.hoursToLimit(), 1),
                        Fmt.num(f.horizonHours(), 0)));
            }
        }
        if (run.aborted()) {
            s.append("  the run was aborted\n");
        }
        for (GeneratorFootprint g : run.generators()) {
            if (g.leaks()) {
                s.append(String.format(Locale.ROOT, "  the load generator's own heap after GC grows %s MB/h%s: its"
                        + " latency figures may include its growing collections (LOAD GENERATOR in report.txt)%n",
                        Fmt.sig(g.heapTrend().orElseThrow().ratePerHour()),
                        run.generators().size() > 1 ? " (" + g.directory().getFileName() + ")" : ""));
            }
        }
        if (!run.notes().isEmpty()) {
            s.append(String.format(Locale.ROOT, "  %d note(s) on missing or skipped data: see report.txt%n", run.notes().size()));
        }
    }

    /** What the operating system said of a failed write ("No space left on device"), else the message. */
    private static String rootReason(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getFile() + ": " + f.getReason()
                : c.getMessage() != null ? c.getMessage() : e.toString();
    }

    /**
     * The CSV tables of {@code run} into {@code dir}: of one directory, its metrics.csv as its metrics.jsonl is read
     * (each interval's per-operation detail is not held); of merged directories, from the merged intervals.
     */
    private static void writeCsv(RunData run, Path dir) {
        if (run.directories().size() > 1) {
            RunTables.exportCsv(run.resources(), run.metrics(), run.events(), dir);
            return;
        }
        RunDirectoryReader reader;
        try {
            reader = RunDirectoryReader.open(run.directories().get(0)).onAllCores();
        } catch (RunDirectoryException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        RunTables.exportCsv(run.resources(), reader, run.metrics(), run.events(), dir);
    }

    /**
     * The analysis ran out of heap (it holds every load interval's totals and every resource sample of the run, about
     * 0.25 and 0.13 KB each, and with {@code --csv} of merged directories each interval's per-operation detail too):
     * what to do, as a bad-input result. The run's files are only read, so nothing is lost.
     */
    private static Result outOfMemory(Options options) {
        String dirs = options.directories().stream().map(Path::toString).collect(java.util.stream.Collectors.joining(" "));
        return new Result(RunAnalysis.EXIT_BAD_INPUT, String.format(Locale.ROOT, "error: the analysis of %s ran out of"
                + " memory (this JVM may use at most %d MB of heap); the run's files are intact. Give it more heap, e.g."
                + " ./jbang --runtime-option=-Xmx8g jbang-scripts/analyze.java %s", dirs,
                Runtime.getRuntime().maxMemory() / (1024 * 1024), dirs), null, null, null);
    }

    private static String noSamples(Options o) {
        return o.directories() + " holds no resource sample and no load interval yet: a partial report says what is missing; "
                + "analyse again once the run has written samples (resources.jsonl, metrics.jsonl)";
    }

    private static Result internal(RuntimeException e) {
        StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        return new Result(RunAnalysis.EXIT_BAD_INPUT, "error: the analysis failed on this input (" + e.getClass().getSimpleName() + ": "
                + e.getMessage() + (where == null ? "" : " at " + where) + "); this is a bug in soak, please report it with the run directory",
                null, null, null);
    }
}
