package dev.soak.soak;

import dev.soak.checkpoint.AtomicFiles;
import dev.soak.report.Analyze;
import dev.soak.report.ReportModel;
import dev.soak.report.ReportWriter;
import dev.soak.report.RunAnalysis;
import dev.soak.report.RunData;
import dev.soak.report.RunLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A fallback used only when the full report ({@link Analyze#run}) fails on a run's data (for
 * example a plot the charting library refuses to draw): the analysis is redone and
 * {@code report.txt} alone is written, with its markers and verdicts, plus a note saying why the
 * other files are missing. The run's verdict and exit code then still come from the shared
 * analysis. Stateless and thread-safe.
 */
final class TextOnlyReport {
    private TextOnlyReport() {
    }

    static Analyze.Result write(Path dir, Analyze.Result failed) {
        try {
            RunData run = RunLoader.load(List.of(dir));
            ReportModel model = RunAnalysis.analyze(run);
            String text = ReportWriter.text(run, model) + System.lineSeparator()
                + "NOTE: report.json, report.html and plots/ could not be written: " + failed.summary()
                + System.lineSeparator() + "Run analyze.java on this directory once that is fixed." + System.lineSeparator();
            AtomicFiles.write(dir.resolve("report.txt"), text.getBytes(StandardCharsets.UTF_8));
            int exit = RunAnalysis.exitCode(run, model);
            String summary = failed.summary() + System.lineSeparator() + "report.txt written without plots: "
                + run.scenario().name() + ": " + model.overall() + System.lineSeparator() + "exit " + exit + ": "
                + RunAnalysis.describe(exit);
            return new Analyze.Result(exit, summary, run, model, dir);
        } catch (RuntimeException | OutOfMemoryError e) {
            return failed;
        }
    }
}
